"""Exercise of notebook 00 (start here): one live exercise to learn how checks work."""

from __future__ import annotations

from helpers.data import load_events
from helpers.exercises import Mistake, register_count

NOTEBOOK = "00-start-here"


def events_in_2017() -> int:
    """Reference solution of 0.1: how many events of the data happened in 2017."""
    events = load_events()
    return int((events["date"].dt.year == 2017).sum())


register_count(
    "0.1",
    notebook=NOTEBOOK,
    title="How many events happened in 2017",
    answer_name="n_2017",
    uses=("events",),
    expected=events_in_2017,
    hints=("events['date'].dt.year gives the year of every event. Compare it with 2017: you get True or False "
           "for each row.",
           "Count the True values: put the comparison in brackets and add .sum(), or keep the rows with "
           "events[...] and count them with len(...)."),
    mistakes=(
        Mistake("That is the number of every event in the table. Keep only the rows of 2017 first.",
                value=lambda: len(load_events())),
        Mistake("That counts the events of 2016. Compare the year with 2017.",
                value=lambda: int((load_events()["date"].dt.year == 2016).sum())),
    ),
)
