"""Exercises of notebook 01 (causes): Crimea 2014, the election-interference findings and Russia's replies, the
answer links."""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.analysis.causes import DHS_ODNI, event_label, finding_replies
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
from helpers.vocabulary import FAMILY_COLOURS, country_name, day_text

NOTEBOOK = "01-causes"


# --- 1.1 compute with pandas: two conditions -----------------------------------------------------------

def _count(keep: pd.Series) -> int:
    return int(keep.sum())


def events_in_march_2014() -> int:
    """Reference solution of 1.1: how many events of the data took place in March 2014."""
    dates = load_events()["date"]
    return _count((dates.dt.year == 2014) & (dates.dt.month == 3))


def _year_only() -> int:
    return _count(load_events()["date"].dt.year == 2014)


def _month_only() -> int:
    return _count(load_events()["date"].dt.month == 3)


def _either() -> int:
    dates = load_events()["date"]
    return _count((dates.dt.year == 2014) | (dates.dt.month == 3))


register_count(
    "1.1",
    notebook=NOTEBOOK,
    title="How many events took place in March 2014",
    answer_name="n_march_2014",
    uses=("events",),
    expected=events_in_march_2014,
    hints=("Two conditions must both hold: the year is 2014 AND the month is 3. events['date'].dt.year and "
           "events['date'].dt.month give each of them.",
           "Combine the two comparisons with & (each in brackets), then count the True values with .sum(): "
           "((... == 2014) & (... == 3)).sum()."),
    mistakes=(
        Mistake("That counts every event of 2014. Add the second condition: the month must be 3 (March).",
                value=_year_only),
        Mistake("That counts the events of March in every year. Add the condition on the year: 2014.",
                value=_month_only),
        Mistake("You combined the two conditions with | (or), which keeps a row if either holds. Use & (and): "
                "both must hold.", value=_either),
        Mistake("No event matched. The year and the month are numbers: compare them with 2014 and 3, without "
                "quotes.", test=lambda value, expected: value == 0 and expected != 0),
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
    counts = _quarter_counts()
    if len(counts) > 1 and counts.iloc[0] == counts.iloc[1]:
        return "no single busiest quarter (a tie)"
    top = counts.idxmax()
    return next((k for k, v in BUSIEST_QUARTER_OPTIONS.items() if v == top), "none of the options")


def _quarter_why(label: str) -> str:
    counts = _quarter_counts()
    n, top = int(counts.get(label, 0)), counts.idxmax()
    if label == top:
        return f"its bar is the tallest: {n} events, more than any other quarter."
    return (f"its bar holds {n} events, all colours together; {top} has more ({int(counts.max())}). Compare "
            "whole bars, not one colour.")


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


# --- 1.3 criticise a source: two dates for one order ----------------------------------------------------

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
    hints=("Read the date_note and the note of the event '2014-03-16-us-eo-13661' in the table above.",
           "Who gives 16 March, who gives 17 March, and what happened on 17 March?"),
)


# --- 1.4 choose among options: report both sides, each as theirs -----------------------------------------

ASSESSMENT = "2017-01-06-odni-intelligence-assessment"


def _replies() -> pd.DataFrame:
    return finding_replies(load_events())


def _who_when(rows: pd.DataFrame) -> str:
    """'Kremlin spokesman Peskov, 7 Oct 2016; Foreign Minister Lavrov, 12 Oct 2016' for some replies."""
    return "; ".join(f"{body}, {day_text(day)}" for body, day in
                     zip(rows["actor_body_reply"], rows["date_reply"], strict=True))


def _denials_of(month: int | None = None) -> str:
    replies = _replies()
    if month is not None:
        replies = replies[replies["date_reply"].dt.month == month]
    return _who_when(replies)


def _lavrov() -> str:
    replies = _replies()
    lavrov = replies[replies["actor_body_reply"].astype(str).str.contains("Lavrov")]
    return _who_when(lavrov.head(1))


def attributed_sentence() -> str:
    """Reference solution of 1.4: the option that says who concluded what and when, as the data record it."""
    ica = load_events().set_index("event_id").loc[ASSESSMENT]
    ok = str(ica["actor"]) == "USA" and "intelligence" in str(ica["summary"]).lower() \
        and ica["date"].year == 2017 and ica["date"].month == 1 and not _replies().empty
    return "B" if ok else "the data no longer record the assessment and Russia's replies"


register_choice(
    "1.4",
    notebook=NOTEBOOK,
    title="Reporting the election-interference finding carefully",
    answer_name="careful_sentence",
    options={
        "A": Option("Russia hacked the 2016 US election.",
                    lambda: "it states the US finding as a plain fact and says neither who concluded it nor "
                            f"when. Russia denied it ({_denials_of()}). A careful sentence attributes the "
                            "finding to those who made it."),
        "B": Option("In January 2017 the US intelligence community assessed that Putin had ordered an influence "
                    "campaign aimed at the 2016 US presidential election.",
                    lambda: "it says who concluded what, and when, as the event of "
                            f"{day_text(load_events().set_index('event_id').loc[ASSESSMENT, 'date'], long=True)} "
                            "records it, and claims no more than that."),
        "C": Option("Russia admitted in October 2016 that it had directed the hacks.",
                    lambda: "the data record no admission. In October 2016 Russia's officials denied the charge "
                            f"({_denials_of(10)})."),
        "D": Option("Russia's foreign minister showed in October 2016 that the charge was false.",
                    lambda: f"a denial is a statement, not a proof ({_lavrov()}). Report it as his, just as the "
                            "finding is the US intelligence community's: neither settles the question alone."),
    },
    answer=attributed_sentence,
    hints=("A careful sentence says WHO concluded or said something, and WHEN, and does not present one "
           "side's statement as the truth.",
           "Check each sentence against the two tables above: the US findings, and Russia's replies to them. "
           "Which one claims only what the records show?"),
)


# --- 1.5 compute (a set of ids): every answer to the October statement ------------------------------------

def _answers(*, actor: str | None = None, to: tuple[str, ...] = (DHS_ODNI,)) -> set[str]:
    events = load_events()
    keep = events["responds_to"].isin(to)
    if actor is not None:
        keep &= events["actor"].astype(str) == actor
    return set(events.loc[keep, "event_id"].astype(str))


def answers_to_dhs_odni() -> list[str]:
    """Reference solution of 1.5: the event_ids whose responds_to is the DHS/ODNI statement (either side's)."""
    return sorted(_answers())


def _event_names() -> dict[str, str]:
    """Names a student may write instead of ids: an event's summary or its chart label, lower-case."""
    events = load_events()
    names = {str(s).lower(): str(i) for s, i in zip(events["summary"], events["event_id"], strict=True)}
    names.update({event_label(i).lower(): str(i) for i in events["event_id"]})
    return names


def _is(ids: Any) -> Any:
    return lambda value, expected: bool(ids()) and value == ids()


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
           "'2016-10-07-dhs-odni-attribute-election-hacking', whoever acted.",
           "From those rows take the event_id column, as a list: events.loc[condition, \"event_id\"].tolist()."),
    mistakes=(
        Mistake("That is the statement itself. The question asks for the events that answer it: the rows whose "
                "responds_to holds its id.", test=lambda value, expected: value == {DHS_ODNI}),
        Mistake("Those are only the US measures of December 2016. Russia's replies answer the statement too: keep "
                "every row whose responds_to is its id, whoever acted.", test=_is(lambda: _answers(actor="USA"))),
        Mistake("Those are only Russia's replies. The US measures of December 2016 answer the statement too: "
                "keep every row whose responds_to is its id, whoever acted.",
                test=_is(lambda: _answers(actor="RUS"))),
        Mistake("That includes the answer to the intelligence assessment of January 2017. Keep only the rows "
                "that answer the October statement.", test=_is(lambda: _answers(to=(DHS_ODNI, ASSESSMENT)))),
    ),
)


