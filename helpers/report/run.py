"""Running a student's notebook to collect what its checks found: a copy, a fresh kernel, time limits.

For each submission :func:`run_submission`:

1. copies the file into a new temporary folder (the teacher's file is only ever read);
2. reads it with :func:`helpers.notebooks.read_notebook` and tells which notebook it is; a file that is not
   a notebook, not one of the collection's, the teacher's own solution notebook, or still exactly as
   handed out, is reported without running anything;
3. runs its code cells in order in a fresh kernel of this Python (``sys.executable``; the kernel's working
   folder is the temporary one, its sockets are local files, not network ports), with ``allow_errors`` so
   the checks after a failing cell still run, a limit per cell and one per notebook (on a limit the kernel
   is interrupted and the run goes on with the time left);
4. after every cell that calls ``check`` or ``hint``, and at the end, runs one more cell of its own that
   prints :func:`helpers.exercises.record.export_records`, and reads the records from that cell's output
   only (a student printing the marker cannot forge them; a later cell that hangs or crashes the kernel
   cannot take the checks before it along);
5. shuts the kernel down and deletes the temporary folder.

Nothing it meets stops the class's run: every outcome is a :class:`RunResult` with a plain reason.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from helpers.exercises.record import MARKER
from helpers.notebooks import (
    ROOT,
    NotebookReadError,
    cell_source,
    code_cells,
    exercise_of_cell,
    read_notebook,
)
from helpers.report.submissions import (
    Catalogue,
    answers_in_source,
    catalogue,
    check_cells,
    identify,
    is_as_distributed,
    is_teachers_version,
)

__all__ = ["RunResult", "Limits", "run_submission", "OUTCOMES"]

# What happened to a submission, from best to worst; the reason column says more.
OUTCOMES = {
    "collected": "ran to the end; every check that ran was collected",
    "not started": "still exactly as handed out; not run",
    "time limit": "stopped by the time limit; the checks that ran before were collected",
    "kernel stopped": "the notebook's Python stopped (crashed or exited); the checks that ran before were collected",
    "not collected": "ran, but its checks could not be read",
    "not recognised": "not one of the collection's notebooks; not run",
    "teacher's version": "a solution notebook (the teacher's copy); not run",
    "unreadable": "not a notebook file (broken or not JSON); not run",
}

# Run first: the students' printing goes nowhere (the report reads none of it, and a loop that prints
# for a minute would otherwise send the report hundreds of megabytes).
QUIET_SOURCE = ("import os as _tft_os, sys as _tft_sys\n"
                "_tft_sys.stdout = _tft_sys.stderr = open(_tft_os.devnull, 'w')")
# Run after the cells that check: the records, as one display output of their own (not through stdout).
EXPORT_SOURCE = ("from IPython.display import display as _tft_display\n"
                 "import helpers.exercises.record as _tft_record\n"
                 "_tft_display({'text/plain': _tft_record.export_records()}, raw=True)")
TIME_LIMIT_ERROR = "TimeLimit"
IOPUB_TIMEOUT = 4  # seconds to wait for a cell's last outputs after its reply
_RECORDS_CALL = re.compile(r"\b(check|hint)\s*\(")


@dataclass(frozen=True)
class Limits:
    """Time limits in seconds: per notebook (all its cells), per cell, and for starting the kernel."""

    notebook: float = 180.0
    cell: float = 60.0
    start: float = 60.0
    export: float = 20.0


@dataclass
class RunResult:
    """What running one submission found (stored in the cache: plain data only)."""

    outcome: str
    notebook: str = ""
    reason: str = ""
    records: list[dict[str, Any]] = field(default_factory=list)
    answer_cells: dict[str, str] = field(default_factory=dict)  # exercise -> answer typed (if a plain value)
    check_cells: list[str] = field(default_factory=list)  # exercises whose check cell is in the file
    errors: list[dict[str, Any]] = field(default_factory=list)  # cells that raised: cell, exercise, error
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RunResult:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


def _kernel_spec_manager() -> Any:
    """A kernel spec manager whose only kernel is this Python (a user's own 'python3' spec cannot take over)."""
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager

    class ThisPython(KernelSpecManager):
        def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
            return KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                              display_name="Python 3 (teacher's report)", language="python", resource_dir="")

    return ThisPython()


