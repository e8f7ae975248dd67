"""Exercise of notebook 00 (start here): one exercise, answered wrongly once on purpose, to show how checks work.

What a student reads (title, hints, the sentence for each typical mistake) is in start_here.toml; this module
computes: the expected answer and the value or test of each typical mistake.
"""

from __future__ import annotations

from typing import Any

from helpers.data import load_events
from helpers.exercises import declare


def _events_of(year: int) -> int:
    events = load_events()
    return int((events["date"].dt.year == year).sum())


# --- 0.1 compute with pandas: how many events in 2017 ----------------------------------------------------

def events_in_2017() -> int:
    """Reference solution of 0.1: how many events of the data happened in 2017."""
    return _events_of(2017)


def every_event() -> int:
    """A mistake of 0.1: every event of the table, all years together (the first try notebook 00 shows)."""
    return len(load_events())


def events_in_2016() -> int:
    """A mistake of 0.1: the events of 2016 instead of 2017."""
    return _events_of(2016)


def from_2017_on() -> int:
    """A mistake of 0.1: every event from 1 January 2017 on, later years included."""
    events = load_events()
    return int((events["date"] >= "2017-01-01").sum())


def nothing_matched(value: Any, expected: Any) -> bool:
    """A mistake of 0.1: 0 when there are events, the year compared with text ("2017"), which matches nothing."""
    return value == 0 and expected != 0


declare(__name__)
