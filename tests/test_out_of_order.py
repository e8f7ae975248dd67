"""Out-of-order work in a real kernel gets a one-line way out, not a long traceback.

A small notebook, run by nbclient in notebooks/ (where students' notebooks run), does what students do:
runs a check before its answer, overwrites `events`, calls a chart with the overwritten table, runs an
answer cell that raises and then its check, and runs a cell whose name another cell defines. Each error
keeps Python's own message (teachers and tests still see it) and is followed by one line of advice.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from conftest import NOTEBOOKS
from nbclient import NotebookClient

from helpers.exercises import kernel

CELLS = [
    "import os\nos.environ['JPY_SESSION_NAME'] = NOTEBOOK_PATH  # as JupyterLab sets it\n"
    "from helpers import check, load_events, timeline_figure\nevents = load_events()",   # 0
    'check("3.1", implied_total)',                                                       # 1 answer not run yet
    "events = 5",                                                                         # 2 overwritten
    "timeline_figure(events)",                                                            # 3 a chart gets 5
    'events[events["date"].dt.year == 2017]',                                             # 4 pandas on an int
    "events = load_events()\nrows = events.set_index('event_id')",                       # 5 repaired
    "# Exercise 3.1\nimplied_total = rows.loc['no-such-row', 'value']",                   # 6 answer cell raises
    'check("3.1", 1210)',                                                                 # 7 its check
    "evnets.head()",                                                                      # 8 a typo
    "only_defined_later",                                                                 # 9 defined by a later cell
    "only_defined_later = 1",                                                             # 10
]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[int, str]:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(c) for c in CELLS]
    path = tmp_path_factory.mktemp("student") / "my-notebook.ipynb"
    nbformat.write(nb, path)  # the kernel reads the notebook it belongs to, as in JupyterLab
    nb.cells[0].source = nb.cells[0].source.replace("NOTEBOOK_PATH", repr(str(path)))
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    texts = {}
    for i, cell in enumerate(nb.cells):
        parts = []
        for out in cell.outputs:
            if out.output_type == "stream":
                parts.append(out.text)
            elif out.output_type == "error":
                parts.append(f"ERROR {out.ename}\n" + "\n".join(out.traceback))
            elif "text/plain" in out.get("data", {}):
                parts.append(out.data["text/plain"])
        texts[i] = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(parts))
    return texts


def test_a_check_before_its_answer_cell_says_to_run_the_answer_first(outputs):
    assert "ERROR NameError" in outputs[1]
    assert "💡 `implied_total` is your answer to exercise 3.1: run the answer cell above first" in outputs[1]


def test_a_chart_given_an_overwritten_table_says_so_in_two_lines(outputs):
    text = outputs[3]
    shown = text.split("\n", 1)[1]  # what the student sees: the traceback IPython rendered, and any advice
    assert shown.splitlines() == [
        "TableError: timeline_figure needs the events table, but it got the number 5.",
        "What to do: if `events` was overwritten, run the cell `events = load_events()` again (or Kernel → "
        "Restart Kernel and Run All Cells).",
    ], shown


def test_pandas_on_an_overwritten_table_gets_the_way_out(outputs):
    assert "ERROR TypeError" in outputs[4]
    assert "💡 `events` now holds the number 5, not the events table: run the cell `events = load_events()`" \
        in outputs[4]


def test_a_check_after_its_answer_cell_failed_says_so_instead_of_an_old_verdict(outputs):
    assert "ERROR KeyError" in outputs[6]
    assert "Could not check" in outputs[7] and "raised an error (KeyError)" in outputs[7]
    assert "Correct" not in outputs[7]


def test_a_typo_gets_the_closest_name(outputs):
    assert "💡 `evnets` is not defined. Did you mean `events`?" in outputs[8]


def test_a_name_another_cell_defines_gets_run_the_cells_above(outputs):
    assert "💡 `only_defined_later` is made by a cell of this notebook that has not run" in outputs[9]
    assert "Restart Kernel and Run All Cells" in outputs[9]


def test_no_advice_where_there_is_nothing_to_add():
    assert kernel.advice_for(ValueError("x")) == ""  # outside a kernel: no table to inspect, nothing to say
    assert kernel.advice_for(NameError("name 'zzz_unknown' is not defined")).startswith("💡 `zzz_unknown` is not")
