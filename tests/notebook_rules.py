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


# --- What a student reads: pandas, not plumbing -------------------------------------------------------
# A code cell that builds prose (Markdown(...) or HTML(...) from f-strings) is plumbing: ship it collapsed
# (metadata.jupyter.source_hidden and the tag hide-input, which make_exercises keeps) or replace it by a table.
PROSE_BUILDER = re.compile(r"\b(Markdown|HTML)\(")
# String surgery and regular expressions a beginner should not have to read in a visible cell.
SURGERY = re.compile(r"\bimport re\b|\bre\.(search|match|fullmatch|findall|finditer|sub|split|compile)\(|"
                     r"(?<!\.str)\.split\(['\"][^'\"]*['\"]\)\[|\.rsplit\(|\.partition\(")


def hidden(cell: dict) -> bool:
    """True for a code cell shipped collapsed (its output shows, its source does not)."""
    return bool(cell.get("metadata", {}).get("jupyter", {}).get("source_hidden"))


def visible_code_lines(nb: dict) -> list[tuple[int, str]]:
    """(cell index, line) for every non-empty line of a code cell a student sees (not collapsed)."""
    out = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code" and not hidden(cell):
            out += [(i, line) for line in source(cell).splitlines() if line.strip()]
    return out


def prose_share(nb: dict) -> tuple[int, int]:
    """(lines of visible code cells that build prose, all visible code lines)."""
    lines = visible_code_lines(nb)
    builders = {i for i, cell in enumerate(nb["cells"]) if cell["cell_type"] == "code" and not hidden(cell)
                and PROSE_BUILDER.search(source(cell))}
    return sum(1 for i, _ in lines if i in builders), len(lines)


def surgery(nb: dict) -> list[str]:
    """Visible lines with regular expressions or string surgery ('cell N: line')."""
    return [f"cell {i}: {line.strip()}" for i, line in visible_code_lines(nb) if SURGERY.search(line)]
