"""Exercises of notebook 06 (reading the news): checking a news article's claims against the record."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from helpers.data import load_claims, load_events, load_facilities, load_staffing
from helpers.exercises import register
from helpers.exercises.compare import Comparator, Verdict, choice, day, describe, id_set, integer, weekday
from helpers.exercises.notebook_05 import options_markdown

__all__ = ["USE_OPTIONS", "options_markdown", "verdict_map"]

NOTEBOOK = "06-reading-the-news"

DEADLINE_ID = "2017-09-01-us-mission-cap-deadline"
ANNOUNCEMENT_ID = "2017-07-30-putin-announces-755-cut"
TAKEOVER_ID = "2017-09-02-us-takes-over-three-facilities"
NO_USE_ID = "2017-08-31-us-official-says-cut-done"
CLASSIFY_IDS = ["c02", "c09a", "c11", "c15"]
VERDICT_WORDS = ["accurate", "imprecise", "wrong", "unverifiable"]


def _event(event_id: str) -> pd.Series:
    events = load_events()
    return events.set_index(events["event_id"].astype(str)).loc[event_id]


def deadline_weekday() -> str:
    """Reference solution of 6.1: the weekday of Russia's deadline for the US mission."""
    return str(_event(DEADLINE_ID)["date"].day_name())


def announcement_day() -> pd.Timestamp:
    """Reference solution of 6.2: the day Putin announced the size of the cut."""
    return _event(ANNOUNCEMENT_ID)["date"]


def local_staff_at_least() -> int:
    """Reference solution of 6.3: 755 minus every American direct-hire post of the last breakdown."""
    staffing = load_staffing().set_index("measurement_id")
    return int(staffing.loc["us_2017_putin_cut", "value"] - staffing.loc["us_2013_oig_direct_hire", "value"])


def closed_on_2_september() -> list[str]:
    """Reference solution of 6.4: the facilities whose diplomatic use ended at the US deadline of 2 Sep 2017."""
    facilities = load_facilities()
    return facilities.loc[facilities["closed_by"] == TAKEOVER_ID, "facility_id"].astype(str).tolist()


USE_OPTIONS = {
    "A": "Russia could not use the annexes the US allowed it to keep.",
    "B": "The closed consulate and annexes stayed Russian property but could no longer be used for "
         "diplomatic or consular work; the annexes Russia kept stayed in use.",
    "C": "The United States took ownership of the closed buildings.",
    "D": "Russia had to sell the closed buildings by the deadline.",
}


def buildings_answer() -> str:
    """Reference solution of 6.5: 'B', after checking that the record says so (event summary, claim c15)."""
    summary = str(_event(NO_USE_ID)["summary"]).lower()
    claims = load_claims().set_index("claim_id")
    if "property" not in summary or str(claims.loc["c15", "verdict"]) != "wrong":
        raise ValueError("the record no longer supports option B; rewrite exercise 6.5")
    return "B"


def our_verdicts() -> dict[str, str]:
    """Reference solution of 6.6: our verdicts on the claims students classify."""
    claims = load_claims().set_index("claim_id")
    return {c: str(claims.loc[c, "verdict"]) for c in CLASSIFY_IDS}


def verdict_map() -> Comparator:
    """A dict {claim_id: verdict} that must give the expected verdict for every claim (any case)."""

    def compare(answer: Any, expected: dict[str, str]) -> Verdict:
        if not isinstance(answer, Mapping):
            return Verdict(False, 'Give a dictionary such as {"c02": "accurate", ...}; got '
                                  f"{describe(answer)}.")
        try:
            given = {str(k).strip().lower(): v for k, v in answer.items()}
        except Exception:
            return Verdict(False, "The dictionary could not be read: use claim ids as keys.")
        missing = [c for c in expected if c not in given]
        if missing:
            return Verdict(False, f"Give a verdict for every claim; missing: {', '.join(missing)}.")
        odd = [c for c in expected if not isinstance(given[c], str)
               or given[c].strip().lower() not in VERDICT_WORDS]
        if odd:
            return Verdict(False, f"Use one of {', '.join(VERDICT_WORDS)} (as text) for {', '.join(odd)}.")
        differ = [c for c, v in expected.items() if given[c].strip().lower() != v]
        if differ:
            return Verdict(False, f"Your verdict differs from ours for {', '.join(differ)}: read the record "
                                  "for those claims again.")
        return Verdict(True)

    return compare


def announcement_date() -> Comparator:
    """A day comparator that explains the most common wrong answer: the next day, the date of web copies."""
    plain = day()

    def compare(answer: Any, expected: pd.Timestamp) -> Verdict:
        verdict = plain(answer, expected)
        if verdict.ok:
            return verdict
        try:
            later = plain(answer, pd.Timestamp(expected) + pd.Timedelta(days=1)).ok
        except Exception:
            later = False
        if later:
            return Verdict(False, "That is the date many web copies carry, one day late: look at the event "
                                  "itself, not at the news about it.")
        return verdict

    return compare


register(
    "6.1",
    notebook=NOTEBOOK,
    question="On which day of the week did Russia's deadline for the US mission fall?",
    expected=deadline_weekday,
    compare=weekday(),
    hint="Find the row whose event_id is '2017-09-01-us-mission-cap-deadline', take its date "
         "(.iloc[0]) and call .day_name() on it.",
)

register(
    "6.2",
    notebook=NOTEBOOK,
    question="On which day did Putin announce the size of the cut, according to the record?",
    expected=announcement_day,
    compare=announcement_date(),
    hint="The event_id of Putin's announcement starts with its date; or filter events for it and read "
         "its 'date'. Give the date as text like \"2017-07-15\" or as a Timestamp.",
)

register(
    "6.3",
    notebook=NOTEBOOK,
    question="Even if every American direct-hire post of the last published breakdown had been cut, how "
             "many of the people cut would still have been other (mostly local) staff?",
    expected=local_staff_at_least,
    compare=integer(),
    hint="Subtract the value of 'us_2013_oig_direct_hire' from the value of 'us_2017_putin_cut' "
         "(staffing.set_index('measurement_id').loc[..., 'value']).",
)

register(
    "6.4",
    notebook=NOTEBOOK,
    question="Which facilities lost their diplomatic use at the US deadline of 2 September 2017? Give their "
             "facility_ids.",
    expected=closed_on_2_september,
    compare=id_set(),
    hint="Keep the rows of `facilities` whose closed_by is '2017-09-02-us-takes-over-three-facilities' and "
         "take their facility_id column, as a list: list(...) or .tolist().",
)

register(
    "6.5",
    notebook=NOTEBOOK,
    question="Could Russia still use the buildings? Which statement matches the record?",
    expected=buildings_answer,
    compare=choice(USE_OPTIONS),
    hint="Read the summary of the event '2017-08-31-us-official-says-cut-done': which buildings does it "
         "talk about?",
)

register(
    "6.6",
    notebook=NOTEBOOK,
    question="Give your verdict (accurate, imprecise, wrong or unverifiable) on claims c02, c09a, c11 and c15.",
    expected=our_verdicts,
    compare=verdict_map(),
    hint="Use what you found in sections 2 to 5. Imprecise = right in part but misleading; wrong = the "
         "record says otherwise. c02 is about what the US government itself called the buildings.",
)
