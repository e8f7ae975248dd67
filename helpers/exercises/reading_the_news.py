"""Exercises of notebook 06 (reading the news): checking a news article's claims against the record.

What a student reads (titles, hints, options, the sentence for each typical mistake) is in reading_the_news.toml;
this module computes: each expected answer, the value of each typical mistake, and the check of the verdicts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from helpers.analysis.reading_the_news import VERDICTS
from helpers.data import load_claims, load_events, load_facilities, load_staffing
from helpers.errors import describe_value
from helpers.exercises import Verdict, declare
from helpers.exercises.closures import facility_names  # noqa: F401 (reading_the_news.toml names it: 6.4)

DEADLINE_ID = "2017-09-01-us-mission-cap-deadline"
ANNOUNCEMENT_ID = "2017-07-30-putin-announces-755-cut"
TAKEOVER_ID = "2017-09-02-us-takes-over-three-facilities"
NO_USE_ID = "2017-08-31-us-official-says-cut-done"
ORDER_ID = "2017-08-31-us-orders-three-closures"
CAP_ID = "2017-07-28-russia-caps-us-mission-455"
COMPOUNDS_ID = "2016-12-30-compounds-vacated"
CLASSIFY_IDS = ["c02", "c09a", "c11", "c15"]


def _event(event_id: str) -> pd.Series:
    events = load_events()
    return events.set_index(events["event_id"].astype(str)).loc[event_id]


def _weekday(event_id: str) -> str:
    return str(_event(event_id)["date"].day_name())


# --- 6.1 the weekday of Russia's deadline --------------------------------------------------------------

def deadline_weekday() -> str:
    """Reference solution of 6.1: the weekday of Russia's deadline for the US mission."""
    return _weekday(DEADLINE_ID)


def takeover_weekday() -> str:
    """A mistake of 6.1: the weekday of the US closures, one day after Russia's deadline."""
    return _weekday(TAKEOVER_ID)


def order_weekday() -> str:
    """A mistake of 6.1: the weekday of the US order to close the buildings."""
    return _weekday(ORDER_ID)


# --- 6.2 the day Putin announced the cut ---------------------------------------------------------------

def announcement_day() -> pd.Timestamp:
    """Reference solution of 6.2: the day Putin announced the size of the cut."""
    return _event(ANNOUNCEMENT_ID)["date"]


def announcement_day_plus_one() -> pd.Timestamp:
    """A mistake of 6.2: the date many web copies carry, one day late."""
    return announcement_day() + pd.Timedelta(days=1)


def cap_day() -> pd.Timestamp:
    """A mistake of 6.2: the day the Foreign Ministry set the cap, also a staff_cap event."""
    return _event(CAP_ID)["date"]


# --- 6.3 staff cut who were not American, at the least -------------------------------------------------

def _value(measurement_id: str) -> int:
    return int(load_staffing().set_index("measurement_id").loc[measurement_id, "value"])


def local_staff_at_least() -> int:
    """Reference solution of 6.3: 755 minus every American direct-hire post of the last breakdown."""
    return _value("us_2017_putin_cut") - _value("us_2013_oig_direct_hire")


def americans_minus_cut() -> int:
    """A mistake of 6.3: the subtraction the wrong way round (the Americans minus the cut)."""
    return -local_staff_at_least()


def local_staff_2013() -> int:
    """A mistake of 6.3: the locally employed staff of 2013."""
    return _value("us_2013_oig_locally_employed")


def cut_minus_local_staff() -> int:
    """A mistake of 6.3: the cut minus the local staff instead of minus the Americans."""
    return _value("us_2017_putin_cut") - _value("us_2013_oig_locally_employed")


def cut_plus_americans() -> int:
    """A mistake of 6.3: the cut plus the Americans."""
    return _value("us_2017_putin_cut") + _value("us_2013_oig_direct_hire")


def americans_2013() -> int:
    """A mistake of 6.3: the number of Americans (direct hires) of 2013."""
    return _value("us_2013_oig_direct_hire")


