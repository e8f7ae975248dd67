"""The teacher's report pages draw in Chromium from file://, with every other request blocked.

The report is written from results that cover every notebook and every status (built from the
registered exercises, no kernel needed: the kernels are tests/test_report.py's business). Then
``summary.html`` must draw every plotly figure with the plotly.js inlined in it, log no console error and
ask for nothing outside file:// (and nothing but itself); ``booklet.html`` must show each written answer as text
(a student's ``<script>`` never runs) and load no script at all. Screenshots go to artifacts/report/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import lab
import pytest
import report_class as rc

from helpers.exercises import exercise_ids, get_exercise
from helpers.report.collect import ClassReport
from helpers.report.pages import write_report
from helpers.report.run import RunResult
from helpers.report.submissions import catalogue
from helpers.report.tables import STATUS_LABELS, Entry, results_table, submissions_table

pytestmark = pytest.mark.browser

ARTIFACTS = lab.ROOT / "artifacts" / "report"
TIMEOUT_MS = 120_000 * lab.SLOW
STUDENTS = ["ada", "ben", "chloe", "dmitri", "eva"]


def _class_report(out: Path) -> tuple[ClassReport, int]:
    """Five students × every notebook, statuses spread over every kind; returns the report and how many
    written answers it holds."""
    statuses = list(STATUS_LABELS)
    entries, written = [], 0
    for n, notebook in enumerate(catalogue().titles):
        for s, student in enumerate(STUDENTS):
            records = []
            for e, exercise in enumerate(exercise_ids(notebook)):
                ex = get_exercise(exercise)
                status = statuses[(n + s + e) % len(statuses)]
                if status == "missing":
                    continue
                if ex.written:
                    status = "saved" if status != "unanswered" else status
                answer = rc.MARKUP_ANSWER if ex.written and status == "saved" else (
                    "..." if status == "unanswered" else f"{s % 2 + 1}")
                written += ex.written and status == "saved"
                records.append({"exercise_id": exercise, "notebook": notebook, "title": ex.title, "status": status,
                                "answer": answer, "message": "Not quite. Stuck? hint", "attempts": 1})
            result = RunResult("collected", notebook, records=records, seconds=2.0,
                               answer_cells={e: "" for e in exercise_ids(notebook)},
                               check_cells=exercise_ids(notebook))
            entries.append(Entry(f"home/{student}/{notebook}.ipynb", student, result))
    entries.append(Entry("broken.ipynb", "zoe", RunResult("unreadable", reason="The file is not a readable notebook.")))
    report = ClassReport(out, out, results_table(entries), submissions_table(entries), seconds=42, ran=len(entries))
    return report, written


def _open(browser: Any, page_file: Path) -> tuple[Any, Any, dict[str, list[str]]]:
    seen: dict[str, list[str]] = {"requests": [], "blocked": [], "errors": []}
    context = browser.new_context(viewport={"width": 1200, "height": 900}, service_workers="block")

    def route(r: Any) -> None:
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            seen["blocked"].append(r.request.url)
            r.abort()

    context.on("request", lambda request: seen["requests"].append(request.url))
    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda msg: seen["errors"].append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: seen["errors"].append(str(exc)))
    page.goto(page_file.as_uri(), wait_until="load", timeout=TIMEOUT_MS)
    return context, page, seen


@pytest.fixture(scope="module")
def written_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[ClassReport, int]:
    out = tmp_path_factory.mktemp("class-report")
    report, written = _class_report(out)
    report.files = write_report(report)
    return report, written


def test_summary_draws_every_figure_offline(browser: Any, written_report: tuple[ClassReport, int]) -> None:
    report, _ = written_report
    context, page, seen = _open(browser, report.files["summary.html"])
    try:
        n_figures = page.evaluate("document.querySelectorAll('.plotly-graph-div').length")
        assert n_figures == 1 + len(catalogue().titles)  # the overview and one per notebook
        page.wait_for_function(
            "() => Array.from(document.querySelectorAll('.plotly-graph-div'))"
            ".every(d => d.querySelector('svg.main-svg') && d.querySelectorAll('g.trace.bars path').length > 0)",
            timeout=TIMEOUT_MS)
        drawn = page.evaluate(
            "() => Array.from(document.querySelectorAll('.plotly-graph-div')).map(d => "
            "[d.id, d.querySelectorAll('g.trace.bars path').length, d.getBoundingClientRect().height])")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "summary.png"))
    finally:
        context.close()
    assert all(bars > 0 and height > 100 for _, bars, height in drawn), drawn
    assert seen["blocked"] == [] and seen["requests"] == [report.files["summary.html"].as_uri()], seen["requests"]
    assert seen["errors"] == []


def test_booklet_shows_written_answers_as_text(browser: Any, written_report: tuple[ClassReport, int]) -> None:
    report, written = written_report
    context, page, seen = _open(browser, report.files["booklet.html"])
    try:
        state = page.evaluate("() => ({injected: typeof window.__reportInjected, scripts: document.scripts.length, "
                              "answers: document.querySelectorAll('article.answer').length, "
                              "texts: Array.from(document.querySelectorAll('article.answer .text'))"
                              ".map(t => t.textContent)})")
        page.screenshot(path=str(ARTIFACTS / "booklet.png"))
    finally:
        context.close()
    assert state["injected"] == "undefined" and state["scripts"] == 0
    assert state["answers"] == written > 0
    assert set(state["texts"]) == {rc.MARKUP_ANSWER}  # shown exactly as written, markup and all
    assert seen["blocked"] == [] and seen["errors"] == []
