"""The browser checks can fail: the same checks as test_notebooks_in_lab.py, on small generated notebooks.

Each test writes a throwaway notebook into a temporary folder inside the server root
(artifacts/browser/tmp-*, git-ignored, deleted afterwards), runs :func:`lab.check_notebook` on it
and asserts that the right problem is reported for the right cell:

* a geo figure with plotly's default base map, whose topojson comes from cdn.plot.ly: with the
  network cut off it is not drawn ("figure"), and the request is reported ("network");
* explorers whose callback raises: the figure does not change ("interaction"), or the traceback
  shows inside the widget ("error");
* a cell that raises ("error"), and the cells after it that Run All never reached ("execution").

A control notebook with a figure and a working explorer must pass, so the checks do not fail
everything either.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import lab
import nbformat
import pytest

pytestmark = pytest.mark.browser

IMPORTS = ("import ipywidgets as widgets\nimport plotly.express as px\n\n"
           "from helpers.widgets import figure_explorer")


@pytest.fixture
def scratch() -> Iterator[Path]:
    folder = lab.ROOT / "artifacts" / "browser" / f"tmp-{uuid.uuid4().hex[:8]}"
    folder.mkdir(parents=True)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def make_notebook(folder: Path, name: str, *cells: str) -> Path:
    """A notebook of a title cell and the given code cells (cell i of ``cells`` has index i + 1)."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {name}")] + [nbformat.v4.new_code_cell(c) for c in cells]
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def problems(report: lab.Report, kind: str) -> list[lab.Problem]:
    return [p for p in report.problems if p.kind == kind]


def test_control_notebook_passes(lab_page, scratch: Path) -> None:
    nb = make_notebook(
        scratch, "control", IMPORTS,
        "px.line(x=[2014, 2016, 2017], y=[1, 3, 2], title='a line')",
        "figure_explorer({'k': widgets.IntSlider(value=2, min=1, max=9)},\n"
        "                lambda k: px.bar(x=list(range(k)), y=list(range(k)), title=f'k = {k}'))",
    )
    report = lab_page.check(nb)
    assert not report.problems, report.message()
    assert report.figures == 2 and len(report.explorers) == 1, report


def test_cdn_topojson_figure_is_not_drawn(lab_page, scratch: Path) -> None:
    nb = make_notebook(scratch, "geo", IMPORTS, "px.scatter_geo(lat=[55.75, 38.9], lon=[37.62, -77.04])")
    report = lab_page.check(nb, interact=False)
    figure = problems(report, "figure")
    assert [p.where.split()[1] for p in figure] == ["2"], report.message()
    assert "displayed 1 plotly figure(s), the page drew 0" in figure[0].message
    assert any("cdn.plot.ly" in p.message for p in problems(report, "network")), report.message()


def test_raising_callbacks_are_caught(lab_page, scratch: Path) -> None:
    nb = make_notebook(
        scratch, "callbacks", IMPORTS,
        # The collection's own explorer builder: the callback's exception stays in the kernel, so
        # only the figure that does not change shows it.
        "def view(k):\n"
        "    if k != 2:\n"
        "        raise ValueError('the callback broke')\n"
        "    return px.bar(x=[1, 2], y=[k, k])\n\n"
        "figure_explorer({'k': widgets.IntSlider(value=2, min=1, max=9)}, view)",
        # ipywidgets' interact: the traceback is shown inside the widget's output.
        "def show(k=2):\n"
        "    if k != 2:\n"
        "        raise ValueError('interact callback broke')\n"
        "    return px.bar(x=[1, 2], y=[k, k])\n\n"
        "widgets.interact(show, k=widgets.IntSlider(value=2, min=1, max=9));",
    )
    report = lab_page.check(nb, settle=3)
    interaction = problems(report, "interaction")
    assert [p.where.split()[1] for p in interaction] == ["2"], report.message()
    assert "did not change the figure or output it drives" in interaction[0].message
    errors = problems(report, "error")
    assert [p.where.split()[1] for p in errors] == ["3"], report.message()
    assert "ValueError: interact callback broke" in errors[0].message


def test_raising_cell_is_caught(lab_page, scratch: Path) -> None:
    nb = make_notebook(scratch, "raises", IMPORTS, "1 / 0", "print('never reached')")
    report = lab_page.check(nb, interact=False)
    errors = problems(report, "error")
    assert [p.where.split()[1] for p in errors] == ["2"], report.message()
    assert "ZeroDivisionError: division by zero" in errors[0].message
    assert [p.where.split()[1] for p in problems(report, "execution")] == ["3"], report.message()
