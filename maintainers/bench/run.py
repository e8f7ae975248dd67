"""Speed a student feels: measure first figures, notebooks, widget callbacks and the test suite; write a report.

Run by ``make bench`` (``python maintainers/bench/run.py`` from the project's .venv). One run measures everything and
writes ``maintainers/bench/results/<timestamp>/`` (git-ignored) and copies the report to ``maintainers/bench/REPORT.md``,
``maintainers/bench/report.csv`` and ``maintainers/bench/report.html``. See ``maintainers/bench/README.md`` for the method.

    python maintainers/bench/run.py                       # everything, 5 runs of each kernel measurement
    python maintainers/bench/run.py --runs 3 --make-test-seconds 212   # reuse a measured `make test` wall time
    python maintainers/bench/run.py --only '03-*' --no-browser --make-test skip --suite-runs 0   # a quick look
"""

from __future__ import annotations

import argparse
import csv
import fnmatch
import html
import importlib.metadata
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent.parent
NOTEBOOKS = ROOT / "notebooks"
PY = sys.executable

# The targets (issue 7).
FIRST_FIGURE_FACTOR = 1.15   # first figure in the project's kernel <= 1.15 x the floor's
CALLBACK_LIMIT_MS = 100.0    # each widget callback (filter + figure rebuild + display)
SUITE_FACTOR = 1.3           # nbval suite <= 1.3 x (notebooks x floor for one notebook)
NOTEBOOK_FACTOR = 2.0        # no notebook over 2 x the floor without a written reason

FLOOR_PACKAGES = ("pandas", "plotly", "ipywidgets", "ipykernel")

# The floor notebook: the imports a notebook of the collection needs, and one figure (the cell ends with it).
FLOOR_CELLS = [
    "import pandas as pd\nimport plotly.express as px\nimport ipywidgets as widgets",
    'df = pd.DataFrame({"year": [2014, 2015, 2016, 2017, 2018], "events": [14, 9, 11, 38, 12]})\n'
    'fig = px.line(df, x="year", y="events", markers=True, title="Events per year")\nfig',
]
# The same two cells with the collection's helpers imported (installs the light display path).
HELPERS_CELLS = [FLOOR_CELLS[0] + "\nimport helpers", FLOOR_CELLS[1]]
# The same, but the figure shown with fig.show(), as every plotly tutorial writes it.
SHOW_CELLS = [HELPERS_CELLS[0], FLOOR_CELLS[1].rsplit("\n", 1)[0] + "\nfig.show()"]
SHOW_TOLERANCE_S = 0.1  # the first fig.show() may cost at most this much more than the first figure as a value


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- statistics -----------------------------------------------------------------------------------------

@dataclass
class Stat:
    """Median, min and max of a set of measurements (None when there were none)."""

    values: list[float] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.values)

    @property
    def median(self) -> float | None:
        return statistics.median(self.values) if self.values else None

    @property
    def min(self) -> float | None:
        return min(self.values) if self.values else None

    @property
    def max(self) -> float | None:
        return max(self.values) if self.values else None

    def fmt(self, digits: int = 2, scale: float = 1.0) -> str:
        if not self.values:
            return "–"
        m, lo, hi = (v * scale for v in (self.median, self.min, self.max))  # type: ignore[operator]
        return f"{m:.{digits}f} [{lo:.{digits}f}–{hi:.{digits}f}]"


def stat(values: list[Any]) -> Stat:
    return Stat([float(v) for v in values if v is not None])


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def fmt(value: float | None, digits: int = 2, suffix: str = "") -> str:
    return "–" if value is None else f"{value:.{digits}f}{suffix}"


# --- environments ---------------------------------------------------------------------------------------

def floor_pins() -> list[str]:
    """The floor venv's packages at the versions requirements.txt pins, plus nbclient for the harness."""
    pins: dict[str, str] = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if "==" in line:
            name, version = (part.strip() for part in line.split("==", 1))
            pins[name.lower()] = version
    missing = [p for p in FLOOR_PACKAGES if p not in pins]
    if missing:
        raise SystemExit(f"requirements.txt pins none of: {', '.join(missing)}")
    out = [f"{p}=={pins[p]}" for p in FLOOR_PACKAGES]
    out.append(f"nbclient=={importlib.metadata.version('nbclient')}")
    return out


def ensure_floor_venv(path: Path) -> tuple[Path, str]:
    """Create (or reuse, when its pins match) the minimal venv; returns its python and what was done."""
    python = path / "bin" / "python"
    stamp = path / ".bench-pins"
    want = "\n".join([platform.python_version(), *floor_pins()]) + "\n"
    if python.exists() and stamp.exists() and stamp.read_text() == want:
        return python, "cached"
    t = time.perf_counter()
    log(f"creating the floor venv at {path} (pins: {', '.join(want.split()[1:])}) ...")
    shutil.rmtree(path, ignore_errors=True)
    subprocess.run([PY, "-m", "venv", str(path)], check=True)
    pip = subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                          *want.split()[1:]], capture_output=True, text=True)
    if pip.returncode != 0:
        raise SystemExit(f"pip could not build the floor venv:\n{pip.stdout[-3000:]}{pip.stderr[-3000:]}")
    stamp.write_text(want)
    return python, f"created in {time.perf_counter() - t:.0f} s"


def make_kernels(where: Path, pythons: dict[str, Path]) -> None:
    """Kernel specs with absolute interpreter paths, so each harness starts the kernel it means."""
    for name, python in pythons.items():
        spec = where / "kernels" / name
        spec.mkdir(parents=True, exist_ok=True)
        (spec / "kernel.json").write_text(json.dumps({
            "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": name, "language": "python"}))


