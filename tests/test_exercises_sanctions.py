"""Notebook 02's exercises, answered as a class would: right in several forms, and with the typical mistakes.

Every right form must be accepted; every typical mistake must be refused with its own sentence (a fragment
of it is given), never the general line. Values come from the data, as the exercises' own do.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from class_answers import answered_as_a_class

from helpers.charts.sanctions import cumulative_instruments_figure
from helpers.data import load_events, load_sanctions
from helpers.exercises import get_exercise, student_mode

SENATE, HOUSE, SIGNED = "2017-07-27-senate-passes-hr3364", "2017-07-25-house-passes-hr3364", "2017-08-02-trump-signs-caatsa"


@pytest.fixture(autouse=True)
def _student():
    student_mode()


def sanctions() -> pd.DataFrame:
    return load_sanctions()


def orders() -> pd.Series:
    s = sanctions()
    return (s["kind"] == "executive_order") & (s["issuer"] == "USA")


def day(event_id: str) -> pd.Timestamp:
    return load_events().set_index("event_id").loc[event_id, "date"]


RIGHT = [
    ("2.1", lambda: int(orders().sum())),
    ("2.1", lambda: orders().sum()),  # a numpy integer
    ("2.1", lambda: len(sanctions()[orders()])),
    ("2.1", lambda: sanctions()["kind"].value_counts()["executive_order"]),  # only the US issues orders
    ("2.1", lambda: sanctions().query("kind == 'executive_order'").shape[0]),
    ("2.2", lambda: "C"), ("2.2", lambda: "c"),
    ("2.3", lambda: "B"), ("2.3", lambda: "answer to sanctions"),
    ("2.4", lambda: cumulative_instruments_figure(sanctions(), by="issuer")),
    ("2.4", lambda: cumulative_instruments_figure(sanctions(), by="issuer", title="Mine")),
    ("2.5", lambda: (day(SIGNED) - day(SENATE)).days),
    ("2.5", lambda: np.int64((day(SIGNED) - day(SENATE)).days)),
    ("2.5", lambda: pd.Series([day(SIGNED) - day(SENATE)]).dt.days),
    ("2.5", lambda: float((day(SIGNED) - day(SENATE)).days)),
    ("2.6", lambda: "B"), ("2.6", lambda: "B)"),
    ("2.6", lambda: get_exercise("2.6").options["B"].text),
]

WRONG = [
    ("2.1", lambda: int((sanctions()["issuer"] == "USA").sum()), "every instrument of the United States"),
    ("2.1", lambda: len(sanctions()), "every instrument in the table"),
    ("2.1", lambda: int(((sanctions()["kind"] == "designation") & (sanctions()["issuer"] == "USA")).sum()),
     "lists of names"),
    ("2.1", lambda: int((sanctions()["kind"] == "executive order").sum()), "with an underscore"),
    ("2.1", lambda: sanctions()["kind"] == "executive_order", "True or False for each row"),
    ("2.2", lambda: "A", "count something else"),
    ("2.2", lambda: "B", "nobody counted"),
    ("2.2", lambda: "D", "order of magnitude"),
    ("2.3", lambda: "A", "the one below it"),
    ("2.3", lambda: "C", "the third highest"),
    ("2.3", lambda: "D", "Its line ends at"),
    ("2.4", lambda: cumulative_instruments_figure(sanctions()), "one line per trigger"),
    ("2.4", lambda: cumulative_instruments_figure(sanctions()[sanctions()["issuer"] == "USA"], by="issuer"),
     "one line per issuer"),
    ("2.4", lambda: cumulative_instruments_figure(sanctions()[sanctions()["date_signed"] < "2017-01-01"],
                                                  by="issuer"), "whole sanctions table"),
    ("2.4", lambda: None, "fig.show()"),
    ("2.4", lambda: go.Figure(), "no lines"),
    ("2.5", lambda: (day(SIGNED) - day(SENATE)).days + 1, "both end days"),
    ("2.5", lambda: (day(SIGNED) - day(HOUSE)).days, "House's vote"),
    ("2.5", lambda: (day(SENATE) - day(SIGNED)).days, "wrong way round"),
    ("2.5", lambda: day(SIGNED) - day(SENATE), ".days"),
    ("2.6", lambda: "A", "cannot cancel a law"),
    ("2.6", lambda: "C", "the House first"),
    ("2.6", lambda: "D", "codified"),
    ("2.6", lambda: 2, "letter of an option"),
]


test_right_answers_in_every_reasonable_form_are_accepted, test_typical_mistakes_get_their_own_sentence = \
    answered_as_a_class(RIGHT, WRONG)
