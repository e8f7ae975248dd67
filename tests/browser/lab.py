"""Drive a notebook in JupyterLab (headless Chromium via Playwright) and check what the page shows.

Plain functions, shared by ``test_notebooks_in_lab.py`` (the real notebooks) and
``test_suite_catches_failures.py`` (small generated notebooks that must fail). The fixtures that start
the server and the browser live in ``conftest.py``.

One check, :func:`check_notebook`, does everything for one notebook and returns a :class:`Report`
whose ``problems`` each name the notebook and the cell:

* the notebook is executed twice, independently and at the same time: by nbclient in a helper
  process (the *kernel side*: what the notebook should show, see :func:`expected_outputs`) and by
  JupyterLab's own Run > Run All Cells in the browser (the *page side*);
* no cell raised (error outputs in Lab's notebook model, tracebacks anywhere on the page, including
  inside widget Output areas) and every code cell ran;
* every plotly figure the kernel produced is drawn on the page (per cell: the number of
  ``.js-plotly-plot`` elements holding an ``svg.main-svg`` of non-zero size equals the kernel's
  count; a figure that fails, such as a map whose topojson is blocked, leaves no plot at all);
* every widget rendered (no "Error displaying widget" / "model not found"; per cell, as many widget
  views as the kernel displayed);
* one interaction per explorer (a widget box holding an Output widget) changes what it shows;
* the figures survive the browser window getting shorter (see :func:`_check_resize`);
* no uncaught error in the browser console, except the messages listed in :data:`HARMLESS_CONSOLE`;
* no request left 127.0.0.1 (the browser context aborts and records all others);
* the notebook file is unchanged on disk (autosave is off on the test server).

Then a picture of the whole notebook (:func:`save_screenshot`).
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # needed as root (CI containers)
    "--disable-gpu",
    "--disable-dev-shm-usage",  # small /dev/shm in containers
    "--disable-background-networking",  # no calls home: updates, safe browsing, variations...
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--no-first-run",
    "--no-default-browser-check",
    "--metrics-recording-only",
    "--mute-audio",
]

# Browser console messages that are not a problem, each with the reason. Everything else of type
# "error" (and every uncaught page error) fails the notebook.
HARMLESS_CONSOLE: list[tuple[re.Pattern[str], str]] = [
    # None needed so far: on JupyterLab 4.6.6 with the classroom settings, a clean notebook logs no
    # console error. Add (re.compile(...), "why it is harmless") entries here when one appears.
]

SLOW = float(os.environ.get("BROWSER_TEST_SLOWDOWN", "1"))  # multiply the timeouts on a slow machine


def _ms(seconds: float) -> float:
    return seconds * 1000 * SLOW


# --------------------------------------------------------------------------------------------------
# The JupyterLab server


@dataclass
class LabServer:
    """A running JupyterLab server (see :func:`start_lab`)."""

    url: str
    token: str
    root: Path
    process: subprocess.Popen[bytes]
    log: Path

    def api(self, method: str, path: str, body: Any = None, timeout: float = 10) -> Any:
        """Call the server's REST API; returns the decoded JSON (or None)."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"{self.url}{path}", data=data, method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            text = resp.read()
        return json.loads(text) if text else None

    def shutdown_sessions(self, relpath: str | None = None) -> None:
        """Shut down the kernel sessions of one notebook (``relpath`` from the root) or all of them."""
        for session in self.api("GET", "/api/sessions"):
            if relpath is None or session.get("path") == relpath:
                try:
                    self.api("DELETE", f"/api/sessions/{session['id']}")
                except urllib.error.HTTPError:  # already gone
                    pass

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lab_environment(state: Path) -> dict[str, str]:
    """The environment for the server: user-level Jupyter folders in ``state``, the rest inherited.

    Only the *user* folders move. The venv's kernelspec, lab extensions and system config are under
    ``sys.prefix/share/jupyter`` and ``sys.prefix/etc/jupyter``, which Jupyter always searches.
    The classroom settings (lab-settings/) are copied into the user config folder, so the test server
    runs with them whether or not scripts/configure_lab.py has been run on this venv.
    """
    dirs = {"JUPYTER_CONFIG_DIR": "config", "JUPYTER_DATA_DIR": "data", "JUPYTER_RUNTIME_DIR": "runtime",
            "JUPYTERLAB_WORKSPACES_DIR": "workspaces", "JUPYTERLAB_SETTINGS_DIR": "settings",
            "IPYTHONDIR": "ipython"}
    env = dict(os.environ)
    for var, sub in dirs.items():
        (state / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(state / sub)
    env.pop("JUPYTER_PATH", None)
    env.pop("JUPYTER_CONFIG_PATH", None)
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    settings = ROOT / "lab-settings"
    config = state / "config"
    if (settings / "jupyter_server_config.json").exists():
        shutil.copyfile(settings / "jupyter_server_config.json", config / "jupyter_server_config.json")
    overrides = json.loads((settings / "overrides.json").read_text()) if (settings / "overrides.json").exists() else {}
    # Never save: Run All makes the notebook dirty and Lab's autosave would write the outputs into it.
    overrides.setdefault("@jupyterlab/docmanager-extension:plugin", {})["autosave"] = False
    (config / "labconfig").mkdir(exist_ok=True)
    (config / "labconfig" / "default_setting_overrides.json").write_text(json.dumps(overrides, indent=1))
    return env


def start_lab(state: Path, root: Path = ROOT, timeout: float = 90) -> LabServer:
    """Start ``python -m jupyter lab`` from this interpreter (the project's .venv) and wait until ready."""
    token = uuid.uuid4().hex
    env = lab_environment(state)
    last_error = ""
    for _attempt in range(3):  # the free port may be taken between free_port() and the bind
        port = free_port()
        log = state / f"lab-{port}.log"
        cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
               "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: read the notebook model
               # Lab makes a checkpoint when it opens a notebook: keep them out of the repository.
               f"--FileCheckpoints.checkpoint_dir={state / 'checkpoints'}",
               "--ServerApp.open_browser=False"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        with open(log, "wb") as out:
            proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True)
        server = LabServer(f"http://127.0.0.1:{port}", token, root, proc, log)
        deadline = time.monotonic() + timeout * SLOW
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                break
            try:
                server.api("GET", "/api/status", timeout=2)
                return server
            except (OSError, urllib.error.URLError):
                time.sleep(0.25)
        last_error = server.log_tail()
        stop_lab(server)
    raise RuntimeError(f"JupyterLab did not start; end of its log:\n{last_error}")


