"""Reading the collection's notebooks as data: one reader for every tool that needs their cells.

The notebook map, ``solution("3.1")``, the generator of the student notebooks, the teacher's report, the
static site and the tests all read ``.ipynb`` files through these functions.

>>> cell_source({"source": ["# Exercise 3.1\\n", "x = 1"]})
'# Exercise 3.1\\nx = 1'
>>> exercise_of_cell({"cell_type": "code", "source": "# Exercise 3.1\\nx = 1"})
'3.1'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = [
    "ROOT",
    "NOTEBOOKS_DIR",
    "SOLUTIONS_DIR",
    "NotebookReadError",
    "read_notebook",
    "cell_source",
    "code_cells",
    "tags",
    "exercise_of_cell",
    "student_notebooks",
    "solution_notebooks",
]

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = ROOT / "notebooks"
SOLUTIONS_DIR = NOTEBOOKS_DIR / "solutions"

_EXERCISE_LINE = re.compile(r"#\s*Exercise\s+(\d+\.\d+)\b")


class NotebookReadError(ValueError):
    """A notebook file could not be read (missing, not JSON, not a notebook); the message says which."""


def read_notebook(path: str | Path) -> dict[str, Any]:
    """The notebook at ``path`` as a dict (nbformat 4 JSON); NotebookReadError if it cannot be read."""
    path = Path(path)
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NotebookReadError(f"{path} does not exist") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NotebookReadError(f"{path} is not a readable notebook ({exc})") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise NotebookReadError(f"{path} is JSON but not a notebook (no list of cells)")
    return nb


def cell_source(cell: dict[str, Any]) -> str:
    """A cell's source as one string (notebooks store it as a list of lines or as a string)."""
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def tags(cell: dict[str, Any]) -> list[str]:
    """A cell's tags (metadata.tags), [] if none."""
    return list(cell.get("metadata", {}).get("tags", []) or [])


def code_cells(nb: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, cell) for every code cell of a notebook, index counting every cell from 0."""
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") == "code":
            yield i, cell


def exercise_of_cell(cell: dict[str, Any]) -> str | None:
    """The exercise id of an answer cell (its first line is '# Exercise N.M ...'), else None."""
    if cell.get("cell_type") != "code":
        return None
    first = next((line.strip() for line in cell_source(cell).splitlines() if line.strip()), "")
    match = _EXERCISE_LINE.match(first)
    return match.group(1) if match else None


def student_notebooks() -> list[Path]:
    """The notebooks students open (notebooks/NN-*.ipynb), in order."""
    return sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))


def solution_notebooks() -> list[Path]:
    """The teacher's versions (notebooks/solutions/NN-*.ipynb), the source of truth for exercises."""
    return sorted(SOLUTIONS_DIR.glob("[0-9][0-9]-*.ipynb"))
