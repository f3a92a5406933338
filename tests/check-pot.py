#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The translation template builds: xgettext reads every file listed in
po/POTFILES.in without an error, every source that marks strings (the
window's, the library's, the command line's) and every .ui file is
listed, and the template holds the strings."""
import os
import subprocess
import sys
import tempfile

root, xgettext = sys.argv[1], sys.argv[2]
listing = os.path.join(root, "po", "POTFILES.in")
listed = [line.strip() for line in open(listing, encoding="utf-8")
          if line.strip() and not line.startswith("#")]
problems = [f"{name}: listed but missing" for name in listed if not os.path.exists(os.path.join(root, name))]

marks = ('_("', 'N_("', "ngettext (")
sources = [(f"src/{part}", suffix) for part in ("ui", "core", "engines", "metrics", "attacks", "plot", "cli")
           for suffix in (".c", ".h")]
for folder, suffix in sources + [("data/ui", ".ui")]:
    for name in sorted(os.listdir(os.path.join(root, folder))):
        path = f"{folder}/{name}"
        if not name.endswith(suffix) or path in listed:
            continue
        text = open(os.path.join(root, path), encoding="utf-8").read()
        if suffix == ".ui" or any(mark in text for mark in marks):
            problems.append(f"{path}: marks strings but is not in po/POTFILES.in")

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "neurocipher.pot")
    run = subprocess.run([xgettext, "--from-code=UTF-8", "--add-comments", "--keyword=_", "--keyword=N_",
                          "--keyword=C_:1c,2", "--keyword=NC_:1c,2", "--keyword=ngettext:1,2", "--keyword=g_dngettext:2,3",
                          "--directory", root, "--files-from", listing, "--output", pot],
                         capture_output=True, text=True)
    if run.returncode != 0 or "warning" in run.stderr:
        problems.append(f"xgettext: {run.stderr.strip()}")
    text = open(pot, encoding="utf-8").read() if os.path.exists(pot) else ""
    msgids = text.count("\nmsgid ") - 1
    for expected in ("Start a Le_sson", "_Compare", "Leave the lesson", "Measures and verdicts",
                     # the library's parameter labels, engines, errors and figures, the command line
                     "Permutation", "Hopfield network", "not enough memory for a keystream of %llu bytes",
                     "Key flip: measured when the sliders rest", "Measure an image and its ciphertext, with verdicts"):
        if f'"{expected}"' not in text:
            problems.append(f"the template lacks “{expected}”")
    if msgids < 800:
        problems.append(f"the template holds {msgids} strings, fewer than the window and the command line show")

for problem in problems:
    print(problem, file=sys.stderr)
print(f"{msgids} strings to translate")
sys.exit(1 if problems else 0)
