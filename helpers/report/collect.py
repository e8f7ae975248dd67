"""The whole loop for a class: find the files, run them two at a time (reusing unchanged ones), write the report.

:func:`collect_class` is what ``python -m helpers.report`` and ``make report`` call. The cache lives in the
output folder (``.cache/``): one small JSON file per submission, keyed by the SHA-256 of the file's bytes
and a fingerprint of what judged it (the ``helpers`` package — of the report itself only the modules that
run and recognise notebooks —, the data, the student notebooks as handed out, the time limits), so a re-run
only runs new or changed notebooks, and all of them after a check or the data was fixed.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pandas as pd

from helpers.notebooks import ROOT
from helpers.report.run import Limits, RunResult, run_submission
from helpers.report.submissions import catalogue, find_submissions, student_name
from helpers.report.tables import Entry, results_table, submissions_table

__all__ = ["ClassReport", "collect_class", "default_out", "fingerprint", "Progress", "CACHE_VERSION"]

CACHE_VERSION = "1"
# The outcome that may come from a passing problem of the machine (a kernel that did not start): never reused.
_NOT_CACHED = {"not collected"}
# The report's own modules that decide what a run finds (the others only lay the results out).
_JUDGING = {"run.py", "submissions.py"}


@dataclass
class ClassReport:
    """What a run produced: the tables, the files written, and how long it took."""

    folder: Path
    out: Path
    results: pd.DataFrame
    submissions: pd.DataFrame
    files: dict[str, Path] = field(default_factory=dict)
    seconds: float = 0.0
    ran: int = 0
    reused: int = 0
    workers: int = 1


def default_out(folder: str | Path) -> Path:
    """The output folder next to the collected one: ``class-3b/`` → ``class-3b-report/``."""
    folder = Path(folder).resolve()
    return folder.parent / f"{folder.name}-report"


def fingerprint(limits: Limits) -> str:
    """A hash of everything that decides a submission's results besides the file itself."""
    digest = hashlib.sha256(f"report-cache-{CACHE_VERSION} {limits} {sys.version_info[:2]}".encode())
    files = [*sorted((ROOT / "helpers").rglob("*.py")), *sorted((ROOT / "helpers").rglob("*.toml")),  # the wording
             *sorted((ROOT / "data").rglob("*")),
             *sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))]
    for path in files:
        if path.parent.name == "report" and path.name not in _JUDGING:  # how results are shown, not found
            continue
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class Progress:
    """A one-line progress bar over the class on stderr (one line per notebook when not a terminal)."""

    def __init__(self, total: int, stream: IO[str] | None = None, enabled: bool = True) -> None:
        self.total, self.done, self.stream, self.enabled = total, 0, stream or sys.stderr, enabled
        self.started = time.monotonic()
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def update(self, entry: Entry) -> None:
        self.done += 1
        if not self.enabled:
            return
        what = f"{entry.student} · {entry.result.notebook or entry.submission}: {entry.result.outcome}"
        what += " (reused)" if entry.reused else f" ({entry.result.seconds:.0f} s)"
        elapsed = time.monotonic() - self.started
        if self.tty:
            width = 24
            filled = round(width * self.done / max(self.total, 1))
            line = f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {elapsed:4.0f} s  {what}"
            self.stream.write("\r" + line[:110].ljust(110))
            if self.done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(f"{self.done}/{self.total} {elapsed:4.0f} s  {what}\n")
        self.stream.flush()


def _cache_path(cache: Path, digest: str, stamp: str) -> Path:
    return cache / (hashlib.sha256(f"{digest} {stamp}".encode()).hexdigest()[:32] + ".json")


def _load_cached(path: Path) -> RunResult | None:
    try:
        return RunResult.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


