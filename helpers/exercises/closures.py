"""Exercises of notebook 04 (closures): compounds, consulates, annexes, and what each closure answered."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from helpers.analysis.closures import closure_table, facility_status_on, open_counts, short_name
from helpers.data import load_events, load_facilities
from helpers.exercises import (
    Mistake,
    Option,
    Verdict,
    register_choice,
    register_count,
    register_day,
    register_figure,
    register_ids,
)

NOTEBOOK = "04-closures"


def facility_names() -> dict[str, str]:
    """Names people write for facilities (full and short, lower-case) -> facility_id."""
    facilities = load_facilities()
    names = {}
    for fid, name in zip(facilities["facility_id"].astype(str), facilities["name"].astype(str), strict=True):
        names[name.lower()] = fid
        names[short_name(name).lower()] = fid
    return names


# --- 4.1 compute with pandas: what was closed by the end of 2016 ---------------------------------------

def _closed_on(day: str) -> list[str]:
    status = facility_status_on(load_facilities(), load_events(), day)
    return sorted(status.loc[~status["is_open"], "facility_id"].astype(str))


def closed_by_end_of_2016() -> list[str]:
    """Reference solution of 4.1: facility_ids closed on 31 December 2016."""
    return _closed_on("2016-12-31")


register_ids(
    "4.1",
    notebook=NOTEBOOK,
    title="The facilities already closed on 31 December 2016",
    answer_name="closed_2016",
    uses=("facilities", "events"),
    column="facility_id",
    names=facility_names,
    expected=closed_by_end_of_2016,
    hints=("facility_status_on(facilities, events, '2016-12-31') gives every facility's status on that day, in "
           "a column is_open (True or False).",
           "Keep the rows where is_open is False (status[~status['is_open']]) and take their facility_id column "
           "as a list."),
    mistakes=(
        Mistake("Those are the facilities still open on that day. The question asks for the closed ones: keep the "
                "rows where is_open is False (the ~ sign turns True into False).",
                test=lambda value, expected: value == set(load_facilities()["facility_id"].astype(str))
                - set(expected)),
        Mistake("Those are every facility closed at any time. Give the status on 31 December 2016: pass that day "
                "to facility_status_on.", test=lambda value, expected: value == set(_closed_on("2018-12-31"))
                and value != set(expected)),
    ),
)


# --- 4.2 choose among options: what was the "consular annex"? ------------------------------------------

def consular_annex_option() -> str:
    """Reference solution of 4.2: what the facility of kind 'consular_annex' was, from its name and kind."""
    facilities = load_facilities()
    rows = facilities[facilities["kind"].astype(str) == "consular_annex"]
    if len(rows) != 1:
        return "none of the options"
    return "B" if "trade representation" in str(rows.iloc[0]["name"]).lower() else "none of the options"


register_choice(
    "4.2",
    notebook=NOTEBOOK,
    title="What the 'consular annex' in New York was",
    answer_name="annex",
    options={
        "A": Option("the Russian consulate general in New York",
                    "the consulate general (ru_cg_new_york) is a different row, and it stayed open."),
        "B": Option("an office of Russia's trade representation",
                    "the row of kind 'consular_annex' is named as an office of Russia's trade representation."),
        "C": Option("Russia's mission to the United Nations",
                    "the UN mission is accredited to the UN, not to the United States, and was not closed."),
        "D": Option("a country estate on Long Island",
                    "the Long Island estates are rows of kind 'compound'; the annex was an office of the trade "
                    "representation."),
    },
    answer=consular_annex_option,
    hints=("Find the row of facilities whose kind is 'consular_annex' and read its name.",
           "Is the consulate general in New York (ru_cg_new_york) closed at all?"),
)


# --- 4.3 read a chart: when did the two sides first have as many consulates? ----------------------------

def first_equal_day() -> pd.Timestamp:
    """Reference solution of 4.3: the first day both sides had the same number of consulates general."""
    counts = open_counts(load_facilities(), load_events())
    for d in sorted(counts["date"].dropna().unique()):
        on = {}
        for owner, part in counts.groupby("owner"):
            known = part[part["date"].isna() | (part["date"] <= d)]
            on[owner] = int(known["open"].iloc[-1])
        if len(set(on.values())) == 1:
            return pd.Timestamp(d)
    return pd.NaT


register_day(
    "4.3",
    notebook=NOTEBOOK,
    title="The first day both sides had as many consulates general",
    answer_name="equal_day",
    expected=first_equal_day,
    hints=("Follow the two lines from the left: where does the higher one step down to meet the other?",
           "Hover over that step to read its date; give it as text like \"2017-01-31\"."),
)


# --- 4.4 build a chart: the 2018 closures only ----------------------------------------------------------

def closed_in_2018() -> list[str]:
    """What 4.4's chart must show: the short names of the facilities closed in 2018."""
    table = closure_table(load_facilities(), load_events())
    return sorted(table.loc[table["closed_on"].dt.year == 2018, "facility"].astype(str))