def kernel_env(jupyter_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PLOTLY_RENDERER", "TITFORTAT_MODE"}}
    for var, sub in [("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython"), ("JUPYTER_CONFIG_DIR", "config")]:
        env.setdefault(var, str(ROOT / ".jupyter" / sub))
    env["JUPYTER_PATH"] = str(jupyter_path)
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    return env


class Harness:
    """A bench/harness.py process in one environment; runs one job at a time."""

    def __init__(self, python: Path, env: dict[str, str], log_path: Path) -> None:
        self._log = open(log_path, "w")  # noqa: SIM115 (closed in close())
        self.proc = subprocess.Popen([str(python), str(BENCH / "harness.py")], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self._log, text=True, env=env, cwd=ROOT)
        ready = self.proc.stdout.readline()  # type: ignore[union-attr]
        if not ready:
            raise SystemExit(f"the harness for {python} did not start; see {log_path}")

    def run(self, job: dict[str, Any]) -> dict[str, Any]:
        self.proc.stdin.write(json.dumps(job) + "\n")  # type: ignore[union-attr]
        self.proc.stdin.flush()  # type: ignore[union-attr]
        line = self.proc.stdout.readline()  # type: ignore[union-attr]
        if not line:
            raise SystemExit("a harness died; see its log in the results folder")
        return json.loads(line)

    def close(self) -> None:
        self.proc.stdin.close()  # type: ignore[union-attr]
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log.close()


# --- what to measure -------------------------------------------------------------------------------------

def notebook_paths(only: str | None) -> list[Path]:
    paths = sorted(NOTEBOOKS.glob("*.ipynb")) + sorted((NOTEBOOKS / "solutions").glob("*.ipynb"))
    if only:
        paths = [p for p in paths if fnmatch.fnmatch(p.name, only) or fnmatch.fnmatch(rel(p), only)]
    return paths


def rel(path: Path) -> str:
    return str(path.relative_to(NOTEBOOKS))


def load_reasons() -> dict[str, str]:
    path = BENCH / "reasons.toml"
    if not path.exists():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.get("reasons", data).items() if isinstance(v, str)}


def reason_for(reasons: dict[str, str], name: str) -> str | None:
    """A reason keyed by the relative path ('solutions/03-x.ipynb'), the file name or the stem ('03-x')."""
    for key in (name, Path(name).name, Path(name).stem, Path(name).stem[:2]):
        if key in reasons:
            return reasons[key]
    return None


