"""Notebook 00's exercise, answered as a class would: right in several forms, and with the typical mistakes.

Notebook 00 shows the whole loop once (a wrong first try, its reply, the hint ladder, the solution,
progress()), so its one exercise must answer the first try it shows with its own sentence, and the hints
must climb to the last step.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from class_answers import answered_as_a_class

from helpers.data import load_events
from helpers.exercises import check, hint, progress, student_mode
from helpers.exercises.record import clear_records


@pytest.fixture(autouse=True)
def _student():
    student_mode()
    clear_records()
    yield
    clear_records()


def events() -> pd.DataFrame:
    return load_events()


def in_2017() -> pd.Series:
    return events()["date"].dt.year == 2017


RIGHT = [
    ("0.1", lambda: int(in_2017().sum())),
    ("0.1", lambda: in_2017().sum()),  # a numpy integer
    ("0.1", lambda: len(events()[in_2017()])),
    ("0.1", lambda: len(events()[(events()["date"] >= "2017-01-01") & (events()["date"] < "2018-01-01")])),
    ("0.1", lambda: events()["date"].dt.year.value_counts()[2017]),
    ("0.1", lambda: pd.Series([in_2017().sum()])),
    ("0.1", lambda: np.array([in_2017().sum()])),
    ("0.1", lambda: float(in_2017().sum())),
    ("0.1", lambda: str(int(in_2017().sum()))),  # text, with a tip about quotes
]

WRONG = [
    ("0.1", lambda: len(events()), "every event in the table"),  # the first try notebook 00 shows
    ("0.1", lambda: int((events()["date"].dt.year == 2016).sum()), "events of 2016"),
    ("0.1", lambda: int((events()["date"] >= "2017-01-01").sum()), "2018 included"),
    ("0.1", lambda: int((events()["date"].dt.year == "2017").sum()), "without quotes"),
    ("0.1", lambda: in_2017(), "count the True values with .sum()"),  # the comparison without .sum()
    ("0.1", lambda: events()[in_2017()], "count the rows with len"),
    ("0.1", lambda: None, "print(...)"),
    ("0.1", lambda: int(in_2017().sum()) + 1, "not the number"),
]


test_right_answers_in_every_reasonable_form_are_accepted, test_typical_mistakes_get_their_own_sentence = \
    answered_as_a_class(RIGHT, WRONG)


def test_the_loop_notebook_00_shows(capsys):
    """A wrong first try, two hints (the ladder to its last step), the right answer: progress() counts it all."""
    first = check("0.1", len(events()))
    assert first.status == "incorrect" and 'hint("0.1")' in first.message
    hint("0.1")
    one = capsys.readouterr().out
    hint("0.1")
    two = capsys.readouterr().out
    assert "step 1 of 2" in one and "last step" in two and 'solution("0.1")' in two
    assert check("0.1", int(in_2017().sum())).status == "correct"
    row = progress("00").loc["0.1"]
    assert row["status"].endswith("correct") and row["attempts"] == 2 and row["hints"] == 2
