"""ruff finds no problems in helpers, tests, scripts, notebooks (both versions) and the maintainers' tools."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_clean():
    ruff = Path(sys.executable).parent / "ruff"
    paths = [p for p in ["helpers", "tests", "scripts", "notebooks", "maintainers"] if (ROOT / p).exists()]
    result = subprocess.run([str(ruff), "check", "--no-cache", *paths], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