def _poll_kernel_replies_in_slices(step: float = 0.2) -> None:
    """Bound jupyter/nbclient#312 (a reply wait that misses its wake-up and lasts the whole cell limit).

    A stalled wait would look like a time limit here and interrupt a healthy notebook. Same idea (and
    marker) as tests/conftest.py: wait in short slices; replies and deadlines are unchanged.
    """
    from queue import Empty

    from jupyter_client.channels import AsyncZMQSocketChannel

    original = AsyncZMQSocketChannel.get_msg
    if getattr(original, "_in_slices", False):
        return

    async def get_msg(self: Any, timeout: float | None = None) -> Any:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            wait = step if deadline is None else max(0.0, min(step, deadline - time.monotonic()))
            try:
                return await original(self, timeout=wait)
            except Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise

    get_msg._in_slices = True  # type: ignore[attr-defined]
    AsyncZMQSocketChannel.get_msg = get_msg  # type: ignore[method-assign]


def _kernel_env(tmp: Path, notebook_file: str) -> dict[str, str]:
    """The kernel's environment: the teacher's, in student mode, with this checkout's helpers first."""
    env = dict(os.environ)
    env.pop("TITFORTAT_MODE", None)  # a teacher's "solutions" mode would make wrong answers raise
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH", "")])])
    env["IPYTHONDIR"] = str(tmp / "ipython")  # no startup files or history of the teacher's profile
    env["JPY_SESSION_NAME"] = notebook_file
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    env["MPLBACKEND"] = "Agg"
    return env


def _records_from(outputs: list[Any]) -> list[dict[str, Any]] | None:
    """The records in the export cell's display output (None if there are none or they do not parse)."""
    for output in outputs:
        text = output.get("data", {}).get("text/plain", "") if output.get("output_type") == "display_data" else ""
        text = "".join(text) if isinstance(text, list) else str(text)
        if text.startswith(MARKER):
            try:
                records = json.loads(text[len(MARKER):])
            except json.JSONDecodeError:
                return None
            return records if isinstance(records, list) else None
    return None


def _first_line(source: str, width: int = 40) -> str:
    """A cell as a teacher finds it again: its first line that is not blank ('while True:')."""
    line = next((line.strip() for line in source.splitlines() if line.strip()), "")
    return line if len(line) <= width else line[: width - 1] + "…"


def _cell_exercise(source: str, checks: dict[str, list[int]], index: int) -> str:
    fake = {"cell_type": "code", "source": source}
    return exercise_of_cell(fake) or next((e for e, cells in checks.items() if index in cells), "")