def stop_lab(server: LabServer) -> None:
    """Shut the server down (kernels too), then make sure its whole process group is gone."""
    proc = server.process
    if proc.poll() is None:
        try:
            server.api("POST", "/api/shutdown", timeout=5)
            proc.wait(timeout=15)
        except (OSError, urllib.error.URLError, subprocess.TimeoutExpired):
            pass
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            break
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            continue
    proc.poll()


# --------------------------------------------------------------------------------------------------
# The browser: blocked network and console errors


def find_chromium() -> str | None:
    """The Chromium to drive: $CHROMIUM if set (only it), else Debian's /usr/bin/chromium, else PATH's."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"] if Path(os.environ["CHROMIUM"]).exists() else None
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@dataclass
class PageLog:
    """What a browser context did besides drawing: requests it blocked and console errors."""

    blocked: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)


def guard_context(context: Any, log: PageLog) -> None:
    """Abort (and record) every request of ``context`` that is not to 127.0.0.1."""

    def route(route: Any) -> None:
        url = route.request.url
        host = urllib.parse.urlsplit(url).hostname
        if url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            log.blocked.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", route)


def watch_console(page: Any, log: PageLog) -> None:
    """Record console errors and uncaught exceptions of ``page``."""

    def on_console(msg: Any) -> None:
        if msg.type == "error":
            where = msg.location.get("url", "") if isinstance(msg.location, dict) else ""
            log.console.append(f"console.error: {msg.text}" + (f" (at {where})" if where else ""))

    page.on("console", on_console)
    page.on("pageerror", lambda exc: log.console.append(f"uncaught: {exc}"))


@dataclass
class LabPage:
    """A browser page on the Lab server, with its PageLog (see :func:`guarded_page`)."""

    page: Any
    log: PageLog
    server: LabServer

    def check(self, notebook: Path, screenshot: Path | None = None, **options: Any) -> Report:
        """:func:`check_notebook` on this page (options: interact=False, settle=seconds, resize=False)."""
        return check_notebook(self.page, self.log, self.server, notebook, screenshot, **options)


VIEWPORT = {"width": 1280, "height": 1600}  # a tall screen: fewer screens to stack for the picture


@contextmanager
def guarded_page(browser: Any, server: LabServer) -> Iterator[LabPage]:
    """A fresh browser context whose requests beyond 127.0.0.1 are aborted and recorded, and a page in it."""
    log = PageLog()
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    guard_context(context, log)
    page = context.new_page()
    watch_console(page, log)
    try:
        yield LabPage(page, log, server)
    finally:
        context.close()


def unexpected_console(messages: list[str]) -> list[str]:
    """The console messages not explained by :data:`HARMLESS_CONSOLE`."""
    return [m for m in messages if not any(p.search(m) for p, _why in HARMLESS_CONSOLE)]


# --------------------------------------------------------------------------------------------------
# Kernel side: what the notebook should show


PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


@dataclass
class KernelCell:
    """What one code cell displayed when nbclient executed the notebook."""

    index: int
    source: str
    executed: bool = False
    figures: int = 0  # plotly figures: top-level outputs plus those inside displayed Output widgets
    widgets: int = 0  # top-level widget views
    explorers: int = 0  # top-level widget views holding an Output widget
    errors: list[str] = field(default_factory=list)


def expected_outputs(notebook: Path, timeout: float = 300) -> dict[int, KernelCell]:
    """Execute ``notebook`` with nbclient and count, per code cell, what it displays.

    Why this way: the page can only show what the kernel sent, so an independent run of the same
    notebook in the same environment is the reference. Plotly figures are outputs with the mime type
    ``application/vnd.plotly.v1+json``. Figures inside ipywidgets Output widgets (the explorers) are
    not cell outputs: nbclient mimics the front end's Output widget and keeps its outputs in the
    widget state (``client.widget_state[model_id]["outputs"]``), so for each widget view a cell
    displays we walk the widget tree (``children`` references ``IPY_MODEL_<id>``) and count the plotly
    outputs of the Output models in it, as they are once the cell finished (after
    ``clear_output(wait=True)`` only the last figure is left, which is what the page shows). Like
    JupyterLab's Run All, execution stops at the first error; later cells count as not executed.
    """
    import nbformat
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(notebook, as_version=4)
    client = _sliced_client_class()(nb, timeout=int(timeout * SLOW), kernel_name="python3", allow_errors=False,
                                    resources={"metadata": {"path": str(notebook.parent)}})
    try:
        client.execute()
    except CellExecutionError:
        pass  # recorded as an error output of the cell; the check reports it
    states = {mid: st for mid, st in client.widget_state.items()}

    def walk(model_id: str, seen: set[str]) -> tuple[int, bool]:
        """(plotly figures inside, holds an Output widget) for the widget ``model_id``."""
        if model_id in seen or model_id not in states:
            return 0, False
        seen.add(model_id)
        state = states[model_id]
        figures, has_output = 0, state.get("_model_name") == "OutputModel"
        for out in state.get("outputs", []) if has_output else []:
            data = out.get("data", {})
            figures += PLOTLY_MIME in data
            if WIDGET_MIME in data:
                f, _ = walk(data[WIDGET_MIME]["model_id"], seen)
                figures += f
        for child in state.get("children", []) or []:
            if isinstance(child, str) and child.startswith("IPY_MODEL_"):
                f, o = walk(child.removeprefix("IPY_MODEL_"), seen)
                figures, has_output = figures + f, has_output or o
        return figures, has_output

    cells: dict[int, KernelCell] = {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        kc = KernelCell(i, cell.source, executed=cell.get("execution_count") is not None)
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                kc.errors.append(f"{out.ename}: {out.evalue}")
            data = out.get("data", {})
            kc.figures += PLOTLY_MIME in data
            if WIDGET_MIME in data:
                kc.widgets += 1
                f, has_output = walk(data[WIDGET_MIME]["model_id"], set())
                kc.figures += f
                kc.explorers += has_output
        cells[i] = kc
    return cells


def _sliced_client_class() -> type:
    """nbclient's NotebookClient, waiting for kernel messages in slices of at most one second.

    Why: pyzmq's asyncio poll sometimes misses the wake-up for a message that has arrived; the wait then
    lasts its whole timeout and only the final check finds the message. Under load on this 2-core
    machine, nbclient waited exactly its cell timeout (120 s, then 300 s) for a reply that was there,
    about once in ten notebooks. Polling in slices bounds that to one second; the timeouts themselves
    are unchanged.
    """
    import queue

    from nbclient import NotebookClient

    def sliced(get_msg: Any) -> Any:
        async def get_msg_sliced(timeout: float | None = None) -> Any:
            deadline = None if timeout is None else time.monotonic() + timeout
            while True:
                left = 1.0 if deadline is None else max(0.0, deadline - time.monotonic())
                try:
                    return await get_msg(timeout=min(1.0, left))
                except queue.Empty:
                    if deadline is not None and time.monotonic() >= deadline:
                        raise

        return get_msg_sliced

    class SlicedClient(NotebookClient):  # type: ignore[misc]
        async def async_start_new_kernel_client(self) -> Any:
            kc = await super().async_start_new_kernel_client()
            kc.shell_channel.get_msg = sliced(kc.shell_channel.get_msg)
            kc.iopub_channel.get_msg = sliced(kc.iopub_channel.get_msg)
            return kc

    return SlicedClient


def expected_outputs_timed(notebook: Path) -> tuple[dict[int, KernelCell], float]:
    """:func:`expected_outputs` and the seconds it took."""
    t0 = time.monotonic()
    cells = expected_outputs(notebook)
    return cells, time.monotonic() - t0


_pool: concurrent.futures.ProcessPoolExecutor | None = None


def expected_outputs_async(notebook: Path) -> concurrent.futures.Future[tuple[dict[int, KernelCell], float]]:
    """:func:`expected_outputs_timed` in a helper process, while the browser runs the same notebook.

    One spawned process, reused for every notebook of the test file: nbclient's event loop and its
    imports (nbformat takes seconds to import) stay out of the process that drives the browser.
    """
    global _pool
    if _pool is None:
        import multiprocessing

        _pool = concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    try:
        return _pool.submit(expected_outputs_timed, notebook)
    except concurrent.futures.process.BrokenProcessPool:
        _pool = None
        return expected_outputs_async(notebook)


# --------------------------------------------------------------------------------------------------
# Page side


# One snapshot of every cell of the open notebook: from Lab's notebook model (execution counts, error
# outputs) and from the DOM (prompts, drawn plots, widgets, tracebacks shown anywhere).
_CELLS_JS = r"""
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const isTraceback = (el) => /Traceback \(most recent call last\)|^\s*-{20,}\s*$/m.test(el.innerText || "");
  const drawn = (p) => {  // plotly built the figure: an svg.main-svg of a non-zero size
    const svg = p.querySelector("svg.main-svg");
    return !!(svg && p._fullLayout && +svg.getAttribute("width") > 0 && +svg.getAttribute("height") > 0);
  };
  const lastLine = (t) => (t || "").split("\n").map((s) => s.trim()).filter(Boolean).pop() || "";
  return panel.content.widgets.map((cell, i) => {
    const node = cell.node, model = cell.model;
    const res = {index: i, type: model.type, prompt: "", count: null, errors: [], tracebacks: [],
                 plots: 0, drawn: 0, collapsed: 0, widgetRoots: [], widgetErrors: [], source: model.sharedModel.getSource()};
    if (model.type !== "code") return res;
    res.count = model.executionCount;
    const prompt = node.querySelector(".jp-InputArea-prompt");
    res.prompt = prompt ? prompt.textContent.trim() : "";
    for (const out of model.outputs.toJSON()) {
      if (out.output_type === "error") res.errors.push(`${out.ename}: ${out.evalue}`);
    }
    for (const el of node.querySelectorAll(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"],' +
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"], .jp-OutputArea-output .traceback')) {
      if (isTraceback(el)) res.tracebacks.push(lastLine(el.innerText));
    }
    for (const p of node.querySelectorAll(".js-plotly-plot")) {
      res.plots += 1;
      if (drawn(p)) res.drawn += 1;
      if (drawn(p) && p.offsetHeight === 0) res.collapsed += 1;
    }
    const tops = [...node.querySelectorAll(".jp-OutputArea-output")]
      .filter((o) => !o.parentElement.closest(".jupyter-widgets"));
    tops.forEach((o) => {
      const root = o.classList.contains("jupyter-widgets") ? o : o.querySelector(":scope > .jupyter-widgets");
      if (root) {
        const id = `w${i}-${res.widgetRoots.length}`;
        root.setAttribute("data-lab-test", id);
        res.widgetRoots.push({id, explorer: !!root.querySelector(".widget-output")});
      }
    });
    const text = node.querySelector(".jp-Cell-outputWrapper")?.innerText || "";
    for (const m of text.matchAll(/Error displaying widget[^\n]*|[Mm]odel not found[^\n]*/g)) res.widgetErrors.push(m[0]);
    return res;
  });
}
"""

_KERNEL_STATE_JS = r"""
() => {
  const app = window.jupyterapp;
  const w = app && app.shell.currentWidget;
  const dialog = document.querySelector(".jp-Dialog");
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return {dialog: dialog ? dialog.innerText.slice(0, 200) : null,
          status: k ? k.status : null, connection: k ? k.connectionStatus : null,
          path: w && w.context ? w.context.path : null};
}
"""

_BUSY_JS = r"""
() => {
  const w = window.jupyterapp.shell.currentWidget;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  const prompts = [...w.node.querySelectorAll(".jp-InputArea-prompt")].map((p) => p.textContent);
  return {queued: prompts.some((t) => t.includes("*")), status: k ? k.status : null};
}
"""


def _wait_kernel_idle(page: Any, relpath: str, timeout: float) -> None:
    """Wait until the notebook's kernel is connected and idle; accept a kernel-selection dialog."""
    deadline = time.monotonic() + timeout * SLOW
    state: dict[str, Any] = {}
    while time.monotonic() < deadline:
        state = page.evaluate(_KERNEL_STATE_JS)
        if state["dialog"]:
            if "Select Kernel" in state["dialog"] or "kernel" in state["dialog"].lower():
                page.click(".jp-Dialog .jp-mod-accept")
            else:
                raise AssertionError(f"unexpected dialog in JupyterLab: {state['dialog']!r}")
        elif state["path"] == relpath and state["status"] == "idle" and state["connection"] == "connected":
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"{relpath}: the kernel was not idle after {timeout * SLOW:.0f} s (last state: {state})")


