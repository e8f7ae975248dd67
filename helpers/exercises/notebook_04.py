"""Exercises of notebook 04 (closures): compounds, consulates, annexes, and what each closure answered."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from helpers.charts.closures import closure_table, open_counts
from helpers.data import load_events, load_facilities
from helpers.exercises import register
from helpers.exercises.compare import Verdict, choice, day, figure, id_set, integer
from helpers.maps import facility_status_on

NOTEBOOK = "04-closures"


# --- 4.1 compute with pandas: what was closed by the end of 2016 ---------------------------------------

def closed_by_end_of_2016() -> list[str]:
    """Reference solution of 4.1: facility_ids closed on 31 December 2016."""
    status = facility_status_on(load_facilities(), load_events(), "2016-12-31")
    return sorted(status.loc[~status["is_open"], "facility_id"].astype(str))


register(
    "4.1",
    notebook=NOTEBOOK,
    question="Which facilities were already closed on 31 December 2016? Give their facility_ids as a list.",
    expected=closed_by_end_of_2016,
    compare=id_set(),
    hint="status = facility_status_on(facilities, events, '2016-12-31') gives a column is_open. Keep the rows "
         "where it is False (status[~status['is_open']]) and take their facility_id column as a list.",
)


# --- 4.2 choose among options: what was the "consular annex"? ------------------------------------------

ANNEX_OPTIONS = {
    "A": "the Russian consulate general in New York",
    "B": "an office of Russia's trade representation",
    "C": "Russia's mission to the United Nations",
    "D": "a country estate on Long Island",
}


def consular_annex_option() -> str:
    """Reference solution of 4.2: what the facility of kind 'consular_annex' was, from its name and kind."""
    facilities = load_facilities()
    rows = facilities[facilities["kind"].astype(str) == "consular_annex"]
    if len(rows) != 1:
        return "none of the options"
    row = rows.iloc[0]
    if "trade representation" in str(row["name"]).lower():
        return "B"
    if str(row["kind"]) == "consulate_general":
        return "A"
    return "none of the options"


register(
    "4.2",
    notebook=NOTEBOOK,
    question="The US ordered Russia to close a 'consular annex' in New York. What was it? "
             + " ".join(f"{k}: {v}." for k, v in ANNEX_OPTIONS.items()),
    expected=consular_annex_option,
    compare=choice(ANNEX_OPTIONS),
    hint="Find the row of facilities whose kind is 'consular_annex' and read its name and note. Is the "
         "consulate general in New York (ru_cg_new_york) closed?",
)


# --- 4.3 read a chart: when did the two sides first have as many consulates? ----------------------------

def first_equal_day() -> pd.Timestamp:
    """Reference solution of 4.3: the first day both sides had the same number of consulates general."""
    counts = open_counts(load_facilities(), load_events())
    days = sorted(counts["date"].dropna().unique())
    for d in days:
        on = {}
        for owner, part in counts.groupby("owner"):
            known = part[part["date"].isna() | (part["date"] <= d)]
            on[owner] = int(known["open"].iloc[-1])
        if len(set(on.values())) == 1:
            return pd.Timestamp(d)
    return pd.NaT


register(
    "4.3",
    notebook=NOTEBOOK,
    question="Read the chart of consulates: on which day did the two sides first have the same number of "
             "consulates general? Answer as text like '2017-01-31'.",
    expected=first_equal_day,
    compare=day(),
    hint="Follow the two lines from the left: where does the higher one step down to meet the other? Hover "
         "over the step to read its date.",
)


# --- 4.4 build a chart: the 2018 closures only ----------------------------------------------------------

def closed_in_2018() -> list[str]:
    """Data for 4.4: the short names of the facilities closed in 2018 (the rows the chart should show)."""
    table = closure_table(load_facilities(), load_events())
    return sorted(table.loc[table["closed_on"].dt.year == 2018, "facility"].astype(str))


def _facility_labels(fig: go.Figure) -> set[str]:
    labels: set[str] = set()
    for trace in fig.data:
        ys = getattr(trace, "y", None)
        if ys is None:
            continue
        labels.update(str(y) for y in ys if y is not None)
    return labels


def _shows_2018(fig: go.Figure, expected: Any) -> Verdict:
    try:
        labels = _facility_labels(fig)
    except Exception:
        labels = set()
    want = {str(v) for v in expected}
    if not labels:
        return Verdict(False, "Your figure shows no facilities. Pass the filtered facilities to "
                              "closures_timeline_figure.")
    if labels == want:
        return Verdict(True)
    if want < labels:
        return Verdict(False, "Your figure still shows closures from before 2018; filter on the year.")
    return Verdict(False, "Your figure does not show the 2018 closures; keep the facilities whose closing day is "
                          "in 2018.")


register(
    "4.4",
    notebook=NOTEBOOK,
    question="Draw the timeline of closures for the buildings closed in 2018 only.",
    expected=closed_in_2018,
    compare=figure(_shows_2018),
    hint="facility_status_on(facilities, events) has a column closed_on. Keep the facilities whose "
         "closed_on.dt.year is 2018 and pass them, with events, to closures_timeline_figure.",
)


# --- 4.5 compute with dates: how long before the US answered the cap -----------------------------------

ORDER_ID = "2017-08-31-us-orders-three-closures"


def days_to_answer_cap() -> int:
    """Reference solution of 4.5: days from the event the 31 Aug 2017 order answered to the order itself."""
    events = load_events().set_index("event_id")
    order = events.loc[ORDER_ID]
    answered = events.loc[str(order["responds_to"])]
    return int((order["date"] - answered["date"]).days)


register(
    "4.5",
    notebook=NOTEBOOK,
    question="The US closure order of 31 August 2017 responds to an earlier event. How many days after that "
             "event did the order come?",
    expected=days_to_answer_cap,
    compare=integer(),
    hint="rows = events.set_index('event_id'); read rows.loc['2017-08-31-us-orders-three-closures', "
         "'responds_to'], look that event up the same way, and subtract the two dates (.days).",
)


# --- 4.6 criticise a count: Russia's "five" properties ------------------------------------------------

FIVE_OPTIONS = {
    "A": "Our table counts Pioneer Point twice.",
    "B": "The New York trade office was rented, so a count of Russian property seized can leave it out.",
    "C": "The Foreign Ministry forgot the two compounds of December 2016.",
    "D": "The San Francisco residence had not been closed yet.",
}


def five_explanation() -> str:
    """Reference solution of 4.6: the option the facilities' notes support."""
    facilities = load_facilities().set_index("facility_id")
    ny_note = str(facilities.loc["ru_trade_rep_new_york", "note"]).lower()
    residence_note = str(facilities.loc["ru_cg_san_francisco_residence", "note"]).lower()
    supported = ("rented" in ny_note or "leased" in ny_note) and "five" in residence_note
    return "B" if supported else "the notes no longer support an answer"


register(
    "4.6",
    notebook=NOTEBOOK,
    question="On 2 October 2017 the Russian Foreign Ministry counted five Russian diplomatic properties seized "
             "by the US since December 2016, fewer than our table's count of Russian facilities closed by then. "
             "Which explanation do the notes in facilities.csv support? "
             + " ".join(f"{k}: {v}" for k, v in FIVE_OPTIONS.items()),
    expected=five_explanation,
    compare=choice(FIVE_OPTIONS),
    hint="Read the notes of ru_trade_rep_new_york and ru_cg_san_francisco_residence. Which words describe how "
         "Russia held the New York premises?",
)