def timed_run(cmd: list[str], log_path: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    t = time.perf_counter()
    with open(log_path, "w") as out:
        rc = subprocess.run(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env).returncode
    wall = time.perf_counter() - t
    text = log_path.read_text(errors="replace")
    summary = [line.strip("= ") for line in text.splitlines() if re.search(r"\d+ (passed|failed|error)", line)]
    return {"wall": wall, "rc": rc, "summary": summary[-1] if summary else "", "log": log_path.name}


def python_cost(code: str, runs: int) -> Stat:
    """Wall time of a statement in fresh .venv Python processes (the statement is timed inside)."""
    values = []
    for _ in range(runs):
        out = subprocess.run([PY, "-c", f"import time\nt = time.perf_counter()\n{code}\n"
                              "print(time.perf_counter() - t)"], cwd=ROOT, capture_output=True, text=True)
        if out.returncode == 0:
            values.append(float(out.stdout.strip().splitlines()[-1]))
    return stat(values)


def pytest_fixed_cost(notebooks: list[Path], runs: int, out_dir: Path) -> dict[str, list[float]]:
    """`pytest -n 2 --collect-only` on one notebook: start-up of pytest and its two workers, as configured
    (with maintainers/pytest_speed.py) and without it (addopts overridden), interleaved."""
    if not notebooks:
        return {}
    base = [PY, "-m", "pytest", "-q", "-n", "2", "--dist", "loadfile", "--nbval-lax", "--nbval-current-env",
            "--collect-only", str(notebooks[0])]
    out: dict[str, list[float]] = {"pytest_start_configured": [], "pytest_start_without_lazy_rfc3987": []}
    for _ in range(runs):
        for key, extra in (("pytest_start_configured", []),
                           ("pytest_start_without_lazy_rfc3987", ["-o", "addopts=-p no:cacheprovider"])):
            res = timed_run(base + extra, out_dir / "pytest-start.log")
            if res["rc"] == 0:
                out[key].append(res["wall"])
    return out


# --- the measurement -------------------------------------------------------------------------------------

def measure(args: argparse.Namespace, out_dir: Path) -> dict[str, Any]:
    phases: dict[str, float] = {}
    raw: dict[str, Any] = {"started": datetime.now().isoformat(timespec="seconds"), "args": vars(args).copy(),
                           "load_before": os.getloadavg(), "cpus": os.cpu_count(),
                           "python": platform.python_version(), "platform": platform.platform()}
    t = time.perf_counter()
    floor_python, floor_status = ensure_floor_venv(args.floor_venv)
    phases["floor venv"] = time.perf_counter() - t
    raw["floor_venv"] = {"path": str(args.floor_venv), "status": floor_status, "pins": floor_pins(),
                         "has_rfc3987_syntax": subprocess.run(
                             [str(floor_python), "-c", "import importlib.util, sys; "
                              "sys.exit(importlib.util.find_spec('rfc3987_syntax') is None)"]).returncode == 0}
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        make_kernels(tmp, {"bench-project": Path(PY), "bench-floor": floor_python})
        env = kernel_env(tmp)
        notebooks = notebook_paths(args.only)
        raw["notebooks"] = [rel(p) for p in notebooks]

        # 1. Fresh kernels: floor, first figure before/after, every notebook; interleaved, N rounds.
        t = time.perf_counter()
        harness = {"floor": Harness(floor_python, env, out_dir / "harness-floor.log"),
                   "project": Harness(Path(PY), env, out_dir / "harness-project.log")}
        jobs = [
            {"id": "floor", "env": "floor", "kernel": "bench-floor", "cells": FLOOR_CELLS, "cwd": str(tmp)},
            {"id": "plain", "env": "project", "kernel": "bench-project", "cells": FLOOR_CELLS, "cwd": str(tmp)},
            {"id": "helpers", "env": "project", "kernel": "bench-project", "cells": HELPERS_CELLS,
             "cwd": str(NOTEBOOKS)},
            {"id": "show", "env": "project", "kernel": "bench-project", "cells": SHOW_CELLS, "cwd": str(NOTEBOOKS)},
        ] + [{"id": f"nb:{rel(p)}", "env": "project", "kernel": "bench-project", "notebook": str(p),
              "cwd": str(p.parent)} for p in notebooks]
        for job in jobs:
            job["diagnose"] = True
        runs: dict[str, list[dict[str, Any]]] = {job["id"]: [] for job in jobs}
        log(f"warm-up (discarded), then {args.runs} rounds of {len(jobs)} fresh kernels ...")
        for job in jobs[:4]:
            harness[job["env"]].run(job)
        for r in range(args.runs):
            k = r % len(jobs)
            for job in jobs[k:] + jobs[:k]:  # rotate the order so no job always runs first
                res = harness[job["env"]].run(job)
                runs[job["id"]].append(res)
                log(f"  round {r + 1}/{args.runs} {job['id']}: done={fmt(res.get('done'))} s, "
                    f"first figure={fmt(res.get('first_figure'))} s" + (f", ERROR {res['error']}" if res["error"] else ""))
        phases["fresh kernels"] = time.perf_counter() - t
        raw["kernel_runs"] = runs

        # 2. Widget explorers: every callback, in the project's kernel.
        t = time.perf_counter()
        if args.calls > 0:
            cell = (f"import sys\nsys.path.insert(0, {str(BENCH)!r})\nimport json, widget_probe\n"
                    f"print(json.dumps(widget_probe.measure({args.calls})))")
            res = harness["project"].run({"id": "widgets", "kernel": "bench-project", "cells": [cell],
                                          "cwd": str(NOTEBOOKS)})
            try:
                raw["widgets"] = json.loads(next(iter(res["stdout"].values())))
            except (StopIteration, ValueError):
                raw["widgets"] = [{"module": "?", "explorer": None, "error": res.get("error") or "no output"}]
        phases["widget callbacks"] = time.perf_counter() - t
        for h in harness.values():
            h.close()

        # 3. Imports and the data cache, in fresh plain Python processes.
        t = time.perf_counter()
        probes = []
        for _ in range(args.runs):
            out = subprocess.run([PY, str(BENCH / "data_probe.py")], cwd=ROOT, capture_output=True, text=True)
            if out.returncode == 0:
                probes.append(json.loads(out.stdout.strip().splitlines()[-1]))
        raw["data_probes"] = probes
        raw["test_side"] = {
            "import_nbval": python_cost("import nbval.plugin", args.runs).values,
            "import_nbval_without_rfc3987": python_cost(
                "import sys\nsys.modules['rfc3987_syntax'] = None\nimport nbval.plugin", args.runs).values,
            **pytest_fixed_cost(notebooks[:1], min(args.runs, 3), out_dir),
        }
        phases["imports and data"] = time.perf_counter() - t

        # 4. The nbval suite (notebooks only, as `make test` runs it) and `make test` itself.
        t = time.perf_counter()
        suite = []
        for i in range(args.suite_runs):
            log(f"nbval suite run {i + 1}/{args.suite_runs} ...")
            suite.append(timed_run([PY, "-m", "pytest", "-q", "-n", "2", "--dist", "loadfile", "--nbval-lax",
                                    "--nbval-current-env", "-p", "no:cacheprovider", *[str(p) for p in notebooks]],
                                   out_dir / f"nbval-{i + 1}.log",
                                   env={k: v for k, v in env.items() if k != "JUPYTER_PATH"}))
            log(f"  {suite[-1]['wall']:.1f} s, rc={suite[-1]['rc']}: {suite[-1]['summary']}")
        raw["suite"] = suite
        phases["nbval suite"] = time.perf_counter() - t
        t = time.perf_counter()
        if args.make_test_seconds is not None:
            raw["make_test"] = {"wall": args.make_test_seconds, "rc": None, "summary": "given with --make-test-seconds"}
        elif args.make_test == "run":
            log("make test ...")
            raw["make_test"] = timed_run(["make", "-s", "test", "PYTEST_ARGS=--durations=15"],
                                         out_dir / "make-test.log")
            raw["make_test"]["slowest"] = re.findall(
                r"^\s*([\d.]+)s (call|setup|teardown)\s+(\S.*)$",
                (out_dir / "make-test.log").read_text(errors="replace"), flags=re.M)[:15]
            log(f"  {raw['make_test']['wall']:.1f} s, rc={raw['make_test']['rc']}: {raw['make_test']['summary']}")
        phases["make test"] = time.perf_counter() - t

        # 5. JupyterLab in the browser.
        t = time.perf_counter()
        if args.browser_runs > 0:
            sys.path.insert(0, str(BENCH))
            import lab_probe

            why_not = lab_probe.available()
            if why_not:
                raw["lab"] = {"error": why_not, "runs": {}}
            else:
                log(f"JupyterLab in chromium, {args.browser_runs} runs ...")
                raw["lab"] = lab_probe.measure_lab({"floor": ("bench-floor", FLOOR_CELLS),
                                                  "project": ("bench-project", HELPERS_CELLS)},
                                                 args.browser_runs, tmp, log=log)
        phases["browser"] = time.perf_counter() - t
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    raw["phases"] = phases
    raw["load_after"] = os.getloadavg()
    raw["finished"] = datetime.now().isoformat(timespec="seconds")
    return raw


# --- the report ------------------------------------------------------------------------------------------

@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]
    intro: str = ""
    notes: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        lines = [f"## {self.title}", ""]
        if self.intro:
            lines += [self.intro, ""]
        lines.append("| " + " | ".join(self.headers) + " |")
        lines.append("|" + "|".join("---" for _ in self.headers) + "|")
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in self.rows]
        if self.notes:
            lines.append("")
            lines += [f"- {n}" for n in self.notes]
        return "\n".join(lines) + "\n"

    def html(self) -> str:
        def cell(text: str, tag: str) -> str:
            text = html.escape(text)
            text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
            text = re.sub(r"`(.+?)`", r"<code>\1</code>", text)
            return f"<{tag}>{text}</{tag}>"
        parts = [f"<h2>{html.escape(self.title)}</h2>"]
        if self.intro:
            parts.append(f"<p>{cell(self.intro, 'span')}</p>")
        parts.append("<table><tr>" + "".join(cell(h, "th") for h in self.headers) + "</tr>")
        parts += ["<tr>" + "".join(cell(c, "td") for c in row) + "</tr>" for row in self.rows]
        parts.append("</table>")
        if self.notes:
            parts.append("<ul>" + "".join(f"<li>{cell(n, 'span')}</li>" for n in self.notes) + "</ul>")
        return "\n".join(parts)