async def _run_all(jobs: list[tuple[int, bytes]], limits: Limits, workers: int,
                   done: Callable[[int, RunResult], None]) -> None:
    """Run the jobs ``workers`` at a time; Ctrl-C (or SIGTERM) stops them all, shuts their kernels down, deletes
    their temporary folders and raises KeyboardInterrupt."""
    gate = asyncio.Semaphore(workers)
    cat = catalogue()
    stopped = False

    async def one(index: int, data: bytes) -> None:
        async with gate:
            result = await run_submission(data, limits, cat)
        if not stopped:  # a run cut short by Ctrl-C is not a result
            done(index, result)

    tasks = [asyncio.ensure_future(one(index, data)) for index, data in jobs]

    def stop() -> None:
        nonlocal stopped
        stopped = True
        for task in tasks:
            task.cancel()  # each run shuts its kernel down and deletes its temporary folder

    loop = asyncio.get_running_loop()
    signals = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop)
            signals.append(sig)
        except (NotImplementedError, RuntimeError):  # Windows, or not the main thread: Ctrl-C as usual
            pass
    try:
        await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        for sig in signals:
            loop.remove_signal_handler(sig)
    if stopped:
        raise KeyboardInterrupt


def collect_class(folder: str | Path, out: str | Path | None = None, *, limits: Limits | None = None,
                  workers: int | None = None, progress: bool = True, stream: IO[str] | None = None,
                  write: bool = True) -> ClassReport:
    """Run every student notebook under ``folder`` and write the class's report to ``out`` (see the package doc)."""
    started = time.monotonic()
    folder = Path(folder)
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder} is not a folder: give the folder that holds the students' notebooks.")
    out = Path(out) if out is not None else default_out(folder)
    limits = limits or Limits()
    workers = max(1, workers or min(os.cpu_count() or 1, 4))
    paths = find_submissions(folder, exclude=[out])
    cache = out / ".cache"
    stamp = fingerprint(limits)

    entries: list[Entry] = []
    jobs: list[tuple[int, bytes]] = []
    keys: dict[int, Path] = {}
    for index, path in enumerate(paths):
        rel = path.relative_to(folder).as_posix()
        entry = Entry(rel, student_name(rel), RunResult("not collected"))
        entries.append(entry)
        try:
            data = path.read_bytes()
        except OSError as exc:
            entry.result = RunResult("unreadable", reason=f"The file could not be read ({exc.strerror or exc}).")
            continue
        keys[index] = _cache_path(cache, hashlib.sha256(data).hexdigest(), stamp)
        cached = _load_cached(keys[index]) if keys[index].exists() else None
        if cached is not None:
            entry.result, entry.reused = cached, True
        else:
            jobs.append((index, data))

    bar = Progress(len(entries), stream, enabled=progress)
    if progress and entries:
        (stream or sys.stderr).write(f"{len(entries)} notebooks in {folder}: {len(jobs)} to run, {workers} at a time, "
                                     f"{len(entries) - len(jobs)} unchanged since the last report.\n")
    waiting = {index for index, _ in jobs}
    for index, entry in enumerate(entries):
        if index not in waiting:
            bar.update(entry)

    def finished(index: int, result: RunResult) -> None:
        entries[index].result = result
        if result.outcome not in _NOT_CACHED and index in keys:
            cache.mkdir(parents=True, exist_ok=True)
            keys[index].write_text(json.dumps(result.to_json(), ensure_ascii=False), encoding="utf-8")
        bar.update(entries[index])

    if jobs:
        asyncio.run(_run_all(jobs, limits, workers, finished))

    entries.sort(key=lambda e: (e.student.casefold(), e.result.notebook, e.submission))
    report = ClassReport(folder, out, results_table(entries), submissions_table(entries), ran=len(jobs),
                         reused=len(entries) - len(jobs), workers=workers)
    report.seconds = round(time.monotonic() - started, 1)  # the time the pages show: finding and running
    if write:
        from helpers.report.pages import write_report

        report.files = write_report(report)
        report.seconds = round(time.monotonic() - started, 1)
    return report
