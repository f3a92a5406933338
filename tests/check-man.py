#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Formats manual pages with groff, every warning on: a warning fails."""
import subprocess
import sys

status = 0
for page in sys.argv[1:]:
    run = subprocess.run(["groff", "-K", "utf8", "-man", "-ww", "-z", page], capture_output=True, text=True)
    if run.returncode != 0 or run.stderr.strip():
        print(f"{page}:\n{run.stderr}", file=sys.stderr)
        status = 1
sys.exit(status)