def _facility_labels(fig: go.Figure) -> set[str]:
    labels: set[str] = set()
    for trace in fig.data:
        ys = getattr(trace, "y", None)
        labels.update(str(y) for y in ([] if ys is None else ys) if y is not None)
    return labels


def _shows_2018(fig: go.Figure, expected: Any) -> Verdict:
    labels, want = _facility_labels(fig), {str(v) for v in expected}
    if not labels:
        return Verdict(False, "Your figure shows no facilities. Pass the filtered rows of the closure table to "
                              "closures_timeline_figure.")
    if labels == want:
        return Verdict(True)
    if want < labels:
        return Verdict(False, "Your figure still shows closures from before 2018: keep the rows whose closed_on "
                              "is in 2018 (.dt.year == 2018).")
    return Verdict(False, "Your figure does not show the 2018 closures: keep the rows of the closure table whose "
                          "closed_on is in 2018.")


register_figure(
    "4.4",
    notebook=NOTEBOOK,
    title="The timeline of the 2018 closures",
    answer_name="fig_2018",
    uses=("facilities", "events"),
    expected=closed_in_2018,
    test=_shows_2018,
    hints=("Start from the closure table; its closed_on column holds dates.",
           "table[table['closed_on'].dt.year == 2018] keeps the 2018 rows; pass them to closures_timeline_figure."),
)


# --- 4.5 compute with dates: how long before the US answered the cap -----------------------------------

ORDER_ID = "2017-08-31-us-orders-three-closures"


def days_to_answer_cap() -> int:
    """Reference solution of 4.5: days from the event the 31 Aug 2017 order answered to the order itself."""
    events = load_events().set_index("event_id")
    order = events.loc[ORDER_ID]
    return int((order["date"] - events.loc[str(order["responds_to"]), "date"]).days)


register_count(
    "4.5",
    notebook=NOTEBOOK,
    title="Days from Russia's cap to the US closure order",
    answer_name="days_to_answer",
    uses=("events",),
    expected=days_to_answer_cap,
    hints=("The order's row says which event it answers, in its responds_to column.",
           "Look both events up by event_id and subtract the earlier date from the later; .days gives the number."),
    mistakes=(
        Mistake("You counted both end days. Subtract the dates: the difference counts the days between.",
                value=lambda: days_to_answer_cap() + 1),
    ),
)


# --- 4.6 criticise a count: Russia's "five" properties ------------------------------------------------

def five_explanation() -> str:
    """Reference solution of 4.6: the option the facilities' notes support."""
    facilities = load_facilities().set_index("facility_id")
    ny_note = str(facilities.loc["ru_trade_rep_new_york", "note"]).lower()
    residence_note = str(facilities.loc["ru_cg_san_francisco_residence", "note"]).lower()
    supported = ("rented" in ny_note or "leased" in ny_note) and "five" in residence_note
    return "B" if supported else "the notes no longer support an answer"


register_choice(
    "4.6",
    notebook=NOTEBOOK,
    title="Why Russia counted five seized properties",
    answer_name="why_five",
    options={
        "A": Option("Our table counts Pioneer Point twice.",
                    "Pioneer Point has one row (pioneer_point); nothing is counted twice."),
        "B": Option("The New York trade office was rented, so a count of Russian property seized can leave it out.",
                    "the note of ru_trade_rep_new_york says the premises were leased, not Russian property."),
        "C": Option("The Foreign Ministry forgot the two compounds of December 2016.",
                    "the Ministry counted from December 2016, when the two compounds were taken: they are among "
                    "its five."),
        "D": Option("The San Francisco residence had not been closed yet.",
                    "its note says US officials inspected it on 2 October 2017 and Russia counted it among the "
                    "five."),
    },
    answer=five_explanation,
    hints=("Read the notes of ru_trade_rep_new_york and ru_cg_san_francisco_residence.",
           "Which words describe how Russia held the New York premises? Can you seize what you rent?"),
)