def open_notebook(page: Any, server: LabServer, relpath: str, timeout: float = 180) -> dict[str, float]:
    """Open ``relpath`` in a fresh workspace (``?reset``) and wait for its kernel to be idle."""
    server.shutdown_sessions(relpath)  # a fresh kernel, never one left over from another run
    url = f"{server.url}/lab/tree/{urllib.parse.quote(relpath)}?reset&token={server.token}"
    t0 = time.monotonic()
    page.goto(url, wait_until="domcontentloaded", timeout=_ms(timeout))
    page.wait_for_function("() => window.jupyterapp && document.querySelector('.jp-NotebookPanel .jp-Cell')",
                           timeout=_ms(timeout), polling=250)
    t1 = time.monotonic()
    _wait_kernel_idle(page, relpath, timeout)
    return {"page": t1 - t0, "kernel": time.monotonic() - t1}


def run_all(page: Any, timeout: float = 600) -> None:
    """Run > Run All Cells (the menu, as a student does), then wait until the run is over.

    Over means: no prompt shows [*], the kernel is idle, and every non-empty code cell has an execution
    count or some cell shows an error (Lab's Run All stops at the first error). Waiting on that state,
    not on "the kernel went busy within N seconds", is what keeps a loaded machine from looking idle
    before the run has even started (a flaky failure seen on fresh clones). ``timeout`` only matters
    when the notebook really hangs.
    """
    page.click("#jp-MainMenu .lm-MenuBar-itemLabel:text-is('Run')")
    page.click("li.lm-Menu-item[data-command='runmenu:run-all']")
    try:
        page.wait_for_function(f"() => ({_RUN_OVER_JS})()", timeout=_ms(timeout), polling=250)
    except Exception as exc:  # noqa: BLE001 - playwright TimeoutError: say which cells are still running
        busy = [_where(c["index"], c["source"]) for c in page_cells(page) if "*" in c["prompt"]]
        raise AssertionError(f"Run All did not finish within {timeout * SLOW:.0f} s; still running or queued: "
                             f"{', '.join(busy) or 'none (the kernel stayed busy)'}") from exc


