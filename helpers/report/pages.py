"""The report's files: ``results.csv``, ``submissions.csv``, ``summary.html`` and ``booklet.html``.

The summary works offline and wherever it is opened: plotly.js (from the installed plotly package) is
inlined in it, once, so the one file draws from a disk, from an e-mail, or from a JupyterHub's "Open in New
Browser Tab" (which serves files in a sandbox that cannot fetch a second file with the teacher's login);
nothing is fetched from the internet. Charts use the
collection's template and colours (:mod:`helpers.display`, :data:`helpers.vocabulary.PALETTE`).
Every text that comes from a student's notebook is escaped: a written answer is shown, never run.
"""

from __future__ import annotations

import html
import math
import re
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from helpers.charts.common import wrap
from helpers.display import TEMPLATE_NAME
from helpers.exercises import exercise_ids, get_exercise
from helpers.notebooks import (
    NotebookReadError,
    cell_source,
    exercise_of_cell,
    read_notebook,
    student_notebooks,
)
from helpers.report.run import OUTCOMES
from helpers.report.submissions import Catalogue, catalogue
from helpers.report.tables import STATUS_LABELS, common_wrong_answers, exercise_stats
from helpers.vocabulary import PALETTE

if TYPE_CHECKING:
    from helpers.report.collect import ClassReport

__all__ = ["write_report", "summary_html", "booklet_html", "STATUS_COLOURS"]

STATUS_COLOURS = {
    "correct": PALETTE["green"],
    "incorrect": PALETTE["orange"],
    "saved": PALETTE["sky"],
    "error": PALETTE["purple"],
    "unanswered": PALETTE["grey"],
    "missing": "#CFCFCF",  # a light grey: nothing to see there
}
STATUS_SYMBOLS = {"correct": "✓", "incorrect": "✗", "saved": "✍", "error": "⚠", "unanswered": "·", "missing": "–"}
_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
_STUCK = re.compile(r"\s*(Still stuck|Stuck)\?.*$", re.S)

_CSS = """
body { font-family: Arial, Helvetica, sans-serif; color: #222; margin: 0 auto; max-width: 1100px; padding: 0 24px 48px;
       line-height: 1.45; }
h1 { font-size: 1.7em; margin: 24px 0 4px; } h2 { font-size: 1.3em; margin-top: 36px; border-bottom: 2px solid #eee; }
h3 { font-size: 1.05em; margin: 18px 0 6px; }
.lead { color: #444; } .muted { color: #666; font-size: 0.92em; }
nav a { margin-right: 14px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 0.92em; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.num { text-align: right; white-space: nowrap; }
td ul { margin: 0; padding-left: 1.1em; }
.answer-code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.95em; background: #f6f6f6;
               padding: 0 3px; border-radius: 3px; }
.grid td { text-align: center; width: 2.4em; padding: 3px; } .grid td.name { text-align: left; width: auto; }
.s-correct { background: #d6efe7; } .s-incorrect { background: #fbe8c4; } .s-saved { background: #d8ecf9; }
.s-error { background: #f3dcea; } .s-unanswered { background: #eeeeee; } .s-missing { background: #f8f8f8; color: #999; }
.alert { border-left: 4px solid #D55E00; background: #fdf1ea; padding: 8px 12px; }
.ok { border-left: 4px solid #009E73; background: #eef8f4; padding: 8px 12px; }
.figure { margin: 8px 0 4px; }
details summary { cursor: pointer; color: #0072B2; }
"""


def _e(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _pct(value: float) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.0%}"


def _figure_html(fig: go.Figure, div_id: str) -> str:
    return pio.to_html(fig, include_plotlyjs=False, full_html=False, config=_CONFIG, div_id=div_id,
                       default_width="100%")


def _template() -> Any:
    return pio.templates[f"{TEMPLATE_NAME}_white"]


def overview_figure(stats: pd.DataFrame) -> go.Figure:
    """Per exercise: the share of students who answered (completion) and, of those, who got it right (success)."""
    labels = stats["exercise"].tolist()
    hover = [wrap(f"{row.exercise} {row.title}", 50) for row in stats.itertuples()]
    fig = go.Figure(layout=dict(template=_template()))
    fig.add_bar(x=labels, y=stats["completion"] * 100, name="completion: answered", marker_color=PALETTE["blue"],
                customdata=hover, hovertemplate="%{customdata}<br>answered: %{y:.0f}%<extra></extra>")
    fig.add_bar(x=labels, y=stats["success"] * 100, name="success: correct, of those who answered",
                marker_color=PALETTE["green"], customdata=hover,
                hovertemplate="%{customdata}<br>correct: %{y:.0f}% of those who answered<extra></extra>")
    fig.update_layout(title="Completion and success, exercise by exercise", barmode="group", height=420,
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0, title_text=""),
                      margin=dict(t=90))
    fig.update_yaxes(title_text="% of students", range=[0, 100], ticksuffix="%")
    fig.update_xaxes(title_text="exercise (written answers have no success bar: you read them)", type="category")
    return fig


