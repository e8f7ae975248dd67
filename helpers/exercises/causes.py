"""Exercises of notebook 01 (causes): Crimea 2014, the election-interference findings, the answer links."""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.data import load_events
from helpers.exercises import (
    Mistake,
    Option,
    Verdict,
    register_choice,
    register_count,
    register_figure,
    register_ids,
)
from helpers.exercises.compare import figure_names
from helpers.vocabulary import country_name

NOTEBOOK = "01-causes"


# --- 1.1 compute with pandas ---------------------------------------------------------------------------

def _events_in(year: int, month: int) -> int:
    events = load_events()
    return int(((events["date"].dt.year == year) & (events["date"].dt.month == month)).sum())


def events_in_march_2014() -> int:
    """Reference solution of 1.1: how many events of the data took place in March 2014."""
    return _events_in(2014, 3)


register_count(
    "1.1",
    notebook=NOTEBOOK,
    title="How many events took place in March 2014",
    answer_name="n_march_2014",
    uses=("events",),
    expected=events_in_march_2014,
    hints=("Two conditions must both hold: the year is 2014 AND the month is 3. events['date'].dt.year and "
           "events['date'].dt.month give each of them.",
           "Combine the two comparisons with & (each in brackets), then count the True values with .sum()."),
    mistakes=(
        Mistake("That counts every event of 2014. Add the second condition: the month must be 3 (March).",
                value=lambda: int((load_events()["date"].dt.year == 2014).sum())),
        Mistake("That counts the events of March in every year. Add the condition on the year: 2014.",
                value=lambda: int((load_events()["date"].dt.month == 3).sum())),
    ),
)


# --- 1.2 read a chart ----------------------------------------------------------------------------------

BUSIEST_QUARTER_OPTIONS = {"A": "2014 Q1", "B": "2016 Q4", "C": "2017 Q3", "D": "2018 Q1"}


def _quarter_counts() -> pd.Series:
    events = load_events()
    quarters = events["date"].dt.year.astype(str) + " Q" + events["date"].dt.quarter.astype(str)
    return quarters.value_counts()


def busiest_quarter() -> str:
    """Reference solution of 1.2: the option naming the quarter with the most events."""
    top = _quarter_counts().idxmax()
    return next((k for k, v in BUSIEST_QUARTER_OPTIONS.items() if v == top), "none of the options")


def _quarter_why(label: str) -> str:
    counts = _quarter_counts()
    n, top = int(counts.get(label, 0)), counts.idxmax()
    if label == top:
        return f"its bar is the tallest: {n} events, more than any other quarter."
    return f"its bar holds {n} events; {top} has more ({int(counts.max())})."


register_choice(
    "1.2",
    notebook=NOTEBOOK,
    title="The quarter with the most events",
    answer_name="busiest_quarter",
    options={k: Option(v, lambda v=v: _quarter_why(v)) for k, v in BUSIEST_QUARTER_OPTIONS.items()},
    answer=busiest_quarter,
    hints=("Look at the whole height of each bar, all colours stacked together.",
           "Hover over the tallest bars to read their counts, and compare."),
)


# --- 1.3 criticise a source ----------------------------------------------------------------------------

def eo_13661_date_explanation() -> str:
    """Reference solution of 1.3: the option the event's date_note and note support."""
    row = load_events().set_index("event_id").loc["2014-03-16-us-eo-13661"]
    text = f"{row['date_note']} {row['note']}".lower()
    supported = "16 mar" in text and "17 mar" in text and "announced" in text
    return "B" if supported else "the data no longer record the two dates"


register_choice(
    "1.3",
    notebook=NOTEBOOK,
    title="Why sources give two dates for Executive Order 13661",
    answer_name="eo_13661_answer",
    options={
        "A": Option("One of the two dates is a typing error, so we should pick the one most websites use.",
                    "both dates have a reason the note gives, and counting websites does not decide what is true."),
        "B": Option("The presidency's own later notices date the order 16 March; law firms and the press use 17 "
                    "March, the day it was announced with the first names.",
                    "the date_note names who gives which date, and the note says 17 March is the day of the "
                    "announcement."),
        "C": Option("The order was signed twice, once on each day.",
                    "nothing in the row says so: there is one order, dated differently by different sources."),
        "D": Option("The difference comes from the time difference between Washington and Moscow.",
                    "this is a US order signed in Washington; the note explains the two dates otherwise."),
    },
    answer=eo_13661_date_explanation,
    hints=("Print the date_note and the note of the event '2014-03-16-us-eo-13661'.",
           "Who gives 16 March, who gives 17 March, and what happened on 17 March?"),
)


# --- 1.4 choose among options (attribution) ------------------------------------------------------------

