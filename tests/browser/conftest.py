"""Fixtures for the browser tests: one JupyterLab server, one headless Chromium, a guarded page.

* ``lab_server`` (session): JupyterLab from this interpreter (the project's .venv) on 127.0.0.1, a
  random free port and token, Jupyter's user folders in a temporary folder; shut down at the end.
  With pytest-xdist each worker that runs browser tests has its own server.
* ``browser`` (module): Debian's Chromium driven by pip's playwright (never ``playwright install``).
  Module scope on purpose: a test file that starts its own Playwright (test_offline_maps.py) must
  not find one of ours still running in the same worker.
* ``lab_page`` (function): a fresh browser context in which every request not to 127.0.0.1 is
  aborted and recorded, and console errors are collected (lab.guarded_page).

No Chromium: the tests are skipped with a line saying how to get it, except with CI=true, where
they fail.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# lab.py (the checks) sits next to this file; importable as `lab`, here, in the test files and in the
# helper process that runs nbclient. Appended, so that `conftest` still means tests/conftest.py.
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.append(str(Path(__file__).resolve().parent))
import lab  # noqa: E402


def no_browser(reason: str) -> None:
    """Skip (or, with CI=true, fail) with one line saying how to get the browser."""
    message = (f"browser tests need Chromium and playwright: {reason}. Enable them with "
               "`apt-get install chromium` (Debian/Ubuntu), or run `.ci/run`, which installs it.")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true: {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[lab.LabServer]:
    server = lab.start_lab(tmp_path_factory.mktemp("jupyter-state"))
    try:
        yield server
    finally:
        lab.stop_lab(server)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = lab.find_chromium()
    if chromium is None:
        no_browser(f"no chromium found (looked at {os.environ.get('CHROMIUM') or '/usr/bin/chromium and PATH'})")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        no_browser("the playwright package is not installed (it is in requirements-dev.txt)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=lab.CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def lab_page(browser: Any, lab_server: lab.LabServer) -> Iterator[lab.LabPage]:
    with lab.guarded_page(browser, lab_server) as page:
        yield page
