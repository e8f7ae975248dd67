"""A copy of the data package to break on purpose: the ``pkg`` fixture (in conftest.py) and its CSV tools.

Tests point the loader at the copy with ``TITFORTAT_DATA`` and change its files; the repository's data/
is never touched.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import data

DATA = Path(__file__).resolve().parent.parent / "data"


def copy_of_the_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The data package copied into ``tmp_path`` and made the one the loader reads (its caches emptied)."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    monkeypatch.setenv("TITFORTAT_DATA", str(target))
    data.clear_cache()
    yield target
    data.clear_cache()


def read_rows(path: Path) -> list[list[str]]:
    """A CSV file's rows as lists of cell texts (the header first)."""
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    """Write rows back as the data files are written (commas, \\n line ends, UTF-8)."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