def attributed_sentence() -> str:
    """Reference solution of 1.4: the only option that says who claimed what, as the data record it."""
    ica = load_events().set_index("event_id").loc["2017-01-06-odni-intelligence-assessment"]
    ok = str(ica["actor"]) == "USA" and "intelligence" in str(ica["summary"]).lower() \
        and ica["date"].year == 2017 and ica["date"].month == 1
    return "B" if ok else "the data no longer record the assessment"


register_choice(
    "1.4",
    notebook=NOTEBOOK,
    title="Reporting the election-interference finding carefully",
    answer_name="careful_sentence",
    options={
        "A": Option("Russia hacked the 2016 US election.",
                    "it states a contested finding as a plain fact and says neither who concluded it nor when; "
                    "Russia denied it."),
        "B": Option("In January 2017 the US intelligence community assessed that Putin had ordered an influence "
                    "campaign aimed at the 2016 US presidential election.",
                    "it says who concluded what and when, as the event of 6 January 2017 records it."),
        "C": Option("Russia admitted in October 2016 that it had directed the hacks.",
                    "the data record no such admission; Russia's officials denied the accusation."),
        "D": Option("Putin said in December 2016 that the hacks had changed the result of the election.",
                    "no event records Putin saying this."),
    },
    answer=attributed_sentence,
    hints=("A careful sentence says WHO concluded something and WHEN.",
           "Check each sentence against the election_interference events and Russia's statements in the table."),
)


# --- 1.5 compute (a set of ids) -------------------------------------------------------------------------

DHS_ODNI = "2016-10-07-dhs-odni-attribute-election-hacking"


def answers_to_dhs_odni() -> list[str]:
    """Reference solution of 1.5: the event_ids whose responds_to is the DHS/ODNI statement."""
    events = load_events()
    return sorted(events.loc[events["responds_to"] == DHS_ODNI, "event_id"].astype(str))


def _event_names() -> dict[str, str]:
    events = load_events()
    return {str(s).lower(): str(i) for s, i in zip(events["summary"], events["event_id"], strict=True)}


register_ids(
    "1.5",
    notebook=NOTEBOOK,
    title="The events that answer the DHS/ODNI statement",
    answer_name="answers_to_statement",
    uses=("events",),
    column="event_id",
    names=_event_names,
    expected=answers_to_dhs_odni,
    hints=("Keep the rows whose responds_to is the statement's id, "
           "'2016-10-07-dhs-odni-attribute-election-hacking'.",
           "From those rows take the event_id column, as a list: .tolist()."),
    mistakes=(
        Mistake("That is the statement itself. The question asks for the events that answer it: the rows whose "
                "responds_to holds its id.", test=lambda value, expected: value == {DHS_ODNI}),
    ),
)


# --- 1.6 build a chart -----------------------------------------------------------------------------------

SINCE = "2016-01-01"


def recent_events_expected() -> dict[str, Any]:
    """What 1.6's figure must show: every event from 1 Jan 2016 on, coloured by actor."""
    events = load_events()
    recent = events[events["date"] >= pd.Timestamp(SINCE)]
    return {"n": len(recent), "since": pd.Timestamp(SINCE),
            "actors": {country_name(a) for a in recent["actor"].astype(str)}}


def _recent_figure_test(fig: Any, expected: dict[str, Any]) -> Verdict:
    xs = [x for trace in fig.data for x in (list(trace.x) if getattr(trace, "x", None) is not None else [])]
    if not xs:
        return Verdict(False, "Your figure has no points. Pass the filtered events to timeline_figure(...).")
    dates = pd.to_datetime(pd.Series(xs), errors="coerce")
    if dates.isna().any():
        return Verdict(False, "The horizontal axis should hold the events' dates: draw it with timeline_figure.")
    if dates.min() < expected["since"]:
        return Verdict(False, "Your figure still has events from before 2016: filter the dates first.")
    if len(xs) != expected["n"]:
        return Verdict(False, f"Your figure has {len(xs)} events; check your date filter (from 1 January 2016 on, "
                              "that day included: >=).")
    if figure_names(fig) != expected["actors"]:
        return Verdict(False, "The dots are not coloured by who acted: timeline_figure(..., color=\"actor\").")
    return Verdict(True)


register_figure(
    "1.6",
    notebook=NOTEBOOK,
    title="The timeline from 2016 on, coloured by actor",
    answer_name="fig_recent",
    uses=("events",),
    expected=recent_events_expected,
    test=_recent_figure_test,
    hints=("First keep the events from 1 January 2016 on (compare the date column with '2016-01-01').",
           "Then draw them with timeline_figure(recent, color=\"actor\")."),
)
