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
from helpers.vocabulary import day_text

NOTEBOOK = "04-closures"


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


def _never_closed() -> set[str]:
    facilities = load_facilities()
    return set(facilities.loc[facilities["closed_by"].isna(), "facility_id"].astype(str))


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
        Mistake("Those are all the facilities closed at any time. Give the status on 31 December 2016: pass that day "
                "to facility_status_on.", test=lambda value, expected: value == set(_closed_on("2018-12-31"))
                and value != set(expected)),
        Mistake("Killenworth is the estate the White House named by mistake: its closed_by is empty, so it was "
                "never closed. Take the ids from the status table, not from the first news reports.",
                test=lambda value, expected: "killenworth" in value and "killenworth" not in set(expected)),
        Mistake("Your list is empty. Keep the rows where is_open is False: status[~status['is_open']] (not "
                "== 'False', which is text, not True or False).", test=lambda value, expected: not value),
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


def _open_or_closed(facility_id: str) -> str:
    closed_by = _facility(facility_id)["closed_by"]
    return "it stayed open (its closed_by is empty)" if pd.isna(closed_by) else f"it was closed ({closed_by})"


def _annex_name() -> str:
    facilities = load_facilities()
    return str(facilities.loc[facilities["kind"].astype(str) == "consular_annex", "name"].iloc[0])


register_choice(
    "4.2",
    notebook=NOTEBOOK,
    title="What the 'consular annex' in New York was",
    answer_name="annex",
    options={
        "A": Option("the Russian consulate general in New York",
                    lambda: f"the consulate general is a different row (ru_cg_new_york), and "
                            f"{_open_or_closed('ru_cg_new_york')}."),
        "B": Option("an office of Russia's trade representation",
                    lambda: f"the row of kind 'consular_annex' is named '{_annex_name()}'."),
        "C": Option("Russia's mission to the United Nations",
                    lambda: f"the UN mission is accredited to the UN, not to the United States, and "
                            f"{_open_or_closed('ru_un_mission_new_york')}."),
        "D": Option("a country estate on Long Island",
                    "the Long Island estates are rows of kind 'compound'; the annex is a row of its own, in "
                    "New York City."),
    },
    answer=consular_annex_option,
    hints=("Find the row of facilities whose kind is 'consular_annex' and read its name.",
           "Is the consulate general in New York (ru_cg_new_york) closed at all? Compare its closed_by with the "
           "annex's."),
)


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


def _is_later_step(value: Any, expected: Any) -> bool:
    return pd.Timestamp(value) in _step_days() and pd.Timestamp(value) > pd.Timestamp(expected)


register_day(
    "4.3",
    notebook=NOTEBOOK,
    title="The first day both sides had as many consulates general",
    answer_name="equal_day",
    uses=("facilities", "events"),
    expected=first_equal_day,
    hints=("Follow the two lines from the left: where does the higher one step down to meet the other?",
           "Hover over that step to read its date; give it as text like \"2017-01-31\"."),
    mistakes=(
        Mistake("That is the day the US ordered the closures. The line steps down on the day Russia's use of the "
                "consulate ended: hover over the step.",
                value=lambda: _event_date("2017-08-31-us-orders-three-closures")),
        Mistake("The lines step down on that day, but they had met before it: follow them from the left to the "
                "first day they are level.", test=_is_later_step),
    ),
)


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


def _one_side_only(fig: go.Figure, expected: Any) -> bool:
    labels = _facility_labels(fig)
    return bool(labels) and any(labels == _labels_closed(2018, owner) != set(expected) for owner in ("RUS", "USA"))


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
    if labels < want:
        return Verdict(False, f"Your figure shows {len(labels)} of the {len(want)} buildings closed in 2018: keep "
                              "every row whose closed_on is in 2018, and no other condition.")
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
    hints=("Start from the closure table (table); its closed_on column holds dates, and .dt.year gives each "
           "date's year.",
           "table[table['closed_on'].dt.year == 2018] keeps the 2018 rows; pass them to "
           "closures_timeline_figure(...)."),
    mistakes=(
        Mistake("Your figure shows every closure, 2016 to 2018. Keep only the rows whose closed_on is in 2018: "
                "table[table['closed_on'].dt.year == 2018].",
                test=lambda fig, expected: _facility_labels(fig) == _labels_closed() != set(expected)),
        Mistake("Those are the buildings closed in 2017. The question asks for 2018: check the year you compare "
                "with.", test=lambda fig, expected: _facility_labels(fig) == _labels_closed(2017)),
        Mistake("Your figure shows the buildings of one side only. In 2018 both sides lost buildings: filter on "
                "the year alone, not on the owner.", test=_one_side_only),
    ),
)


