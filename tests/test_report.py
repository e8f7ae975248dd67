"""The teacher's report (helpers.report): a class's notebooks collected, nobody lost, the teacher's files untouched.

The submissions are built in a temporary folder from the student notebooks and the solution cells
(tests/report_class.py), so they follow the notebooks when their wording changes. One class of notebook 03
(the one with every kind of answer: count, share, choice, written, figure) is run once for the module:
complete, half done, two students with the same typical mistakes, written answers only, a broken file, an
endless loop, one that ignores the interrupt, one that stops its kernel (exit()), cells deleted, cells reordered, every answer cell deleted,
one untouched, a foreign notebook, the teacher's solution notebook and a checkpoint, in a nested layout.
"""

from __future__ import annotations

import ast
import doctest
import hashlib
import importlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
import report_class as rc
from conftest import ROOT, SOLUTIONS

from helpers.exercises import exercise_ids, get_exercise
from helpers.report import Limits, collect_class
from helpers.report import collect as collect_module
from helpers.report.collect import fingerprint
from helpers.report.run import RunResult
from helpers.report.submissions import answers_in_source, find_submissions, identify, student_name
from helpers.report.tables import (
    RESULT_COLUMNS,
    SUBMISSION_COLUMNS,
    Entry,
    common_wrong_answers,
    results_table,
    submissions_table,
)

NB = "03-expulsions"
IDS = exercise_ids(NB)
# Small enough for the loops to cost little; large enough that, on a loaded machine (make test runs two
# workers), the import cell and the report's own export cell never reach them.
LIMITS = Limits(notebook=120, cell=8, export=5)

# A cell that an interrupt cannot stop (as a long call into compiled code can be): SIGINT ignored.
STUBBORN_LOOP = ["import signal\n", "signal.signal(signal.SIGINT, signal.SIG_IGN)\n", "while True:\n", "    pass"]


def _tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _build_class(folder: Path) -> dict[str, str]:
    """Write the class; returns student → relative path of their file."""
    hub = "home/jupyter-{}/titfortat/notebooks/03-expulsions.ipynb"
    layout = {
        "alice": (hub.format("alice"), "complete"),
        "bob": ("bob_03-expulsions.ipynb", "half"),
        "Carla": ("Carla - 03 Expulsions (1).ipynb", "mistakes"),  # the name from a flat file name
        "dan": (hub.format("dan"), "mistakes"),
        "erin": (hub.format("erin"), "written_only"),
        "frank": (hub.format("frank"), "broken_json"),
        "gina": ("submissions/gina/03-expulsions.ipynb", "infinite_loop"),
        "hal": (hub.format("hal"), "deleted"),
        "ivy": (hub.format("ivy"), "reordered"),
        "jo": (hub.format("jo"), "no_answers"),
    }
    paths = {}
    for student, (rel, kind) in layout.items():
        rc.write(folder / rel, kind, NB)
        paths[student] = rel
    stubborn = rc.complete(NB)
    stubborn["cells"].insert(rc.check_cell_index(stubborn, IDS[1]) + 1,
                             {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                              "source": STUBBORN_LOOP})
    paths["kim"] = hub.format("kim")
    (folder / paths["kim"]).parent.mkdir(parents=True)
    (folder / paths["kim"]).write_bytes(rc.dumps(stubborn))
    quits = rc.complete(NB)
    quits["cells"].insert(rc.check_cell_index(quits, IDS[2]) + 1,
                          {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                           "source": ["import os\n", "os._exit(1)  # as a crash would"]})
    paths["nia"] = hub.format("nia")
    (folder / paths["nia"]).parent.mkdir(parents=True)
    (folder / paths["nia"]).write_bytes(rc.dumps(quits))
    paths["lou"] = hub.format("lou")
    (folder / paths["lou"]).parent.mkdir(parents=True)
    shutil.copyfile(ROOT / "notebooks" / f"{NB}.ipynb", folder / paths["lou"])  # untouched
    paths["max"] = "home/jupyter-max/Untitled.ipynb"
    (folder / paths["max"]).parent.mkdir(parents=True)
    (folder / paths["max"]).write_text(json.dumps({"cells": [{"cell_type": "code", "source": "1 + 1",
                                                             "metadata": {}, "outputs": []}], "metadata": {},
                                                  "nbformat": 4, "nbformat_minor": 5}))
    paths["teacher"] = "home/teacher/notebooks/solutions/03-expulsions.ipynb"
    (folder / paths["teacher"]).parent.mkdir(parents=True)
    shutil.copyfile(SOLUTIONS / f"{NB}.ipynb", folder / paths["teacher"])
    checkpoint = folder / "home/jupyter-alice/titfortat/notebooks/.ipynb_checkpoints/03-expulsions-checkpoint.ipynb"
    checkpoint.parent.mkdir(parents=True)
    checkpoint.write_bytes(rc.dumps(rc.no_answers(NB)))
    return paths


