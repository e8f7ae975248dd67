"""Students re-run cells: running every notebook's cells twice in one kernel must still work.

Catches cells that only work once (a column dropped in place, a list appended to, a widget
callback registered twice that then raises).
"""

from __future__ import annotations

import nbformat
import pytest
from conftest import ROOT, solution_notebooks, student_notebooks
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ALL = student_notebooks() + solution_notebooks()


@pytest.mark.parametrize("path", ALL, ids=[str(p.relative_to(ROOT)) for p in ALL])
def test_cells_run_twice_in_one_kernel(path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    with client.setup_kernel():
        for round_ in (1, 2):
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                try:
                    client.execute_cell(cell, index)
                except CellExecutionError as exc:
                    pytest.fail(f"round {round_}, cell {index} failed:\n{str(exc)[-1500:]}")