def met(ok: bool | None) -> str:
    return "–" if ok is None else ("**met**" if ok else "**NOT met**")


def analyse(raw: dict[str, Any]) -> dict[str, Any]:
    """Turn the raw measurements into the numbers the report shows (and the targets)."""
    runs = raw["kernel_runs"]

    def kstat(job_id: str, key: str) -> Stat:
        return stat([r.get(key) for r in runs.get(job_id, []) if r.get("ok")])

    a: dict[str, Any] = {}
    for job in ("floor", "plain", "helpers", "show"):
        a[job] = {"figure": kstat(job, "first_figure"), "done": kstat(job, "done"),
                  "figure_cpu": kstat(job, "kernel_cpu_first_figure"), "done_cpu": kstat(job, "kernel_cpu_done"),
                  "full": kstat(job, "shutdown"), "ready": kstat(job, "kernel_ready"),
                  "diag": next((r.get("diagnostics") for r in runs.get(job, []) if r.get("diagnostics")), {}),
                  "errors": [r["error"] for r in runs.get(job, []) if r.get("error")]}
    floor = a["floor"]
    reasons = load_reasons()
    nbs = []
    for name in raw["notebooks"]:
        job_runs = runs.get(f"nb:{name}", [])
        done, figure = kstat(f"nb:{name}", "done"), kstat(f"nb:{name}", "first_figure")
        cells = {r.get("first_figure_cell") for r in job_runs if r.get("first_figure_cell") is not None}
        errors = sorted({r["error"] for r in job_runs if r.get("error")})
        diag = next((r.get("diagnostics") for r in job_runs if r.get("diagnostics")), {})
        over = ratio(done.median, floor["done"].median)
        reason = reason_for(reasons, name)
        ok = None if over is None else (over <= NOTEBOOK_FACTOR or reason is not None)
        done_cpu = kstat(f"nb:{name}", "kernel_cpu_done")
        nbs.append({"name": name, "done": done, "figure": figure, "full": kstat(f"nb:{name}", "shutdown"),
                    "done_cpu": done_cpu, "cpu_ratio": ratio(done_cpu.median, floor["done_cpu"].median),
                    "figure_cells": sorted(cells), "ratio": over,
                    "figure_ratio": ratio(figure.median, floor["figure"].median), "reason": reason, "ok": ok,
                    "errors": errors, "nbformat": diag.get("nbformat"), "ready": kstat(f"nb:{name}", "kernel_ready")})
    a["notebooks"] = nbs
    a["first_figure_ratio"] = ratio(a["helpers"]["figure"].median, floor["figure"].median)
    a["plain_ratio"] = ratio(a["plain"]["figure"].median, floor["figure"].median)
    show, value = a["show"]["figure"].median, a["helpers"]["figure"].median
    a["show_gap"] = None if show is None or value is None else show - value
    a["show_ok"] = None if a["show_gap"] is None else a["show_gap"] <= SHOW_TOLERANCE_S
    cpu_show, cpu_value = a["show"]["figure_cpu"].median, a["helpers"]["figure_cpu"].median
    a["show_cpu_gap"] = None if cpu_show is None or cpu_value is None else cpu_show - cpu_value
    a["show_cpu_ok"] = None if a["show_cpu_gap"] is None else a["show_cpu_gap"] <= SHOW_TOLERANCE_S
    a["first_cpu_ratio"] = ratio(a["helpers"]["figure_cpu"].median, floor["figure_cpu"].median)
    a["first_cpu_ok"] = None if a["first_cpu_ratio"] is None else a["first_cpu_ratio"] <= FIRST_FIGURE_FACTOR
    widgets = []
    for w in raw.get("widgets", []):
        cb, cpu = w.get("callback_ms"), w.get("callback_cpu_ms")
        ok = None if not cb else cb["median"] <= CALLBACK_LIMIT_MS
        cpu_ok = None if not cpu else cpu["median"] <= CALLBACK_LIMIT_MS
        widgets.append({**w, "ok": ok, "cpu_ok": cpu_ok})
    a["widgets"] = widgets
    suite = raw.get("suite", [])
    a["suite"] = stat([s["wall"] for s in suite])
    a["suite_rc"] = sorted({s["rc"] for s in suite})
    a["suite_summary"] = suite[-1]["summary"] if suite else ""
    count = len(raw["notebooks"])
    a["count"] = count
    a["floor_sum"] = None if floor["full"].median is None else count * floor["full"].median
    a["suite_budget"] = None if a["floor_sum"] is None else SUITE_FACTOR * a["floor_sum"]
    a["serial_sum"] = sum(n["full"].median for n in nbs if n["full"].median is not None) or None
    a["suite_ok"] = None if a["suite"].median is None or a["suite_budget"] is None \
        else a["suite"].median <= a["suite_budget"]
    a["first_ok"] = None if a["first_figure_ratio"] is None else a["first_figure_ratio"] <= FIRST_FIGURE_FACTOR
    probes = raw.get("data_probes", [])
    a["import_helpers"] = stat([p["import_helpers_s"] for p in probes])
    a["loaded_by_import"] = probes[0]["loaded_by_import"] if probes else []
    tables = {}
    for p in probes:
        for name, t in p["tables"].items():
            tables.setdefault(name, {"rows": t["rows"], "cold": [], "cached": []})
            tables[name]["cold"].append(t["cold_ms"])
            tables[name]["cached"].append(t["cached_ms"])
    a["tables"] = {k: {"rows": v["rows"], "cold": stat(v["cold"]), "cached": stat(v["cached"])}
                   for k, v in tables.items()}
    ts = raw.get("test_side", {})
    a["nbval_import"] = stat(ts.get("import_nbval", []))
    a["nbval_import_fast"] = stat(ts.get("import_nbval_without_rfc3987", []))
    a["pytest_start"] = stat(ts.get("pytest_start_configured", []))
    a["pytest_start_old"] = stat(ts.get("pytest_start_without_lazy_rfc3987", []))
    lab = raw.get("lab") or {}
    a["lab"] = {name: {key: stat([r.get(key) for r in lab_runs if "error" not in r])
                       for key in ("visible", "idle", "figure", "done", "open_to_figure")}
                for name, lab_runs in (lab.get("runs") or {}).items()}
    a["lab_errors"] = [r["error"] for lab_runs in (lab.get("runs") or {}).values() for r in lab_runs if "error" in r]
    if lab.get("error"):
        a["lab_errors"].insert(0, lab["error"])
    return a