_RUN_OVER_JS = r"""
() => {
  const w = window.jupyterapp.shell.currentWidget;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  if (!k || k.status !== "idle") return false;
  let ran = true, raised = false;
  for (const cell of w.content.widgets) {
    if (cell.model.type !== "code") continue;
    const prompt = cell.node.querySelector(".jp-InputArea-prompt");
    if (prompt && prompt.textContent.includes("*")) return false;
    if (cell.model.outputs.toJSON().some((o) => o.output_type === "error")) raised = true;
    if (cell.model.sharedModel.getSource().trim() && cell.model.executionCount == null) ran = false;
  }
  return ran || raised;
}
"""


def page_cells(page: Any) -> list[dict[str, Any]]:
    """A snapshot of every cell of the open notebook (see ``_CELLS_JS``)."""
    return page.evaluate(_CELLS_JS)


def wait_for_outputs(page: Any, log: PageLog, expected: dict[int, KernelCell], timeout: float = 180,
                     quiet: float = 5) -> None:
    """Wait until every cell shows what the kernel displayed: its plotly figures drawn, its widget views attached.

    Plotly draws and ipywidgets attach their views asynchronously, after the kernel is idle; on a loaded
    machine that can take many seconds (a widget not yet attached once failed the suite with "the kernel
    displayed 1 widget(s), the page rendered 0"). So this waits on the page's own state, for as long as
    ``timeout``. It stops early only when a failure is already known (a blocked request or a console
    error: a map whose topojson was blocked never draws) and nothing changed for ``quiet`` seconds; the
    checks after this then name the cell.
    """
    want = {i: (c.figures, c.widgets) for i, c in expected.items() if c.figures or c.widgets}
    if not want:
        return
    deadline = time.monotonic() + timeout * SLOW
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        cells = {c["index"]: c for c in page_cells(page)}
        state = tuple((i, cells[i]["drawn"], len(cells[i]["widgetRoots"])) for i in want if i in cells)
        if all(i in cells and cells[i]["drawn"] >= f and len(cells[i]["widgetRoots"]) >= w
               for i, (f, w) in want.items()):
            return
        if state != last:
            last, since = state, time.monotonic()
        elif (log.blocked or log.console) and time.monotonic() - since > quiet * SLOW:
            return
        page.wait_for_timeout(250)


