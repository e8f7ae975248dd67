"""The site the tests check: built once (teachers' versions included) and shared by every test and worker.

It is built into ``artifacts/site-test/`` by ``helpers.site.build_site`` — the code ``make site`` runs — and
rebuilt whenever anything it is made from changes (helpers, data, notebooks, the pages' Markdown,
pyproject.toml). A file lock lets two pytest-xdist workers share one build: the second waits for the
first, then reuses its site.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "artifacts" / "site-test"
_INPUTS = ["helpers", "data", "notebooks", "instructors", "README.md", "pyproject.toml"]


def inputs_key() -> str:
    """A hash of every file the site is made from."""
    digest = hashlib.sha256()
    for name in _INPUTS:
        path = ROOT / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            if "__pycache__" in file.parts or ".ipynb_checkpoints" in file.parts:
                continue
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:20]


def built_site() -> tuple[Path, dict[str, Any]]:
    """The test site's folder and its build report (built now if missing or out of date)."""
    from helpers.site.build import build_site

    SITE.parent.mkdir(parents=True, exist_ok=True)
    key = inputs_key()
    stamp = SITE.parent / "site-test.key"
    with open(SITE.parent / "site-test.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not (stamp.exists() and stamp.read_text() == key and (SITE / "build-report.json").exists()):
                stamp.unlink(missing_ok=True)
                build_site(SITE, teacher=True)
                stamp.write_text(key)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return SITE, json.loads((SITE / "build-report.json").read_text(encoding="utf-8"))
