#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the neurocipher-cli(1) manual page from the program's own
help: the command list (neurocipher-cli alone) and each command's
--help. Run by the build, so the page always says what the program does.

    make-cli-page.py NEUROCIPHER-CLI VERSION OUTPUT
"""
import re
import subprocess
import sys


def esc(text):
    """Escapes text for troff: backslashes, leading dots and quotes."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return re.sub(r"^([.'])", r"\\&\1", text, flags=re.M)


def help_of(cli, command):
    out = subprocess.run([cli, command, "--help"], capture_output=True, text=True,
                         env={"LC_ALL": "C.UTF-8"}, check=True).stdout
    return out


def parse_help(text):
    """(usage, summary, [(option, description)]) from GOption's --help."""
    lines = text.splitlines()
    usage = lines[1].strip() if len(lines) > 1 else ""
    summary, options, section = [], [], None
    for line in lines[2:]:
        if line.endswith("Options:"):
            section = line
            continue
        if section is None:
            if line.strip():
                summary.append(line.strip())
            continue
        if "Help Options" in section:
            continue
        m = re.match(r"^\s+(-\S.*?)\s{2,}(\S.*)$", line)
        if m:
            options.append([m.group(1), m.group(2)])
        elif line.strip() and options:
            options[-1][1] += " " + line.strip()
    return usage, " ".join(summary), options


def main():
    cli, version, output = sys.argv[1:4]
    listing = subprocess.run([cli], capture_output=True, text=True,
                             env={"LC_ALL": "C.UTF-8"}).stderr
    commands = re.findall(r"^  (\S+)\s+(.*)$", listing.split("Commands:")[1], flags=re.M)
    page = [
        f'.TH NEUROCIPHER\\-CLI 1 "" "Neurocipher {version}" "User Commands"',
        ".SH NAME",
        "neurocipher\\-cli \\- image encryption with neural\\-network models, and its analysis",
        ".SH SYNOPSIS",
        ".B neurocipher\\-cli",
        ".I COMMAND",
        "[\\fIOPTION\\fR...] [\\fIARGUMENT\\fR...]",
        ".SH DESCRIPTION",
        esc("The command-line face of Neurocipher's engine library: chaotic (Hopfield), cellular, "
            "convolutional and generative adversarial networks encrypt images; the measures of "
            "the review \"Application of Neural Network Models in Image Encryption and "
            "Differential Analysis\" (Lyu, 2025) judge them, beside an attack lab, NIST SP 800-22 "
            "and ChaCha20 for scale. Statistical tests are necessary, never sufficient: a cipher "
            "they all pass can still fall to one chosen image."),
        ".SH COMMANDS",
    ]
    for name, line in commands:
        usage, summary, options = parse_help(help_of(cli, name))
        page += [f".SS {esc(name)}", f".B {esc(usage)}", ".PP", esc(summary)]
        for option, description in options:
            page += [".TP", f".B {esc(option)}", esc(description)]
    page += [
        ".SH EXIT STATUS",
        "0 on success, 1 for bad input (the file is named in a one\\-line message), 2 for bad usage.",
        ".SH FILES",
        ".TP",
        ".I *.nckey",
        esc("Key files: secret, written readable by their owner alone (mode 0600)."),
        ".SH SEE ALSO",
        ".BR neurocipher (1)",
        "",
    ]
    with open(output, "w", encoding="utf-8") as f:
        f.write("\n".join(page))


main()