def build_tables(raw: dict[str, Any], a: dict[str, Any]) -> list[Table]:
    floor = a["floor"]
    tables: list[Table] = []
    # Targets
    widget_rows = [w for w in a["widgets"] if w.get("callback_ms")]
    worst = max(widget_rows, key=lambda w: w["callback_ms"]["median"], default=None)
    worst_cpu = max(widget_rows, key=lambda w: (w.get("callback_cpu_ms") or {}).get("median", 0), default=None)
    broken = any(w.get("error") for w in a["widgets"])
    widgets_ok = None if not widget_rows else all(w["ok"] for w in widget_rows) and not broken
    widgets_cpu_ok = None if not widget_rows else all(w["cpu_ok"] for w in widget_rows) and not broken
    nb_rows = [n for n in a["notebooks"] if n["ratio"] is not None]
    worst_nb = max(nb_rows, key=lambda n: n["ratio"], default=None)
    nbs_ok = None if not nb_rows else all(n["ok"] for n in nb_rows)
    nbs_cpu_ok = None if not nb_rows else all(
        n["cpu_ratio"] is not None and (n["cpu_ratio"] <= NOTEBOOK_FACTOR or n["reason"]) for n in nb_rows)
    worst_nb_cpu = max(nb_rows, key=lambda n: n["cpu_ratio"] or 0, default=None)
    over = [n for n in nb_rows if n["ratio"] > NOTEBOOK_FACTOR]
    tables.append(Table("Targets", ["target", "measured: wall time (median)", "limit", "result",
                                    "the same on kernel CPU time", "result on CPU"], [
        ["first figure in the project's kernel ≤ 1.15 × the floor",
         f"{fmt(a['helpers']['figure'].median)} s = {fmt(a['first_figure_ratio'])} × floor "
         f"({fmt(floor['figure'].median)} s)", f"{FIRST_FIGURE_FACTOR} ×", met(a["first_ok"]),
         f"{fmt(a['helpers']['figure_cpu'].median)} s = {fmt(a['first_cpu_ratio'])} × floor "
         f"({fmt(floor['figure_cpu'].median)} s)", met(a["first_cpu_ok"])],
        ["first `fig.show()` ≤ first figure as a cell's value + 0.1 s (both with `import helpers`)",
         f"{fmt(a['show']['figure'].median)} s vs {fmt(a['helpers']['figure'].median)} s: "
         f"{fmt(a['show_gap'])} s more" if a["show_gap"] is not None else "–",
         f"+{SHOW_TOLERANCE_S} s", met(a["show_ok"]),
         f"{fmt(a['show']['figure_cpu'].median)} s vs {fmt(a['helpers']['figure_cpu'].median)} s: "
         f"{fmt(a['show_cpu_gap'])} s more" if a["show_cpu_gap"] is not None else "–", met(a["show_cpu_ok"])],
        ["each widget callback ≤ 100 ms",
         "–" if worst is None else f"slowest: {worst['explorer']} {worst['callback_ms']['median']:.0f} ms "
         f"({len(widget_rows)} explorers)", f"{CALLBACK_LIMIT_MS:.0f} ms", met(widgets_ok),
         "–" if worst_cpu is None or not worst_cpu.get("callback_cpu_ms") else
         f"slowest: {worst_cpu['explorer']} {worst_cpu['callback_cpu_ms']['median']:.0f} ms", met(widgets_cpu_ok)],
        ["nbval suite ≤ 1.3 × (notebooks × floor for one notebook)",
         f"{fmt(a['suite'].median, 1)} s for {a['count']} notebooks; budget {fmt(a['suite_budget'], 1)} s",
         f"{SUITE_FACTOR} × {a['count']} × {fmt(floor['full'].median)} s", met(a["suite_ok"]), "–", "–"],
        ["no notebook over 2 × the floor without a reason",
         "–" if worst_nb is None else f"slowest: {worst_nb['name']} {worst_nb['ratio']:.2f} × floor; "
         f"{len(over)} over 2 × ({sum(1 for n in over if n['reason'])} with a reason)",
         f"{NOTEBOOK_FACTOR} ×", met(nbs_ok),
         "–" if worst_nb_cpu is None else f"slowest: {worst_nb_cpu['name']} {fmt(worst_nb_cpu['cpu_ratio'])} × floor",
         met(nbs_cpu_ok)],
    ], notes=["Wall time is what the targets are defined on. The machine is shared (see the load average at the "
              "end), so wall times are inflated by other work; kernel CPU time (user + system of the kernel "
              "process, or of the kernel's thread for widget callbacks) hardly depends on the load and estimates "
              "the wall time on an idle machine for the CPU-bound part. A target met on CPU but not on wall time "
              "is most likely a noise verdict: re-run `make bench` on a quiet machine."]))
    # First figure, before / after
    rows = []
    labels = {"floor": "floor: minimal venv, plain plotly display path",
              "plain": "project .venv, plain plotly display path (**before**)",
              "helpers": "project .venv, `import helpers` display path (**after**)",
              "show": "project .venv, `import helpers`, the figure shown with `fig.show()`"}
    for job, label in labels.items():
        d = a[job]["diag"]
        rows.append([label, a[job]["ready"].fmt(), a[job]["figure"].fmt(),
                     fmt(ratio(a[job]["figure"].median, floor["figure"].median)), a[job]["figure_cpu"].fmt(),
                     fmt(ratio(a[job]["figure_cpu"].median, floor["figure_cpu"].median)), a[job]["done"].fmt(),
                     a[job]["full"].fmt(), "yes" if d.get("nbformat") else ("no" if d else "?"),
                     "yes" if d.get("rfc3987_syntax") else ("no" if d else "?")])
    for name, lab in a.get("lab", {}).items():
        label = {"floor": "JupyterLab + chromium, floor kernel",
                 "project": "JupyterLab + chromium, project kernel with helpers"}.get(name, name)
        rows.append([label, lab["idle"].fmt(), lab["figure"].fmt(),
                     fmt(ratio(lab["figure"].median, a["lab"].get("floor", {}).get("figure", Stat()).median)),
                     "", "", lab["done"].fmt(), lab["open_to_figure"].fmt(), "", ""])
    notes = ["The two-cell notebook: `import pandas, plotly.express, ipywidgets` (+ `import helpers` for **after**), "
             "then a `px.line` figure as the cell's last expression.",
             "Kernel rows (nbclient): seconds from the kernel start request. *ready* = the kernel answers; "
             "*first figure* = the plotly display message arrives; *kernel CPU* = CPU the kernel process had used "
             "by then; *done* = last cell finished; *last column* = kernel shut down (what nbval pays per notebook).",
             "Lab rows (JupyterLab + chromium): *ready* = page opened → kernel idle; *first figure* = Run All "
             "clicked → figure drawn in the page; *done* = Run All → every prompt numbered; *last column* = page "
             "opened → figure drawn. Each run is a fresh browser context (empty cache)."]
    if a["lab_errors"]:
        notes.append("Lab errors: " + "; ".join(sorted(set(a["lab_errors"]))[:3]))
    tables.append(Table("First figure: before and after", [
        "path", "ready s", "first figure s", "× floor", "kernel CPU at first figure s", "CPU × floor", "done s",
        "shut down s / open → figure s", "nbformat imported in kernel", "rfc3987-syntax imported"], rows,
        notes=notes,
        intro="Median [min–max] of the runs. The floor is a fresh kernel in a minimal venv (only pandas, plotly, "
              "ipywidgets, ipykernel at the pinned versions, plus nbclient for the harness)."))
    # Notebooks
    rows = []
    for n in a["notebooks"]:
        status = "error" if n["errors"] and not n["done"].values else \
            ("ok" if n["ratio"] is not None and n["ratio"] <= NOTEBOOK_FACTOR else
             ("over, reason given" if n["reason"] else ("**over, no reason**" if n["ratio"] is not None else "–")))
        rows.append([n["name"], n["done"].fmt(), n["figure"].fmt(),
                     ",".join(str(c) for c in n["figure_cells"]) or "–", fmt(n["ratio"]), fmt(n["figure_ratio"]),
                     n["done_cpu"].fmt(), fmt(n["cpu_ratio"]),
                     "yes" if n["nbformat"] else ("no" if n["nbformat"] is not None else "?"), status,
                     (n["reason"] or "") + (" Errors: " + "; ".join(n["errors"])[:300] if n["errors"] else "")])
    tables.append(Table("Notebooks (fresh kernel each run)", [
        "notebook", "run s", "first figure s", "figure cell", "run × floor", "figure × floor figure",
        "kernel CPU s", "CPU × floor", "nbformat in kernel", "within 2 ×", "reason / errors"], rows,
        intro=f"Run = kernel start request → last cell finished (what *Restart Kernel and Run All* costs a "
              f"student, minus drawing). Floor run = {floor['done'].fmt()} s, floor first figure = "
              f"{floor['figure'].fmt()} s, floor kernel CPU = {floor['done_cpu'].fmt()} s. *figure cell* = index "
              "of the cell whose output held the first figure. Reasons come from `maintainers/bench/reasons.toml`."))
    # Widgets
    rows = []
    for w in a["widgets"]:
        cb = w.get("callback_ms")
        rows.append([f"{w.get('module', '?').removeprefix('helpers.widgets.')}.{w.get('explorer')}",
                     "; ".join(w.get("controls", [])) or "–", fmt(w.get("build_ms"), 0),
                     "–" if not cb else f"{cb['median']:.0f} [{cb['min']:.0f}–{cb['max']:.0f}] (n={cb['n']})",
                     "–" if not w.get("callback_cpu_ms") else f"{w['callback_cpu_ms']['median']:.0f}",
                     "–" if not w.get("view_ms") else f"{w['view_ms']['median']:.0f}",
                     "–" if not w.get("bundle_ms") else f"{w['bundle_ms']['median']:.0f}",
                     fmt(w.get("payload_kb"), 0), met(w["ok"]) + (f" ({w['error']})" if w.get("error") else "")])
    tables.append(Table("Widget explorers (project kernel)", [
        "explorer", "controls driven", "build ms", "callback ms median [min–max]", "callback CPU ms", "view ms",
        "serialise ms",
        "figure KB", "≤ 100 ms"], rows,
        intro=f"Each explorer in `helpers/widgets/*.py` is built with its table(s) and its controls are changed "
              f"{raw['args']['calls']} times, cycling through their options (what a student clicks). *callback* = "
              "setting `control.value` until the callback returns: filter, rebuild the figure, serialise it and "
              "send it to the front end. *view* = filter + figure rebuild alone; *serialise* = the figure's mime "
              "bundle (JSON); *CPU* = the kernel thread's CPU time for the callback (an idle-machine estimate). The "
              "browser's drawing time is not included."))
    # Suite
    mt = raw.get("make_test") or {}
    rows = [
        ["`make test` wall time (whole suite: unit tests, re-run tests, nbval, lint, browser tests)",
         fmt(mt.get("wall"), 1) + " s" if mt else "not run", f"rc={mt.get('rc')}; {mt.get('summary', '')}" if mt else ""],
        ["nbval suite (notebooks only, `-n 2 --dist loadfile`)", a["suite"].fmt(1) + " s",
         f"rc={a['suite_rc']}; {a['suite_summary']}"],
        ["notebooks in the suite", str(a["count"]), "student + solution versions"],
        ["floor for one notebook (minimal venv, start → shut down)", floor["full"].fmt() + " s", ""],
        ["sum of the per-notebook floors", fmt(a["floor_sum"], 1) + " s", "notebooks × floor"],
        ["budget: 1.3 × the sum of the floors", fmt(a["suite_budget"], 1) + " s", met(a["suite_ok"])],
        ["sum of the measured notebook runs (serial, with shutdown)", fmt(a["serial_sum"], 1) + " s",
         "the suite runs them on 2 workers"],
        ["test side: `import nbval.plugin` in a fresh .venv process", a["nbval_import"].fmt() + " s",
         "paid by pytest's main process and by each xdist worker (3 processes with -n 2)"],
        ["… the same with rfc3987-syntax kept out", a["nbval_import_fast"].fmt() + " s",
         "what a lazy rfc3987-syntax saves per process"],
        ["pytest start-up, `-n 2 --collect-only` on one notebook, as configured", a["pytest_start"].fmt() + " s",
         "with `-p lazy_rfc3987` (tests/lazy_rfc3987.py): rfc3987-syntax is imported only if an iri is checked"],
        ["… the same without `-p lazy_rfc3987` (before)", a["pytest_start_old"].fmt() + " s",
         "`-o addopts='-p no:cacheprovider'`: every process builds the grammar"],
    ]
    for seconds, phase, test in (mt.get("slowest") or [])[:10]:
        rows.append([f"slow in `make test`: `{test}` ({phase})", f"{float(seconds):.1f} s", "from --durations"])
    tables.append(Table("Test suite", ["measurement", "value", "note"], rows))
    # Data & imports
    rows = [["`import helpers` (fresh Python process)", a["import_helpers"].fmt(3) + " s",
             "modules it loads: " + ", ".join(a["loaded_by_import"])]]
    for name, t in a["tables"].items():
        rows.append([f"load_table('{name}') — {t['rows']} rows", f"cold {t['cold'].fmt(1)} ms",
                     f"cached (copy) {t['cached'].fmt(2)} ms"])
    tables.append(Table("Imports and the data cache", ["what", "time", "note"], rows,
                        intro="Cold = `clear_cache()` first, so the table and the tables its foreign keys point to "
                              "are parsed and checked; cached = a later call in the same kernel (functools.cache "
                              "hit plus a defensive copy). Median [min–max] over the fresh processes."))
    # Bench itself
    phases = raw.get("phases", {})
    rows = [[k, f"{v:.0f} s"] for k, v in phases.items()] + [["total", f"{sum(phases.values()):.0f} s"]]
    tables.append(Table("How long this bench took", ["phase", "wall time"], rows, notes=[
        f"Started {raw['started']}, finished {raw['finished']}; {raw['cpus']} CPUs; load average "
        f"{'/'.join(f'{x:.1f}' for x in raw['load_before'])} before, "
        f"{'/'.join(f'{x:.1f}' for x in raw['load_after'])} after (1/5/15 min).",
        f"Floor venv {raw['floor_venv']['path']}: {raw['floor_venv']['status']}; pins "
        f"{', '.join(raw['floor_venv']['pins'])}; rfc3987-syntax installed there: "
        f"{raw['floor_venv']['has_rfc3987_syntax']}.",
        f"Runs per kernel measurement: {raw['args']['runs']}; nbval suite runs: {raw['args']['suite_runs']}; "
        f"Lab runs: {raw['args']['browser_runs']}; Python {raw['python']} on {raw['platform']}."]))
    return tables