async def _execute(nb_dict: dict[str, Any], workdir: Path, notebook_file: str, limits: Limits,
                   result: RunResult) -> None:
    """Run the code cells and the export cell; fill ``result`` (outcome, records, errors)."""
    import nbformat
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    _poll_kernel_replies_in_slices()
    sources = [(index, cell_source(cell)) for index, cell in code_cells(nb_dict)]
    sources_by_index = dict(sources)
    checks = check_cells(nb_dict)
    cells = [nbformat.v4.new_code_cell(source) for _, source in sources]
    export = nbformat.v4.new_code_cell(EXPORT_SOURCE)
    quiet = nbformat.v4.new_code_cell(QUIET_SOURCE)
    run_nb = nbformat.v4.new_notebook(cells=[*cells, export, quiet])  # student cells first: their indexes

    class Client(NotebookClient):
        def process_message(self, msg: dict[str, Any], cell: Any, cell_index: int) -> Any:
            # The report reads only its own cell's output: a student's outputs (figures, or a loop that
            # prints for a minute) are not kept, so they cannot fill the teacher's memory.
            if cell_index < len(cells) and msg["msg_type"] != "status":
                return None
            return super().process_message(msg, cell, cell_index)

        async def _async_handle_timeout(self, timeout: int, cell: Any = None) -> Any:
            reply = await super()._async_handle_timeout(timeout, cell)
            self.iopub_timeout = 1  # the cell was interrupted or hangs: its last outputs are not worth waiting for
            return reply

    km = AsyncKernelManager(kernel_name="titfortat-report", kernel_spec_manager=_kernel_spec_manager(),
                            transport=_transport(workdir), connection_file=str(workdir / "kernel.json"))
    client = Client(run_nb, km=km, allow_errors=True, interrupt_on_timeout=True,
                            error_on_timeout={"ename": TIME_LIMIT_ERROR, "evalue": "time limit", "traceback": []},
                            record_timing=False, shutdown_kernel="immediate")
    errors: list[tuple[int, str]] = []

    def on_cell_error(cell: Any, cell_index: int, execute_reply: dict[str, Any]) -> None:
        content = execute_reply.get("content", {})
        errors.append((cell_index, f"{content.get('ename', 'Error')}: {str(content.get('evalue', ''))[:200]}"))

    client.on_cell_error = on_cell_error
    kc = None
    running: list[int | None] = [None]  # the student cell being run (its index in the file)
    try:
        await asyncio.wait_for(km.start_kernel(cwd=str(workdir), env=_kernel_env(workdir, notebook_file),
                                               extra_arguments=["--HistoryManager.hist_file=:memory:"]),
                               limits.start)
        kc = km.client()
        kc.start_channels()
        await kc.wait_for_ready(timeout=limits.start)
        client.kc = kc
        client.timeout = int(limits.start)
        await client.async_execute_cell(quiet, len(cells) + 1)

        async def export_records() -> bool:
            client.timeout, client.iopub_timeout = int(limits.export), IOPUB_TIMEOUT
            before = len(errors)
            await client.async_execute_cell(export, len(cells))
            if len(errors) > before:  # the export cell itself failed: do not count it as the student's
                del errors[before:]
                return False
            records = _records_from(export.outputs)
            if records is None:
                return False
            result.records = records
            return True

        records_change = {position for position, (_, source) in enumerate(sources) if _RECORDS_CALL.search(source)}
        deadline = time.monotonic() + limits.notebook
        cell_limit: list[int] = []  # cells stopped by the limit per cell (the notebook then goes on)
        out_of_time: int | None = None  # the cell at which the notebook's own limit ran out
        stuck = False  # an interrupted cell that did not stop
        for position, cell in enumerate(cells):
            running[0] = sources[position][0]
            remaining = deadline - time.monotonic()
            if remaining < 1:
                out_of_time = position
                break
            client.timeout, client.iopub_timeout = max(1, int(min(limits.cell, remaining))), IOPUB_TIMEOUT
            before = len(errors)
            await client.async_execute_cell(cell, position)
            if any(text.startswith(TIME_LIMIT_ERROR) for _, text in errors[before:]):
                if client.timeout < limits.cell:
                    out_of_time = position
                else:
                    cell_limit.append(position)
                # Keep what the checks found so far; if the interrupted kernel cannot even do that, stop.
                if not await export_records():
                    stuck = True
                    break
                if out_of_time is not None:
                    break
            elif position in records_change:
                # Read the records after every cell that checks or hints, so that a later cell that cannot be
                # stopped does not take them with it (a few milliseconds each).
                await export_records()
        exported = False if stuck else await export_records()
        for position, text in errors:
            index, source = sources[position]
            if text.startswith(TIME_LIMIT_ERROR):
                text = "stopped by the time limit"
            result.errors.append({"cell": index, "exercise": _cell_exercise(source, checks, index), "error": text,
                                  "start": _first_line(source)})

        def cell_no(position: int) -> str:
            index, source = sources[min(position, len(sources) - 1)]
            return f"{index + 1} ({_first_line(source)})"

        if stuck or out_of_time is not None or cell_limit:
            result.outcome = "time limit"
            parts = []
            if cell_limit:
                stopped = ", ".join(cell_no(p) for p in cell_limit[:5])
                parts.append(f"Cell{'s' if len(cell_limit) > 1 else ''} {stopped} ran longer than the limit of "
                             f"{limits.cell:g} s per cell and {'were' if len(cell_limit) > 1 else 'was'} stopped "
                             "(a loop that does not end?).")
            if stuck:
                parts.append("The notebook did not stop when interrupted, so the cells after that did not run; "
                             "the checks before it were kept.")
            elif out_of_time is not None:
                parts.append(f"The notebook's time limit ({limits.notebook:g} s) ran out at cell "
                             f"{cell_no(out_of_time)}: the cells after it did not run.")
            elif cell_limit:
                parts.append("The notebook then went on with the cells after it.")
            result.reason = " ".join(parts)
        elif not exported:
            result.outcome = "not collected"
            result.reason = ("The notebook ran, but the results of its checks could not be read (was `helpers` "
                             "changed or removed in a cell?).")
        else:
            result.outcome = "collected"
    except DeadKernelError:
        result.outcome = "kernel stopped"
        where = f"at cell {running[0] + 1} ({_first_line(sources_by_index[running[0]])}) " \
            if running[0] is not None else ""
        result.reason = (f"The notebook's Python stopped {where}(a cell called exit(), or it ran out of memory): "
                         "the cells after it did not run; the checks before it were kept.")
    except (TimeoutError, RuntimeError) as exc:
        result.outcome = "not collected"
        if running[0] is None:
            result.reason = f"The notebook's Python could not be started ({type(exc).__name__}: {exc})."
        else:
            result.reason = (f"The notebook's Python stopped answering at cell {running[0] + 1} "
                             f"({type(exc).__name__}: {exc}).")
    finally:
        if kc is not None:
            kc.stop_channels()
        try:
            await km.shutdown_kernel(now=True)
        except Exception:  # already dead, or never started
            pass


