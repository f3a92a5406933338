#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The live-update benchmark: the workbench drags its first key slider
# through 100 steps on the 512 × 512 RGB sample with the Key Flip view
# shown, and prints the update rate and the longest main-loop stall.
# Under its own Xvfb when there is no display.
# usage: run-replay.sh NEUROCIPHER SAMPLE
set -eu
export GSK_RENDERER=cairo GTK_A11Y=none GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1600x1000x24" dbus-run-session -- "$1" --replay 100 --view keyflip "$2"
fi
exec "$1" --replay 100 --view keyflip "$2"
