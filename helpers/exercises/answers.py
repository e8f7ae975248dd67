"""Reading a student's answer: every reasonable form of a value, turned into one plain Python value.

A student computes an answer in many ways: ``len(rows)``, ``rows["people"].sum()`` (a numpy number),
``rows.loc[mask, "date"]`` (a Series of one value), ``.dt.day_name()`` (the same), ``"2017-09-02
00:00:00"``, ``np.datetime64(...)``, ``["b", "a"]`` or a set. The functions here accept all of them and
return the plain value, or raise :class:`FormProblem` with one sentence that says what the answer is
and what to do. They never raise anything else, whatever they are given.

>>> import pandas as pd
>>> as_number(pd.Series([35]))
35.0
>>> as_day("2017-09-02 00:00:00")
datetime.date(2017, 9, 2)
>>> as_weekday(pd.Series(["Friday"]))
'friday'
>>> sorted(as_ids(pd.Series(["b", "a"])))
['a', 'b']
>>> try:
...     as_number(pd.Timedelta(days=4))
... except FormProblem as problem:
...     print(problem)
That is a time span (4 days), not a number: add .days to get the number of days.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from helpers.errors import describe_value

__all__ = ["FormProblem", "PLACEHOLDER", "is_unanswered", "unwrap", "as_number", "as_day", "as_weekday", "as_ids",
           "as_text", "WEEKDAYS"]

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

PLACEHOLDER = "..."

_NONE_ADVICE = ("Your answer is None (nothing). That happens when the answer line is print(...) or "
                "fig.show(): they show a value but give nothing back. Store the value itself, e.g. "
                "answer = len(rows).")


class FormProblem(ValueError):
    """The answer is not of the form the question asks for; the message says what to do."""


def is_unanswered(answer: Any) -> bool:
    """True for the template's placeholder: ``...``, or text that is empty or only ``...``."""
    if answer is Ellipsis:
        return True
    return isinstance(answer, str) and answer.strip() in {"", PLACEHOLDER}


def unwrap(answer: Any) -> Any:
    """The single value inside a one-value Series, Index, array, list, tuple or 1×1 DataFrame; numpy scalars as Python.

    Anything else is returned unchanged.
    """
    try:
        if isinstance(answer, pd.DataFrame) and answer.shape == (1, 1):
            answer = answer.iloc[0, 0]
        elif isinstance(answer, pd.Series | pd.Index | np.ndarray) and answer.size == 1:
            answer = answer.ravel()[0] if isinstance(answer, np.ndarray) else list(answer)[0]
        elif isinstance(answer, list | tuple) and len(answer) == 1:
            answer = answer[0]
        if isinstance(answer, np.generic) and not isinstance(answer, np.datetime64 | np.timedelta64):
            answer = answer.item()
    except Exception:  # a value whose size or indexing misbehaves: leave it as it is
        return answer
    return answer


def _many(answer: Any) -> str | None:
    """A sentence if ``answer`` holds several values (a table or a list), else None."""
    if isinstance(answer, pd.DataFrame):
        return (f"That is a table ({describe_value(answer)}), not one value: pick the column and the "
                "value you need, or count the rows with len(...).")
    if isinstance(answer, pd.Series | pd.Index | np.ndarray | list | tuple | set):
        try:
            n = len(answer)
        except Exception:
            n = 0
        try:
            yes_no = n > 1 and isinstance(answer, pd.Series | np.ndarray) and pd.api.types.is_bool_dtype(answer)
        except Exception:
            yes_no = False
        if yes_no:
            return ("That is True or False for each row: count the True values with .sum() (or keep the rows "
                    "with table[condition] and count them with len(...)).")
        if n == 0:
            return ("That is an empty selection (no values): your filter kept no rows. Check the condition, "
                    "e.g. the spelling of a value or the column name.")
        return f"That holds {n} values, not one: the question asks for a single value."
    return None


def _refuse_many(value: Any) -> None:
    """FormProblem if ``value`` holds several values (a table, a list, a condition on every row)."""
    many = _many(value)
    if many:
        raise FormProblem(many)


def _refuse(value: Any, sentence: str) -> None:
    """Always a FormProblem: the several-values sentence if it applies, else ``sentence`` about the value."""
    _refuse_many(value)
    raise FormProblem(sentence.format(describe_value(value)))


