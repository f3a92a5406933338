#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The workbench as a screen reader sees it: for each view, the app runs
with GTK's AT-SPI backend on, this script walks its accessibility tree
over AT-SPI once the key panel is there, and fails on any control
(button, slider, spin button, combo box, check box, entry, tab, image)
without a name, and on any GTK, GLib or libadwaita warning the app
printed. It waits on AT-SPI events, never on a clock.
    check-a11y.py NEUROCIPHER IMAGE
Exit 77 (skipped) without a display or a session bus."""
import collections
import os
import signal
import subprocess
import sys
import tempfile

if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
    print("no display: accessibility check skipped", file=sys.stderr)
    sys.exit(77)
if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
    print("no session bus: accessibility check skipped", file=sys.stderr)
    sys.exit(77)

import gi  # noqa: E402  (after the skips: a machine without a display may lack it)

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

app, image = sys.argv[1], sys.argv[2]
VIEWS = ["histogram", "scatter", "keyflip", "metrics", "attacks", "training",
         "compare", "sweep", "noise", "randomness", "measure"]
NAMED = {Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON, Atspi.Role.CHECK_BOX,
         Atspi.Role.RADIO_BUTTON, Atspi.Role.SLIDER, Atspi.Role.SPIN_BUTTON,
         Atspi.Role.COMBO_BOX, Atspi.Role.ENTRY, Atspi.Role.PAGE_TAB, Atspi.Role.IMAGE,
         Atspi.Role.MENU_ITEM, Atspi.Role.LINK}
WARNING_MARKS = ("-WARNING", "-CRITICAL", "Gtk-Message")


def walk(node, path, out):
    try:
        role, name, count = node.get_role(), node.get_name() or "", node.get_child_count()
        role_name = node.get_role_name()
    except Exception:  # the node went away while we read it
        return
    out.append((path + [role_name], role, name))
    for i in range(count):
        child = node.get_child_at_index(i)
        if child is not None:
            walk(child, path + [role_name], out)


def find(pid):
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        node = desktop.get_child_at_index(i)
        try:
            if node is not None and node.get_process_id() == pid:
                return node
        except Exception:
            continue
    return None


state = {}


def on_event(event):
    if "tree" in state:
        return
    node = find(state["pid"])
    if node is None:
        return
    tree = []
    walk(node, [], tree)
    # The key panel's sliders are there: the image is loaded and the
    # window built.
    if any(role == Atspi.Role.SLIDER for _, role, _ in tree):
        state["tree"] = tree
        Atspi.event_quit()


listener = Atspi.EventListener.new(on_event)
for event in ("object:children-changed", "window:activate", "object:state-changed:showing"):
    listener.register(event)

problems = []
for view in VIEWS:
    env = dict(os.environ, GTK_A11Y="atspi")
    env.pop("NO_AT_BRIDGE", None)
    with tempfile.TemporaryFile(mode="w+") as log:
        proc = subprocess.Popen([app, "--view", view, image], env=env, stderr=log)
        state.clear()
        state["pid"] = proc.pid
        Atspi.event_main()
        tree = state["tree"]
        proc.send_signal(signal.SIGTERM)
        proc.wait()
        log.seek(0)
        warnings = [line.rstrip() for line in log
                    if any(mark in line for mark in WARNING_MARKS) and "dbus-daemon" not in line]
    counts = collections.Counter(role for _, role, _ in tree if role in NAMED)
    unnamed = [" > ".join(path[-4:]) for path, role, name in tree if role in NAMED and not name.strip()]
    print(f"{view}: {len(tree)} accessibles, {sum(counts.values())} controls and images, "
          f"{len(unnamed)} without a name, {len(warnings)} warnings")
    problems += [f"{view}: no name: {u}" for u in unnamed]
    problems += [f"{view}: {w}" for w in warnings]

for problem in problems:
    print(problem, file=sys.stderr)
sys.exit(1 if problems else 0)