def status_figure(stats: pd.DataFrame, title: str) -> go.Figure:
    """One notebook: for each exercise, how many students are in each status (a stacked bar)."""
    frame = stats.iloc[::-1]  # first exercise on top
    labels = [wrap(f"{row.exercise} {row.title}", 42) for row in frame.itertuples()]
    fig = go.Figure(layout=dict(template=_template()))
    for status, label in STATUS_LABELS.items():
        counts = frame[status]
        if not counts.any():
            continue
        fig.add_bar(y=labels, x=counts, name=label, orientation="h", marker_color=STATUS_COLOURS[status],
                    hovertemplate=f"%{{y}}<br>{label}: %{{x}} students<extra></extra>")
    fig.update_layout(title=title, barmode="stack", height=140 + 46 * len(frame),
                      legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0, title_text="",
                                  traceorder="normal"),
                      margin=dict(l=20, t=100))
    fig.update_xaxes(title_text="students", dtick=max(1, math.ceil(int(stats["students"].max() or 1) / 10)))
    return fig


@cache
def _questions() -> dict[str, str]:
    """Exercise id → the question as the student notebook words it (the markdown cell that introduces it)."""
    found: dict[str, str] = {}
    for path in student_notebooks():
        try:
            cells = read_notebook(path)["cells"]
        except NotebookReadError:
            continue
        for index, cell in enumerate(cells):
            exercise = exercise_of_cell(cell)
            if not exercise:
                continue
            for previous in reversed(cells[max(0, index - 4):index]):
                text = cell_source(previous)
                marker = text.find(f"Exercise {exercise}")
                if previous.get("cell_type") == "markdown" and marker >= 0:
                    found[exercise] = text[max(0, text.rfind("**", 0, marker)):].replace("**", "").strip()
                    break
    return found


