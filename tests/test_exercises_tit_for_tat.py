"""Notebook 05's exercises, answered as a class would: right in several forms, and with the typical mistakes.

Every right form must be accepted; every typical mistake must be refused with its own sentence (a fragment
of it is given), never the general line. Values come from the data, as the exercises' own do.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import pytest
from class_answers import answered_as_a_class

from helpers.analysis.links import answer_links
from helpers.analysis.tit_for_tat import (
    MEASURE_CATEGORIES,
    dyad_events,
    goldstein_totals,
    lag_summary,
    pauses,
)
from helpers.data import load_events
from helpers.exercises import check, get_exercise, student_mode
from helpers.vocabulary import country_name


@pytest.fixture(autouse=True)
def _student():
    student_mode()


def pairs() -> pd.DataFrame:
    return answer_links(load_events())


def us_answers() -> pd.DataFrame:
    p = pairs()
    return p[(p["answer_actor"] == "USA") & p["across"]]


def lags() -> pd.DataFrame:
    return lag_summary(pairs())


def measures() -> pd.DataFrame:
    dyad = dyad_events(load_events())
    return dyad[dyad["category"].isin(MEASURE_CATEGORIES)]


def coded() -> pd.DataFrame:
    return dyad_events(load_events()).dropna(subset=["goldstein"])


def one_decision() -> pd.DataFrame:
    c = coded()
    return c[c["event_id"] == c["decision_id"]]


def us_sum(rows: pd.DataFrame) -> float:
    return rows.loc[rows["actor"] == "USA", "goldstein"].sum()


RIGHT = [
    ("5.1", lambda: us_answers()["lag_days"].median()),
    ("5.1", lambda: (us_answers()["answer_date"] - us_answers()["answered_date"]).dt.days.median()),
    ("5.1", lambda: lags().loc[lags()["actor"] == "USA", "median_days"]),  # a one-value Series
    ("5.1", lambda: np.float64(us_answers()["lag_days"].astype(float).median())),
    ("5.1", lambda: int(us_answers()["lag_days"].median())),
    ("5.2", lambda: px.bar(lags(), x="actor", y="median_days", title="Median lag")),
    ("5.2", lambda: px.bar(lags(), x="median_days", y="actor", orientation="h", title="Median lag")),
    ("5.2", lambda: px.bar(lags(), x="actor", y="median_days", color="actor", title="Median lag")),
    ("5.2", lambda: px.bar(lags().assign(side=lags()["actor"].map(country_name)), x="side", y="median_days",
                           title="Names instead of codes")),
    ("5.3", lambda: int(measures()["date"].sort_values().diff().dt.days.max())),
    ("5.3", lambda: measures()["date"].diff().dt.days.max()),  # a float: 208.0
    ("5.3", lambda: pauses(measures())["days"].head(1)),  # a one-value Series
    ("5.3", lambda: np.int64(pauses(measures())["days"].iloc[0])),
    ("5.5", lambda: "B"), ("5.5", lambda: "option b"),
    ("5.5", lambda: get_exercise("5.5").options["B"].text),
    ("5.6", lambda: us_sum(one_decision())),
    ("5.6", lambda: round(float(us_sum(one_decision())), 1)),
    ("5.6", lambda: one_decision().groupby("actor", observed=True)["goldstein"].sum().loc[["USA"]]),
    ("5.6", lambda: us_sum(coded().sort_values("date").groupby("decision_id", as_index=False).last())),
    ("5.6", lambda: goldstein_totals(dyad_events(load_events())).loc["one_decision", "USA"]),
    ("5.6", lambda: str(round(float(us_sum(one_decision())), 1))),
    ("5.7", lambda: "B"), ("5.7", lambda: " b) "),
]

WRONG = [
    ("5.1", lambda: pairs().loc[pairs()["answer_actor"] == "USA", "lag_days"].median(), "acts recorded under the US's"),
    ("5.1", lambda: us_answers()["lag_days"].astype(float).mean(), "That is the mean"),
    ("5.1", lambda: us_answers()["lag_days"].max(), "the longest lag"),
    ("5.1", lambda: (us_answers()["answered_date"] - us_answers()["answer_date"]).dt.days.median(), "negative"),
    ("5.1", lambda: (us_answers()["lag_days"] + 1).median(), "one day too long"),
    ("5.1", lambda: (us_answers()["answer_date"] - us_answers()["answered_date"]).median(), "add .days"),
    ("5.1", lambda: None, "print(...)"),
    ("5.2", lambda: px.bar(lags(), x="actor", y="mean_days", title="t"), "mean lags"),
    ("5.2", lambda: px.bar(lags(), x="actor", y="longest_days", title="t"), "longest lags"),
    ("5.2", lambda: px.bar(lags(), x="actor", y="answers", title="t"), "count the answers"),
    ("5.2", lambda: px.bar(pairs()[pairs()["across"]], x="answer_actor", y="lag_days"), "one bar per side"),
    ("5.2", lambda: px.line(lags(), x="actor", y="median_days"), "no bars"),
    ("5.2", lambda: None, "fig.show()"),
    ("5.3", lambda: int(pauses(load_events())["days"].iloc[0]), "any two events"),
    ("5.3", lambda: measures()["date"].diff().dt.days.idxmax(), "label of the row"),
    ("5.3", lambda: int(pauses(measures())["days"].iloc[0]) + 1, "One day too many"),
    ("5.3", lambda: int(pauses(measures())["days"].iloc[1]), "second-longest"),
    ("5.3", lambda: measures()["date"].diff().max(), "add .days"),
    ("5.5", lambda: "A", "does not count people"),
    ("5.5", lambda: "C", "nothing to round"),
    ("5.5", lambda: "D", "get no weight"),
    ("5.5", lambda: "E", "Choose one of the options"),
    ("5.6", lambda: us_sum(coded()), "every coded row counts"),
    ("5.6", lambda: us_sum(coded().groupby("decision_id", as_index=False).first()), "groupby('decision_id').first()"),
    ("5.6", lambda: us_sum(one_decision()[one_decision()["authority_only"] != "yes"]), "stricter variant"),
    ("5.6", lambda: one_decision().loc[one_decision()["actor"] == "RUS", "goldstein"].sum(), "Russia's total"),
    ("5.6", lambda: one_decision()["goldstein"].sum(), "both sides"),
    ("5.6", lambda: us_sum(load_events()[load_events()["event_id"] == load_events()["decision_id"]]),
     "other countries than Russia"),
    ("5.6", lambda: (one_decision()["actor"] == "USA").sum(), "counts the decisions"),
    ("5.6", lambda: -us_sum(one_decision()), "minus sign"),
    ("5.6", lambda: round(float(us_sum(one_decision()))), "rounded too much"),
    ("5.7", lambda: "A", "matched on paper"),
    ("5.7", lambda: "C", "does not make it mild"),
    ("5.7", lambda: "D", "figures for both sides"),
]


test_right_answers_in_every_reasonable_form_are_accepted, test_typical_mistakes_get_their_own_sentence = \
    answered_as_a_class(RIGHT, WRONG)


def test_every_declared_mistake_is_answered_in_the_wrong_list():
    """A mistake declared but never tried is a sentence no test has read: each needs a row in WRONG."""
    for exercise_id in {e for e, _ in RIGHT} | {e for e, _, _ in WRONG}:
        declared = get_exercise(exercise_id).mistakes
        tried = [fragment for e, _, fragment in WRONG if e == exercise_id]
        for mistake in declared:
            assert any(f in mistake.message for f in tried), f"{exercise_id}: no WRONG row for {mistake.message!r}"


def test_mistakes_never_equal_the_right_answer():
    """A mistake whose value is the expected answer could never be shown (the check says correct first)."""
    for exercise_id in ("5.1", "5.3", "5.6"):
        ex = get_exercise(exercise_id)
        for mistake in ex.mistakes:
            if mistake.value is not None:
                assert not ex.kind.same(float(mistake.value()), ex.expected()), mistake.message


def test_a_chart_without_a_title_is_accepted_with_a_tip(capsys):
    result = check("5.2", go.Figure(go.Bar(x=["USA", "RUS"], y=list(lags()["median_days"]))))
    assert result.status == "correct" and "title" in result.message


def test_option_reasons_are_computed_from_the_data(capsys):
    result = check("5.7", "C")
    assert "%" in result.message  # the shares lost, computed
    result = check("5.5", "A")
    assert any(ch.isdigit() for ch in result.message)  # the people expelled and cut, computed


@pytest.mark.parametrize("text", [
    "Putin chose not to hit back in December because he hoped things would change once Trump took office, "
    "and the wait ended when Congress voted for new sanctions in July.",
    "Russia held off and waited for the new administration; only after the Senate passed the sanctions bill did "
    "Moscow answer with the cap.",
])
def test_written_explanations_in_a_students_own_words_are_saved_with_feedback(text, capsys):
    result = check("5.4", text)
    assert result.status == "saved"
    assert "You mention" in result.message and "teacher" in result.message
