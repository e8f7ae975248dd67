"""Notebook 07's exercises, answered as a class would: right in several forms, and with the typical mistakes.

Every right form must be accepted; every typical mistake must be refused with its own sentence (a fragment
of it is given), never the general line. Values come from the data, as the exercises' own do.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import pytest
from class_answers import answered_as_a_class

from helpers.analysis.capstone import rounds_summary
from helpers.contribute import example_rows, practice_rows, validate_new_rows
from helpers.data import load_events, load_sources
from helpers.exercises import check, get_exercise, options_markdown, student_mode
from helpers.exercises.capstone import SOURCE_OPTIONS
from helpers.vocabulary import COUNTRY_COLOURS

ROOT = Path(__file__).resolve().parent.parent
TWO = ["Dec 2016", "Mar–Apr 2018"]


@pytest.fixture(autouse=True)
def _student():
    student_mode()


def expulsions(**keep) -> pd.DataFrame:
    events = load_events()
    rows = events[events["category"] == "expulsion"]
    for column, value in keep.items():
        rows = rows[rows["date"].dt.year == value] if column == "year" else rows[rows[column] == value]
    return rows


def summary() -> pd.DataFrame:
    return rounds_summary(load_events())


def two() -> pd.DataFrame:
    return summary()[summary()["round"].isin(TWO)]


def fixed() -> pd.DataFrame:
    rows = practice_rows()
    good = example_rows()
    rows.loc[0, "date"] = good[0]["date"]
    rows.loc[1, "actor"] = good[1]["actor"]
    rows.loc[1, "source_ids"] = good[1]["source_ids"]
    return rows


def fixed_with(row: int, column: str, value) -> pd.DataFrame:
    rows = fixed()
    rows.loc[row, column] = value
    return rows


def reversed_sources(ids: str) -> str:
    return ";".join(reversed(ids.split(";")))


RIGHT = [
    ("7.1", lambda: int(expulsions(year=2018, target="RUS")["people"].sum())),
    ("7.1", lambda: expulsions(year=2018, target="RUS")["people"].sum()),  # a numpy / pandas integer
    ("7.1", lambda: expulsions(year=2018, target="RUS").agg({"people": "sum"})),  # a one-value Series
    ("7.1", lambda: float(expulsions(year=2018, target="RUS")["people"].sum())),
    ("7.2", lambda: "B"), ("7.2", lambda: "Jul–Oct 2017"), ("7.2", lambda: "b"),
    ("7.3", lambda: px.bar(two(), x="round", y="people expelled", color="actor", barmode="group")),
    ("7.3", lambda: px.bar(two(), x="round", y="people expelled", color="actor", barmode="group",
                           color_discrete_map=COUNTRY_COLOURS, title="Two rounds")),
    ("7.3", lambda: px.bar(two(), x="people expelled", y="round", color="actor", orientation="h")),
    ("7.3", lambda: px.bar(two(), x="actor", y="people expelled", color="round", barmode="group")),
    ("7.5", lambda: "C"), ("7.5", lambda: "c"),
    ("7.5", lambda: "US Embassy in Belarus: statements of the White House and the State Department"),
    ("7.6", fixed),
    ("7.6", lambda: fixed().to_dict("records")),  # a list of dicts
    ("7.6", lambda: fixed_with(1, "source_ids", reversed_sources(example_rows()[1]["source_ids"]))),  # other order
    ("7.6", lambda: fixed_with(0, "source_ids", reversed_sources(example_rows()[0]["source_ids"]))),
    ("7.6", lambda: fixed().assign(date=pd.to_datetime(fixed()["date"]))),  # real dates
]

WRONG = [
    ("7.1", lambda: len(expulsions(year=2018, target="RUS")), "decisions (rows)"),
    ("7.1", lambda: int(expulsions(year=2018)["people"].sum()), "people Russia expelled too"),
    ("7.1", lambda: int(expulsions(target="RUS")["people"].sum()), "every year"),
    ("7.1", lambda: int(expulsions(year=2018, target="RUS", actor="USA")["people"].sum()), "one country's"),
    ("7.1", lambda: int(expulsions(year=2018, actor="RUS")["people"].sum()), "one country's"),
    ("7.1", lambda: int(expulsions(year=2018, actor="GBR")["people"].sum()), "Britain expelled"),
    ("7.1", lambda: str(int(expulsions(year=2018, target="RUS")["people"].sum()) + 1), "not the number"),
    ("7.2", lambda: "A", "expelled 0 people and cut 0 staff"),
    ("7.2", lambda: "C", "cut 0 staff"),
    ("7.3", lambda: px.bar(summary(), x="round", y="people expelled", color="actor", barmode="group"),
     "all three rounds"),
    ("7.3", lambda: px.bar(two(), x="round", y="people expelled"), "one bar per round"),
    ("7.3", lambda: px.bar(two(), x="round", y="facilities ordered shut", color="actor", barmode="group"),
     "facilities ordered shut"),
    ("7.3", lambda: px.bar(two(), x="round", y="events", color="actor", barmode="group"), "all events"),
    ("7.3", lambda: px.bar(two(), x="round", y="staff cut by a cap", color="actor"), "nothing above zero"),
    ("7.3", lambda: go.Figure(go.Scatter(x=[1, 2], y=[35, 60])), "no bars"),
    ("7.3", lambda: None, "fig.show()"),
    ("7.5", lambda: "A", "TASS"),
    ("7.5", lambda: "B", "Sputnik"),
    ("7.5", lambda: "D", "newspaper"),
    ("7.6", practice_rows, "day/month/year"),
    ("7.6", lambda: validate_new_rows("events", fixed(), quiet=True), "report of validate_new_rows"),
    ("7.6", lambda: fixed().iloc[:1], "Keep the two rows"),
    ("7.6", lambda: fixed_with(0, "date", "29/03/2018"), "day/month/year"),
    ("7.6", lambda: fixed_with(0, "date", "2018-29-03"), "month and day swapped"),
    ("7.6", lambda: fixed_with(0, "date", "2018-03-30"), "not the day of the event"),
    ("7.6", lambda: fixed_with(1, "actor", "Russia"), "country's name"),
    ("7.6", lambda: fixed_with(1, "actor", "rus"), "capitals"),
    ("7.6", lambda: fixed_with(1, "actor", "USA"), "wrong side"),
    ("7.6", lambda: fixed_with(1, "source_ids", "xebersaati_tass; newsweek_seattle"), "space after the ;"),
    ("7.6", lambda: fixed_with(1, "source_ids", "xebersaati_tass"), "lost a source"),
    ("7.6", lambda: fixed_with(1, "source_ids", "xebersaati_tass;newsweek_seatle"), "do not pass the checks yet"),
    ("7.6", lambda: fixed_with(1, "target", "GBR"), "no longer says what the sources say"),
    ("7.6", lambda: "my rows", "DataFrame"),
]


test_right_answers_in_every_reasonable_form_are_accepted, test_typical_mistakes_get_their_own_sentence = \
    answered_as_a_class(RIGHT, WRONG)


def test_every_mistake_of_7_6_is_declared_and_reached(capsys):
    """7.6 declares its mistakes in capstone.toml (the custom kind tries them before its comparison)."""
    mistakes = get_exercise("7.6").mistakes
    assert mistakes and all(m.test is not None for m in mistakes)
    reached = {check("7.6", answer()).message for e, answer, _ in WRONG if e == "7.6"}
    for mistake in mistakes:
        assert any(message.startswith(mistake.message) for message in reached), mistake.message


def test_every_computed_mistake_of_7_1_is_refused_with_its_sentence(capsys):
    """Each mistake's value gets that mistake's sentence, or (where the data make two values equal) the sentence
    of the first declared mistake with that value, which then names both causes."""
    mistakes = get_exercise("7.1").mistakes
    for mistake in mistakes:
        first = next(m for m in mistakes if m.value() == mistake.value())
        result = check("7.1", mistake.value())
        assert result.status == "incorrect" and result.message.startswith(first.message), mistake.message


@pytest.mark.parametrize(("letter", "source_id"), sorted(SOURCE_OPTIONS.items()))
def test_the_reasons_of_7_5_follow_the_kind_in_the_data(letter, source_id, capsys):
    """A source downgraded to secondary (or raised to primary) in the data changes the answer and its reason."""
    kind = str(load_sources().set_index("source_id").loc[source_id, "kind"])
    reason = get_exercise("7.5").options[letter].explain()
    assert reason.startswith(f"its kind is {kind}")
    if kind == "primary":
        assert check("7.5", letter).status == "correct"
    else:
        assert check("7.5", letter).status == "incorrect"


@pytest.mark.parametrize("text", [
    "In 2016 Russia did nothing back and waited for Trump, but in March 2018 it threw out exactly as many "
    "Americans as the US had thrown out Russians, within a few days.",
    "Russia held back at first. Later it hit back quickly with the same number of people and also shut a consulate.",
])
def test_written_comparisons_in_a_students_own_words_are_saved_with_feedback(text, capsys):
    result = check("7.4", text)
    assert result.status == "saved"
    assert "teacher" in result.message


@pytest.mark.parametrize("exercise_id", ["7.2", "7.5"])
def test_the_options_in_both_notebooks_are_the_registered_ones(exercise_id):
    """The options a student reads are those the check judges (filled in by make exercises)."""
    block = options_markdown(exercise_id)
    for path in (ROOT / "notebooks" / "07-capstone.ipynb", ROOT / "notebooks" / "solutions" / "07-capstone.ipynb"):
        text = "\n".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"])
        assert f"<!-- options {exercise_id} -->\n{block}\n<!-- /options -->" in text, path.name


def test_a_numpy_answer_to_7_1_is_read(capsys):
    assert check("7.1", np.array([int(expulsions(year=2018, target="RUS")["people"].sum())])).status == "correct"
