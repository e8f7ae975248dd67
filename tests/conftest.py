"""Shared test fixtures and settings."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SOLUTIONS = NOTEBOOKS / "solutions"

# Jupyter and IPython write state under $HOME by default; keep it in the project (the Makefile sets
# these too, this covers a bare `pytest`).
for var, sub in [("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython"),
                 ("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data")]:
    os.environ.setdefault(var, str(ROOT / ".jupyter" / sub))
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))




def student_notebooks() -> list[Path]:
    """The notebooks students open (generated from the solutions)."""
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def solution_notebooks() -> list[Path]:
    """The solution notebooks (the source of truth)."""
    return sorted(SOLUTIONS.glob("*.ipynb"))


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def pkg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A copy of data/ that the loader reads instead (tests/data_copy.py); break it at will."""
    from data_copy import copy_of_the_data

    yield from copy_of_the_data(tmp_path, monkeypatch)
