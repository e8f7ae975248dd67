"""Exercises of notebook 04 (closures): compounds, consulates, annexes, and what each closure answered.

What a student reads (titles, hints, options, the sentence for each typical mistake) is in closures.toml;
this module computes: each expected answer, the value or test of each typical mistake, the test of the
figure, and the facts an option's reason quotes from the data.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from helpers.analysis.closures import closure_table, facility_status_on, open_counts, short_name
from helpers.data import load_events, load_facilities
from helpers.exercises import Verdict, declare, phrases
from helpers.vocabulary import day_text

# Words the reasons choose by what the data say: the [phrases] of closures.toml.
PHRASES = phrases(__name__)

ORDER_ID = "2017-08-31-us-orders-three-closures"
SENATE_VOTE = "2017-07-27-senate-passes-hr3364"
PUTIN_CUT = "2017-07-30-putin-announces-755-cut"
TAKEOVER = "2017-09-02-us-takes-over-three-facilities"


def facility_names() -> dict[str, str]:
    """Names people write for facilities (full and short, lower-case) -> facility_id."""
    facilities = load_facilities()
    names = {}
    for fid, name in zip(facilities["facility_id"].astype(str), facilities["name"].astype(str), strict=True):
        names[name.lower()] = fid
        names[short_name(name).lower()] = fid
    return names


def _facility(facility_id: str) -> pd.Series:
    return load_facilities().set_index("facility_id").loc[facility_id]


def _event_date(event_id: str) -> pd.Timestamp:
    return pd.Timestamp(load_events().set_index("event_id").loc[event_id, "date"])


# --- 4.1 compute with pandas: what was closed by the end of 2016 ---------------------------------------

def _closed_on(day: str) -> list[str]:
    status = facility_status_on(load_facilities(), load_events(), day)
    return sorted(status.loc[~status["is_open"], "facility_id"].astype(str))


def closed_by_end_of_2016() -> list[str]:
    """Reference solution of 4.1: facility_ids closed on 31 December 2016."""
    return _closed_on("2016-12-31")


def is_still_open(value: Any, expected: Any) -> bool:
    """A mistake of 4.1: the facilities still open on that day instead of the closed ones."""
    return value == set(load_facilities()["facility_id"].astype(str)) - set(expected)


def is_closed_any_time(value: Any, expected: Any) -> bool:
    """A mistake of 4.1: every facility closed at any time, not only by the end of 2016."""
    return value == set(_closed_on("2018-12-31")) and value != set(expected)


def names_killenworth(value: Any, expected: Any) -> bool:
    """A mistake of 4.1: Killenworth, the estate the White House named by mistake and never closed."""
    return "killenworth" in value and "killenworth" not in set(expected)


def is_empty(value: Any, expected: Any) -> bool:
    """A mistake of 4.1: an empty list, as comparing is_open with the text 'False' gives."""
    return not value


# --- 4.2 choose among options: what was the "consular annex"? ------------------------------------------

def consular_annex_option() -> str:
    """Reference solution of 4.2: what the facility of kind 'consular_annex' was, from its name and kind."""
    facilities = load_facilities()
    rows = facilities[facilities["kind"].astype(str) == "consular_annex"]
    if len(rows) != 1:
        return "none of the options"
    return "B" if "trade representation" in str(rows.iloc[0]["name"]).lower() else "none of the options"


def open_or_closed(facility_id: str) -> str:
    """For 4.2's reasons: whether the facility was closed, and by which event (its phrase)."""
    closed_by = _facility(facility_id)["closed_by"]
    return PHRASES["stayed_open"] if pd.isna(closed_by) else PHRASES["was_closed"].format(closed_by=closed_by)


def annex_name() -> str:
    """For 4.2's reasons: the name of the facility of kind 'consular_annex'."""
    facilities = load_facilities()
    return str(facilities.loc[facilities["kind"].astype(str) == "consular_annex", "name"].iloc[0])


# --- 4.3 read a chart: when did the two sides first have as many consulates? ----------------------------

def _step_days() -> list[pd.Timestamp]:
    counts = open_counts(load_facilities(), load_events())
    return sorted(pd.Timestamp(d) for d in counts["date"].dropna().unique())


def first_equal_day() -> pd.Timestamp:
    """Reference solution of 4.3: the first day both sides had the same number of consulates general."""
    counts = open_counts(load_facilities(), load_events())
    for d in _step_days():
        on = {}
        for owner, part in counts.groupby("owner"):
            known = part[part["date"].isna() | (part["date"] <= d)]
            on[owner] = int(known["open"].iloc[-1])
        if len(set(on.values())) == 1:
            return pd.Timestamp(d)
    return pd.NaT


def order_day() -> pd.Timestamp:
    """A mistake of 4.3: the day the US ordered the closures, not the day the line steps down."""
    return _event_date(ORDER_ID)


def is_later_step(value: Any, expected: Any) -> bool:
    """A mistake of 4.3: a day the lines step down, but after they had first met."""
    return pd.Timestamp(value) in _step_days() and pd.Timestamp(value) > pd.Timestamp(expected)


# --- 4.4 build a chart: the 2018 closures only ----------------------------------------------------------