def as_number(answer: Any) -> float:
    """A finite number from any reasonable form (including numeric text); FormProblem otherwise."""
    value = unwrap(answer)
    if value is None:
        raise FormProblem(_NONE_ADVICE)
    if isinstance(value, bool | np.bool_):
        raise FormProblem(f"{value} is a yes/no value, not a number: count the True values with .sum().")
    if isinstance(value, pd.Timedelta | np.timedelta64):
        span = pd.Timedelta(value)
        raise FormProblem(f"That is a time span ({span.days} days), not a number: add .days to get the number "
                          "of days.")
    if isinstance(value, pd.Timestamp | datetime | date | np.datetime64):
        raise FormProblem("That is a date, not a number. To count the days between two dates, subtract the "
                          "earlier from the later and add .days.")
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        if re.fullmatch(r"[-+]?\d+(\.\d+)?", text):
            return float(text)
        raise FormProblem(f"Expected a number, but got {describe_value(value)}.")
    _refuse_many(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isnan(number):
            raise FormProblem("That is NaN ('not a number'): often the result of an empty selection or of a "
                              "missing value. Check your filter.")
        if not math.isfinite(number):
            raise FormProblem("That is infinite: did you divide by zero?")
        return number
    if value is pd.NA or value is pd.NaT:
        raise FormProblem("That is a missing value (NA): check your filter.")
    raise FormProblem(f"Expected a number, but got {describe_value(value)}.")


_MONTH_FORMS = ["%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%A %d %B %Y",
                "%a %d %b %Y", "%A, %d %B %Y", "%A %d %b %Y"]


def as_day(answer: Any) -> date:
    """A calendar day from a Timestamp, datetime64, date, or text like '2017-09-02', '2017-09-02 00:00:00', '2 Sep 2017'."""
    value = unwrap(answer)
    if value is None:
        raise FormProblem(_NONE_ADVICE)
    if value is pd.NaT:
        raise FormProblem("That is NaT ('not a time'): your selection found no date. Check your filter.")
    if isinstance(value, pd.Timedelta | timedelta | np.timedelta64):
        raise FormProblem(f"That is a length of time ({pd.Timedelta(value).days} days), not a day: the question "
                          "asks for a date. Take it from the table's date column, or add the days to a date.")
    try:
        if isinstance(value, np.datetime64):
            value = pd.Timestamp(value)
        if isinstance(value, pd.Timestamp):
            return value.date()
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
    except Exception:
        raise FormProblem(f"That date could not be read ({describe_value(value)}).") from None
    if isinstance(value, str):
        text = " ".join(value.replace("T", " ").split())
        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})( \d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?", text)
        if match:
            try:
                return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                raise FormProblem(f"'{value}' is not a real day: check the month and the day.") from None
        for form in _MONTH_FORMS:
            try:
                return datetime.strptime(text, form).date()
            except ValueError:
                continue
        slashed = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
        if slashed:
            a, b = int(slashed.group(1)), int(slashed.group(2))
            if a > 12 or b > 12:
                day, month = (a, b) if a > 12 else (b, a)
                try:
                    return date(int(slashed.group(3)), month, day)
                except ValueError:
                    pass
            raise FormProblem(f"'{value}' could be read two ways (day/month or month/day): write it as "
                              "year-month-day, e.g. \"2017-09-01\".")
        raise FormProblem(f"'{value}' is not a date Python can read for sure: write it as year-month-day, "
                          "e.g. \"2017-09-01\".")
    _refuse(value, "Expected a date like \"2017-09-01\", but got {}.")


def as_weekday(answer: Any) -> str:
    """A day of the week, lower-case ('friday'), from its name or abbreviation in any case."""
    value = unwrap(answer)
    if value is None:
        raise FormProblem(_NONE_ADVICE)
    if isinstance(value, str):
        key = value.strip().lower().rstrip(".")
        for name in WEEKDAYS:
            if key == name or (len(key) >= 3 and name.startswith(key)):
                return name
        raise FormProblem("Give the English name of a day of the week as text, e.g. \"Monday\".")
    if isinstance(value, pd.Timestamp | datetime | date | np.datetime64):
        raise FormProblem("That is a date; the question asks for the day of the week. Call .day_name() on the "
                          "date (for a column: .dt.day_name()).")
    if isinstance(value, numbers.Integral) and not isinstance(value, bool) and 0 <= int(value) <= 6:
        raise FormProblem(f"{value} is the weekday's number (.day_of_week, Monday = 0); give its name: "
                          ".day_name().")
    _refuse(value, "Answer with the name of a day as text, e.g. \"Monday\"; got {}.")


def as_ids(answer: Any, column: str = "", names: Mapping[str, str] | None = None) -> set[str]:
    """A set of ids from any iterable of text (list, set, tuple, Series, Index, array) or a table's ``column``.

    ``names`` maps names people write (lower-case) to ids: an answer made of names gets a message saying
    which column holds the ids. A single id given as text is a set of one.
    """
    if answer is None:
        raise FormProblem(_NONE_ADVICE)
    where = f"the {column} column" if column else "the id column"
    if isinstance(answer, pd.DataFrame):
        if column and column in answer.columns:
            answer = answer[column]
        else:
            raise FormProblem(f"That is a table; give the ids from {where} as a list: table[\"{column or 'id'}\"]"
                              ".tolist().")
    if isinstance(answer, bytes):
        raise FormProblem("Give the ids as text in a list, e.g. [\"a\", \"b\"].")
    if isinstance(answer, str):
        text = answer.strip()
        if re.search(r"[,;\s]", text):
            raise FormProblem('That is one piece of text holding several ids: give a list, e.g. ["a", "b"].')
        answer = [text]
    if isinstance(answer, Mapping):
        answer = list(answer)
    if not isinstance(answer, Iterable):
        raise FormProblem(f"Expected a list of ids (text), but got {describe_value(answer)}.")
    items: set[str] = set()
    try:
        for n, item in enumerate(answer):
            if n > 10_000:
                raise FormProblem("That is far too many values for a list of ids.")
            item = unwrap(item)
            if not isinstance(item, str):
                raise FormProblem(f"A list of ids holds text; this one holds {describe_value(item)}. Take the ids "
                                  f"from {where}.")
            items.add(item.strip())
    except FormProblem:
        raise
    except Exception:
        raise FormProblem(f"The list could not be read ({describe_value(answer)}).") from None
    if names:
        named = {i for i in items if i.lower() in names}
        if named and len(named) == len(items) and not all(names[i.lower()] == i for i in named):
            example = names[next(iter(named)).lower()]
            raise FormProblem(f"These look like names, not ids: take {where} instead (for example "
                              f"\"{example}\").")
    return items


def as_text(answer: Any) -> str:
    """A written answer as text: a string, or a list of strings (joined); FormProblem otherwise."""
    if answer is None:
        raise FormProblem("Your answer is None: write it as text between the triple quotes.")
    if isinstance(answer, str):
        return answer
    if isinstance(answer, list | tuple) and answer and all(isinstance(a, str) for a in answer):
        return " ".join(answer)
    raise FormProblem(f"Write your answer as text between the triple quotes; got {describe_value(answer)}.")
