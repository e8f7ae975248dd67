"""Exercises of notebook 00 (start here): one live exercise to learn how checks work."""

from __future__ import annotations

from helpers.data import load_events
from helpers.exercises import register
from helpers.exercises.compare import integer

NOTEBOOK = "00-start-here"


def events_in_2017() -> int:
    """Reference solution of 0.1: how many events of the data happened in 2017."""
    events = load_events()
    return int((events["date"].dt.year == 2017).sum())


register(
    "0.1",
    notebook=NOTEBOOK,
    question="How many events in the data happened in 2017?",
    expected=events_in_2017,
    compare=integer(),
    hint="Keep the rows whose date is in 2017 (events['date'].dt.year == 2017) and count them with len() "
         "or .sum() on the True/False column.",
)
