"""The browser checks can fail: the checks of test_notebooks_in_lab.py, on small generated notebooks.

The notebooks are written into a temporary folder inside the server root (artifacts/browser/tmp-*,
git-ignored, deleted afterwards) and checked once each with :func:`lab.check_notebook`, exactly as
the real notebooks are; each test then asserts that one kind of breakage is reported, for the right
cell and only there.

``broken.ipynb`` (cell index: content):

1. imports
2. a plotly figure                                       -> no problem
3. an explorer (the collection's figure_explorer)         -> no problem
4. ``px.scatter_geo`` with plotly's default base map: its topojson comes from cdn.plot.ly, which
   the test blocks                                        -> "figure", "network", "console"
5. figure_explorer whose callback raises for any new value: the exception stays in the kernel, the
   figure simply does not change                          -> "interaction"
6. ``ipywidgets.interact`` whose callback raises: the traceback shows inside the widget -> "error"
7. ``1 / 0``                                             -> "error"
8. a cell Run All never reaches                           -> "execution"

``resize.ipynb``: the same figure with and without plotly's ``responsive: true`` config; only the
responsive one collapses when the window gets shorter     -> "resize" for cell 2 only.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lab
import nbformat
import pytest

pytestmark = pytest.mark.browser

IMPORTS = ("import ipywidgets as widgets\nimport plotly.express as px\n\n"
           "from helpers.widgets import figure_explorer")

BROKEN = [
    IMPORTS,
    "px.line(x=[2014, 2016, 2017], y=[1, 3, 2], title='a line')",
    "figure_explorer({'k': widgets.IntSlider(value=2, min=1, max=9)},\n"
    "                lambda k: px.bar(x=list(range(k)), y=list(range(k)), title=f'k = {k}'))",
    "px.scatter_geo(lat=[55.75, 38.9], lon=[37.62, -77.04])",
    "def view(k):\n"
    "    if k != 2:\n"
    "        raise ValueError('the callback broke')\n"
    "    return px.bar(x=[1, 2], y=[k, k])\n\n"
    "figure_explorer({'k': widgets.IntSlider(value=2, min=1, max=9)}, view)",
    "def show(k=2):\n"
    "    if k != 2:\n"
    "        raise ValueError('interact callback broke')\n"
    "    return px.bar(x=[1, 2], y=[k, k])\n\n"
    "widgets.interact(show, k=widgets.IntSlider(value=2, min=1, max=9));",
    "1 / 0",
    "print('never reached')",
]

RESIZE = [
    "from IPython.display import display\nimport plotly.express as px\n\n"
    "def show(responsive):\n"
    "    fig = px.line(x=[1, 2, 3], y=[1, 3, 2], height=400)\n"
    "    display({'application/vnd.plotly.v1+json': {**fig.to_plotly_json(),\n"
    "             'config': {'responsive': responsive}}}, raw=True)",
    "show(True)",
    "show(False)",
]


def make_notebook(folder: Path, name: str, cells: list[str]) -> Path:
    """A notebook of a title cell and the given code cells (``cells[i]`` gets index i + 1)."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {name}")] + [nbformat.v4.new_code_cell(c) for c in cells]
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    folder = lab.ROOT / "artifacts" / "browser" / f"tmp-{uuid.uuid4().hex[:8]}"
    folder.mkdir(parents=True)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def broken(browser: Any, lab_server: lab.LabServer, scratch: Path) -> lab.Report:
    with lab.guarded_page(browser, lab_server) as page:
        # resize=False: that check has its own notebook below (the collection's figures are drawn
        # with responsive=True at the time of writing, which would add "resize" problems here).
        report = page.check(make_notebook(scratch, "broken", BROKEN), settle=3, resize=False)
    print(report.summary())  # shown with -s, and in the captured output of a failing test
    return report


def cells_with(report: lab.Report, kind: str) -> list[int]:
    return sorted({int(p.where.split()[1]) for p in report.problems if p.kind == kind and p.where.startswith("cell")})


def messages(report: lab.Report, kind: str) -> str:
    return "\n".join(p.message for p in report.problems if p.kind == kind)


def test_working_cells_pass(broken: lab.Report) -> None:
    assert not [p for p in broken.problems if p.where.split()[:2] in (["cell", "2"], ["cell", "3"])], broken.message()
    assert broken.figures >= 2 and any(e.startswith("cell 3 ") for e in broken.explorers), broken.summary()


def test_cdn_map_is_not_drawn_and_its_request_is_reported(broken: lab.Report) -> None:
    assert cells_with(broken, "figure") == [4], broken.message()
    assert "displayed 1 plotly figure(s), the page drew 0" in messages(broken, "figure")
    assert "https://cdn.plot.ly/un/world_110m.json" in messages(broken, "network"), broken.message()
    assert "topojson" in messages(broken, "console"), broken.message()


def test_explorer_whose_callback_raises_is_caught(broken: lab.Report) -> None:
    assert cells_with(broken, "interaction") == [5], broken.message()
    assert "did not change the figure or output it drives" in messages(broken, "interaction")


def test_traceback_inside_a_widget_and_raising_cell_are_caught(broken: lab.Report) -> None:
    assert cells_with(broken, "error") == [6, 7], broken.message()
    assert "ValueError: interact callback broke" in messages(broken, "error")
    assert "ZeroDivisionError: division by zero" in messages(broken, "error")
    assert cells_with(broken, "execution") == [8], broken.message()


def test_figure_collapsing_on_resize_is_caught(lab_page: lab.LabPage, scratch: Path) -> None:
    report = lab_page.check(make_notebook(scratch, "resize", RESIZE), interact=False)
    assert cells_with(report, "resize") == [2], report.message()
    assert not [p for p in report.problems if p.kind != "resize"], report.message()
