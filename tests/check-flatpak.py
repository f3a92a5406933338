#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What can be checked of the Flatpak manifest without a network: it
parses; the id is the application's; the runtime is a supported GNOME
one (49 or newer); no filesystem access beyond the portals; every
downloaded source is pinned by its SHA-256; the application itself is
built with meson from this tree."""
import json
import re
import sys

manifest_path, app_id = sys.argv[1], sys.argv[2]
problems = []
with open(manifest_path, encoding="utf-8") as f:
    manifest = json.load(f)

if manifest.get("id") != app_id:
    problems.append(f"id is {manifest.get('id')!r}, not {app_id!r}")
if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
    problems.append("the runtime is not org.gnome.Platform with org.gnome.Sdk")
version = str(manifest.get("runtime-version", ""))
if not re.fullmatch(r"\d+", version) or int(version) < 49:
    problems.append(f"runtime-version {version!r} is not a supported GNOME runtime (49 or newer)")
for arg in manifest.get("finish-args", []):
    if arg.startswith("--filesystem"):
        problems.append(f"{arg}: files come through the portals, no filesystem access is needed")
modules = manifest.get("modules", [])
names = [m.get("name") for m in modules]
if "libsodium" not in names:
    problems.append("libsodium is not built as a module")
for module in modules:
    for source in module.get("sources", []):
        if source.get("type") in ("archive", "file"):
            if not source.get("url", "").startswith("https://"):
                problems.append(f"{module.get('name')}: a source is not fetched over https")
            if not re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")):
                problems.append(f"{module.get('name')}: a source has no SHA-256")
if not modules or modules[-1].get("name") != "neurocipher" or modules[-1].get("buildsystem") != "meson":
    problems.append("the last module is not neurocipher built with meson")
elif not any(s.get("type") == "dir" for s in modules[-1].get("sources", [])):
    problems.append("neurocipher is not built from this tree")

for problem in problems:
    print(f"{manifest_path}: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