def csv_rows(raw: dict[str, Any], a: dict[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = [["section", "item", "metric", "unit", "median", "min", "max", "n", "limit", "met"]]

    def add(section: str, item: str, metric: str, unit: str, s: Stat, limit: Any = "", ok: Any = "") -> None:
        rows.append([section, item, metric, unit, s.median, s.min, s.max, s.n, limit, ok])

    for job in ("floor", "plain", "helpers"):
        limit = f"{FIRST_FIGURE_FACTOR * a['floor']['figure'].median:.3f}" \
            if job == "helpers" and a["floor"]["figure"].median else ""
        add("first_figure", job, "first_figure", "s", a[job]["figure"], limit,
            a["first_ok"] if job == "helpers" else "")
        add("first_figure", job, "done", "s", a[job]["done"])
        add("first_figure", job, "with_shutdown", "s", a[job]["full"])
    for name, lab in a.get("lab", {}).items():
        for key, s in lab.items():
            add("lab", name, key, "s", s)
    for n in a["notebooks"]:
        limit = "" if a["floor"]["done"].median is None else f"{NOTEBOOK_FACTOR * a['floor']['done'].median:.3f}"
        add("notebook", n["name"], "run", "s", n["done"], limit, n["ok"])
        add("notebook", n["name"], "first_figure", "s", n["figure"])
    for w in a["widgets"]:
        cb = w.get("callback_ms")
        rows.append(["widget", f"{w.get('module')}.{w.get('explorer')}", "callback", "ms",
                     cb and cb["median"], cb and cb["min"], cb and cb["max"], cb and cb["n"], CALLBACK_LIMIT_MS,
                     w["ok"]])
    add("suite", "nbval", "wall", "s", a["suite"], a["suite_budget"], a["suite_ok"])
    mt = raw.get("make_test")
    if mt:
        rows.append(["suite", "make test", "wall", "s", mt["wall"], mt["wall"], mt["wall"], 1, "", ""])
    add("suite", "test side", "import nbval.plugin", "s", a["nbval_import"])
    add("suite", "test side", "import nbval.plugin without rfc3987-syntax", "s", a["nbval_import_fast"])
    add("suite", "test side", "pytest start-up (configured)", "s", a["pytest_start"])
    add("suite", "test side", "pytest start-up without lazy_rfc3987", "s", a["pytest_start_old"])
    add("imports", "helpers", "import", "s", a["import_helpers"])
    for name, t in a["tables"].items():
        add("data", name, "cold load", "ms", t["cold"])
        add("data", name, "cached load", "ms", t["cached"])
    return rows


def figures_html(a: dict[str, Any]) -> list[str]:
    """The report's charts as HTML divs; plotly.js is embedded once, in the first."""
    import plotly.graph_objects as go

    figs = []
    floor = a["floor"]
    names = ["floor (minimal venv)", "project, plain plotly (before)", "project, helpers (after)"]
    stats = [a[j]["figure"] for j in ("floor", "plain", "helpers")]
    fig = go.Figure(go.Bar(
        x=names, y=[s.median for s in stats], text=[fmt(s.median) for s in stats],
        error_y=dict(type="data", symmetric=False, array=[(s.max or 0) - (s.median or 0) for s in stats],
                     arrayminus=[(s.median or 0) - (s.min or 0) for s in stats])))
    if floor["figure"].median:
        fig.add_hline(y=FIRST_FIGURE_FACTOR * floor["figure"].median, line_dash="dash",
                      annotation_text="target: 1.15 × floor")
    fig.update_layout(title="Time to first figure in a fresh kernel (s, median, bars = min–max)", height=420)
    figs.append(fig)
    nbs = [n for n in a["notebooks"] if n["done"].values]
    if nbs:
        fig = go.Figure()
        for key, label in (("done", "run (start → last cell)"), ("figure", "first figure")):
            fig.add_trace(go.Bar(
                name=label, x=[n["name"] for n in nbs], y=[n[key].median for n in nbs],
                error_y=dict(type="data", symmetric=False,
                             array=[(n[key].max or 0) - (n[key].median or 0) for n in nbs],
                             arrayminus=[(n[key].median or 0) - (n[key].min or 0) for n in nbs])))
        if floor["done"].median:
            fig.add_hline(y=floor["done"].median, line_dash="dot", annotation_text="floor")
            fig.add_hline(y=NOTEBOOK_FACTOR * floor["done"].median, line_dash="dash", annotation_text="2 × floor")
        fig.update_layout(title="Notebooks in a fresh kernel (s, median, bars = min–max)", barmode="group",
                          height=480, xaxis_tickangle=-30)
        figs.append(fig)
    ws = [w for w in a["widgets"] if w.get("callback_ms")]
    if ws:
        fig = go.Figure(go.Bar(
            x=[w["explorer"] for w in ws], y=[w["callback_ms"]["median"] for w in ws],
            error_y=dict(type="data", symmetric=False,
                         array=[w["callback_ms"]["max"] - w["callback_ms"]["median"] for w in ws],
                         arrayminus=[w["callback_ms"]["median"] - w["callback_ms"]["min"] for w in ws])))
        fig.add_hline(y=CALLBACK_LIMIT_MS, line_dash="dash", annotation_text="target: 100 ms")
        fig.update_layout(title="Widget callbacks (ms, median of the calls, bars = min–max)", height=420)
        figs.append(fig)
    return [f.to_html(full_html=False, include_plotlyjs=(i == 0)) for i, f in enumerate(figs)]


HTML_LIMIT = 5_000_000


def write_report(raw: dict[str, Any], out_dir: Path, publish: bool) -> dict[str, Any]:
    a = analyse(raw)
    tables = build_tables(raw, a)
    title = f"Speed report — {raw['started']}"
    md = [f"# {title}", "",
          "Written by `make bench` (`maintainers/bench/run.py`); how to read it: `maintainers/bench/README.md`. All times are medians of "
          "several runs with [min–max]; the machine has 2 cores shared with other work, so expect ±30 % noise "
          "between runs and compare the medians, not single values.", ""]
    md += [t.markdown() for t in tables]
    (out_dir / "report.md").write_text("\n".join(md), encoding="utf-8")
    with open(out_dir / "report.csv", "w", newline="") as f:
        csv.writer(f).writerows(csv_rows(raw, a))
    charts = figures_html(a)
    style = ("body{font-family:Arial,sans-serif;max-width:1200px;margin:2em auto;color:#222}"
             "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
             "text-align:left;font-size:14px}th{background:#eee}code{background:#f4f4f4}")
    page = (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{style}</style></head><body><h1>{html.escape(title)}</h1>"
            + "\n".join(charts) + "\n".join(t.html() for t in tables) + "</body></html>")
    if len(page.encode()) > HTML_LIMIT:  # never commit a huge file: tables only, charts left to the CSV
        page = page.replace("\n".join(charts), "<p>Charts left out: the page would exceed 5 MB.</p>")
    (out_dir / "report.html").write_text(page, encoding="utf-8")
    (out_dir / "raw.json").write_text(json.dumps(raw, indent=1, default=str), encoding="utf-8")
    if publish:
        for name, target in (("report.md", "REPORT.md"), ("report.csv", "report.csv"), ("report.html", "report.html")):
            shutil.copyfile(out_dir / name, BENCH / target)
    return a


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh-kernel runs of each measurement (default 5)")
    parser.add_argument("--calls", type=int, default=20, help="callbacks timed per widget explorer (default 20)")
    parser.add_argument("--suite-runs", type=int, default=3, help="runs of the nbval suite (default 3)")
    parser.add_argument("--browser-runs", type=int, default=None, help="JupyterLab runs (default: --runs)")
    parser.add_argument("--no-browser", action="store_true", help="skip the JupyterLab measurement")
    parser.add_argument("--make-test", choices=["run", "skip"], default="run", help="run `make test` (default)")
    parser.add_argument("--make-test-seconds", type=float, default=None,
                        help="use this measured `make test` wall time instead of running it")
    parser.add_argument("--only", default=None, help="only notebooks matching this glob (e.g. '03-*')")
    parser.add_argument("--floor-venv", type=Path, default=BENCH / ".floor-venv",
                        help="where the minimal venv is kept between runs (default maintainers/bench/.floor-venv)")
    parser.add_argument("--no-publish", action="store_true",
                        help="write maintainers/bench/results/ only, leave maintainers/bench/REPORT.md etc. alone")
    parser.add_argument("--from-raw", type=Path, default=None, help="re-write the report from a raw.json")
    args = parser.parse_args(argv)
    if args.browser_runs is None:
        args.browser_runs = 0 if args.no_browser else args.runs
    if args.no_browser:
        args.browser_runs = 0
    args.floor_venv = args.floor_venv.resolve()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out_dir = BENCH / "results" / stamp
    out_dir.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    if args.from_raw:
        raw = json.loads(args.from_raw.read_text())
    else:
        raw = measure(args, out_dir)
        raw["args"] = {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}
    a = write_report(raw, out_dir, publish=not args.no_publish)
    log(f"\nreport: {out_dir / 'report.md'}" + ("" if args.no_publish else " (copied to maintainers/bench/REPORT.md)"))
    log(f"first figure: floor {fmt(a['floor']['figure'].median)} s, before {fmt(a['plain']['figure'].median)} s, "
        f"after {fmt(a['helpers']['figure'].median)} s ({fmt(a['first_figure_ratio'])} × floor)")
    log(f"bench wall time: {time.perf_counter() - t:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
