"""Exercises of notebook 01 (causes): Crimea 2014, the election-interference findings and Russia's replies, the
answer links.

What a student reads (titles, hints, options and why each is or is not the answer, the sentence for each typical
mistake) is in causes.toml; this module computes: each expected answer, the values the reasons quote, the value
or test of each typical mistake, the test of the figure.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.analysis.causes import DHS_ODNI, event_label, finding_replies
from helpers.data import load_events
from helpers.exercises import Verdict, declare
from helpers.exercises.compare import figure_names
from helpers.vocabulary import FAMILY_COLOURS, country_name, day_text

# --- 1.1 compute with pandas: two conditions -----------------------------------------------------------

def _count(keep: pd.Series) -> int:
    return int(keep.sum())


def events_in_march_2014() -> int:
    """Reference solution of 1.1: how many events of the data took place in March 2014."""
    dates = load_events()["date"]
    return _count((dates.dt.year == 2014) & (dates.dt.month == 3))


def year_only() -> int:
    """A mistake of 1.1: every event of 2014, the month left out."""
    return _count(load_events()["date"].dt.year == 2014)


def month_only() -> int:
    """A mistake of 1.1: the events of March in every year, the year left out."""
    return _count(load_events()["date"].dt.month == 3)


def year_or_month() -> int:
    """A mistake of 1.1: the two conditions combined with | (or) instead of & (and)."""
    dates = load_events()["date"]
    return _count((dates.dt.year == 2014) | (dates.dt.month == 3))


def nothing_matched(value: Any, expected: Any) -> bool:
    """A mistake of 1.1: 0 when there are events, the year or month compared with text, which matches nothing."""
    return value == 0 and expected != 0


# --- 1.2 read a chart ----------------------------------------------------------------------------------

# The quarter each option of 1.2 names, by letter (causes.toml shows it as {BUSIEST_QUARTER_OPTIONS[A]} ...).
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


def quarter_events(letter: str) -> int:
    """In the reasons of 1.2: how many events the quarter of option ``letter`` holds, all colours together."""
    return int(_quarter_counts().get(BUSIEST_QUARTER_OPTIONS[letter], 0))


def top_quarter() -> str:
    """In the reasons of 1.2: the quarter with the most events ('2017 Q3')."""
    return str(_quarter_counts().idxmax())


def top_quarter_events() -> int:
    """In the reasons of 1.2: how many events the busiest quarter holds."""
    return int(_quarter_counts().max())


# --- 1.3 criticise a source: two dates for one order ----------------------------------------------------

def eo_13661_date_explanation() -> str:
    """Reference solution of 1.3: the option the event's date_note and note support."""
    row = load_events().set_index("event_id").loc["2014-03-16-us-eo-13661"]
    text = f"{row['date_note']} {row['note']}".lower()
    supported = "16 mar" in text and "17 mar" in text and "announced" in text
    return "B" if supported else "the data no longer record the two dates"


# --- 1.4 choose among options: report both sides, each as theirs -----------------------------------------

ASSESSMENT = "2017-01-06-odni-intelligence-assessment"


def _replies() -> pd.DataFrame:
    return finding_replies(load_events())


def _who_when(rows: pd.DataFrame) -> str:
    """'Kremlin spokesman Peskov, 7 Oct 2016; Foreign Minister Lavrov, 12 Oct 2016' for some replies."""
    return "; ".join(f"{body}, {day_text(day)}" for body, day in
                     zip(rows["actor_body_reply"], rows["date_reply"], strict=True))


def denials_of(month: int | None = None) -> str:
    """In the reasons of 1.4: who in Russia denied the finding and when (in ``month`` only, if given)."""
    replies = _replies()
    if month is not None:
        replies = replies[replies["date_reply"].dt.month == month]
    return _who_when(replies)


def lavrov_denial() -> str:
    """In the reasons of 1.4: the first of Lavrov's replies, who and when."""
    replies = _replies()
    lavrov = replies[replies["actor_body_reply"].astype(str).str.contains("Lavrov")]
    return _who_when(lavrov.head(1))


def assessment_day() -> str:
    """In the reasons of 1.4: the day of the intelligence assessment, written out ('6 January 2017')."""
    return day_text(load_events().set_index("event_id").loc[ASSESSMENT, "date"], long=True)


def attributed_sentence() -> str:
    """Reference solution of 1.4: the option that says who concluded what and when, as the data record it."""
    ica = load_events().set_index("event_id").loc[ASSESSMENT]
    ok = str(ica["actor"]) == "USA" and "intelligence" in str(ica["summary"]).lower() \
        and ica["date"].year == 2017 and ica["date"].month == 1 and not _replies().empty
    return "B" if ok else "the data no longer record the assessment and Russia's replies"


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


def event_names() -> dict[str, str]:
    """Names a student may write instead of ids: an event's summary or its chart label, lower-case."""
    events = load_events()
    names = {str(s).lower(): str(i) for s, i in zip(events["summary"], events["event_id"], strict=True)}
    names.update({event_label(i).lower(): str(i) for i in events["event_id"]})
    return names


def _exactly(value: Any, ids: set[str]) -> bool:
    return bool(ids) and value == ids


def is_the_statement(value: Any, expected: Any) -> bool:
    """A mistake of 1.5: the DHS/ODNI statement itself instead of the events that answer it."""
    return value == {DHS_ODNI}


def only_us_measures(value: Any, expected: Any) -> bool:
    """A mistake of 1.5: only the answers of the USA (its measures of December 2016)."""
    return _exactly(value, _answers(actor="USA"))


def only_russian_replies(value: Any, expected: Any) -> bool:
    """A mistake of 1.5: only Russia's replies."""
    return _exactly(value, _answers(actor="RUS"))


def with_assessment_answers(value: Any, expected: Any) -> bool:
    """A mistake of 1.5: the answers to the intelligence assessment of January 2017 kept too."""
    return _exactly(value, _answers(to=(DHS_ODNI, ASSESSMENT)))


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


def has_older_events(fig: Any, expected: dict[str, Any]) -> bool:
    """A mistake of 1.6: events from before 2016 left in the figure."""
    dates = _dates(fig)
    return bool(len(dates)) and dates.min() < expected["since"]


def stops_in_2016(fig: Any, expected: dict[str, Any]) -> bool:
    """A mistake of 1.6: only the events of 2016, the later years left out."""
    dates = _dates(fig)
    return bool(len(dates)) and dates.min() >= expected["since"] and dates.max().year == expected["since"].year


def coloured_by_family(fig: Any, expected: dict[str, Any]) -> bool:
    """A mistake of 1.6: the dots coloured by family, the chart's default, instead of by actor."""
    names = {str(getattr(trace, "name", "")) for trace in fig.data}
    return bool(names) and names <= set(FAMILY_COLOURS)


def shows_recent_events(fig: Any, expected: dict[str, Any]) -> Verdict:
    """The test of 1.6's figure: every event from 1 January 2016 on, coloured by who acted."""
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


declare(__name__)
