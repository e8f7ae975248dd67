"""Comparators: how an answer is compared with the expected value of an exercise.

A comparator is a callable ``(answer, expected) -> Verdict``. It may assume ``expected`` is well
formed (it comes from a reference solution) but must treat ``answer`` as anything at all: text,
``None``, NaN, a DataFrame of the wrong shape, a figure, an exception object. It never raises on
a strange answer; it returns a verdict whose feedback tells the student what to change.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd

__all__ = [
    "Verdict",
    "Comparator",
    "integer",
    "number",
    "choice",
    "id_set",
    "day",
    "weekday",
    "text_keywords",
    "frame",
    "figure",
    "describe",
]


@dataclass(frozen=True)
class Verdict:
    """Whether an answer is right, and a short message for the student if it is not."""

    ok: bool
    feedback: str = ""


Comparator = Callable[[Any, Any], Verdict]

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def describe(answer: Any) -> str:
    """A short, safe description of any value ('the text "35"', 'a DataFrame with 3 rows')."""
    try:
        if isinstance(answer, bool):
            return f"the value {answer}"
        if isinstance(answer, str):
            flat = " ".join(answer.split())
            shown = flat if len(flat) <= 40 else flat[:37] + "..."
            return f'the text "{shown}"'
        if isinstance(answer, pd.DataFrame):
            return f"a DataFrame with {len(answer)} rows and {answer.shape[1]} columns"
        if isinstance(answer, pd.Series):
            return f"a Series with {len(answer)} values"
        if isinstance(answer, BaseException):
            return f"an error object ({type(answer).__name__})"
        if isinstance(answer, numbers.Number):
            return f"the number {answer}"
        return f"a {type(answer).__name__}"
    except Exception:  # a value whose repr or len misbehaves
        return "a value that could not be described"


def _as_real(answer: Any) -> float | None:
    """The answer as a finite float if it is a plain number (not bool, not text), else None."""
    if isinstance(answer, bool) or answer is None:
        return None
    try:
        if isinstance(answer, (pd.Series, pd.Index)) and len(answer) == 1:
            answer = answer.iloc[0] if isinstance(answer, pd.Series) else answer[0]
        if isinstance(answer, numbers.Real) and not isinstance(answer, bool):
            value = float(answer)
            return value if math.isfinite(value) else None
    except Exception:
        return None
    return None


def integer() -> Comparator:
    """The answer must equal the expected whole number (3.0 is accepted for 3; '3' is not)."""

    def compare(answer: Any, expected: int) -> Verdict:
        if isinstance(answer, str) and answer.strip().lstrip("-").isdigit():
            return Verdict(False, "Your answer is text. Give the number without quotes, e.g. 12 not \"12\".")
        value = _as_real(answer)
        if value is None:
            return Verdict(False, f"Expected a whole number, but got {describe(answer)}.")
        if value != int(value):
            return Verdict(False, "Expected a whole number (a count), not a fraction.")
        if int(value) == int(expected):
            return Verdict(True)
        return Verdict(False, "That number is not the one the data gives.")

    return compare


def number(rel_tol: float = 0.005, abs_tol: float = 0.0) -> Comparator:
    """The answer must be a number close to the expected one (default: within 0.5 %)."""

    def compare(answer: Any, expected: float) -> Verdict:
        value = _as_real(answer)
        if value is None:
            return Verdict(False, f"Expected a number, but got {describe(answer)}.")
        if math.isclose(value, float(expected), rel_tol=rel_tol, abs_tol=abs_tol):
            return Verdict(True)
        return Verdict(False, "That number is not the one the data gives.")

    return compare


def _norm_text(text: str) -> str:
    return re.sub(r"[\s()\[\].:'\"]+", " ", text.strip().lower()).strip()


def choice(options: dict[str, str]) -> Comparator:
    """A multiple-choice answer: the option's letter ('B') or its exact text, any case."""
    letters = {k.lower(): k for k in options}
    texts = {_norm_text(v): k for k, v in options.items()}

    def compare(answer: Any, expected: str) -> Verdict:
        if not isinstance(answer, str):
            return Verdict(False, f"Answer with the letter of an option as text, e.g. \"A\"; got {describe(answer)}.")
        key = _norm_text(answer)
        picked = letters.get(key) or texts.get(key)
        if picked is None:
            return Verdict(False, f"Choose one of the options: {', '.join(options)}.")
        if picked == expected:
            return Verdict(True)
        return Verdict(False, f"Option {picked} is not the best answer.")

    return compare


def _as_string_set(answer: Any) -> set[str] | None:
    if isinstance(answer, (str, bytes)) or answer is None:
        return None
    if isinstance(answer, pd.DataFrame):
        return None
    if not isinstance(answer, Iterable):
        return None
    items: set[str] = set()
    try:
        for n, item in enumerate(answer):
            if n > 10_000 or not isinstance(item, str):
                return None
            items.add(item.strip())
    except Exception:
        return None
    return items