def _table() -> pd.DataFrame:
    return closure_table(load_facilities(), load_events())


def _labels_closed(year: int | None = None, owner: str | None = None) -> set[str]:
    table = _table()
    if year is not None:
        table = table[table["closed_on"].dt.year == year]
    if owner is not None:
        table = table[table["owner"] == owner]
    return set(table["facility"].astype(str))


def closed_in_2018() -> list[str]:
    """What 4.4's chart must show: the short names of the facilities closed in 2018."""
    return sorted(_labels_closed(2018))


def _facility_labels(fig: go.Figure) -> set[str]:
    labels: set[str] = set()
    for trace in fig.data:
        ys = getattr(trace, "y", None)
        labels.update(str(y) for y in ([] if ys is None else ys) if y is not None)
    return labels


def shows_every_closure(fig: go.Figure, expected: Any) -> bool:
    """A mistake of 4.4: every closure, 2016 to 2018, not only those of 2018."""
    return _facility_labels(fig) == _labels_closed() != set(expected)


def shows_2017_closures(fig: go.Figure, expected: Any) -> bool:
    """A mistake of 4.4: the buildings closed in 2017 instead of 2018."""
    return _facility_labels(fig) == _labels_closed(2017)


def shows_one_side_only(fig: go.Figure, expected: Any) -> bool:
    """A mistake of 4.4: the 2018 closures of one side only (a filter on the owner too)."""
    labels = _facility_labels(fig)
    return bool(labels) and any(labels == _labels_closed(2018, owner) != set(expected) for owner in ("RUS", "USA"))


def shows_2018_closures(fig: go.Figure, expected: Any) -> Verdict:
    """The test of 4.4's figure: exactly the facilities closed in 2018."""
    labels, want = _facility_labels(fig), {str(v) for v in expected}
    if not labels:
        return Verdict(False, "Your figure shows no facilities. Pass the filtered rows of the closure table to "
                              "closures_timeline_figure.")
    if labels == want:
        return Verdict(True)
    if want < labels:
        return Verdict(False, "Your figure still shows closures from before 2018: keep the rows whose closed_on "
                              "is in 2018 (.dt.year == 2018).")
    if labels < want:
        return Verdict(False, f"Your figure shows {len(labels)} of the {len(want)} buildings closed in 2018: keep "
                              "every row whose closed_on is in 2018, and no other condition.")
    return Verdict(False, "Your figure does not show the 2018 closures: keep the rows of the closure table whose "
                          "closed_on is in 2018.")


# --- 4.5 compute with dates: how long before the US answered the cap -----------------------------------

def _answered_date() -> pd.Timestamp:
    """The date of the event the order answers (its responds_to: Russia's cap)."""
    events = load_events().set_index("event_id")
    return events.loc[str(events.loc[ORDER_ID, "responds_to"]), "date"]


def days_to_answer_cap() -> int:
    """Reference solution of 4.5: days from the event the 31 Aug 2017 order answered to the order itself."""
    return int((_event_date(ORDER_ID) - _answered_date()).days)


def _days_from(event_id: str) -> int:
    return int((_event_date(ORDER_ID) - _event_date(event_id)).days)


def both_ends_or_senate_vote(value: Any, expected: Any) -> bool:
    """A mistake of 4.5: one day too many, where that is also the count from the Senate's vote."""
    return value == expected + 1 == _days_from(SENATE_VOTE)


def days_counting_both_ends() -> int:
    """A mistake of 4.5: both end days counted."""
    return days_to_answer_cap() + 1


def days_from_senate_vote() -> int:
    """A mistake of 4.5: the days from the Senate's vote on the sanctions bill instead of Russia's cap."""
    return _days_from(SENATE_VOTE)


def days_from_putin_cut() -> int:
    """A mistake of 4.5: the days from Putin's announcement of the cut instead of Russia's cap."""
    return _days_from(PUTIN_CUT)


def days_to_takeover() -> int:
    """A mistake of 4.5: the days from Russia's cap to the takeover of the buildings, not to the order."""
    return int((_event_date(TAKEOVER) - _answered_date()).days)


# --- 4.6 criticise a count: Russia's "five" properties ------------------------------------------------

def five_explanation() -> str:
    """Reference solution of 4.6: the option the facilities' notes support."""
    facilities = load_facilities().set_index("facility_id")
    ny_note = str(facilities.loc["ru_trade_rep_new_york", "note"]).lower()
    residence_note = str(facilities.loc["ru_cg_san_francisco_residence", "note"]).lower()
    supported = ("rented" in ny_note or "leased" in ny_note) and "five" in residence_note
    return "B" if supported else "the notes no longer support an answer"


def rows_of(facility_id: str) -> int:
    """For 4.6's reasons: how many rows of the facilities table have this facility_id."""
    return int((load_facilities()["facility_id"] == facility_id).sum())


def residence_closed_on() -> str:
    """For 4.6's reasons: the day the San Francisco residence was closed, written out."""
    closed_by = str(_facility("ru_cg_san_francisco_residence")["closed_by"])
    return day_text(_event_date(closed_by), long=True)


declare(__name__)
