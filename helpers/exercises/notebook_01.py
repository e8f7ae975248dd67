"""Exercises of notebook 01 (causes): Crimea 2014, the election-interference findings, the answer links."""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.charts import COUNTRY_NAMES
from helpers.data import load_events
from helpers.exercises import register
from helpers.exercises.compare import Verdict, choice, figure, id_set, integer

NOTEBOOK = "01-causes"


# --- 1.1 compute with pandas ---------------------------------------------------------------------------

def events_in_march_2014() -> int:
    """Reference solution of 1.1: how many events of the data took place in March 2014."""
    events = load_events()
    march = (events["date"].dt.year == 2014) & (events["date"].dt.month == 3)
    return int(march.sum())


register(
    "1.1",
    notebook=NOTEBOOK,
    question="How many events in the data took place in March 2014?",
    expected=events_in_march_2014,
    compare=integer(),
    hint="Keep the rows whose date is in 2014 AND in month 3: (events['date'].dt.year == 2014) & "
         "(events['date'].dt.month == 3). Then count them with .sum() or len().",
)


# --- 1.2 read a chart ----------------------------------------------------------------------------------

BUSIEST_QUARTER_OPTIONS = {"A": "2014 Q1", "B": "2016 Q4", "C": "2017 Q3", "D": "2018 Q1"}


def busiest_quarter() -> str:
    """Reference solution of 1.2: the option naming the quarter with the most events."""
    events = load_events()
    quarters = events["date"].dt.year.astype(str) + " Q" + events["date"].dt.quarter.astype(str)
    top = quarters.value_counts().idxmax()
    return next((k for k, v in BUSIEST_QUARTER_OPTIONS.items() if v == top), "none of the options")


register(
    "1.2",
    notebook=NOTEBOOK,
    question="Read the bar chart of events per quarter: in which quarter did the most events happen? "
             + " ".join(f"{k}: {v}." for k, v in BUSIEST_QUARTER_OPTIONS.items()),
    expected=busiest_quarter,
    compare=choice(BUSIEST_QUARTER_OPTIONS),
    hint="Find the tallest bar (all colours stacked together) and read its label on the horizontal axis. "
         "Hovering a bar shows its count.",
)


# --- 1.3 criticise a source ----------------------------------------------------------------------------

EO_13661_OPTIONS = {
    "A": "One of the two dates is a typing error, so we should pick the one most websites use.",
    "B": "The presidency's own later notices date the order 16 March; law firms and the press use 17 March, "
         "the day it was announced with the first names.",
    "C": "The order was signed twice, once on each day.",
    "D": "The difference comes from the time difference between Washington and Moscow.",
}


def eo_13661_date_explanation() -> str:
    """Reference solution of 1.3: the option the event's date_note and note support."""
    events = load_events().set_index("event_id")
    row = events.loc["2014-03-16-us-eo-13661"]
    text = f"{row['date_note']} {row['note']}".lower()
    supported = "16 mar" in text and "17 mar" in text and "announced" in text
    return "B" if supported else "the data no longer record the two dates"


register(
    "1.3",
    notebook=NOTEBOOK,
    question="Sources date Executive Order 13661 to 16 March or 17 March 2014. Which explanation do the data's "
             "date_note and note columns support? "
             + " ".join(f"{k}: {v}" for k, v in EO_13661_OPTIONS.items()),
    expected=eo_13661_date_explanation,
    compare=choice(EO_13661_OPTIONS),
    hint="Print the date_note and note of the event '2014-03-16-us-eo-13661'. Who gives which date, and what "
         "happened on 17 March?",
)


# --- 1.4 choose among options (attribution) ------------------------------------------------------------

ATTRIBUTION_OPTIONS = {
    "A": "Russia hacked the 2016 US election.",
    "B": "In January 2017 the US intelligence community assessed that Putin had ordered an influence "
         "campaign aimed at the 2016 US presidential election.",
    "C": "Russia admitted in October 2016 that it had directed the hacks.",
    "D": "Putin said in December 2016 that the hacks had changed the result of the election.",
}


