"""The class's results as tables: one row per student × exercise, one per submission, and the class view.

``attempts`` and ``hints`` count the calls in the notebook as handed in, run once by the report: a
student's tries during the lesson live only in their own kernel and are not in the file.

Statuses are those of :mod:`helpers.exercises` (correct, incorrect — shown to students as "not yet" —,
saved, unanswered, error) plus ``missing``: no check of that exercise ran (its cell was deleted or moved,
raised before checking, or was never reached). :data:`STATUS_LABELS` says each in a teacher's words.

>>> clean_answer("np.float64(0.7302580140734949)")
'0.7302580140734949'
>>> clean_answer("np.int64(35)")
'35'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pandas as pd

from helpers.exercises import exercise_ids, get_exercise
from helpers.report.run import RunResult
from helpers.report.submissions import Catalogue

__all__ = [
    "STATUS_LABELS",
    "ATTEMPTED",
    "RESULT_COLUMNS",
    "SUBMISSION_COLUMNS",
    "Entry",
    "clean_answer",
    "results_table",
    "submissions_table",
    "exercise_stats",
    "common_wrong_answers",
]

STATUS_LABELS = {
    "correct": "correct",
    "incorrect": "not yet",
    "saved": "written answer saved",
    "unanswered": "not answered",
    "error": "could not check",
    "missing": "no check ran",
}
ATTEMPTED = {"correct", "incorrect", "saved", "error"}

RESULT_COLUMNS = ["student", "submission", "notebook", "exercise", "title", "written", "status", "answer",
                  "mistake", "message", "attempts", "hints", "note", "outcome", "counted"]
SUBMISSION_COLUMNS = ["student", "submission", "notebook", "outcome", "problem", "exercises", "correct", "saved",
                      "checked", "seconds", "reused", "counted"]


@dataclass
class Entry:
    """One submission: where it was found, whose it is, what running it found, and whether it was reused."""

    submission: str  # path relative to the collected folder
    student: str
    result: RunResult
    reused: bool = False


_NUMPY = re.compile(r"^np\.(?:float|int|uint|bool_|str_)\w*\((.*)\)$", re.S)


def clean_answer(answer: Any) -> str:
    """An answer as a teacher reads it: numpy wrappers removed (``np.float64(0.73)`` → ``0.73``)."""
    text = "" if answer is None else str(answer)
    match = _NUMPY.match(text.strip())
    return match.group(1) if match else text


def _note(exercise: str, result: RunResult) -> str:
    """Why an exercise has no check: the most specific reason the run can tell."""
    has_answer = exercise in result.answer_cells
    has_check = exercise in result.check_cells
    if not has_answer and not has_check:
        return "its answer and check cells are not in the notebook"
    if not has_answer:
        return "its answer cell ('# Exercise " + exercise + "') is not in the notebook"
    if not has_check:
        return "its check cell is not in the notebook"
    raised = [e["error"] for e in result.errors if e.get("exercise") == exercise]
    if raised:
        return f"its cell raised {raised[-1]}"
    if result.outcome in {"time limit", "kernel stopped"}:
        return f"not reached ({result.outcome})"
    if result.outcome == "not collected":
        return "the checks could not be read"
    return "its check did not run (cells moved above the cells they need?)"


def _exercise_rows(entry: Entry) -> list[dict[str, Any]]:
    result = entry.result
    records = {r.get("exercise_id", ""): r for r in result.records if isinstance(r, dict)}
    ids = exercise_ids(result.notebook)
    ids += [i for i in records if i not in ids]
    rows = []
    for exercise in ids:
        try:
            ex = get_exercise(exercise)
            title, written, notebook = ex.title, ex.written, ex.notebook
        except KeyError:
            title, written, notebook = records[exercise].get("title", ""), False, result.notebook
        record = records.get(exercise, {})
        status = record.get("status") or "missing"
        answer, note = clean_answer(record.get("answer", "")), ""
        if result.outcome == "not started":
            status, answer, note = "unanswered", "...", "the notebook is as handed out"
        elif status == "missing":
            note = _note(exercise, result)
            typed = result.answer_cells.get(exercise, "")
            if typed:
                answer, note = typed, note + "; the answer shown was read from its cell, not checked"
        rows.append({
            "student": entry.student, "submission": entry.submission, "notebook": notebook, "exercise": exercise,
            "title": title, "written": written, "status": status, "answer": answer,
            "mistake": record.get("mistake", ""), "message": record.get("message", ""),
            "attempts": int(record.get("attempts", 0) or 0), "hints": int(record.get("hints", 0) or 0),
            "note": note, "outcome": result.outcome,
        })
    return rows


def _counted(entries: list[Entry]) -> set[str]:
    """The submission counted for each student × notebook (a student may hand in copies): the most done."""
    best: dict[tuple[str, str], tuple[tuple[int, int], str]] = {}
    for entry in entries:
        result = entry.result
        if not result.notebook:
            continue
        statuses = [r.get("status", "") for r in result.records if isinstance(r, dict)]
        score = (sum(s in {"correct", "saved"} for s in statuses), sum(s in ATTEMPTED for s in statuses))
        key = (entry.student, result.notebook)
        if key not in best or score > best[key][0]:
            best[key] = (score, entry.submission)
    return {submission for _, submission in best.values()}


def results_table(entries: list[Entry]) -> pd.DataFrame:
    """One row per student × exercise (tidy); a file with no notebook recognised is one row with its outcome."""
    counted = _counted(entries)
    rows = []
    for entry in entries:
        if entry.result.notebook:
            for row in _exercise_rows(entry):
                rows.append({**row, "counted": entry.submission in counted})
        else:
            rows.append({"student": entry.student, "submission": entry.submission, "notebook": "", "exercise": "",
                         "title": "", "written": False, "status": "", "answer": "", "mistake": "", "message": "",
                         "attempts": 0, "hints": 0, "note": entry.result.reason, "outcome": entry.result.outcome,
                         "counted": False})
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def _problem(entry: Entry, counted: set[str], others: dict[tuple[str, str], list[str]]) -> str:
    result = entry.result
    parts = [result.reason] if result.reason else []
    if result.notebook and result.outcome not in {"not started", "unreadable"}:
        expected = exercise_ids(result.notebook)
        gone = [e for e in expected if e not in result.answer_cells]
        if expected and len(gone) == len(expected):
            parts.append("No answer cells ('# Exercise N.M') are left in it.")
        elif gone:
            parts.append(f"Answer cell{'s' if len(gone) > 1 else ''} of {', '.join(gone)} "
                         f"{'are' if len(gone) > 1 else 'is'} not in it (deleted or renamed).")
        raised = [e for e in result.errors if e.get("error") != "stopped by the time limit"]
        if raised:
            first = "; ".join(f"cell {e['cell'] + 1}" + (f" ({e['start']})" if e.get("start") else "")
                              + f": {e['error']}" for e in raised[:3])
            more = f" and {len(raised) - 3} more" if len(raised) > 3 else ""
            parts.append(f"{len(raised)} cell{'s' if len(raised) > 1 else ''} raised an error ({first}{more}).")
    twins = [s for s in others.get((entry.student, result.notebook), []) if s != entry.submission]
    if result.notebook and twins:
        used = "This copy is the one counted" if entry.submission in counted else "Not counted"
        parts.append(f"{entry.student} handed in {len(twins) + 1} copies of this notebook (also {', '.join(twins)}); "
                     f"{used} in the class figures (the one with most done).")
    return " ".join(parts)


def submissions_table(entries: list[Entry]) -> pd.DataFrame:
    """One row per file: whose, which notebook, what happened and any problem, in plain words."""
    counted = _counted(entries)
    others: dict[tuple[str, str], list[str]] = {}
    for entry in entries:
        if entry.result.notebook:
            others.setdefault((entry.student, entry.result.notebook), []).append(entry.submission)
    rows = []
    for entry in entries:
        result = entry.result
        statuses = Counter(r.get("status", "") for r in result.records if isinstance(r, dict))
        rows.append({
            "student": entry.student, "submission": entry.submission, "notebook": result.notebook,
            "outcome": result.outcome, "problem": _problem(entry, counted, others),
            "exercises": len(exercise_ids(result.notebook)) if result.notebook else 0,
            "correct": statuses["correct"], "saved": statuses["saved"],
            "checked": sum(statuses[s] for s in ATTEMPTED), "seconds": result.seconds, "reused": entry.reused,
            "counted": entry.submission in counted,
        })
    return pd.DataFrame(rows, columns=SUBMISSION_COLUMNS)


def exercise_stats(results: pd.DataFrame, cat: Catalogue) -> pd.DataFrame:
    """Per exercise (counted submissions only): students, completion rate, success rate, and each status."""
    rows = []
    counted = results[results["counted"] & (results["exercise"] != "")]
    for exercise, group in counted.groupby("exercise", sort=False):
        statuses = group["status"].value_counts()
        attempted = int(sum(statuses.get(s, 0) for s in ATTEMPTED))
        written = bool(group["written"].iloc[0])
        correct = int(statuses.get("correct", 0))
        row = {"notebook": group["notebook"].iloc[0], "exercise": exercise, "title": group["title"].iloc[0],
               "written": written, "students": len(group), "attempted": attempted,
               "completion": attempted / len(group) if len(group) else float("nan"),
               "success": (correct / attempted if attempted else float("nan")) if not written else float("nan")}
        row.update({status: int(statuses.get(status, 0)) for status in STATUS_LABELS})
        rows.append(row)
    columns = ["notebook", "exercise", "title", "written", "students", "attempted", "completion", "success",
               *STATUS_LABELS]
    table = pd.DataFrame(rows, columns=columns)
    order = {e: i for i, e in enumerate(exercise_ids())}
    return table.sort_values("exercise", key=lambda s: s.map(lambda e: order.get(e, len(order)))).reset_index(
        drop=True)


def _key(answer: str) -> str:
    return " ".join(str(answer).split()).casefold().strip("'\"")


def common_wrong_answers(results: pd.DataFrame, top: int = 3) -> pd.DataFrame:
    """The most common wrong answers of each exercise (counted submissions): answer, count, students, feedback."""
    wrong = results[results["counted"] & (results["status"] == "incorrect") & ~results["written"].astype(bool)]
    rows = []
    for exercise, group in wrong.groupby("exercise", sort=False):
        by_answer: dict[str, list[pd.Series]] = {}
        for _, row in group.iterrows():
            by_answer.setdefault(_key(row["answer"]), []).append(row)
        ranked = sorted(by_answer.values(), key=lambda rs: (-len(rs), _key(rs[0]["answer"])))
        for same in ranked[:top]:
            shown = Counter(r["answer"] for r in same).most_common(1)[0][0]
            mistakes = Counter(r["mistake"] for r in same if r["mistake"])
            messages = Counter(r["message"] for r in same if r["message"])
            feedback = (mistakes or messages).most_common(1)[0][0] if (mistakes or messages) else ""
            rows.append({"exercise": exercise, "answer": shown, "count": len(same),
                         "students": ", ".join(sorted({r["student"] for r in same}, key=str.casefold)),
                         "typical_mistake": bool(mistakes), "feedback": feedback.split("\n")[0]})
    return pd.DataFrame(rows, columns=["exercise", "answer", "count", "students", "typical_mistake", "feedback"])
