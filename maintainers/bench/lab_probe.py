"""Time a small notebook in JupyterLab in a real browser (Debian chromium driven by pip playwright).

One JupyterLab server (the project's .venv) is started for the whole measurement, with its own
temporary root, config, runtime and workspace folders, a random token and a free port; it is
stopped by its process id at the end. Each run opens a fresh browser context (empty cache, as a
student's first visit), opens the notebook with ``?reset`` (a fresh workspace), waits for the kernel to
be idle, clicks Run → Run All Cells (``runmenu:run-all``) and waits for the plotly figure to be drawn
(an ``svg.main-svg`` inside the cell's output) and for every cell to have finished. The kernel is then
shut down through the REST API.

Phases, in seconds from the ``page.goto`` call: ``visible`` (first cell on screen), ``idle`` (kernel
ready), and from the Run All click: ``figure`` (figure drawn), ``done`` (every prompt shows a number).
Never runs ``playwright install``: it uses ``/usr/bin/chromium``.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
ALL_DONE = """() => {
  const prompts = [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt')];
  return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
}"""


def available() -> str | None:
    """None if a browser run is possible here, else why not."""
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} not found (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed in .venv (make setup-dev)"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(base: str, token: str, path: str, method: str = "GET") -> Any:
    req = urllib.request.Request(f"{base}{path}", method=method, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310 (loopback only)
        body = resp.read()
    return json.loads(body) if body else None


def _write_notebook(path: Path, kernel: str, cells: list[str]) -> None:
    nb = {
        "cells": [{"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {}, "outputs": [],
                   "source": src} for i, src in enumerate(cells)],
        "metadata": {"kernelspec": {"name": kernel, "display_name": kernel, "language": "python"},
                     "language_info": {"name": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    }
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")


def measure_lab(variants: dict[str, tuple[str, list[str]]], runs: int, kernels_dir: Path,
                log: Any = print) -> dict[str, Any]:
    """Run each variant (name -> (kernel name, cell sources)) ``runs`` times in Lab; timings per run."""
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="bench-lab-"))
    root = work / "root"
    root.mkdir()
    for name, (kernel, cells) in variants.items():
        _write_notebook(root / f"{name}.ipynb", kernel, cells)
    env = {k: v for k, v in os.environ.items() if k != "PLOTLY_RENDERER"}
    env.update(JUPYTER_CONFIG_DIR=str(work / "config"), JUPYTER_RUNTIME_DIR=str(work / "runtime"),
               JUPYTERLAB_WORKSPACES_DIR=str(work / "workspaces"), JUPYTER_PATH=str(kernels_dir),
               IPYTHONDIR=str(work / "ipython"), PYDEVD_DISABLE_FILE_VALIDATION="1")
    port, token = _free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    cmd = [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", f"--port={port}",
           "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
           "--ServerApp.port_retries=0"]
    if hasattr(os, "getuid") and os.getuid() == 0:
        cmd.append("--allow-root")
    server_log = open(work / "server.log", "w")  # noqa: SIM115 (closed in finally)
    t0 = time.perf_counter()
    server = subprocess.Popen(cmd, env=env, stdout=server_log, stderr=subprocess.STDOUT, cwd=root)
    result: dict[str, Any] = {"runs": {name: [] for name in variants}, "server_ready_s": None, "error": None}
    try:
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with {server.returncode}")
            try:
                _api(base, token, "/api/status")
                break
            except OSError:
                if time.perf_counter() - t0 > 120:
                    raise RuntimeError("jupyter lab did not answer within 120 s") from None
                time.sleep(0.1)
        result["server_ready_s"] = time.perf_counter() - t0
        log(f"  lab server ready in {result['server_ready_s']:.1f} s")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                for r in range(runs):
                    for name in variants:
                        timing = _one_run(browser, base, token, name)
                        result["runs"][name].append(timing)
                        log(f"  lab run {r + 1}/{runs} {name}: " + ", ".join(
                            f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in timing.items()))
            finally:
                browser.close()
    except Exception as exc:
        result["error"] = f"{type(exc).__name__}: {exc}"
        log(f"  lab measurement failed: {result['error']}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        server_log.close()
        result["server_log_tail"] = (work / "server.log").read_text(errors="replace")[-1500:]
        shutil.rmtree(work, ignore_errors=True)
    return result


def _one_run(browser: Any, base: str, token: str, name: str) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    timing: dict[str, Any] = {}
    try:
        t0 = time.perf_counter()
        page.goto(f"{base}/lab/tree/{name}.ipynb?reset&token={token}", wait_until="domcontentloaded",
                  timeout=120_000)
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=120_000)
        timing["visible"] = time.perf_counter() - t0
        page.wait_for_selector("#jp-main-statusbar >> text=Idle", timeout=120_000)
        timing["idle"] = time.perf_counter() - t0
        page.click("#jp-MainMenu .lm-MenuBar-itemLabel:text-is('Run')")
        page.click("li.lm-Menu-item[data-command='runmenu:run-all']")
        t_click = time.perf_counter()
        page.wait_for_selector(".jp-NotebookPanel .jp-OutputArea-output .plot-container svg.main-svg",
                               timeout=120_000)
        timing["figure"] = time.perf_counter() - t_click
        page.wait_for_function(ALL_DONE, timeout=120_000)
        timing["done"] = time.perf_counter() - t_click
        timing["open_to_figure"] = timing["idle"] + timing["figure"]
        timing["svg"] = page.locator(".jp-OutputArea-output svg.main-svg").count()
    except Exception as exc:
        timing["error"] = f"{type(exc).__name__}: {str(exc)[:200]}"
    finally:
        timing["console_errors"] = len(errors)
        try:
            for session in _api(base, token, "/api/sessions") or []:
                _api(base, token, f"/api/sessions/{session['id']}", method="DELETE")
        except OSError:
            pass
        context.close()
    return timing
