"""Exercise of notebook 00 (start here): one exercise, answered wrongly once on purpose, to show how checks work."""

from __future__ import annotations

from typing import Any

from helpers.data import load_events
from helpers.exercises import Mistake, register_count

NOTEBOOK = "00-start-here"


def _events_of(year: int) -> int:
    events = load_events()
    return int((events["date"].dt.year == year).sum())


def events_in_2017() -> int:
    """Reference solution of 0.1: how many events of the data happened in 2017."""
    return _events_of(2017)


def _from_2017_on() -> int:
    """The typical slip of 0.1: every event from 1 January 2017 on, later years included."""
    events = load_events()
    return int((events["date"] >= "2017-01-01").sum())


def _nothing_matched(value: Any, expected: Any) -> bool:
    """An answer of 0 when there are events: the year compared with text ("2017"), which matches nothing."""
    return value == 0 and expected != 0


register_count(
    "0.1",
    notebook=NOTEBOOK,
    title="How many events happened in 2017",
    answer_name="n_2017",
    uses=("events",),
    expected=events_in_2017,
    hints=("Keep only the rows of 2017, then count them. events['date'].dt.year gives the year of every event; "
           "compare it with 2017 and you get True or False for each row.",
           "Count the True values: put the comparison in brackets and add .sum(), as in "
           "(events['date'].dt.year == ...).sum()."),
    mistakes=(
        Mistake("That is the number of every event in the table, all years together. Keep only the rows of "
                "2017 first.", value=lambda: len(load_events())),
        Mistake("That counts the events of 2016. Compare the year with 2017.", value=lambda: _events_of(2016)),
        Mistake("That counts every event from 1 January 2017 on, 2018 included. Keep only the year 2017: "
                "compare events['date'].dt.year with 2017.", value=_from_2017_on),
        Mistake("No event matched. The year is a number: compare it with 2017, without quotes.",
                test=_nothing_matched),
    ),
)
