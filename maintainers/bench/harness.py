"""Kernel runner for the bench: starts a fresh kernel per job and timestamps what arrives.

Runs inside the environment being measured (the project's .venv or the minimal floor venv), so it
depends only on nbclient, nbformat and jupyter_client. It reads one JSON job per line on stdin and
answers one JSON line on stdout, so the orchestrator (``maintainers/bench/run.py``) can keep one harness per
environment alive and interleave runs between them. The harness's own imports (nbformat is slow in
an environment with JupyterLab) happen once, before any clock starts.

A job::

    {"id": "...", "kernel": "bench-project", "notebook": "path.ipynb" | null, "cells": ["src", ...] | null,
     "cwd": "dir", "timeout": 600, "diagnose": true}

The answer, times in seconds from the kernel start request (``t=0``)::

    {"id": ..., "ok": true, "kernel_ready": 0.9, "first_figure": 2.1, "first_figure_cell": 3,
     "done": 4.0, "shutdown": 4.2, "cells": [[index, end], ...], "stdout": {index: text},
     "kernel_cpu_first_figure": 1.6, "kernel_cpu_done": 2.9, "error": null, "diagnostics": {...}}

``kernel_cpu_*`` is the CPU time (user + system) the kernel process had used by then: unlike wall time it
hardly depends on what else the machine is doing, so it estimates the wall time on an idle machine for
the CPU-bound part (kernel start-up, imports, figure building).
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from queue import Empty
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

PLOTLY_MIME = "application/vnd.plotly.v1+json"

# Run after the measured cells (never timed): what the kernel ended up importing.
DIAGNOSE = """
import json as _json, sys as _sys
print(_json.dumps({
    "prefix": _sys.prefix,
    "nbformat": "nbformat" in _sys.modules,
    "rfc3987_syntax": "rfc3987_syntax" in _sys.modules,
    "jsonschema": "jsonschema" in _sys.modules,
    "plotly_renderers": "plotly.io._renderers" in _sys.modules,
    "plotly_express": "plotly.express" in _sys.modules,
    "helpers": "helpers" in _sys.modules,
    "modules": len(_sys.modules),
}))
"""


def _cpu_seconds(pid: int | None) -> float | None:
    """User + system CPU time a process has used so far (Linux /proc), or None."""
    if pid is None:
        return None
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def slice_polls(channel: Any, step: float = 0.2) -> None:
    """Make a channel's ``get_msg(timeout)`` poll in short slices until its deadline.

    With the async client nbclient uses, a reply can sit in the socket while ``poll`` sleeps on: the
    wait only ends when the timeout expires, and then returns the reply as if nothing happened (seen
    here on cells that build ipywidgets: a 0.2 s cell took exactly the cell timeout; upstream
    jupyter/nbclient#312). Polling in slices bounds such a stall to ``step`` seconds, so the bench
    measures the notebook, not the stall. Semantics are unchanged: ``Empty`` still comes at the deadline.
    """
    original = channel.get_msg

    async def get_msg(timeout: float | None = None) -> Any:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            wait = step if deadline is None else max(0.0, min(step, deadline - time.monotonic()))
            try:
                return await original(timeout=wait)
            except Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise

    channel.get_msg = get_msg


class TimedClient(NotebookClient):
    """An nbclient client that notes when the first plotly figure arrives (also inside Output widgets)."""

    def __init__(self, *args: Any, t0_box: list[float], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._t0_box = t0_box
        self.first_figure: float | None = None
        self.first_figure_cell: int | None = None
        self.first_figure_cpu: float | None = None

    def kernel_pid(self) -> int | None:
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        return getattr(process, "pid", None)

    def process_message(self, msg: dict[str, Any], cell: Any, cell_index: int) -> Any:
        if (self.first_figure is None and msg.get("msg_type") in {"display_data", "execute_result"}
                and PLOTLY_MIME in msg.get("content", {}).get("data", {})):
            self.first_figure = time.perf_counter() - self._t0_box[0]
            self.first_figure_cell = cell_index
            self.first_figure_cpu = _cpu_seconds(self.kernel_pid())
        return super().process_message(msg, cell, cell_index)


def _stdout_of(cell: Any) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")


def run_job(job: dict[str, Any]) -> dict[str, Any]:
    """Run one notebook (or list of cell sources) in a fresh kernel and time it."""
    if job.get("notebook"):
        nb = nbformat.read(job["notebook"], as_version=4)
    else:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(src) for src in job["cells"]])
    t0_box = [0.0]
    client = TimedClient(nb, t0_box=t0_box, timeout=job.get("timeout", 300), kernel_name=job["kernel"],
                         resources={"metadata": {"path": job["cwd"]}}, record_timing=False)
    result: dict[str, Any] = {"id": job.get("id"), "ok": True, "error": None, "cells": [], "stdout": {}}
    t0_box[0] = time.perf_counter()
    clock = t0_box[0]
    try:
        with client.setup_kernel():
            result["kernel_ready"] = time.perf_counter() - clock
            slice_polls(client.kc.shell_channel)
            slice_polls(client.kc.iopub_channel)
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                try:
                    client.execute_cell(cell, index)
                except CellExecutionError as exc:
                    result["ok"] = False
                    result["error"] = f"cell {index}: {str(exc).strip().splitlines()[-1][:300]}"
                    break
                result["cells"].append([index, time.perf_counter() - clock])
                text = _stdout_of(cell)
                if text:
                    result["stdout"][str(index)] = text
            result["done"] = time.perf_counter() - clock
            result["kernel_cpu_done"] = _cpu_seconds(client.kernel_pid())
            if job.get("diagnose"):
                probe = nbformat.v4.new_code_cell(DIAGNOSE)
                nb.cells.append(probe)  # after the clock stopped; nbclient wants the cell in the notebook
                client.execute_cell(probe, len(nb.cells) - 1)
                try:
                    result["diagnostics"] = json.loads(_stdout_of(probe))
                except ValueError:
                    result["diagnostics"] = {"raw": _stdout_of(probe)[:500]}
    except Exception as exc:  # a kernel that does not start, a timeout: report, keep the harness alive
        result["ok"] = False
        result["error"] = f"{type(exc).__name__}: {str(exc)[:300]}"
        result["traceback"] = traceback.format_exc()[-2000:]
    result["shutdown"] = time.perf_counter() - clock
    result["first_figure"] = client.first_figure
    result["first_figure_cell"] = client.first_figure_cell
    result["kernel_cpu_first_figure"] = client.first_figure_cpu
    return result


def main() -> None:
    out = sys.stdout
    sys.stdout = sys.stderr  # anything else printed must not corrupt the JSON lines
    print(json.dumps({"ready": True, "python": sys.executable}), file=out, flush=True)
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        print(json.dumps(run_job(json.loads(line))), file=out, flush=True)


if __name__ == "__main__":
    main()
