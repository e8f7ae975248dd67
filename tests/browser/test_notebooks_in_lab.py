"""Every student notebook, opened in JupyterLab in headless Chromium with the network cut off.

For each notebooks/*.ipynb (found when the tests are collected): open it in a fresh workspace, wait
for the kernel, Run > Run All Cells, wait until no cell is queued and the kernel is idle, then check
(details in lab.py): no cell raised and every cell ran; every plotly figure the kernel made is drawn;
every widget rendered; each explorer reacts to one change of its first control; no console error; no
request beyond 127.0.0.1. A screenshot of the whole notebook goes to artifacts/browser/NAME.png, a summary (timings,
explorers, problems) to artifacts/browser/NAME.txt.

All notebooks are in this one file, so with ``pytest -n 2 --dist loadfile`` they share one Lab
server and one browser.
"""

from __future__ import annotations

from pathlib import Path

import lab
import pytest

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted((lab.ROOT / "notebooks").glob("*.ipynb"))
ARTIFACTS = lab.ROOT / "artifacts" / "browser"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_in_lab(notebook: Path, lab_page: lab.LabPage) -> None:
    report = lab_page.check(notebook, screenshot=ARTIFACTS / f"{notebook.stem}.png")
    summary = report.summary()
    print(summary)
    (ARTIFACTS / f"{notebook.stem}.txt").write_text(summary + "\n")
    if report.problems:
        pytest.fail(report.message(), pytrace=False)