def id_set() -> Comparator:
    """A collection of ids (list, set, tuple or Series of text); order does not matter."""

    def compare(answer: Any, expected: Iterable[str]) -> Verdict:
        want = set(expected)
        got = _as_string_set(answer)
        if got is None:
            if isinstance(answer, str):
                return Verdict(False, 'Give a list of ids, e.g. ["a", "b"], not a single piece of text.')
            return Verdict(False, f"Expected a list of ids (text), but got {describe(answer)}.")
        if got == want:
            return Verdict(True)
        missing, extra = len(want - got), len(got - want)
        parts = []
        if missing:
            parts.append(f"{missing} missing")
        if extra:
            parts.append(f"{extra} that should not be there")
        return Verdict(False, "Not the right set: " + " and ".join(parts) + ".")

    return compare


def _as_date(answer: Any) -> date | None:
    try:
        if isinstance(answer, bool) or answer is None:
            return None
        if isinstance(answer, pd.Timestamp):
            return None if pd.isna(answer) else answer.date()
        if isinstance(answer, datetime):
            return answer.date()
        if isinstance(answer, date):
            return answer
        if isinstance(answer, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", answer):
            return date.fromisoformat(answer.strip())
    except Exception:
        return None
    return None


def day() -> Comparator:
    """A calendar day: '2017-09-01', a date or a Timestamp."""

    def compare(answer: Any, expected: Any) -> Verdict:
        got = _as_date(answer)
        if got is None:
            return Verdict(False, f"Expected a date like \"2017-09-01\", but got {describe(answer)}.")
        want = _as_date(expected)
        if got == want:
            return Verdict(True)
        return Verdict(False, "That is not the day the data gives.")

    return compare


def weekday() -> Comparator:
    """A day of the week as text ('Friday'), any case; expected is the English name."""

    def compare(answer: Any, expected: str) -> Verdict:
        if not isinstance(answer, str):
            return Verdict(False, f"Answer with the name of a day as text, e.g. \"Monday\"; got {describe(answer)}.")
        key = answer.strip().lower()
        if key not in _WEEKDAYS:
            return Verdict(False, "Give the English name of a day of the week, e.g. \"Monday\".")
        return Verdict(True) if key == expected.lower() else Verdict(False, "Not that day.")

    return compare


def text_keywords(groups: list[list[str]], min_words: int = 8) -> Comparator:
    """A short written answer: must have ``min_words`` words and mention one word of each group.

    Used for answers a teacher reads; the check only makes sure the key idea is named.
    """

    def compare(answer: Any, expected: Any) -> Verdict:
        if not isinstance(answer, str):
            return Verdict(False, f"Write your answer as text in quotes; got {describe(answer)}.")
        words = re.findall(r"[\w'-]+", answer.lower())
        if len(words) < min_words:
            return Verdict(False, f"Write at least {min_words} words: a sentence or two.")
        lowered = answer.lower()
        for group in groups:
            if not any(word in lowered for word in group):
                return Verdict(False, f"Your answer does not yet mention {' / '.join(group[:3])}.")
        return Verdict(True)

    return compare


def frame(key: str, columns: Iterable[str] = ()) -> Comparator:
    """A DataFrame whose ``key`` column holds exactly the expected ids (any order, any extra columns).

    ``columns`` are columns the answer must also have.
    """
    needed = list(columns)

    def compare(answer: Any, expected: pd.DataFrame) -> Verdict:
        if isinstance(answer, pd.Series) and answer.name == key:
            answer = answer.to_frame()
        if not isinstance(answer, pd.DataFrame):
            return Verdict(False, f"Expected a DataFrame, but got {describe(answer)}.")
        cols = [str(c) for c in answer.columns]
        for col in [key, *needed]:
            if col not in cols:
                return Verdict(False, f"Your table has no column '{col}'. Keep the columns of the original table.")
        got = _as_string_set(answer[key].astype(str))
        want = set(expected[key].astype(str))
        if got is None:
            return Verdict(False, f"The column '{key}' should hold ids as text.")
        if len(answer) != len(expected):
            return Verdict(False, f"Your table has {len(answer)} rows; check your filter.")
        if got == want:
            return Verdict(True)
        return Verdict(False, "Your table has the right number of rows but not the right ones; check your filter.")

    return compare


def figure(test: Callable[[Any, Any], Verdict]) -> Comparator:
    """A plotly figure, judged by ``test(fig, expected)`` once it is known to be a figure."""

    def compare(answer: Any, expected: Any) -> Verdict:
        import plotly.graph_objects as go

        if not isinstance(answer, go.Figure):
            return Verdict(False, f"Expected a plotly figure (a go.Figure), but got {describe(answer)}.")
        return test(answer, expected)

    return compare
