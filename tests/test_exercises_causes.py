"""Notebook 01's exercises, answered as a class would: right in several forms, and with the typical mistakes.

Every right form must be accepted; every typical mistake must be refused with its own sentence (a fragment
of it is given), never the general line. Values come from the data, as the exercises' own do.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from class_answers import answered_as_a_class

from helpers import timeline_figure
from helpers.analysis.causes import DHS_ODNI
from helpers.data import load_events
from helpers.exercises import get_exercise, student_mode
from helpers.vocabulary import day_text


@pytest.fixture(autouse=True)
def _student():
    student_mode()


def events() -> pd.DataFrame:
    return load_events()


def year_month(year: int | None = None, month: int | None = None) -> pd.Series:
    dates = events()["date"]
    keep = pd.Series(True, index=dates.index)
    if year is not None:
        keep &= dates.dt.year == year
    if month is not None:
        keep &= dates.dt.month == month
    return keep


def answers(actor: str | None = None, to: tuple[str, ...] = (DHS_ODNI,)) -> list[str]:
    ev = events()
    keep = ev["responds_to"].isin(to)
    if actor:
        keep &= ev["actor"] == actor
    return ev.loc[keep, "event_id"].tolist()


def recent() -> pd.DataFrame:
    return events()[events()["date"] >= "2016-01-01"]


RIGHT = [
    ("1.1", lambda: int(year_month(2014, 3).sum())),
    ("1.1", lambda: year_month(2014, 3).sum()),  # a numpy integer
    ("1.1", lambda: len(events()[(events()["date"] >= "2014-03-01") & (events()["date"] <= "2014-03-31")])),
    ("1.1", lambda: pd.Series([year_month(2014, 3).sum()])),
    ("1.1", lambda: str(year_month(2014, 3).sum())),
    ("1.2", lambda: "C"), ("1.2", lambda: "c"), ("1.2", lambda: "2017 Q3"),
    ("1.3", lambda: "B"), ("1.3", lambda: "b)"),
    ("1.4", lambda: "B"), ("1.4", lambda: " option B "),
    ("1.4", lambda: get_exercise("1.4").options["B"].text),
    ("1.5", lambda: answers()),
    ("1.5", lambda: list(reversed(answers()))),
    ("1.5", lambda: set(answers())),
    ("1.5", lambda: pd.Series(answers())),
    ("1.5", lambda: np.array(answers())),
    ("1.5", lambda: events()[events()["responds_to"] == DHS_ODNI]),  # the table itself: its event_id column is read
    ("1.6", lambda: timeline_figure(recent(), color="actor")),
    ("1.6", lambda: timeline_figure(events()[events()["date"].dt.year >= 2016], color="actor", title="Mine")),
    ("1.6", lambda: timeline_figure(events().query("date >= '2016-01-01'"), color="actor")),
]

WRONG = [
    ("1.1", lambda: int(year_month(2014).sum()), "every event of 2014"),
    ("1.1", lambda: int(year_month(month=3).sum()), "March in every year"),
    ("1.1", lambda: int(((events()["date"].dt.year == 2014) | (events()["date"].dt.month == 3)).sum()), "| (or)"),
    ("1.1", lambda: int((events()["date"].dt.month == "March").sum()), "without quotes"),
    ("1.1", lambda: events()[year_month(2014, 3)], "count the rows with len"),
    ("1.2", lambda: "B", "Compare whole bars"),
    ("1.2", lambda: "D", "all colours together"),
    ("1.2", lambda: "2016 Q4", "Compare whole bars"),
    ("1.3", lambda: "A", "counting websites"),
    ("1.3", lambda: "D", "signed in Washington"),
    ("1.4", lambda: "A", "Russia denied it"),
    ("1.4", lambda: "C", "no admission"),
    ("1.4", lambda: "D", "not a proof"),
    ("1.4", lambda: "E", "Choose one of the options"),
    ("1.5", lambda: [DHS_ODNI], "the statement itself"),
    ("1.5", lambda: answers("USA"), "only the US measures"),
    ("1.5", lambda: answers("RUS"), "only Russia's replies"),
    ("1.5", lambda: answers(to=(DHS_ODNI, "2017-01-06-odni-intelligence-assessment")), "January 2017"),
    ("1.5", lambda: answers()[1:], "1 missing"),
    ("1.5", lambda: ", ".join(answers()), "one piece of text"),
    ("1.5", lambda: events().set_index("event_id").loc[answers(), "summary"].tolist(), "look like names"),
    ("1.6", lambda: timeline_figure(events(), color="actor"), "before 2016"),
    ("1.6", lambda: timeline_figure(events()[events()["date"].dt.year == 2016], color="actor"),
     "stops at the end of 2016"),
    ("1.6", lambda: timeline_figure(recent()), "coloured by family"),
    ("1.6", lambda: timeline_figure(events()[events()["date"] >= "2017-01-01"], color="actor"),
     "Check your date filter"),
    ("1.6", lambda: None, "fig.show()"),
    ("1.6", lambda: go.Figure(), "no points"),
]


test_right_answers_in_every_reasonable_form_are_accepted, test_typical_mistakes_get_their_own_sentence = \
    answered_as_a_class(RIGHT, WRONG)


def test_the_reasons_of_1_4_quote_russias_dated_denials_from_the_data(capsys):
    """Option A's reason stays fair: it says Russia denied the finding, with who and when, read from the data."""
    ev = events().set_index("event_id")
    peskov = ev.loc["2016-10-07-peskov-calls-hacking-charge-nonsense"]
    reason = get_exercise("1.4").options["A"].explain()
    assert "Russia denied it" in reason and "attributes the finding" in reason
    assert f"{peskov['actor_body']}, {day_text(peskov['date'])}" in reason
    assert day_text(ev.loc["2016-10-12-lavrov-denies-election-interference", "date"]) in \
        get_exercise("1.4").options["D"].explain()