# --------------------------------------------------------------------------------------------------
# Explorers: one interaction each


_SIGNATURE_JS = r"""
(sel) => {
  const root = document.querySelector(sel);
  if (!root) return null;
  const hash = (s) => { let h = 2166136261; for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); } return (h >>> 0).toString(16); };
  const parts = [];
  for (const out of root.querySelectorAll(".widget-output")) parts.push(out.innerText);
  for (const p of root.querySelectorAll(".js-plotly-plot")) {
    parts.push(JSON.stringify(p.data || null), JSON.stringify((p.layout || {}).title || null));
  }
  return hash(parts.join("\u0001")) + ":" + parts.join("").length;
}
"""

_CONTROL_JS = r"""
(sel) => {
  const root = document.querySelector(sel);
  const controls = root.querySelectorAll(
    ".widget-slider .noUi-handle, .widget-dropdown select, .widget-toggle-buttons button, .widget-radio-box input, " +
    ".widget-checkbox input, .widget-datepicker input, .widget-text input, .widget-inline-hbox input[type=number], .widget-select select");
  for (const c of controls) {
    if (c.closest(".widget-output")) continue;  // a control the explorer drew, not one that drives it
    const box = c.closest(".jupyter-widgets.widget-inline-hbox, .widget-toggle-buttons, .widget-radio-box, .jupyter-widgets") || c;
    const label = (box.querySelector(".widget-label") || {}).innerText || "";
    let kind = "other";
    if (c.classList.contains("noUi-handle")) kind = "slider";
    else if (c.tagName === "SELECT") kind = "select";
    else if (c.tagName === "BUTTON") kind = "toggle";
    else if (c.type === "radio") kind = "radio";
    else if (c.type === "checkbox") kind = "checkbox";
    else if (c.type === "date") kind = "date";
    else if (c.type === "number") kind = "number";
    else kind = "text";
    c.setAttribute("data-lab-test-control", root.getAttribute("data-lab-test"));
    return {kind, label: label.trim()};
  }
  return null;
}
"""


def _actions(kind: str) -> list[tuple[str, Any]]:
    """Up to three attempts to change a control: a small step first, then bigger ones."""
    if kind == "slider":
        return [("press", "ArrowRight"), ("press", "End"), ("press", "Home")]
    if kind == "select":
        return [("select", 1), ("select", -1), ("select", 0)]
    if kind in {"toggle", "radio"}:
        return [("click_other", 1), ("click_other", -1)]
    if kind == "checkbox":
        return [("click", None)]
    if kind == "number":
        return [("press", "ArrowUp"), ("press", "ArrowDown")]
    return []


