"""The helpers run on pandas 3.0 as well as on the pinned 3.1: a browser-only JupyterLite edition's Pyodide
ships pandas 3.0.2, so the same package must work there.

The unit tests of the analysis, charts, exercises and the site's twins (every explorer's view on the real
data) run again in ``.venv-pandas30/``: the pinned plotly, ipywidgets and test tools with pandas 3.0.2 from
PyPI. That environment is made once and kept (about a minute the first time; a few seconds to check after)
and remade when what it is made of changes. pandas 3.0's ``Period`` has no f-string format
(``f"{period:%b %Y}"`` raises TypeError): this test is what catches it.
"""

from __future__ import annotations

import fcntl
import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv-pandas30"
PANDAS_30 = "3.0.2"  # Pyodide 314's pandas (shared research on JupyterLite); 3.0.x is what a Lite edition gets
# The unit tests that exercise the helpers on the real data (no JupyterLab, no browser, no notebook run).
TESTS = ["test_capstone.py", "test_causes.py", "test_closures.py", "test_common_charts.py", "test_expulsions.py",
         "test_reading_the_news.py", "test_sanctions.py", "test_tit_for_tat.py", "test_data_loader.py",
         "test_loader_faults.py", "test_exercises.py", "test_exercises_expulsions.py", "test_contribute.py",
         "test_doctests.py", "test_site_parts.py"]


def _pins() -> list[str]:
    """pandas 3.0.x and, for everything else the tests import, the versions of the project's environment."""
    wanted = {}
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;#]+)", line)
            if match:
                wanted[match.group(1).lower()] = match.group(2)
    pins = [f"pandas=={PANDAS_30}"]
    pins += [f"{n}=={wanted[n]}" for n in ("plotly", "ipywidgets", "pytest", "hypothesis")]
    pins += [f"mistune=={version('mistune')}"]  # helpers.site's Markdown (its doctests are in TESTS)
    return pins


def _ensure_venv() -> Path:
    """The pandas-3.0 environment, made if missing or made from other pins; its python."""
    python = VENV / "bin" / "python"
    stamp = VENV / ".pins"
    pins = _pins()
    VENV.parent.mkdir(exist_ok=True)
    with open(ROOT / ".venv-pandas30.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (python.exists() and stamp.exists() and stamp.read_text() == "\n".join(pins)):
            subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
            pip = [str(python), "-m", "pip", "--disable-pip-version-check", "install", "-q"]
            subprocess.run([*pip, *pins], check=True)
            subprocess.run([*pip, "--no-deps", "-e", str(ROOT)], check=True)
            stamp.write_text("\n".join(pins))
    return python


def test_the_helpers_unit_tests_pass_on_pandas_30() -> None:
    try:
        python = _ensure_venv()
    except subprocess.CalledProcessError as exc:
        if os.environ.get("CI", "").lower() == "true":
            raise
        pytest.skip(f"could not make the pandas 3.0 environment (no package index?): {exc}")
    found = subprocess.run([str(python), "-c", "import pandas; print(pandas.__version__)"],
                           capture_output=True, text=True, check=True).stdout.strip()
    assert found.startswith("3.0."), f".venv-pandas30 has pandas {found}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PYTHONPATH"))}
    run = subprocess.run([str(python), "-m", "pytest", "-q", "-x",
                          *[f"tests/{t}" for t in TESTS]],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    tail = "\n".join((run.stdout + run.stderr).splitlines()[-30:])
    assert run.returncode == 0, f"the helpers fail on pandas {found}:\n{tail}"
    assert re.search(r"\d+ passed", run.stdout), tail