def _short(text: str) -> str:
    """A long float as a teacher reads it (0.2353 for 0.23534010946051603); anything else unchanged."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        return text
    return f"{value:.4g}" if "." in text and len(text) > 8 else text


def _answer(text: str) -> str:
    return f'<span class="answer-code" title="{_e(text)}">{_e(_short(text))}</span>'


def _feedback(text: str) -> str:
    return _STUCK.sub("", str(text).split("\n")[0]).strip()


def _wrong_answers_cell(wrong: pd.DataFrame, exercise: str) -> str:
    rows = wrong[wrong["exercise"] == exercise]
    if rows.empty:
        return '<span class="muted">none</span>'
    items = []
    for row in rows.itertuples():
        feedback = _feedback(row.feedback)
        tag = "typical mistake: " if row.typical_mistake else "check said: "
        items.append(f"<li>{_answer(row.answer)} × <b>{row.count}</b>"
                     f"{f' — <i>{tag}</i>{_e(feedback)}' if feedback else ''}"
                     f' <span class="muted">({_e(row.students)})</span></li>')
    return f"<ul>{''.join(items)}</ul>"


def _grid(results: pd.DataFrame, notebook: str) -> str:
    rows = results[(results["notebook"] == notebook) & results["counted"]]
    ids = [e for e in exercise_ids(notebook) if e in set(rows["exercise"])] or sorted(set(rows["exercise"]))
    head = "".join(f"<th>{_e(e)}</th>" for e in ids)
    body = []
    for student, group in sorted(rows.groupby("student"), key=lambda kv: str(kv[0]).casefold()):
        by_id = {r.exercise: r for r in group.itertuples()}
        cells = []
        for e in ids:
            r = by_id.get(e)
            status = r.status if r is not None else "missing"
            tip = f"{STATUS_LABELS.get(status, status)}: {r.answer}" if r is not None and r.answer else \
                STATUS_LABELS.get(status, status)
            if r is not None and r.note:
                tip += f" ({r.note})"
            cells.append(f'<td class="s-{_e(status)}" title="{_e(tip[:300])}">{STATUS_SYMBOLS.get(status, "?")}</td>')
        body.append(f'<tr><td class="name">{_e(student)}</td>{"".join(cells)}</tr>')
    legend = " · ".join(f"{STATUS_SYMBOLS[s]} {label}" for s, label in STATUS_LABELS.items())
    return (f'<table class="grid"><tr><th>student</th>{head}</tr>{"".join(body)}</table>'
            f'<p class="muted">{_e(legend)}. Hover a cell for the answer.</p>')


def _problems_table(submissions: pd.DataFrame, cat: Catalogue) -> str:
    needs_look = submissions[(submissions["problem"] != "") | ~submissions["outcome"].isin(["collected",
                                                                                              "not started"])]
    if needs_look.empty:
        return '<p class="ok">Every file ran to the end and every check was collected.</p>'
    rows = "".join(
        f"<tr><td>{_e(r.student)}</td><td><code>{_e(r.submission)}</code></td><td>{_e(cat.label(r.notebook)) if r.notebook else '–'}</td>"
        f"<td>{_e(r.outcome)}</td><td>{_e(r.problem)}</td></tr>" for r in needs_look.itertuples())
    return ("<table><tr><th>student</th><th>file</th><th>notebook</th><th>what happened</th><th>why</th></tr>"
            f"{rows}</table>")


def _page(title: str, body: str, *, scripts: bool) -> str:
    script = f'<script type="text/javascript">{_plotly_js()}</script>' if scripts else ""
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">{script}'
            f"<style>{_CSS}{_BOOKLET_CSS if not scripts else ''}</style></head><body>\n{body}\n</body></html>\n")


def summary_html(report: ClassReport, cat: Catalogue | None = None) -> str:
    """The class summary page: completion and success, where the class struggles, files with problems."""
    cat = cat or catalogue()
    results, submissions = report.results, report.submissions
    stats = exercise_stats(results, cat)
    wrong = common_wrong_answers(results)
    counted = submissions[submissions["counted"]]
    students = sorted(set(submissions["student"]), key=str.casefold)
    problems = submissions[(submissions["problem"] != "") | ~submissions["outcome"].isin(["collected",
                                                                                           "not started"])]
    notebooks = [n for n in cat.titles if n in set(counted["notebook"])]
    when = datetime.now().strftime("%d %B %Y, %H:%M")
    parts = ["<h1>Where the class stands</h1>",
             f'<p class="lead">{len(submissions)} notebook file{"s" if len(submissions) != 1 else ""} from '
             f"{len(students)} student{'s' if len(students) != 1 else ''}, collected from <code>{_e(report.folder)}</code> "
             f"on {_e(when)} in {report.seconds:.0f} s ({report.ran} run, {report.reused} reused from the last "
             f"report, {report.workers} at a time).</p>",
             '<nav><a href="#overview">Overview</a>'
             + "".join(f'<a href="#nb-{_e(n)}">{_e(n[:2])}</a>' for n in notebooks)
             + '<a href="#problems">Files that need a look</a><a href="booklet.html">Written answers (booklet)</a>'
             '<a href="results.csv">results.csv</a></nav>']
    if len(problems):
        parts.append(f'<p class="alert"><b>{len(problems)} file{"s" if len(problems) != 1 else ""} need'
                     f'{"s" if len(problems) == 1 else ""} a look</b> (broken, stopped, or cells deleted): see '
                     '<a href="#problems">the list at the end</a>. Every file is in the report.</p>')
    parts.append('<section id="overview"><h2>Overview</h2>')
    if stats.empty:
        parts.append("<p>No exercise results were collected.</p>")
    else:
        parts.append('<p class="muted">For each exercise: the share of students whose check ran on an answer '
                     "(blue), and of those, the share who got it right (green). Low green next to high blue is "
                     "where the class struggles: the tables below say with which answers.</p>")
        parts.append(f'<div class="figure">{_figure_html(overview_figure(stats), "fig-overview")}</div>')
    parts.append("</section>")
    for notebook in notebooks:
        nb_stats = stats[stats["notebook"] == notebook]
        n_students = int(counted[counted["notebook"] == notebook]["student"].nunique())
        parts.append(f'<section id="nb-{_e(notebook)}"><h2>{_e(cat.label(notebook))}</h2>'
                     f'<p class="muted">{n_students} student{"s" if n_students != 1 else ""}.</p>')
        if nb_stats.empty:
            parts.append("<p>No exercise results.</p></section>")
            continue
        fig = status_figure(nb_stats, "Where each exercise stands")
        parts.append(f'<div class="figure">{_figure_html(fig, f"fig-{notebook}")}</div>')
        rows = []
        for row in nb_stats.itertuples():
            rows.append(f"<tr><td>{_e(row.exercise)}</td><td>{_e(row.title)}</td>"
                        f'<td class="num">{row.attempted}/{row.students} ({_pct(row.completion)})</td>'
                        f'<td class="num">{"written: read them" if row.written else _pct(row.success)}</td>'
                        f"<td>{'<a href=booklet.html#ex-' + _e(row.exercise) + '>in the booklet</a>' if row.written else _wrong_answers_cell(wrong, row.exercise)}</td></tr>")
        parts.append("<table><tr><th>exercise</th><th>question</th><th>answered</th><th>correct</th>"
                     f"<th>most common wrong answers (× students)</th></tr>{''.join(rows)}</table>")
        parts.append(f"<details><summary>Student by student</summary>{_grid(results, notebook)}</details>"
                     "</section>")
    legend = "".join(f"<li><b>{_e(k)}</b>: {_e(v)}</li>" for k, v in OUTCOMES.items())
    parts.append(f'<section id="problems"><h2>Files that need a look</h2>{_problems_table(submissions, cat)}'
                 f"<details><summary>What happened to a file, in one word</summary><ul>{legend}</ul></details>"
                 '<p class="muted">Student notebooks are code: the report ran each one, with your permissions, in '
                 "its own Python, in a temporary folder, with a time limit. Your files were only read.</p></section>")
    return _page("Class report: where the class stands", "\n".join(parts), scripts=True)


_BOOKLET_CSS = """
section.exercise { margin-top: 28px; }
.question { background: #f6f6f6; padding: 8px 12px; white-space: pre-wrap; font-size: 0.95em; }
article.answer { border: 1px solid #ddd; border-radius: 4px; padding: 8px 12px; margin: 12px 0; }
article.answer h3 { margin: 0 0 4px; }
.text { white-space: pre-wrap; font-size: 1.02em; margin: 6px 0; }
.comment { border: 1px dashed #999; min-height: 5.5em; margin-top: 8px; padding: 4px 8px; color: #888; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav, .noprint { display: none; }
  section.exercise { break-before: page; }
  section.exercise:first-of-type { break-before: auto; }
  article.answer { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def booklet_html(report: ClassReport, cat: Catalogue | None = None) -> str:
    """The written answers, grouped by exercise, one card per student with room for a comment (prints well)."""
    cat = cat or catalogue()
    results = report.results
    written = results[results["written"].astype(bool) & results["counted"]]
    questions = _questions()
    parts = ["<h1>Written answers</h1>",
             f'<p class="lead">Grouped by exercise; {written["student"].nunique()} students. Each exercise starts a '
             'new page when printed; the boxes are for your comments.</p>',
             '<p class="noprint"><a href="summary.html">← back to the class summary</a></p>']
    shown = 0
    for exercise in exercise_ids():
        group = written[written["exercise"] == exercise]
        if group.empty:
            continue
        answered = group[group["answer"].map(lambda a: bool(str(a).strip()) and str(a).strip() != "...")]
        missing = sorted(set(group["student"]) - set(answered["student"]), key=str.casefold)
        title = get_exercise(exercise).title
        parts.append(f'<section class="exercise" id="ex-{_e(exercise)}"><h2>Exercise {_e(exercise)} — {_e(title)}</h2>'
                     f'<p class="muted">{_e(cat.label(get_exercise(exercise).notebook))} · {len(answered)} answer'
                     f'{"s" if len(answered) != 1 else ""}</p>')
        if exercise in questions:
            parts.append(f'<div class="question">{_e(questions[exercise])}</div>')
        for row in sorted(answered.itertuples(), key=lambda r: str(r.student).casefold()):
            words = len(str(row.answer).split())
            meta = [STATUS_LABELS.get(row.status, row.status), f"{words} words"]
            if row.note:
                meta.append(row.note)
            feedback = _feedback(row.message) if row.message else ""
            parts.append(f'<article class="answer"><h3>{_e(row.student)}</h3><p class="muted">{_e(" · ".join(meta))}'
                         f'</p><div class="text">{_e(row.answer)}</div>'
                         + (f'<p class="muted">What the check told the student: {_e(feedback)}</p>' if feedback else "")
                         + '<div class="comment">Comment:</div></article>')
            shown += 1
        if missing:
            parts.append(f'<p class="muted">No answer yet: {_e(", ".join(missing))}.</p>')
        parts.append("</section>")
    if not shown:
        parts.append("<p>No written answers were collected.</p>")
    return _page("Class report: written answers", "\n".join(parts), scripts=False)


@cache
def _plotly_js() -> str:
    """plotly.js as the installed plotly package ships it (read once)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def write_report(report: ClassReport) -> dict[str, Path]:
    """Write every file of the report into ``report.out``; returns them by name."""
    out = report.out
    out.mkdir(parents=True, exist_ok=True)
    cat = catalogue()
    files = {"results.csv": out / "results.csv", "submissions.csv": out / "submissions.csv",
             "summary.html": out / "summary.html", "booklet.html": out / "booklet.html"}
    report.results.to_csv(files["results.csv"], index=False)
    report.submissions.to_csv(files["submissions.csv"], index=False)
    files["summary.html"].write_text(summary_html(report, cat), encoding="utf-8")
    files["booklet.html"].write_text(booklet_html(report, cat), encoding="utf-8")
    return files