def attributed_sentence() -> str:
    """Reference solution of 1.4: the only option that says who claimed what, as the data record it."""
    events = load_events().set_index("event_id")
    ica = events.loc["2017-01-06-odni-intelligence-assessment"]
    ok = str(ica["actor"]) == "USA" and "intelligence" in str(ica["summary"]).lower() \
        and ica["date"].year == 2017 and ica["date"].month == 1
    return "B" if ok else "the data no longer record the assessment"


register(
    "1.4",
    notebook=NOTEBOOK,
    question="Which sentence reports the election-interference finding the way a careful historian would, "
             "and as the data record it? " + " ".join(f"{k}: {v}" for k, v in ATTRIBUTION_OPTIONS.items()),
    expected=attributed_sentence,
    compare=choice(ATTRIBUTION_OPTIONS),
    hint="A careful sentence says WHO concluded something and WHEN. Check each sentence against the two "
         "election_interference events and Russia's two statements of 30 December 2016.",
)


# --- 1.5 compute (a set of ids) -------------------------------------------------------------------------

DHS_ODNI = "2016-10-07-dhs-odni-attribute-election-hacking"


def answers_to_dhs_odni() -> list[str]:
    """Reference solution of 1.5: the event_ids whose responds_to is the DHS/ODNI statement."""
    events = load_events()
    return sorted(events.loc[events["responds_to"] == DHS_ODNI, "event_id"].astype(str))


register(
    "1.5",
    notebook=NOTEBOOK,
    question="Which events answer (in the responds_to column) the DHS/ODNI statement of 7 October 2016? "
             "Give a list of their event_ids.",
    expected=answers_to_dhs_odni,
    compare=id_set(),
    hint="Keep the rows where events['responds_to'] == '2016-10-07-dhs-odni-attribute-election-hacking', "
         "then take their 'event_id' column, e.g. with .tolist().",
)


# --- 1.6 build a chart -----------------------------------------------------------------------------------

SINCE = "2016-01-01"


def recent_events_expected() -> dict[str, Any]:
    """What 1.6's figure must show: every event from 1 Jan 2016 on, coloured by actor."""
    events = load_events()
    recent = events[events["date"] >= pd.Timestamp(SINCE)]
    return {"n": len(recent), "since": pd.Timestamp(SINCE),
            "actors": {COUNTRY_NAMES.get(str(a), str(a)) for a in recent["actor"].astype(str)}}


def _recent_figure_test(fig: Any, expected: dict[str, Any]) -> Verdict:
    try:
        xs = [x for trace in fig.data for x in (list(trace.x) if getattr(trace, "x", None) is not None else [])]
        names = {str(getattr(trace, "name", "")) for trace in fig.data}
        if not xs:
            return Verdict(False, "Your figure has no points. Pass the filtered events to timeline_figure(...).")
        dates = pd.to_datetime(pd.Series(xs), errors="coerce")
        if dates.isna().any():
            return Verdict(False, "The horizontal axis should hold the events' dates.")
        if dates.min() < expected["since"]:
            return Verdict(False, "Your figure still has events from before 2016: filter the dates first.")
        if len(xs) != expected["n"]:
            return Verdict(False, f"Your figure has {len(xs)} events; check your date filter (from 1 January "
                                  "2016 on, that day included).")
        if names != expected["actors"]:
            return Verdict(False, "Colour the dots by actor: timeline_figure(..., color=\"actor\").")
        return Verdict(True)
    except Exception:
        return Verdict(False, "This figure could not be read; build it with timeline_figure(...).")


register(
    "1.6",
    notebook=NOTEBOOK,
    question="Draw the timeline of the events from 1 January 2016 on, with the dots coloured by actor "
             "(who acted) instead of by family. Store the figure in fig_recent.",
    expected=recent_events_expected,
    compare=figure(_recent_figure_test),
    hint="Filter first: events[events['date'] >= '2016-01-01']. Then call timeline_figure(that_table, "
         "color=\"actor\").",
)