@pytest.fixture(scope="module")
def class_run(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("report")
    folder = root / "class-3b"
    paths = _build_class(folder)
    before = _tree_hashes(folder)
    report = collect_class(folder, root / "out", limits=LIMITS, workers=2, progress=False)
    return {"folder": folder, "paths": paths, "before": before, "report": report, "out": root / "out"}


def _rows(report, student: str) -> pd.DataFrame:
    rows = report.results[report.results["student"] == student]
    return rows.set_index("exercise") if (rows["exercise"] != "").all() else rows


def _statuses(report, student: str) -> dict[str, str]:
    return _rows(report, student)["status"].to_dict()


def _outcome(report, student: str) -> pd.Series:
    return report.submissions.set_index("student").loc[student]


def _complete() -> dict[str, str]:
    return {e: "saved" if get_exercise(e).written else "correct" for e in IDS}


# --- the class as a whole ----------------------------------------------------------------------------------

def test_every_file_is_a_row_and_nothing_else(class_run):
    report, paths = class_run["report"], class_run["paths"]
    assert sorted(report.submissions["submission"]) == sorted(paths.values())  # the checkpoint is not a student
    assert set(report.submissions["student"]) == set(paths)
    assert set(report.results["submission"]) == set(paths.values())


def test_the_teachers_files_are_never_changed(class_run):
    assert _tree_hashes(class_run["folder"]) == class_run["before"]  # same files, same bytes, nothing added


def test_csv_columns_and_files(class_run):
    out = class_run["out"]
    results = pd.read_csv(out / "results.csv", keep_default_na=False)
    # The columns are an interface: teachers open the file in a spreadsheet or read it with pandas.
    assert list(results.columns) == RESULT_COLUMNS == [
        "student", "submission", "notebook", "exercise", "title", "written", "status", "answer", "mistake",
        "message", "attempts", "hints", "note", "outcome", "counted"]
    assert list(pd.read_csv(out / "submissions.csv").columns) == SUBMISSION_COLUMNS == [
        "student", "submission", "notebook", "outcome", "problem", "exercises", "correct", "saved", "checked",
        "seconds", "reused", "counted"]
    assert set(results["status"]) <= {"correct", "incorrect", "saved", "unanswered", "error", "missing", ""}
    assert len(results) == len(class_run["report"].results)
    for name in ("summary.html", "booklet.html"):
        assert (out / name).stat().st_size > 0, name
    summary = (out / "summary.html").read_text(encoding="utf-8")
    # plotly.js inlined in the head (it names its CDN defaults); the page itself asks for nothing online.
    assert "<script src=" not in summary and "plotly.js v" in summary.split("<body>")[0]
    assert "https://" not in summary.split("<body>", 1)[1]


# --- one student, one case -------------------------------------------------------------------------------------

def test_complete_and_correct(class_run):
    report = class_run["report"]
    assert _statuses(report, "alice") == _complete()
    assert _outcome(report, "alice")["outcome"] == "collected" and _outcome(report, "alice")["problem"] == ""


def test_half_done(class_run):
    done = IDS[: len(IDS) // 2]
    expected = {e: ("correct" if e in done else "unanswered") for e in IDS}
    assert _statuses(class_run["report"], "bob") == expected


def test_typical_mistakes_are_counted_across_students(class_run):
    report = class_run["report"]
    expected = {e: "incorrect" if get_exercise(e).written or rc.wrong_answer(e) else "correct" for e in IDS}
    assert _statuses(report, "Carla") == expected and _statuses(report, "dan") == expected
    wrong = common_wrong_answers(report.results)
    first = IDS[0]  # a count with declared mistakes: the first one's value is the answer given
    top = wrong[wrong["exercise"] == first].iloc[0]
    assert top["count"] == 2 and top["students"] == "Carla, dan" and top["typical_mistake"]
    assert top["feedback"] == get_exercise(first).mistakes[0].message
    assert _rows(report, "dan").loc[first, "mistake"] == get_exercise(first).mistakes[0].message


def test_written_answer_only(class_run):
    report = class_run["report"]
    expected = {e: "saved" if get_exercise(e).written else "unanswered" for e in IDS}
    assert _statuses(report, "erin") == expected
    written = next(e for e in IDS if get_exercise(e).written)
    assert _rows(report, "erin").loc[written, "answer"] == rc.MARKUP_ANSWER


def test_broken_json_is_reported_with_its_reason(class_run):
    row = _outcome(class_run["report"], "frank")
    assert row["outcome"] == "unreadable" and "not a readable notebook" in row["problem"]
    assert class_run["report"].results.set_index("student").loc["frank", "outcome"] == "unreadable"


def test_endless_loop_is_stopped_and_the_rest_still_runs(class_run):
    row = _outcome(class_run["report"], "gina")
    assert row["outcome"] == "time limit" and f"{LIMITS.cell:g} s per cell" in row["problem"]
    assert _statuses(class_run["report"], "gina") == _complete()  # checks before and after the loop collected


def test_a_loop_that_ignores_the_interrupt_keeps_the_checks_before_it(class_run):
    row = _outcome(class_run["report"], "kim")
    assert row["outcome"] == "time limit" and "did not stop when interrupted" in row["problem"]
    statuses = _statuses(class_run["report"], "kim")
    assert [statuses[e] for e in IDS[:2]] == ["correct", "correct"]
    assert set(statuses[e] for e in IDS[2:]) == {"missing"}
    assert all(note.startswith("not reached (time limit)") for note in _rows(class_run["report"], "kim").loc[IDS[2:], "note"])


def test_a_notebook_that_stops_its_kernel_keeps_the_checks_before_it(class_run):
    row = _outcome(class_run["report"], "nia")
    assert row["outcome"] == "kernel stopped" and "the checks before it were kept" in row["problem"]
    assert _statuses(class_run["report"], "nia") == _complete() | {e: "missing" for e in IDS[3:]}
    notes = _rows(class_run["report"], "nia").loc[IDS[3:], "note"]
    assert all(note.startswith("not reached (kernel stopped)") for note in notes)


def test_deleted_cells(class_run):
    report = class_run["report"]
    rows = _rows(report, "hal")
    expected = _complete() | {IDS[1]: "missing", IDS[2]: "missing"}
    assert _statuses(report, "hal") == expected
    assert "answer cell" in rows.loc[IDS[1], "note"] and "check cell" in rows.loc[IDS[2], "note"]
    assert f"Answer cell of {IDS[1]} is not in it" in _outcome(report, "hal")["problem"]


def test_reordered_cells(class_run):
    report = class_run["report"]
    rows = _rows(report, "ivy")
    # The first check now runs before its answer exists; the second exercise, moved whole to the end, still works.
    assert _statuses(report, "ivy") == _complete() | {IDS[0]: "missing"}
    answer_name = get_exercise(IDS[0]).answer_name
    assert rows.loc[IDS[0], "note"] == f"its cell raised NameError: name '{answer_name}' is not defined"


def test_no_answer_cells_left(class_run):
    report = class_run["report"]
    assert set(_statuses(report, "jo").values()) == {"missing"}
    assert _outcome(report, "jo")["notebook"] == NB  # known by its check cells and title
    assert "No answer cells" in _outcome(report, "jo")["problem"]


def test_untouched_foreign_and_teachers_files_are_not_run(class_run):
    report = class_run["report"]
    assert _outcome(report, "lou")["outcome"] == "not started"
    assert set(_statuses(report, "lou").values()) == {"unanswered"}
    assert _outcome(report, "max")["outcome"] == "not recognised"
    assert _outcome(report, "teacher")["outcome"] == "teacher's version"
    ran = report.submissions.set_index("student")["seconds"]
    assert ran[["lou", "max", "teacher"]].max() < 1  # no kernel was started for them


# --- the second run ------------------------------------------------------------------------------------------

def test_a_rerun_reuses_unchanged_notebooks(class_run, monkeypatch):
    async def must_not_run(*args, **kwargs):
        raise AssertionError("an unchanged notebook was run again")

    monkeypatch.setattr(collect_module, "run_submission", must_not_run)
    again = collect_class(class_run["folder"], class_run["out"], limits=LIMITS, progress=False)
    first = class_run["report"]
    assert again.ran == 0 and again.reused == len(first.submissions)
    pd.testing.assert_frame_equal(again.results, first.results)
    # Identical files (Carla's and dan's) share one stored result, so only the time taken may differ.
    cols = [c for c in SUBMISSION_COLUMNS if c not in {"reused", "seconds"}]
    pd.testing.assert_frame_equal(again.submissions[cols], first.submissions[cols])
    assert _tree_hashes(class_run["folder"]) == class_run["before"]


def test_a_changed_notebook_runs_again(class_run, tmp_path):
    folder = tmp_path / "class"
    shutil.copytree(class_run["folder"], folder)
    shutil.copytree(class_run["out"], tmp_path / "out")
    finished = rc.complete(NB)  # bob finished his notebook, and tried something of his own
    finished["cells"].append({"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                              "source": ["my_try = 755 + 455"]})
    (folder / class_run["paths"]["bob"]).write_bytes(rc.dumps(finished))
    again = collect_class(folder, tmp_path / "out", limits=LIMITS, progress=False)
    assert again.ran == 1
    assert _statuses(again, "bob") == _complete()


def test_the_cache_key_follows_the_checks_the_data_the_notebooks_and_the_limits(tmp_path, monkeypatch):
    parts = ("helpers/exercises/expulsions.py", "helpers/exercises/expulsions.toml", "data/staffing.csv",
             "helpers/report/run.py", "notebooks/03-expulsions.ipynb")
    for part in (*parts, "helpers/report/pages.py"):
        (tmp_path / part).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / part).write_text("v1")
    monkeypatch.setattr(collect_module, "ROOT", tmp_path)
    first = fingerprint(LIMITS)
    assert fingerprint(LIMITS) == first
    assert fingerprint(Limits(notebook=LIMITS.notebook + 1)) != first
    for part in parts:
        (tmp_path / part).write_text("v2")
        assert fingerprint(LIMITS) != first, part
        first = fingerprint(LIMITS)
    (tmp_path / "helpers/report/pages.py").write_text("v2")  # how the pages look: no need to run again
    assert fingerprint(LIMITS) == first


# --- without a kernel ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "student"), [
    ("home/jupyter-alice/titfortat/notebooks/03-expulsions.ipynb", "alice"),
    ("collected/home/bob/notebooks/03-expulsions.ipynb", "bob"),
    ("Alice Martin - 03-expulsions.ipynb", "Alice Martin"),
    ("03-expulsions (Alice Martin).ipynb", "Alice Martin"),
    ("bob_03_Expulsions-Copy1.ipynb", "bob"),
    ("chloe-07-capstone (2).ipynb", "chloe"),
    ("Alice Martin_12345_assignsubmission_file_/03-expulsions.ipynb", "Alice Martin"),  # Moodle's folders
    ("martinalice_1234_56789_03-expulsions.ipynb", "martinalice"),  # numbers added by a learning platform
    ("03-expulsions.ipynb", "03-expulsions"),  # nothing else to go by: the file name itself
])
def test_student_names(path, student):
    assert student_name(path) == student


def test_the_notebook_is_told_by_its_content_not_its_name(tmp_path):
    renamed = rc.complete(NB)
    assert identify(renamed).notebook == NB
    assert identify(rc.no_answers(NB)).notebook == NB  # its check cells
    titled = rc.no_answers(NB)
    titled["cells"] = [c for c in titled["cells"] if c["cell_type"] == "markdown"]
    assert identify(titled).notebook == NB  # its title
    assert identify({"cells": [{"cell_type": "markdown", "source": "# My notes"}]}).notebook == ""


def test_find_submissions_skips_checkpoints_hidden_folders_and_the_report(tmp_path):
    for rel in ["a/03.ipynb", "a/.ipynb_checkpoints/03-checkpoint.ipynb", ".hidden/x.ipynb", "out/y.ipynb",
                "b/notes.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("{}")
    found = find_submissions(tmp_path, exclude=[tmp_path / "out"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a/03.ipynb"]


def test_answers_typed_are_read_for_exercises_whose_check_did_not_run():
    nb = rc.written_only(NB, "A long enough answer.")
    typed = answers_in_source(nb)
    written = next(e for e in IDS if get_exercise(e).written)
    assert typed[written] == "A long enough answer."
    assert all(typed[e] == "" for e in IDS if e != written)  # still `...`


def _fake_entries() -> list[Entry]:
    written = next(e for e in IDS if get_exercise(e).written)
    records = [{"exercise_id": IDS[0], "status": "incorrect", "answer": "np.int64(300)", "mistake": "M", "message":
                "M Stuck? hint", "attempts": 2, "hints": 1},
               {"exercise_id": written, "status": "saved", "answer": rc.MARKUP_ANSWER, "message": "ok"}]
    return [Entry("a.ipynb", "<b>ann</b>", RunResult("collected", NB, records=records,
                                                      answer_cells={e: "" for e in IDS}, check_cells=IDS)),
            Entry("b.ipynb", "bea", RunResult("collected", NB, records=records[:1],
                                              answer_cells={e: "" for e in IDS}, check_cells=IDS))]


def test_wrong_answers_are_counted_and_cleaned():
    wrong = common_wrong_answers(results_table(_fake_entries()))
    assert wrong.to_dict("records") == [{"exercise": IDS[0], "answer": "300", "count": 2, "students": "<b>ann</b>, bea",
                                         "typical_mistake": True, "feedback": "M"}]


def test_pages_show_student_text_and_never_run_it(tmp_path):
    from helpers.report.collect import ClassReport
    from helpers.report.pages import write_report

    entries = _fake_entries()
    report = ClassReport(tmp_path, tmp_path / "out", results_table(entries), submissions_table(entries))
    files = write_report(report)
    for name in ("summary.html", "booklet.html"):
        text = files[name].read_text(encoding="utf-8")
        assert "<b>ann</b>" not in text and "&lt;b&gt;ann&lt;/b&gt;" in text, name
        assert "window.__reportInjected" not in text.replace("&lt;script&gt;window.__reportInjected", ""), name
    booklet = files["booklet.html"].read_text(encoding="utf-8")
    assert "&lt;/script&gt;&lt;script&gt;window.__reportInjected = 1&lt;/script&gt;" in booklet


def test_the_command_line_reports_every_file(tmp_path):
    """`python -m helpers.report` end to end, on files that need no kernel (fast): exit 0, every file named."""
    folder = tmp_path / "class"
    rc.write(folder / "ann/03-expulsions.ipynb", "broken_json", NB)
    shutil.copyfile(ROOT / "notebooks" / f"{NB}.ipynb", folder / "bea - 03-expulsions.ipynb")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "helpers.report", str(folder), "--quiet"], capture_output=True,
                          text=True, cwd=tmp_path, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    out = tmp_path / "class-report"
    assert str(out / "summary.html") in done.stdout and "1 need a look" in done.stdout
    subs = pd.read_csv(out / "submissions.csv", keep_default_na=False).set_index("student")
    assert subs.loc["ann", "outcome"] == "unreadable" and subs.loc["bea", "outcome"] == "not started"
    assert subprocess.run([sys.executable, "-m", "helpers.report", str(tmp_path / "nope")], capture_output=True,
                          cwd=tmp_path, timeout=120, env=env).returncode == 2


def test_make_report_runs_the_module_on_the_folder_given():
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    dry = subprocess.run([make, "-n", "--no-print-directory", "report", "SUBMISSIONS=class 3b/", "REPORT_OUT=out"],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert dry.returncode == 0, dry.stderr
    commands = [line for line in dry.stdout.splitlines() if "-m helpers.report" in line]
    assert commands and commands[-1].rstrip().endswith('-m helpers.report "class 3b/" --out "out"'), dry.stdout


def test_nothing_in_helpers_imports_the_report():
    """The report is the top layer: a notebook's `import helpers` never loads nbclient or the report."""
    for path in sorted((ROOT / "helpers").rglob("*.py")):
        if path.parent.name == "report":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            assert not any(n.startswith("helpers.report") for n in names), f"{path.relative_to(ROOT)} imports {names}"


@pytest.mark.parametrize("module", ["helpers.report.submissions", "helpers.report.tables"])
def test_doctests(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0, f"{result.failed} doctest(s) of {module} failed"


def test_ctrl_c_stops_the_run_and_leaves_no_kernel_or_folder_behind(tmp_path):
    psutil = pytest.importorskip("psutil")  # installed with ipykernel
    folder, scratch = tmp_path / "class", tmp_path / "tmp"
    rc.write(folder / "ann/03-expulsions.ipynb", "infinite_loop", NB)
    scratch.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(scratch)}
    kernels: list = []
    run = subprocess.Popen([sys.executable, "-m", "helpers.report", str(folder), "--quiet"], cwd=tmp_path, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 180  # a bound for a loaded machine; the loop ends as soon as a kernel runs
        while not kernels and time.monotonic() < deadline and run.poll() is None:  # wait for the kernel to start
            time.sleep(0.2)
            try:
                children = psutil.Process(run.pid).children(recursive=True)
                kernels = [p for p in children if "ipykernel" in " ".join(p.cmdline())]
            except psutil.Error:  # a child ended while we looked: look again
                continue
        if not kernels and run.poll() is not None:
            out, err = run.communicate()
            pytest.fail(f"the report ended (rc {run.returncode}) before a kernel was seen:\n{out}\n{err}")
        assert kernels, "no kernel was started"
        run.send_signal(signal.SIGINT)
        _, stderr = run.communicate(timeout=60)
    finally:
        if run.poll() is None:  # the test failed: clean up after it (these processes are the test's own)
            run.kill()
            for kernel in kernels:
                if kernel.is_running():
                    kernel.kill()
    assert run.returncode == 130 and "Stopped" in stderr
    assert not [p for p in kernels if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert list(scratch.iterdir()) == []  # the temporary folder of the run is gone
    assert not (tmp_path / "class-report" / ".cache").exists() or not any((tmp_path / "class-report" / ".cache").iterdir())


def test_two_copies_from_one_student_count_once():
    entries = _fake_entries()
    copy = Entry("a-Copy1.ipynb", "<b>ann</b>", RunResult("collected", NB, records=[],
                                                          answer_cells={e: "" for e in IDS}, check_cells=IDS))
    subs = submissions_table([*entries, copy]).set_index("submission")
    assert subs.loc["a.ipynb", "counted"] and not subs.loc["a-Copy1.ipynb", "counted"]
    assert "2 copies of this notebook" in subs.loc["a-Copy1.ipynb", "problem"]
    results = results_table([*entries, copy])
    assert results[results["counted"]].groupby(["student", "exercise"]).size().max() == 1


def test_a_long_temporary_folder_falls_back_to_a_local_port(tmp_path):
    """The kernel's local sockets are files; under a deep TMPDIR their paths do not fit, so the report uses
    127.0.0.1 instead (it failed to start every kernel there, and reported each student as 'needs a look')."""
    from helpers.report import run as report_run

    assert report_run._transport(Path("/tmp/titfortat-report-abc123")) == "ipc"
    deep = tmp_path.joinpath(*["a-rather-long-folder-name"] * 4)
    assert report_run._transport(deep) == "tcp"
