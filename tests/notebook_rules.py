"""What every notebook must look like (the notebook skeleton in CONTRIBUTING.md), shared by the hygiene tests."""

from __future__ import annotations

import json
import re
from pathlib import Path

# Headings in the order they must appear (regular expressions on markdown heading lines).
SKELETON = [
    ("title", r"^# \S"),
    ("Overview", r"^## Overview\b"),
    ("Prerequisites", r"^## Prerequisites\b"),
    ("Imports", r"^## Imports\b"),
    ("a numbered section", r"^## 1\.? "),
    ("Key points", r"^## Key points\b"),
    ("What's next", r"^## What's next\b"),
    ("Sources", r"^## Sources\b"),
]
TIME_TO_LEARN = re.compile(r"\*\*Time to learn\*\*:?\s*(\d+)\s*minutes", re.IGNORECASE)

# A path that only exists on the author's machine, at the start of a string, a link or a word: a Unix
# folder that holds users' or machines' files, a home folder (~/), a Windows drive (C:/ or C:\, written
# with one backslash in a raw string or two in a normal one).
ABSOLUTE_PATH = re.compile(
    r"""(?:^|['"(\s])"""
    r"""(?:/(?:home|root|tmp|work|Users|usr|opt|srv|mnt|data|var|media|Volumes|private)/"""
    r"""|~/"""
    r"""|[A-Za-z]:(?:/|\\))"""
)


def absolute_paths(text: str) -> list[str]:
    """The absolute paths in ``text`` (each as found, with a little context), to report them."""
    return [text[max(m.start() - 10, 0): m.end() + 30].strip() for m in ABSOLUTE_PATH.finditer(text)]


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def heading_lines(nb: dict) -> list[str]:
    lines = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            lines += [line.strip() for line in source(cell).splitlines() if line.startswith("#")]
    return lines


def skeleton_problems(nb: dict) -> list[str]:
    """Missing or out-of-order skeleton headings, and a missing 'Time to learn'."""
    problems, lines, pos = [], heading_lines(nb), 0
    for name, pattern in SKELETON:
        for i in range(pos, len(lines)):
            if re.match(pattern, lines[i]):
                pos = i + 1
                break
        else:
            problems.append(f"missing or out of order: {name}")
    text = "\n".join(source(c) for c in nb["cells"] if c["cell_type"] == "markdown")
    if not TIME_TO_LEARN.search(text):
        problems.append("missing '**Time to learn**: N minutes'")
    overview = re.search(r"## Overview\s*\n(.*?)(\n## |\Z)", text, re.S)
    if overview and len(re.findall(r"^\s*\d+\.\s", overview.group(1), re.M)) < 3:
        problems.append("the Overview needs at least three numbered learning objectives")
    return problems