def _examine(path: Path, cat: Catalogue) -> tuple[dict[str, Any] | None, RunResult]:
    """Read a copy and decide whether it needs running: (notebook, result to fill) or (None, final result)."""
    try:
        nb = read_notebook(path)
    except NotebookReadError as exc:
        text = str(exc)
        if "readable notebook (" in text:
            detail = text.split("readable notebook (", 1)[1].removesuffix(")")
            plain = f"The file is not a readable notebook (broken, or not JSON): {detail}."
        else:
            plain = "The file is JSON, but not a notebook (it has no list of cells)."
        return None, RunResult("unreadable", reason=plain)
    if is_teachers_version(nb):
        return None, RunResult("teacher's version", reason="A solution notebook (it has the teacher's cells): "
                                                          "skipped.")
    identity = identify(nb, cat)
    if not identity.notebook:
        return None, RunResult("not recognised", reason="No exercise, check or title of the collection's "
                                                         "notebooks was found in it: not run.")
    return nb, RunResult("", notebook=identity.notebook)


# A Unix socket's path may not be longer than about 104 bytes (macOS) or 108 (Linux).
_SOCKET_PATH_MAX = 100


def _transport(workdir: Path) -> str:
    """'ipc' (local sockets, no network port) when their paths fit, else 'tcp' on 127.0.0.1.

    The kernel's sockets are files named after the connection file (``kernel-ipc-<n>`` in ``workdir``);
    under a long temporary folder (a deep TMPDIR, as macOS and some test runners give) they would not fit,
    and the kernel would fail to start.
    """
    return "ipc" if len(str(workdir / "kernel-ipc-65535").encode()) <= _SOCKET_PATH_MAX else "tcp"


async def run_submission(data: bytes, limits: Limits, cat: Catalogue | None = None) -> RunResult:
    """Everything a submission's checks found, from the bytes of its file (never raises)."""
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="titfortat-report-"))
    try:
        result = await _run(data, workdir, limits, cat or catalogue())
    except Exception as exc:  # never lose a student to a problem of the report itself
        result = RunResult("not collected", reason=f"The report could not run it ({type(exc).__name__}: {exc}).")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    result.seconds = round(time.monotonic() - started, 2)
    return result


async def _run(data: bytes, workdir: Path, limits: Limits, cat: Catalogue) -> RunResult:
    copy = workdir / "submission.ipynb"
    copy.write_bytes(data)
    nb, result = _examine(copy, cat)
    if nb is None:
        return result
    result.answer_cells = answers_in_source(nb)
    result.check_cells = sorted(check_cells(nb))
    if is_as_distributed(nb, result.notebook):
        result.outcome = "not started"
        return result
    notebook_file = f"{result.notebook}.ipynb"
    (workdir / notebook_file).write_bytes(data)  # the kernel's advice reads its own notebook by this name
    await _execute(nb, workdir, notebook_file, limits, result)
    return result