def _do(page: Any, control: str, action: str, arg: Any) -> None:
    loc = page.locator(control).first
    if action == "press":
        loc.focus()
        loc.press(arg)
    elif action == "select":
        options = loc.locator("option").evaluate_all("(os) => os.map((o) => o.value)")
        current = loc.input_value()
        others = [o for o in options if o != current] or options
        loc.select_option(others[arg if arg >= 0 else len(others) + arg] if others else current)
    elif action == "click_other":
        group = page.locator(control).first.locator("xpath=..")
        items = group.locator("button, input[type=radio]")
        n = items.count()
        picks = [i for i in range(n) if not items.nth(i).evaluate(
            "(e) => e.classList.contains('mod-active') || e.checked")]
        if picks:
            items.nth(picks[arg if arg >= 0 else len(picks) + arg]).click()
    elif action == "click":
        loc.click()


# The value a control shows in the page (changes at once when the test acts on it, before the kernel hears).
_CONTROL_VALUE_JS = r"""
(sel) => {
  const c = document.querySelector(sel);
  if (!c) return null;
  if (c.classList.contains("noUi-handle")) return c.getAttribute("aria-valuenow") || c.getAttribute("aria-valuetext");
  if (c.tagName === "BUTTON") {
    const group = c.parentElement;
    return [...group.querySelectorAll("button")].map((b) => b.classList.contains("mod-active") ? "1" : "0").join("");
  }
  if (c.type === "radio") {
    const group = c.closest(".widget-radio-box") || c.parentElement;
    return [...group.querySelectorAll("input[type=radio]")].map((r) => r.checked ? "1" : "0").join("");
  }
  if (c.type === "checkbox") return String(c.checked);
  return c.value;
}
"""

# Count the kernel's "idle" after each widget (comm) message: the callback of a control has finished.
_COMM_IDLE_JS = r"""
() => {
  const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  if (!k.__labTestCommIdle) {
    k.__labTestCommIdle = {n: 0};
    k.iopubMessage.connect((_, msg) => {
      if (msg.header.msg_type === "status" && msg.content.execution_state === "idle"
          && msg.parent_header && msg.parent_header.msg_type === "comm_msg") k.__labTestCommIdle.n += 1;
    });
  }
  return k.__labTestCommIdle.n;
}
"""


def exercise_explorer(page: Any, root_id: str, settle: float = 30) -> tuple[str | None, str]:
    """Change the first control of the explorer ``root_id``; returns (problem or None, what was done).

    The explorer's output (text of its Output widgets plus each plotly figure's data and title) is
    fingerprinted before and after. Each attempt waits on readiness, not on the clock: the control's
    value must change in the page (else the next, bigger change is tried at once), then the kernel must
    have handled the widget message (its idle after a comm message), then the output must change and
    every figure in the explorer be drawn. ``settle`` bounds only the last step, the front end drawing
    what the kernel already sent; it is spent only when the callback did not change anything.
    """
    sel = f'[data-lab-test="{root_id}"]'
    page.locator(sel).scroll_into_view_if_needed()
    control = page.evaluate(_CONTROL_JS, sel)
    if control is None:
        return "has an Output widget but no control the test knows how to change", "nothing"
    before = page.evaluate(_SIGNATURE_JS, sel)
    ctl = f'[data-lab-test-control="{root_id}"]'
    what = f"{control['kind']} {control['label']!r}".strip()
    tried = []
    for action, arg in _actions(control["kind"]):
        tried.append(f"{action} {arg}" if arg is not None else action)
        value = page.evaluate(_CONTROL_VALUE_JS, ctl)
        handled = page.evaluate(_COMM_IDLE_JS)
        _do(page, ctl, action, arg)
        if page.evaluate(_CONTROL_VALUE_JS, ctl) == value:
            continue  # the control did not move (already at its end): try a bigger change
        page.wait_for_function(f"(n) => ({_COMM_IDLE_JS})() > n", arg=handled, timeout=_ms(180), polling=100)
        try:
            page.wait_for_function(f"(b) => ({_SIGNATURE_JS})({json.dumps(sel)}) !== b", arg=before,
                                   timeout=_ms(settle), polling=200)
        except Exception:  # noqa: BLE001 - not changed: try a bigger change
            continue
        page.wait_for_function(f"() => !({_BUSY_JS})().queued && ({_BUSY_JS})().status === 'idle'",
                               timeout=_ms(180), polling=200)
        page.wait_for_function(_ROOT_DRAWN_JS, arg=sel, timeout=_ms(60), polling=200)
        return None, f"{what}: {', '.join(tried)}"
    return (f"changing its {what} ({', '.join(tried)}) did not change the figure or output it drives "
            f"(the kernel handled each change, then the page waited {settle * SLOW:.0f} s; does its callback "
            f"raise? an exception in a widget callback shows nowhere on the page)",
            f"{what}: {', '.join(tried)}")


# Every plotly figure inside the explorer is drawn (an svg.main-svg of non-zero size).
_ROOT_DRAWN_JS = r"""
(sel) => [...document.querySelector(sel).querySelectorAll(".js-plotly-plot")].every((p) => {
  const svg = p.querySelector("svg.main-svg");
  return svg && p._fullLayout && +svg.getAttribute("width") > 0 && +svg.getAttribute("height") > 0;
})
"""


# --------------------------------------------------------------------------------------------------
# The whole check


@dataclass
class Problem:
    kind: str  # execution, error, figure, widget, interaction, resize, console, network, file
    where: str  # "cell 12 `timeline_figure(events)`" or "page"
    message: str

    def __str__(self) -> str:
        return f"[{self.kind}] {self.where}: {self.message}"