# --- 6.4 the facilities whose use ended on 2 September 2017 --------------------------------------------

def _closed_by(event_id: str) -> list[str]:
    facilities = load_facilities()
    return facilities.loc[facilities["closed_by"] == event_id, "facility_id"].astype(str).tolist()


def closed_on_2_september() -> list[str]:
    """Reference solution of 6.4: the facilities whose diplomatic use ended at the US deadline of 2 Sep 2017."""
    return _closed_by(TAKEOVER_ID)


def with_new_york_consulate() -> list[str]:
    """A mistake of 6.4: the right facilities plus the consulate general in New York, which was not closed."""
    return closed_on_2_september() + ["ru_cg_new_york"]


def with_san_francisco_residence() -> list[str]:
    """A mistake of 6.4: the right facilities plus the consul general's residence, taken over a month later."""
    return closed_on_2_september() + ["ru_cg_san_francisco_residence"]


def without_san_francisco_consulate() -> list[str]:
    """A mistake of 6.4: the right facilities but the consulate in San Francisco."""
    return [f for f in closed_on_2_september() if f != "ru_cg_san_francisco"]


def compounds_closed_in_2016() -> list[str]:
    """A mistake of 6.4: the compounds closed in December 2016."""
    return _closed_by(COMPOUNDS_ID)


# --- 6.5 could Russia still use the buildings? ---------------------------------------------------------

def buildings_answer() -> str:
    """Reference solution of 6.5: 'B', after checking that the record says so (event summary, claim c15)."""
    summary = str(_event(NO_USE_ID)["summary"]).lower()
    claims = load_claims().set_index("claim_id")
    if "property" not in summary or str(claims.loc["c15", "verdict"]) != "wrong":
        return "the record no longer supports option B"
    return "B"


# --- 6.6 your verdicts on four claims ------------------------------------------------------------------

def our_verdicts() -> dict[str, str]:
    """Reference solution of 6.6: our verdicts on the claims students classify."""
    claims = load_claims().set_index("claim_id")
    return {c: str(claims.loc[c, "verdict"]) for c in CLASSIFY_IDS}


def verdict_map(answer: Any, expected: dict[str, str]) -> Verdict:
    """The check of 6.6: a dict {claim_id: verdict} that must give the expected verdict for every claim (any case)."""
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, Mapping):
        return Verdict(False, f'Give a dictionary such as {{"c02": "accurate", ...}}; got {describe_value(answer)}.')
    given = {str(k).strip().lower(): v for k, v in answer.items()}
    missing = [c for c in expected if c not in given]
    if missing:
        return Verdict(False, f"Give a verdict for every claim; missing: {', '.join(missing)}.")
    odd = [c for c in expected if not isinstance(given[c], str) or given[c].strip().lower() not in VERDICTS]
    if odd:
        return Verdict(False, f"Use one of {', '.join(VERDICTS)} (as text) for {', '.join(odd)}.")
    differ = [c for c, v in expected.items() if given[c].strip().lower() != v]
    if differ:
        nudges = " ".join(_NUDGES[c] for c in differ if c in _NUDGES)
        return Verdict(False, f"Your verdict differs from ours for {', '.join(differ)}. {nudges}".strip())
    return Verdict(True)


# What to look at again, per claim, when a verdict differs from ours (a question, never the verdict itself).
_NUDGES = {
    "c02": "c02: whose words are 'two annexes, one in New York'? Compare the kind of each closed building "
           "(section 5) with the article's words.",
    "c09a": "c09a: the record gives one day and the article another (section 3). Can a date that is off be right "
            "in part?",
    "c11": "c11: the weekday is right (section 2), but what was the deadline for: diplomats leaving, or the "
           "mission shrinking?",
    "c15": "c15: does the record settle it? Read the US official's words again (section 5): which buildings lost "
           "their use, and which stayed in use?",
}


declare(__name__)