# --- 4.5 compute with dates: how long before the US answered the cap -----------------------------------

ORDER_ID = "2017-08-31-us-orders-three-closures"


def days_to_answer_cap() -> int:
    """Reference solution of 4.5: days from the event the 31 Aug 2017 order answered to the order itself."""
    events = load_events().set_index("event_id")
    order = events.loc[ORDER_ID]
    return int((order["date"] - events.loc[str(order["responds_to"]), "date"]).days)


def _days_from(event_id: str) -> int:
    return int((_event_date(ORDER_ID) - _event_date(event_id)).days)


def _days_to_takeover() -> int:
    events = load_events().set_index("event_id")
    answered = str(events.loc[ORDER_ID, "responds_to"])
    return int((_event_date("2017-09-02-us-takes-over-three-facilities") - events.loc[answered, "date"]).days)


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
        Mistake("Either you counted both end days, or you counted from the Senate's vote on the sanctions bill. "
                "Subtract the date of the event named in the order's responds_to (Russia's cap) from the order's "
                "date.", test=lambda value, expected: value == expected + 1
                == _days_from("2017-07-27-senate-passes-hr3364")),
        Mistake("You counted both end days. Subtract the dates: the difference counts the days between.",
                value=lambda: days_to_answer_cap() + 1),
        Mistake("That counts from the Senate's vote on the sanctions bill. The order's responds_to names the "
                "event it answers, Russia's cap: count from that one.",
                value=lambda: _days_from("2017-07-27-senate-passes-hr3364")),
        Mistake("That counts from Putin's announcement of the cut. The order's responds_to names the event it "
                "answers, Russia's cap: count from that one.",
                value=lambda: _days_from("2017-07-30-putin-announces-755-cut")),
        Mistake("That counts to the day the buildings were taken over. The question asks about the order itself "
                f"({ORDER_ID}).", value=_days_to_takeover),
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


def _rows_of(facility_id: str) -> int:
    return int((load_facilities()["facility_id"] == facility_id).sum())


def _residence_closed_on() -> str:
    closed_by = str(_facility("ru_cg_san_francisco_residence")["closed_by"])
    return day_text(_event_date(closed_by), long=True)


register_choice(
    "4.6",
    notebook=NOTEBOOK,
    title="Why Russia counted five seized properties",
    answer_name="why_five",
    options={
        "A": Option("Our table counts Pioneer Point twice.",
                    lambda: f"Pioneer Point has {_rows_of('pioneer_point')} row in facilities "
                            "(pioneer_point): nothing is counted twice."),
        "B": Option("The New York trade office was rented, so a count of Russian property seized can leave it out.",
                    "the note of ru_trade_rep_new_york says the ministry described the premises as rented, and a "
                    "US official said a closed site was leased: not Russian property."),
        "C": Option("The Foreign Ministry forgot the two compounds of December 2016.",
                    "the ministry counted the properties seized since December 2016, when the two compounds were "
                    "taken: they are among its five."),
        "D": Option("The San Francisco residence had not been closed yet.",
                    lambda: f"its closed_by day is {_residence_closed_on()}, the day of the protest, and its note "
                            "says Russia counted it among the five."),
    },
    answer=five_explanation,
    hints=("Read the notes of ru_trade_rep_new_york and ru_cg_san_francisco_residence.",
           "Which words describe how Russia held the New York premises? Can you seize what you rent?"),
)