@dataclass
class Report:
    notebook: str
    problems: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    figures: int = 0
    explorers: list[str] = field(default_factory=list)
    stderr_cells: list[int] = field(default_factory=list)

    def add(self, kind: str, where: str, message: str) -> None:
        self.problems.append(Problem(kind, where, message))

    def kinds(self) -> set[str]:
        return {p.kind for p in self.problems}

    def summary(self) -> str:
        timings = ", ".join(f"{k} {v:.1f}s" for k, v in self.timings.items())
        lines = [f"{self.notebook}: {self.figures} figure(s), {len(self.explorers)} explorer(s), "
                 f"{len(self.problems)} problem(s); seconds from the start: {timings}"]
        lines += [f"  explorer {e}" for e in self.explorers] + [f"  {p}" for p in self.problems]
        return "\n".join(lines)

    def message(self) -> str:
        lines = [f"{self.notebook}: {len(self.problems)} problem(s) in JupyterLab (headless Chromium); "
                 f"'cell N' is the cell's index in the notebook, counting from 0, markdown cells included:"]
        lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)


def _where(index: int, source: str) -> str:
    first = next((line.strip() for line in source.splitlines() if line.strip()), "")
    if len(first) > 60:
        first = first[:57] + "..."
    return f"cell {index} `{first}`"


def check_notebook(page: Any, log: PageLog, server: LabServer, notebook: Path,
                   screenshot: Path | None = None, interact: bool = True, settle: float = 30,
                   resize: bool = True) -> Report:
    """Open ``notebook`` in Lab, Run All, and check it (see the module docstring)."""
    t0 = time.monotonic()
    relpath = notebook.resolve().relative_to(server.root).as_posix()
    report = Report(notebook.name)
    before = notebook.read_bytes()
    future = expected_outputs_async(notebook)
    try:
        try:
            for step, seconds in open_notebook(page, server, relpath).items():
                report.timings[f"open_{step}"] = seconds
            run_all(page)
        except AssertionError as exc:
            if screenshot is not None:
                page.screenshot(path=str(screenshot))  # what the page showed when it gave up
            raise AssertionError(f"{notebook.name}: {exc}") from exc
        report.timings["ran"] = time.monotonic() - t0
        try:
            expected, report.timings["nbclient"] = future.result(timeout=600 * SLOW)
        except Exception as exc:  # noqa: BLE001 - the kernel-side run itself broke
            report.add("execution", "kernel", f"nbclient could not execute the notebook: {exc!r}")
            expected = {}
        report.timings["kernel_side"] = time.monotonic() - t0
        wait_for_outputs(page, log, expected)
        cells = page_cells(page)
        _check_cells(report, cells, expected)
        if interact:
            _check_explorers(report, page, cells, settle)
            report.timings["interacted"] = time.monotonic() - t0
        if screenshot is not None:
            t1 = time.monotonic()
            save_screenshot(page, screenshot)
            report.timings["screenshot_took"] = time.monotonic() - t1
        if resize:
            _check_resize(report, page)
        for msg in unexpected_console(log.console):
            report.add("console", "page", msg)
        for url in dict.fromkeys(log.blocked):
            report.add("network", "page", f"request to {url} (blocked: only 127.0.0.1 is allowed)")
    finally:
        try:
            server.shutdown_sessions(relpath)
        except (OSError, urllib.error.URLError):
            pass
    if notebook.read_bytes() != before:
        report.add("file", "notebook", "the notebook file changed on disk during the test (was it saved?)")
    report.timings["total"] = time.monotonic() - t0
    return report


def _check_cells(report: Report, cells: list[dict[str, Any]], expected: dict[int, KernelCell]) -> None:
    for cell in cells:
        if cell["type"] != "code":
            continue
        i = cell["index"]
        where = _where(i, cell["source"])
        exp = expected.get(i)
        errors = list(dict.fromkeys(cell["errors"] + cell["tracebacks"]))
        for err in errors:
            report.add("error", where, f"raised {err}")
        if exp is not None:
            for err in exp.errors:
                if err not in errors:
                    report.add("error", where, f"raised {err} when the kernel side (nbclient) ran it")
        runnable = cell["source"].strip() != ""
        if runnable and cell["count"] is None:
            report.add("execution", where, f"did not run in Run All (prompt {cell['prompt']!r})")
        # Figures
        if exp is not None:
            report.figures += exp.figures
            if cell["drawn"] != exp.figures:
                undrawn = cell["plots"] - cell["drawn"]
                report.add("figure", where,
                           f"the kernel displayed {exp.figures} plotly figure(s), the page drew {cell['drawn']}"
                           + (f" ({undrawn} plot element(s) without an svg.main-svg)" if undrawn else ""))
        elif cell["plots"] != cell["drawn"]:
            report.add("figure", where, f"{cell['plots'] - cell['drawn']} plotly figure(s) not drawn")
        if cell["collapsed"]:
            report.add("figure", where, f"{cell['collapsed']} plotly figure(s) drawn but 0 px high")
        # Widgets
        for text in cell["widgetErrors"]:
            report.add("widget", where, f"shows {text!r}")
        if exp is not None and len(cell["widgetRoots"]) != exp.widgets:
            report.add("widget", where, f"the kernel displayed {exp.widgets} widget(s), the page rendered "
                                        f"{len(cell['widgetRoots'])} (.jupyter-widgets)")


