"""Notebook 04's exercises, answered as a class would: right in several forms, and with the typical mistakes.

Every right form must be accepted; every typical mistake must be refused with its own sentence (a fragment
of it is given), never the general line. Values come from the data, as the exercises' own do.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from class_answers import answered_as_a_class

from helpers.analysis.closures import closure_table, facility_status_on
from helpers.charts.closures import closures_timeline_figure
from helpers.data import load_events, load_facilities
from helpers.exercises import check, get_exercise, options_markdown, student_mode

ROOT = Path(__file__).resolve().parent.parent
ORDER = "2017-08-31-us-orders-three-closures"


@pytest.fixture(autouse=True)
def _student():
    student_mode()


def status(day: str) -> pd.DataFrame:
    return facility_status_on(load_facilities(), load_events(), day)


def closed_2016() -> pd.Series:
    s = status("2016-12-31")
    return s.loc[~s["is_open"], "facility_id"]


def table() -> pd.DataFrame:
    return closure_table(load_facilities(), load_events())


def date(event_id: str) -> pd.Timestamp:
    return load_events().set_index("event_id").loc[event_id, "date"]


def days(later: str, earlier: str) -> int:
    return int((date(later) - date(earlier)).days)


def answered() -> str:
    return str(load_events().set_index("event_id").loc[ORDER, "responds_to"])


def fig_of(rows: pd.DataFrame) -> go.Figure:
    return closures_timeline_figure(rows)


RIGHT = [
    ("4.1", lambda: list(closed_2016())),
    ("4.1", lambda: closed_2016()),  # a Series
    ("4.1", lambda: sorted(closed_2016(), reverse=True)),  # another order
    ("4.1", lambda: set(closed_2016())),
    ("4.1", lambda: status("2016-12-31")[~status("2016-12-31")["is_open"]]),  # the table itself
    ("4.1", lambda: status("2016-12-31").query("status == 'closed'")["facility_id"].to_numpy()),
    ("4.2", lambda: "B"), ("4.2", lambda: "b"), ("4.2", lambda: "an office of Russia's trade representation"),
    ("4.3", lambda: "2017-09-02"), ("4.3", lambda: "2017-09-02 00:00:00"), ("4.3", lambda: pd.Timestamp("2017-09-02")),
    ("4.3", lambda: "2 September 2017"),
    ("4.4", lambda: fig_of(table()[table()["closed_on"].dt.year == 2018])),
    ("4.4", lambda: fig_of(table()[table()["closed_on"] >= "2018-01-01"])),
    ("4.4", lambda: closures_timeline_figure(table().query("closed_on.dt.year == 2018"), title="2018")),
    ("4.5", lambda: days(ORDER, answered())),
    ("4.5", lambda: np.int64(days(ORDER, answered()))),
    ("4.5", lambda: pd.Series([days(ORDER, answered())])),
    ("4.6", lambda: "B"), ("4.6", lambda: " b) "),
]

WRONG = [
    ("4.1", lambda: list(status("2016-12-31").loc[status("2016-12-31")["is_open"], "facility_id"]), "still open"),
    ("4.1", lambda: list(status("2018-12-31").loc[~status("2018-12-31")["is_open"], "facility_id"]),
     "all the facilities closed at any time"),
    ("4.1", lambda: [*closed_2016(), "killenworth"], "named by mistake"),
    ("4.1", lambda: ["pioneer_point", "killenworth"], "named by mistake"),
    ("4.1", lambda: [], "list is empty"),
    ("4.1", lambda: ["Pioneer Point compound", "Norwich House compound"], "look like names"),
    ("4.1", lambda: "pioneer_point, norwich_house", "one piece of text"),
    ("4.2", lambda: "A", "stayed open"),
    ("4.2", lambda: "C", "accredited to the UN"),
    ("4.2", lambda: "D", "kind 'compound'"),
    ("4.3", lambda: "2017-08-31", "ordered the closures"),
    ("4.3", lambda: "2018-04-02", "they had met before"),
    ("4.3", lambda: "2018-03-31", "they had met before"),
    ("4.3", lambda: "2017-09-01", "One day early"),
    ("4.3", lambda: "02/09/2017", "two ways"),
    ("4.4", lambda: fig_of(table()), "every closure"),
    ("4.4", lambda: fig_of(table()[table()["closed_on"].dt.year == 2017]), "closed in 2017"),
    ("4.4", lambda: fig_of(table()[(table()["closed_on"].dt.year == 2018) & (table()["owner"] == "RUS")]),
     "one side only"),
    ("4.4", lambda: fig_of(table()[(table()["closed_on"].dt.year == 2018) & (table()["owner"] == "USA")]),
     "one side only"),
    ("4.4", lambda: fig_of(table()[table()["closed_on"].dt.year >= 2017]), "before 2018"),
    ("4.4", lambda: go.Figure(), "no facilities"),
    ("4.4", lambda: None, "fig.show()"),
    ("4.5", lambda: days(ORDER, "2017-07-30-putin-announces-755-cut"), "Putin's announcement"),
    ("4.5", lambda: days("2017-09-02-us-takes-over-three-facilities", answered()), "taken over"),
    ("4.5", lambda: days(answered(), ORDER), "sign is the wrong way round"),
    ("4.5", lambda: None, "print(...)"),
    ("4.5", lambda: date(ORDER) - date(answered()), "add .days"),  # a time span, not yet a number
    ("4.6", lambda: "A", "nothing is counted twice"),
    ("4.6", lambda: "C", "among its five"),
    ("4.6", lambda: "D", "the day of the protest"),
]


test_right_answers_in_every_reasonable_form_are_accepted, test_typical_mistakes_get_their_own_sentence = \
    answered_as_a_class(RIGHT, WRONG)


def test_an_inclusive_count_and_a_count_from_the_senate_vote_are_each_explained(capsys):
    """4.5: one more day than the answer is an inclusive count; counting from the Senate's vote is another
    mistake. Where the data make the two the same number, the reply names both."""
    right = days(ORDER, answered())
    senate = days(ORDER, "2017-07-27-senate-passes-hr3364")
    inclusive = check("4.5", right + 1).message
    from_senate = check("4.5", senate).message
    if senate == right + 1:
        assert "both end days" in inclusive and "Senate" in inclusive
    else:
        assert "both end days" in inclusive and "Senate" in from_senate
    assert "Senate" in from_senate


def test_every_declared_mistake_is_refused_with_its_own_sentence(capsys):
    """A declared mistake whose value is computed must not be the right answer, and must reach its sentence."""
    for exercise_id in ("4.1", "4.3", "4.4", "4.5"):
        exercise = get_exercise(exercise_id)
        assert exercise.mistakes, exercise_id
        for mistake in exercise.mistakes:
            if mistake.value is None:
                continue
            result = check(exercise_id, mistake.value())
            assert result.status == "incorrect", (exercise_id, mistake.message)
            assert result.message.startswith(mistake.message.split(".")[0]) or "both end days" in result.message


@pytest.mark.parametrize("exercise_id", ["4.2", "4.6"])
def test_the_options_in_both_notebooks_are_the_registered_ones(exercise_id):
    """The options a student reads are those the check judges (filled in by make exercises)."""
    block = options_markdown(exercise_id)
    for path in (ROOT / "notebooks" / "04-closures.ipynb", ROOT / "notebooks" / "solutions" / "04-closures.ipynb"):
        text = "\n".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"])
        assert f"<!-- options {exercise_id} -->\n{block}\n<!-- /options -->" in text, path.name


def test_choice_reasons_are_computed_from_the_data(capsys):
    """4.2's reason for A names the consulate's real status; 4.6's for D the residence's closing day."""
    facilities = load_facilities().set_index("facility_id")
    assert pd.isna(facilities.loc["ru_cg_new_york", "closed_by"])
    assert "stayed open" in check("4.2", "A").message
    closing = facilities.loc["ru_cg_san_francisco_residence", "closed_by"]
    assert f"{date(closing).day} {date(closing):%B %Y}" in check("4.6", "D").message
