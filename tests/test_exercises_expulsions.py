"""Notebook 03's exercises, answered as a class would: right in several forms, and with the typical mistakes.

Every right form must be accepted; every typical mistake must be refused with its own sentence (a fragment
of it is given), never the general line. Values come from the data, as the exercises' own do.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from class_answers import answered_as_a_class

from helpers.charts.expulsions import estimates_figure
from helpers.data import load_staffing
from helpers.exercises import check, student_mode


@pytest.fixture(autouse=True)
def _student():
    student_mode()


def v(measurement_id: str) -> int:
    return int(load_staffing().set_index("measurement_id").loc[measurement_id, "value"])


def rows() -> pd.DataFrame:
    return load_staffing().set_index("measurement_id")


def before_cut() -> pd.DataFrame:
    staffing = load_staffing()
    totals = staffing[(staffing["mission"] == "us_in_russia") & (staffing["measure"] == "total_staff")]
    return totals[totals["value"] > v("us_2017_mfa_cap")]


RIGHT = [
    ("3.1", lambda: v("us_2017_mfa_cap") + v("us_2017_putin_cut")),
    ("3.1", lambda: rows().loc[["us_2017_mfa_cap", "us_2017_putin_cut"], "value"].sum()),  # a numpy integer
    ("3.1", lambda: float(v("us_2017_mfa_cap") + v("us_2017_putin_cut"))),
    ("3.1", lambda: pd.Series([v("us_2017_mfa_cap") + v("us_2017_putin_cut")])),
    ("3.2", lambda: v("us_2013_oig_locally_employed") / v("us_2013_oig_total")),
    ("3.2", lambda: round(v("us_2013_oig_locally_employed") / v("us_2013_oig_total"), 2)),
    ("3.2", lambda: np.array([v("us_2013_oig_locally_employed") / v("us_2013_oig_total")])),
    ("3.3", lambda: "B"), ("3.3", lambda: "b"), ("3.3", lambda: " B) "),
    ("3.5", lambda: "B"), ("3.5", lambda: "Putin's figure of 30 July 2017"),
    ("3.6", lambda: estimates_figure(before_cut()[before_cut()["basis"].isin(["official", "estimate"])])),
    ("3.6", lambda: estimates_figure(before_cut().query("basis in ['official', 'estimate']"), lines={"cap": 455},
                                     title="Mine")),
    ("3.7", lambda: v("us_2017_putin_cut") / (v("us_2017_putin_cut") + v("us_2017_mfa_cap"))),
    ("3.7", lambda: round(v("us_2017_putin_cut") / (v("us_2017_putin_cut") + v("us_2017_mfa_cap")), 3)),
]

WRONG = [
    ("3.1", lambda: v("us_2017_putin_cut") - v("us_2017_mfa_cap"), "cut minus the cap"),
    ("3.1", lambda: v("us_2017_putin_cut"), "only the cut"),
    ("3.1", lambda: v("us_2017_mfa_cap"), "only the cap"),
    ("3.1", lambda: str(v("us_2017_putin_cut") + v("us_2017_mfa_cap") + 1), "not the number"),
    ("3.1", lambda: None, "print(...)"),
    ("3.2", lambda: v("us_2013_oig_direct_hire") / v("us_2013_oig_total"), "share of Americans"),
    ("3.2", lambda: v("us_2013_oig_locally_employed") / v("us_2013_oig_direct_hire"), "divided by the number of Americans"),
    ("3.2", lambda: 100 * v("us_2013_oig_locally_employed") / v("us_2013_oig_total"), "percentage"),
    ("3.2", lambda: v("us_2013_oig_total") / v("us_2013_oig_locally_employed"), "wrong way round"),
    ("3.2", lambda: 0.7, "rounded too much"),
    ("3.3", lambda: "A", "measure is 'cut'"),
    ("3.3", lambda: "C", "US mission in Russia"),
    ("3.3", lambda: "E", "Choose one of the options"),
    ("3.3", lambda: 2, "letter of an option"),
    ("3.5", lambda: "A", "exact count"),
    ("3.5", lambda: "D", "not a floor"),
    ("3.6", lambda: estimates_figure(before_cut()), "keep only the rows whose basis"),
    ("3.6", lambda: estimates_figure(before_cut()[before_cut()["basis"] == "official"]), "not all of the governments'"),
    ("3.6", lambda: None, "fig.show()"),
    ("3.6", lambda: go.Figure(), "no points"),
    ("3.7", lambda: 1 / 3, "TASS's 'one-third'"),
    ("3.7", lambda: v("us_2017_mfa_cap") / (v("us_2017_putin_cut") + v("us_2017_mfa_cap")), "other part"),
    ("3.7", lambda: v("us_2017_putin_cut") / v("us_2017_mfa_cap"), "divided the cut by the cap"),
    ("3.7", lambda: 62.4, "percentage"),
]


test_right_answers_in_every_reasonable_form_are_accepted, test_typical_mistakes_get_their_own_sentence = \
    answered_as_a_class(RIGHT, WRONG)


@pytest.mark.parametrize("text", [
    "The 755 were staff of every kind, hired locally and on the payroll of the mission, not only diplomats.",
    "Most of the 755 were locals: Russians who worked for the embassy, and they did not have to leave at all.",
])
def test_written_critiques_in_a_students_own_words_are_saved_with_feedback(text, capsys):
    result = check("3.4", text)
    assert result.status == "saved"
    assert "You mention" in result.message and "teacher" in result.message