def _check_explorers(report: Report, page: Any, cells: list[dict[str, Any]], settle: float) -> None:
    for cell in cells:
        for root in cell.get("widgetRoots", []):
            if not root["explorer"]:
                continue
            where = _where(cell["index"], cell["source"])
            problem, done = exercise_explorer(page, root["id"], settle)
            report.explorers.append(f"{where}: {done}")
            if problem:
                report.add("interaction", where, f"explorer {root['id']}: {problem}")
                continue
            # After the change: still drawn, no traceback.
            after = page_cells(page)[cell["index"]]
            for err in after["tracebacks"]:
                report.add("error", where, f"after the interaction ({done}) shows a traceback: {err}")
            if after["plots"] != after["drawn"]:
                report.add("figure", where, f"after the interaction ({done}) "
                                            f"{after['plots'] - after['drawn']} figure(s) not drawn")
            for text in after["widgetErrors"]:
                report.add("widget", where, f"after the interaction shows {text!r}")


def _check_resize(report: Report, page: Any, shorter: int = 300) -> None:
    """The figures survive the browser window getting shorter (as when a student resizes it).

    Found this way: with plotly's ``responsive: true`` config, a change of the window's height alone
    collapses every figure outside a widget to 0 px in JupyterLab 4.6 (until the cell is run again).
    """
    size = page.viewport_size or {"width": 1280, "height": 900}
    before = {c["index"]: c for c in page_cells(page)}
    page.set_viewport_size({"width": size["width"], "height": size["height"] - shorter})
    try:
        page.wait_for_timeout(1500 * SLOW)
        for cell in page_cells(page):
            old = before.get(cell["index"], {})
            if cell["type"] == "code" and cell["collapsed"] > old.get("collapsed", 0):
                report.add("resize", _where(cell["index"], cell["source"]),
                           f"{cell['collapsed'] - old.get('collapsed', 0)} figure(s) collapsed to 0 px height when the "
                           f"browser window got {shorter} px shorter (seen with plotly config responsive=True)")
    finally:
        page.set_viewport_size(size)


def save_screenshot(page: Any, path: Path, max_height: int = 40000) -> None:
    """A picture of the whole notebook: screen after screen of the notebook panel, stacked.

    JupyterLab scrolls inside the notebook panel, so a "full page" screenshot shows one screen; and
    growing the viewport to the notebook's height does not work either (a window resize can collapse
    the figures, see :func:`_check_resize`). So scroll the panel one screen at a time, as a student
    would, take each screen, and stack them (in a page of a separate browser context) into one PNG.
    """
    import base64

    path.parent.mkdir(parents=True, exist_ok=True)
    outer = page.evaluate_handle(
        "() => window.jupyterapp.shell.currentWidget.node.querySelector('.jp-WindowedPanel-outer')")
    box = outer.evaluate("(o) => { o.scrollTop = 0; const r = o.getBoundingClientRect(); "
                         "return {x: r.left, y: r.top, width: r.width, height: o.clientHeight}; }")
    # Scroll by one screen, then wait two animation frames: the cells now in view are painted.
    scroll = """(o, h) => new Promise((done) => { o.scrollTop = o.scrollTop + h;
        requestAnimationFrame(() => requestAnimationFrame(() => done(Math.round(o.scrollTop)))); })"""
    shots: list[tuple[int, bytes]] = []
    top, now = -1, outer.evaluate(scroll, 0)
    while now > top and len(shots) * box["height"] < max_height:
        # Skip the panel's top 3 px: the toolbar's shadow falls there and would stripe the picture.
        clip = {**box, "y": box["y"] + 3, "height": box["height"] - 3}
        shots.append((now + 3, page.screenshot(clip=clip, type="jpeg", quality=92)))  # jpeg: quicker
        top, now = now, outer.evaluate(scroll, box["height"])
    width, height = int(box["width"]), shots[-1][0] + int(box["height"])
    with tempfile.TemporaryDirectory(prefix="lab-shot-") as tmp:
        imgs = []
        for k, (y, jpeg) in enumerate(shots):
            (Path(tmp) / f"{k}.jpg").write_bytes(jpeg)
            imgs.append(f'<img style="position:absolute;left:0;top:{y}px" src="{k}.jpg">')
        sheet_html = Path(tmp) / "sheet.html"
        sheet_html.write_text(f'<body style="margin:0"><div style="position:relative;width:{width}px;'
                              f'height:{height}px">{"".join(imgs)}</div></body>')
        sheet_context = page.context.browser.new_context(viewport={"width": width, "height": 800})
        try:  # a context apart from Lab's page, so it has no effect on it
            sheet = sheet_context.new_page()
            sheet.goto(sheet_html.as_uri())
            sheet.wait_for_function("() => [...document.images].every((i) => i.complete)")
            # Playwright's full-page PNG takes 10+ s for a long notebook on a busy machine; Chromium's
            # own capture with optimizeForSpeed (a faster PNG encoder, a slightly bigger file) takes 3 s.
            shot = sheet_context.new_cdp_session(sheet).send("Page.captureScreenshot", {
                "format": "png", "optimizeForSpeed": True, "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
            path.write_bytes(base64.b64decode(shot["data"]))
        finally:
            sheet_context.close()
