"""A class's notebooks as files: find them, name the student, tell which notebook each one is.

Nothing here runs student code or writes to the teacher's folder: it reads files and looks at cells.

- :func:`find_submissions` walks a folder (nested folders allowed, as collected from a hub's home
  folders or a mail client's downloads) and skips what is not a student's work: hidden folders,
  Jupyter's ``.ipynb_checkpoints``, and the report's own output folder.
- :func:`student_name` names the student from the first folder under the one collected
  (``home/jupyter-alice/...`` → ``alice``) or, for a flat folder, from the file name
  (``Alice Martin - 03-expulsions.ipynb`` → ``Alice Martin``).
- :func:`identify` tells which notebook of the collection a file is from its content — the answer cells
  (``# Exercise N.M``), the ``check("N.M", ...)`` calls and the title — never from its file name.
- :func:`answers_in_source` reads what a student typed in the answer cells, for exercises whose check
  never ran (a deleted check cell must not hide a written answer from the teacher).

>>> student_name("home/jupyter-alice/titfortat/notebooks/03-expulsions.ipynb")
'alice'
>>> student_name("Alice Martin - 03-expulsions (1).ipynb")
'Alice Martin'
>>> student_name("bob_03_Expulsions-Copy1.ipynb")
'bob'
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from helpers.exercises import exercise_ids, get_exercise
from helpers.notebooks import (
    NotebookReadError,
    cell_source,
    code_cells,
    exercise_of_cell,
    read_notebook,
    student_notebooks,
    tags,
)

__all__ = [
    "find_submissions",
    "student_name",
    "Catalogue",
    "catalogue",
    "Identity",
    "identify",
    "is_teachers_version",
    "is_as_distributed",
    "answers_in_source",
    "check_cells",
]

# Folder names that say where files were collected, not whose they are.
GENERIC_FOLDERS = {"home", "users", "user", "homes", "submitted", "submissions", "submission", "collected",
                   "downloads", "download", "class", "notebooks", "work", "jovyan", "inbox", "attachments"}
# What a copy or a download adds to a file name: "-Copy1", " (2)", "Copy of ".
_COPY_MARKS = re.compile(r"(?i)(-copy\d*|\bcopy of\b|\(\d+\)|\bcopy\b|\bcheckpoint\b)")
_CHECK_CALL = re.compile(r"""\bcheck\(\s*["']?(\d+\.\d+)""")


def find_submissions(folder: str | Path, *, exclude: Iterable[str | Path] = ()) -> list[Path]:
    """Every ``.ipynb`` under ``folder`` (sorted), without hidden folders, checkpoints and ``exclude``."""
    root = Path(folder)
    skip = [Path(p).resolve() for p in exclude]
    found = []
    for path in root.rglob("*.ipynb"):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):  # .ipynb_checkpoints, .git, .Trash ...
            continue
        resolved = path.resolve()
        if any(resolved.is_relative_to(s) for s in skip):
            continue
        if path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix().lower())


@cache
def _stem_patterns() -> tuple[re.Pattern[str], ...]:
    """Patterns for the collection's notebook names as students' files spell them ('03-expulsions', '03 Expulsions')."""
    patterns = []
    for path in student_notebooks():
        words = re.split(r"[-_ ]+", path.stem)
        patterns.append(re.compile(r"(?i)" + r"[-_ .]*".join(re.escape(w) for w in words)))
    patterns.append(re.compile(r"(?i)\b(notebook|nb)?[-_ ]?\d\d\b"))  # a bare "03"
    return tuple(patterns)


def _clean_name(text: str) -> str:
    """A name without what platforms add: a hub's ``jupyter-`` prefix, student numbers, Moodle's suffix."""
    text = re.sub(r"^jupyter-", "", text)
    text = re.sub(r"(?i)_?assignsubmission\w*", " ", text)
    text = re.sub(r"(?<![A-Za-z])\d{3,}(?![A-Za-z])", " ", text)  # student or submission numbers
    return re.sub(r"[\s_]+", " ", text).strip(" -.,;:()[]")


def student_name(relpath: str | PurePosixPath) -> str:
    """The student a file belongs to: the first folder under the collected one, else the file name.

    Folder names that only say where files were collected (``home``, ``submissions``, ``notebooks``...)
    are passed over; a JupyterHub user folder loses its ``jupyter-`` prefix, and runs of three or more
    digits (student numbers) are dropped. In a flat folder the file name minus the notebook's name and
    copy marks is the student; if nothing is left, the file name.
    """
    rel = PurePosixPath(str(relpath).replace("\\", "/"))
    for part in rel.parts[:-1]:
        if part.lower() in GENERIC_FOLDERS:
            continue
        return _clean_name(part) or part
    stem = rel.stem
    rest = _COPY_MARKS.sub(" ", stem)
    for pattern in _stem_patterns():
        rest = pattern.sub(" ", rest)
    return _clean_name(rest) or stem


