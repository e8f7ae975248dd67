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


def _poll_kernel_replies_in_slices(step: float = 0.2) -> None:
    """nbclient (tests/test_rerun.py) waits for a kernel's reply with an asyncio poll that can miss the
    wake-up when the reply arrives (upstream jupyter/nbclient#312; here on cells that build ipywidgets):
    the wait then lasts the whole cell timeout, 180 s, and returns the reply as if nothing happened.
    Polling in short slices bounds such a stall to ``step`` seconds; replies, ``Empty`` at the deadline
    and everything else are unchanged. Measured by ``make bench`` (bench/README.md)."""
    from queue import Empty
    from time import monotonic

    from jupyter_client.channels import AsyncZMQSocketChannel

    original = AsyncZMQSocketChannel.get_msg
    if getattr(original, "_in_slices", False):
        return

    async def get_msg(self, timeout=None):
        deadline = None if timeout is None else monotonic() + timeout
        while True:
            wait = step if deadline is None else max(0.0, min(step, deadline - monotonic()))
            try:
                return await original(self, timeout=wait)
            except Empty:
                if deadline is not None and monotonic() >= deadline:
                    raise

    get_msg._in_slices = True
    AsyncZMQSocketChannel.get_msg = get_msg


_poll_kernel_replies_in_slices()


def student_notebooks() -> list[Path]:
    """The notebooks students open (generated from the solutions)."""
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def solution_notebooks() -> list[Path]:
    """The solution notebooks (the source of truth)."""
    return sorted(SOLUTIONS.glob("*.ipynb"))


@pytest.fixture
def root() -> Path:
    return ROOT