# --- 1.6 build a chart: the timeline from 2016 on, coloured by who acted ---------------------------------

SINCE = "2016-01-01"


def recent_events_expected() -> dict[str, Any]:
    """What 1.6's figure must show: every event from 1 Jan 2016 on, coloured by actor."""
    events = load_events()
    recent = events[events["date"] >= pd.Timestamp(SINCE)]
    return {"n": len(recent), "since": pd.Timestamp(SINCE),
            "actors": {country_name(a) for a in recent["actor"].astype(str)}}


def _dates(fig: Any) -> pd.Series:
    xs = [x for trace in fig.data for x in (list(trace.x) if getattr(trace, "x", None) is not None else [])]
    return pd.to_datetime(pd.Series(xs, dtype=object), errors="coerce")


def _has_older_events(fig: Any, expected: dict[str, Any]) -> bool:
    dates = _dates(fig)
    return bool(len(dates)) and dates.min() < expected["since"]


def _stops_in_2016(fig: Any, expected: dict[str, Any]) -> bool:
    dates = _dates(fig)
    return bool(len(dates)) and dates.min() >= expected["since"] and dates.max().year == expected["since"].year


def _coloured_by_family(fig: Any, expected: dict[str, Any]) -> bool:
    names = {str(getattr(trace, "name", "")) for trace in fig.data}
    return bool(names) and names <= set(FAMILY_COLOURS)


def _recent_figure_test(fig: Any, expected: dict[str, Any]) -> Verdict:
    dates = _dates(fig)
    if dates.empty:
        return Verdict(False, "Your figure has no points. Pass the filtered events to timeline_figure(...).")
    if dates.isna().any():
        return Verdict(False, "The horizontal axis should hold the events' dates: draw it with timeline_figure.")
    if len(dates) != expected["n"]:
        return Verdict(False, f"Your figure has {len(dates)} events; from 1 January 2016 on the data hold "
                              f"{expected['n']}. Check your date filter (that day included: >=).")
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
    hints=("First keep the events from 1 January 2016 on: compare the date column with '2016-01-01'.",
           "Then draw those rows with timeline_figure(recent, color=\"actor\"), where recent holds the rows you "
           "kept."),
    mistakes=(
        Mistake("Your figure still has events from before 2016: keep the rows from 1 January 2016 on first, "
                "then draw them.", test=_has_older_events),
        Mistake("Your figure stops at the end of 2016. Keep every event from 1 January 2016 on, later years "
                "included: events[\"date\"] >= \"2016-01-01\".", test=_stops_in_2016),
        Mistake("The dots are coloured by family, the chart's default. Colour them by who acted: "
                "timeline_figure(..., color=\"actor\").", test=_coloured_by_family),
    ),
)