@dataclass(frozen=True)
class Catalogue:
    """What the collection holds: the notebooks (key → title) and which notebook each exercise belongs to."""

    titles: dict[str, str]
    notebook_of: dict[str, str]

    def label(self, notebook: str) -> str:
        """'03 · Expulsions: 35 out, 755 cut' for '03-expulsions' (the key itself if unknown)."""
        title = self.titles.get(notebook)
        return f"{notebook[:2]} · {title}" if title else notebook


def _title(nb: dict[str, Any]) -> str:
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for line in cell_source(cell).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
            return ""
    return ""


@cache
def catalogue() -> Catalogue:
    """The collection's notebooks and exercises, read from ``notebooks/`` and ``helpers.exercises``."""
    titles = {}
    for path in student_notebooks():
        try:
            titles[path.stem] = _title(read_notebook(path))
        except NotebookReadError:
            titles[path.stem] = ""
    notebook_of = {i: get_exercise(i).notebook for i in exercise_ids()}
    for notebook in set(notebook_of.values()) - set(titles):
        titles[notebook] = ""
    return Catalogue(titles, notebook_of)


@dataclass(frozen=True)
class Identity:
    """Which notebook a file is (``notebook`` is '' if none), and what says so."""

    notebook: str
    answer_cells: tuple[str, ...]  # exercise ids of the answer cells found, in cell order
    evidence: str


def check_cells(nb: dict[str, Any]) -> dict[str, list[int]]:
    """Exercise id → indexes of the code cells that call ``check("N.M", ...)``."""
    found: dict[str, list[int]] = {}
    for index, cell in code_cells(nb):
        for exercise in _CHECK_CALL.findall(cell_source(cell)):
            found.setdefault(exercise, []).append(index)
    return found


def identify(nb: dict[str, Any], cat: Catalogue | None = None) -> Identity:
    """The collection notebook a student's file is, from its answer cells, check calls and title."""
    cat = cat or catalogue()
    answers = tuple(e for _, cell in code_cells(nb) if (e := exercise_of_cell(cell)))
    votes = Counter(cat.notebook_of[e] for e in answers if e in cat.notebook_of)
    if votes:
        return Identity(votes.most_common(1)[0][0], answers, "its answer cells")
    checks = Counter(cat.notebook_of[e] for e in check_cells(nb) if e in cat.notebook_of)
    if checks:
        return Identity(checks.most_common(1)[0][0], answers, "its check cells")
    title = _title(nb).casefold()
    for notebook, known in cat.titles.items():
        if known and title == known.casefold():
            return Identity(notebook, answers, "its title")
    return Identity("", answers, "")


def is_teachers_version(nb: dict[str, Any]) -> bool:
    """True for a solution notebook (a cell tagged ``solutions-only``): the teacher's copy, not a student's."""
    return any("solutions-only" in tags(cell) for cell in nb.get("cells", []))


def _code_sources(nb: dict[str, Any]) -> list[str]:
    return [cell_source(cell).strip() for _, cell in code_cells(nb)]


@cache
def _distributed_sources(notebook: str) -> tuple[str, ...] | None:
    for path in student_notebooks():
        if path.stem == notebook:
            try:
                return tuple(_code_sources(read_notebook(path)))
            except NotebookReadError:
                return None
    return None


def is_as_distributed(nb: dict[str, Any], notebook: str) -> bool:
    """True if every code cell is still exactly as in the collection's student notebook (not started)."""
    distributed = _distributed_sources(notebook)
    return distributed is not None and tuple(_code_sources(nb)) == distributed


def answers_in_source(nb: dict[str, Any]) -> dict[str, str]:
    """Exercise id → the answer typed in its answer cell, when it is a plain value (a written answer's text).

    Used only for exercises whose check never ran; '' when the cell still holds the ``...`` placeholder
    or computes its answer (the report does not guess what a computation would give).
    """
    found: dict[str, str] = {}
    for _, cell in code_cells(nb):
        exercise = exercise_of_cell(cell)
        if not exercise:
            continue
        found.setdefault(exercise, "")
        try:
            name = get_exercise(exercise).answer_name
            tree = ast.parse(cell_source(cell))
        except (KeyError, SyntaxError, ValueError):
            continue
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
                try:
                    value = ast.literal_eval(node.value)
                except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                    continue
                if value is Ellipsis or (isinstance(value, str) and not value.strip()):
                    found[exercise] = ""
                else:
                    found[exercise] = value.strip() if isinstance(value, str) else repr(value)
    return found
