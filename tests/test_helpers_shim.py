"""A notebook finds the helpers package even where it is not installed.

On a hub image with only `pip install -r requirements.txt`, the first cell of every notebook failed with
a bare `ModuleNotFoundError: No module named 'helpers'`. notebooks/helpers/__init__.py (and the same file in
notebooks/solutions/) stands in for the package and loads the project's real one. A notebook runs with
its own folder on Python's path, as these subprocesses do (``python -c`` puts the working folder first).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIMS = [ROOT / "notebooks" / "helpers" / "__init__.py", ROOT / "notebooks" / "solutions" / "helpers" / "__init__.py"]
REAL = ROOT / "helpers" / "__init__.py"

# What a notebook does first, then where the pieces came from. helpers.charts.maps reads its outline files with
# importlib.resources, which follows the package's spec: it must be the real folder's.
USE = ("import helpers, helpers.charts.maps; events = helpers.load_events(); helpers.charts.maps.geodata('world_110m');"
       "print(helpers.__file__); print(helpers.data.__file__); print(len(events))")


def python(cwd: Path, installed: bool) -> subprocess.CompletedProcess:
    """Run USE in ``cwd``. ``installed=False``: Python without site processing (-S) and only the environment's
    site-packages on its path, so the editable install's import hook (a .pth file) is not loaded: the
    third-party packages are there, `helpers` is not, as on a hub that never ran `pip install -e .`."""
    if installed:
        return subprocess.run([sys.executable, "-c", USE], cwd=cwd, capture_output=True, text=True)
    code = f"import sys; sys.path.append({sysconfig.get_paths()['purelib']!r}); {USE}"
    return subprocess.run([sys.executable, "-S", "-c", code], cwd=cwd, capture_output=True, text=True)


def loaded_from(result: subprocess.CompletedProcess) -> list[Path]:
    assert result.returncode == 0, result.stderr[-2000:]
    init, data, rows = result.stdout.split()
    assert int(rows) > 0
    return [Path(init), Path(data)]


@pytest.mark.parametrize("folder", ["notebooks", "notebooks/solutions"])
def test_a_notebook_imports_the_real_package_without_it_installed(folder):
    assert loaded_from(python(ROOT / folder, installed=False)) == [REAL, ROOT / "helpers" / "data.py"]


def test_elsewhere_the_package_is_missing_without_the_install(tmp_path):
    """The check above is meaningful: without the stand-in this Python cannot import helpers."""
    result = python(tmp_path, installed=False)
    assert result.returncode != 0 and "ModuleNotFoundError: No module named 'helpers'" in result.stderr


@pytest.mark.parametrize("folder", ["notebooks", "notebooks/solutions", "."])
def test_with_the_package_installed_a_notebook_gets_the_same_files(folder):
    assert loaded_from(python(ROOT / folder, installed=True)) == [REAL, ROOT / "helpers" / "data.py"]


def test_the_two_stand_ins_are_the_same_file():
    assert SHIMS[0].read_text(encoding="utf-8") == SHIMS[1].read_text(encoding="utf-8")


def test_outside_the_project_the_stand_in_defers_to_an_installed_package_or_says_what_to_run(tmp_path):
    """A notebooks folder copied out of the project, with its stand-in: an installed helpers still works;
    without one, the error says in one line what to do."""
    folder = tmp_path / "copied-notebooks"
    (folder / "helpers").mkdir(parents=True)
    shutil.copy(SHIMS[0], folder / "helpers" / "__init__.py")
    assert loaded_from(python(folder, installed=True)) == [REAL, ROOT / "helpers" / "data.py"]
    result = python(folder, installed=False)
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("ModuleNotFoundError: No module named 'helpers'") and "pip install -e ." in last, last
