"""The answers a class gave when the student's loop was tried (issue 10), replayed: each is judged as it should be.

Right answers that were refused are accepted now; wrong answers that were accepted, or answered with a line
that did not teach, get their own sentence. The notebooks' own test files test many more; this file keeps the
cases that were reported.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.express as px
import pytest

from helpers.analysis.capstone import rounds_summary
from helpers.analysis.sanctions import cumulative_instruments
from helpers.contribute import example_rows
from helpers.data import load_events, load_sanctions, load_staffing
from helpers.exercises import check, get_exercise, student_mode


@pytest.fixture(autouse=True)
def _student():
    student_mode()


def events() -> pd.DataFrame:
    return load_events()


def staffing_value(measurement_id: str) -> int:
    return int(load_staffing().set_index("measurement_id").loc[measurement_id, "value"])


def event_date(event_id: str) -> pd.Series:
    e = events()
    return e.loc[e["event_id"] == event_id, "date"]


RIGHT = {
    "a weekday from .dt.day_name() on a one-row selection (6.1)":
        ("6.1", lambda: event_date("2017-09-01-us-mission-cap-deadline").dt.day_name()),
    "a date as a one-row Series (6.2)": ("6.2", lambda: event_date("2017-07-30-putin-announces-755-cut")),
    "a date as text with a time (6.2)": ("6.2", lambda: "2017-07-30 00:00:00"),
    "a date as numpy datetime64 (6.2)":
        ("6.2", lambda: event_date("2017-07-30-putin-announces-755-cut").to_numpy()[0]),
    "a share as a one-element array (3.2)":
        ("3.2", lambda: np.array([staffing_value("us_2013_oig_locally_employed") / staffing_value("us_2013_oig_total")])),
    "source ids in another order (7.6)": ("7.6", lambda: [
        {**row, "source_ids": ";".join(reversed(row["source_ids"].split(";")))} for row in example_rows()]),
    "a timeline coloured by actor codes built with plotly express (1.6)": ("1.6", lambda: px.scatter(
        events()[events()["date"] >= "2016-01-01"].assign(actor=lambda t: t["actor"].astype(str)),
        x="date", y="category", color="actor")),
    "a step chart whose lines are named by issuer codes (2.4)": ("2.4", lambda: px.line(
        cumulative_instruments(load_sanctions(), by="issuer"), x="date", y="count", color="group", line_shape="hv")),
}

WRONG = {
    "a share rounded to one decimal (3.2)": ("3.2", lambda: 0.7, "rounded too much"),
    "a share rounded to one decimal (3.7)": ("3.7", lambda: 0.6, "rounded too much"),
    "a day count including both end days (2.5)": (
        "2.5", lambda: get_exercise("2.5").expected() + 1, "both end days"),
    "a subtraction the wrong way round (2.5)": ("2.5", lambda: -get_exercise("2.5").expected(), "wrong way round"),
    "rows counted instead of people added up (7.1)": (
        "7.1", lambda: len(events()[(events()["date"].dt.year == 2018) & (events()["category"] == "expulsion")
                                    & (events()["target"] == "RUS")]), "Add up the people column"),
    "a Timedelta without .days (4.5)": (
        "4.5", lambda: pd.Timedelta(days=get_exercise("4.5").expected()), ".days"),
    "None from x = print(...) (1.1)": ("1.1", lambda: None, "print(...)"),
    "None from fig.show() (1.6)": ("1.6", lambda: None, "fig.show()"),
    "names instead of ids (4.1)": ("4.1", lambda: ["Pioneer Point compound", "Norwich House compound"],
                                   "look like names"),
    "a chart of all three rounds where two are asked (7.3)": ("7.3", lambda: px.bar(
        rounds_summary(events()), x="round", y="people expelled", color="actor", barmode="group"), "two rounds"),
    "a wrong option of a choice gets its reason, not 'Option A is not the best answer' (3.3)": (
        "3.3", lambda: "A", "measure is 'cut'"),
}

WRITTEN = {
    "a critique with hired, locals, payroll (3.4)": ("3.4", "The 755 were not all diplomats: most were locals hired "
                                                            "in Russia and on the payroll of the US mission."),
    "the headline called correct (3.4): saved for the teacher, not 'correct'": (
        "3.4", "The headline is correct: Russia expelled 755 American diplomats in July 2017, all of them."),
    "a pause explained with 'chose not to hit back' (5.4)": (
        "5.4", "Putin chose not to hit back in December 2016 and did not respond for months, waiting for Trump; "
               "the pause ended when Congress passed new sanctions."),
    "facts reversed (7.4): saved for the teacher, not 'correct'": (
        "7.4", "In 2016 Russia expelled sixty Americans at once, while in 2018 it did not respond at all to the "
               "US measures."),
}


@pytest.mark.parametrize("case", RIGHT, ids=list(RIGHT))
def test_right_answers_that_were_refused_are_accepted(case, capsys):
    exercise_id, answer = RIGHT[case]
    result = check(exercise_id, answer())
    assert result.status == "correct", result.message


@pytest.mark.parametrize("case", WRONG, ids=list(WRONG))
def test_typical_mistakes_get_a_sentence_that_teaches(case, capsys):
    exercise_id, answer, fragment = WRONG[case]
    result = check(exercise_id, answer())
    assert result.status == "incorrect", result.message
    assert fragment in result.message, result.message
    assert "That number is not the one the data gives" not in result.message
    assert "is not the best answer" not in result.message


@pytest.mark.parametrize("case", WRITTEN, ids=list(WRITTEN))
def test_written_answers_are_read_by_a_person_never_called_correct(case, capsys):
    exercise_id, text = WRITTEN[case]
    result = check(exercise_id, text)
    assert result.status == "saved", result.message
    assert "correct" not in result.message.lower().replace("incorrect", "")
