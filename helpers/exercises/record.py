"""What the checks of this kernel found: the student's :func:`progress` and the teacher's report read it.

Every call of ``check`` records the exercise, its status (correct / incorrect / saved / unanswered /
error), the answer as given (the whole text of a written answer; a short description otherwise), the
message shown, and which typical mistake matched; ``hint`` records how many hints were asked for.
Nothing leaves the kernel: :func:`export_records` returns the records as plain data, and the teacher's
report (``python -m helpers.report``) collects them by running each student's notebook again.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

__all__ = ["Record", "record_check", "record_hint", "records", "export_records", "clear_records", "answer_repr"]

MARKER = "TITFORTAT-RECORDS:"


@dataclass
class Record:
    """The latest check of one exercise in this kernel."""

    exercise_id: str
    notebook: str
    title: str
    status: str = ""  # "" until the first check
    answer: str = ""
    message: str = ""
    mistake: str = ""
    attempts: int = 0
    hints: int = 0
    when: float = field(default_factory=time.time)


_RECORDS: dict[str, Record] = {}


def answer_repr(answer: Any, *, full_text: bool = False, limit: int = 120) -> str:
    """The answer as a teacher would read it in a table: text in full for written answers, short otherwise."""
    try:
        if answer is Ellipsis:
            return "..."
        if isinstance(answer, str):
            return answer if full_text else (answer if len(answer) <= limit else answer[: limit - 3] + "...")
        from plotly.basedatatypes import BaseFigure

        if isinstance(answer, BaseFigure):
            names = [str(t.name) for t in answer.data if getattr(t, "name", None)]
            title = answer.layout.title.text or "untitled"
            return f"<figure '{title}': {len(answer.data)} trace(s){': ' + ', '.join(names[:6]) if names else ''}>"
        if isinstance(answer, pd.DataFrame):
            return f"<table: {len(answer)} rows × {answer.shape[1]} columns>"
        if isinstance(answer, pd.Series) and len(answer) > 5:
            return f"<Series of {len(answer)} values>"
        if isinstance(answer, pd.Series):
            return repr(answer.tolist())
        text = repr(answer)
        return text if len(text) <= limit else text[: limit - 3] + "..."
    except Exception:
        return "<an answer that could not be shown>"


def record_check(exercise_id: str, notebook: str, title: str, status: str, answer: str, message: str,
                 mistake: str = "") -> Record:
    """Keep the result of a check (the latest per exercise; attempts counted)."""
    old = _RECORDS.get(exercise_id)
    rec = Record(exercise_id, notebook, title, status, answer, message, mistake,
                 attempts=(old.attempts if old else 0) + (status != "unanswered"),
                 hints=old.hints if old else 0)
    _RECORDS[exercise_id] = rec
    return rec


def record_hint(exercise_id: str, notebook: str, title: str) -> int:
    """Count a hint asked for; returns how many hints of this exercise were asked for so far."""
    rec = _RECORDS.setdefault(exercise_id, Record(exercise_id, notebook, title))
    rec.hints += 1
    return rec.hints


def records() -> list[Record]:
    """Every record of this kernel, in the order exercises were first checked."""
    return list(_RECORDS.values())


def export_records() -> str:
    """The records as one JSON line, prefixed with a marker the teacher's report looks for."""
    return MARKER + json.dumps([asdict(r) for r in _RECORDS.values()], ensure_ascii=False)


def clear_records() -> None:
    """Forget every record (tests; a fresh start)."""
    _RECORDS.clear()
