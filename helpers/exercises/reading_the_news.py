"""Exercises of notebook 06 (reading the news): checking a news article's claims against the record."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from helpers.analysis.reading_the_news import VERDICTS
from helpers.data import load_claims, load_events, load_facilities, load_staffing
from helpers.errors import describe_value
from helpers.exercises import (
    Mistake,
    Option,
    Verdict,
    register_choice,
    register_count,
    register_custom,
    register_day,
    register_ids,
    register_weekday,
)
from helpers.exercises.closures import facility_names

NOTEBOOK = "06-reading-the-news"

DEADLINE_ID = "2017-09-01-us-mission-cap-deadline"
ANNOUNCEMENT_ID = "2017-07-30-putin-announces-755-cut"
TAKEOVER_ID = "2017-09-02-us-takes-over-three-facilities"
NO_USE_ID = "2017-08-31-us-official-says-cut-done"
ORDER_ID = "2017-08-31-us-orders-three-closures"
CAP_ID = "2017-07-28-russia-caps-us-mission-455"
CLASSIFY_IDS = ["c02", "c09a", "c11", "c15"]


def _event(event_id: str) -> pd.Series:
    events = load_events()
    return events.set_index(events["event_id"].astype(str)).loc[event_id]


def deadline_weekday() -> str:
    """Reference solution of 6.1: the weekday of Russia's deadline for the US mission."""
    return str(_event(DEADLINE_ID)["date"].day_name())


register_weekday(
    "6.1",
    notebook=NOTEBOOK,
    title="The day of the week of Russia's deadline",
    answer_name="deadline_weekday",
    uses=("events",),
    expected=deadline_weekday,
    hints=("Find the deadline's row by its event_id, '2017-09-01-us-mission-cap-deadline', and read its date.",
           "A date knows its weekday: .day_name() (for a column of dates: .dt.day_name())."),
    mistakes=(
        Mistake("That is the weekday of the US closures, one day after Russia's deadline. The question is about "
                "Russia's deadline for the US mission.",
                value=lambda: str(_event(TAKEOVER_ID)["date"].day_name())),
        Mistake("That is the weekday of the US order to close the buildings. The question is about Russia's "
                "deadline: the event 2017-09-01-us-mission-cap-deadline.",
                value=lambda: str(_event(ORDER_ID)["date"].day_name())),
    ),
)


def announcement_day() -> pd.Timestamp:
    """Reference solution of 6.2: the day Putin announced the size of the cut."""
    return _event(ANNOUNCEMENT_ID)["date"]


register_day(
    "6.2",
    notebook=NOTEBOOK,
    title="The day Putin announced the size of the cut",
    answer_name="announcement_day",
    uses=("events",),
    expected=announcement_day,
    hints=("Two conditions pick Putin's row: category is 'staff_cap' and actor_body is 'President Putin'. "
           "Combine them with &.",
           "Take the date column of the row you kept; .iloc[0] gives its one value. A date, or text like "
           "\"2017-07-15\", is fine."),
    mistakes=(
        Mistake("That is the date many web copies carry, one day late: take the date of the event itself, not of "
                "the news about it.", value=lambda: announcement_day() + pd.Timedelta(days=1)),
        Mistake("That is the day the Foreign Ministry set the cap, also a staff_cap event. Keep the row whose "
                "actor_body is \"President Putin\" too.", value=lambda: _event(CAP_ID)["date"]),
    ),
)


def _value(measurement_id: str) -> int:
    return int(load_staffing().set_index("measurement_id").loc[measurement_id, "value"])


def local_staff_at_least() -> int:
    """Reference solution of 6.3: 755 minus every American direct-hire post of the last breakdown."""
    return _value("us_2017_putin_cut") - _value("us_2013_oig_direct_hire")


register_count(
    "6.3",
    notebook=NOTEBOOK,
    title="Staff cut who were not American, at the least",
    answer_name="other_staff_at_least",
    uses=("staffing",),
    expected=local_staff_at_least,
    hints=("Suppose every American post of the last breakdown was cut: the rest of the cut were other staff.",
           "Subtract the value of row us_2013_oig_direct_hire from the value of row us_2017_putin_cut."),
    mistakes=(
        Mistake("The sign is the wrong way round: subtract the Americans from the cut.",
                value=lambda: -local_staff_at_least()),
        Mistake("That is the locally employed staff of 2013, not the part of the cut that had to be other staff.",
                value=lambda: _value("us_2013_oig_locally_employed")),
        Mistake("You subtracted the local staff. Subtract the Americans (row us_2013_oig_direct_hire) from the cut.",
                value=lambda: _value("us_2017_putin_cut") - _value("us_2013_oig_locally_employed")),
        Mistake("You added the two numbers. If every American was among those cut, the rest of the cut is the cut "
                "minus the Americans.", value=lambda: _value("us_2017_putin_cut") + _value("us_2013_oig_direct_hire")),
        Mistake("That is the number of Americans. The question asks how many of the people cut were not "
                "Americans: the cut minus the Americans.", value=lambda: _value("us_2013_oig_direct_hire")),
    ),
)


def closed_on_2_september() -> list[str]:
    """Reference solution of 6.4: the facilities whose diplomatic use ended at the US deadline of 2 Sep 2017."""
    facilities = load_facilities()
    return facilities.loc[facilities["closed_by"] == TAKEOVER_ID, "facility_id"].astype(str).tolist()


def _compounds() -> list[str]:
    facilities = load_facilities()
    return facilities.loc[facilities["closed_by"] == "2016-12-30-compounds-vacated", "facility_id"].astype(str).tolist()


register_ids(
    "6.4",
    notebook=NOTEBOOK,
    title="The facilities whose use ended on 2 September 2017",
    answer_name="closed_on_deadline",
    uses=("facilities",),
    column="facility_id",
    names=facility_names,
    expected=closed_on_2_september,
    hints=("A facility's closed_by column names the event that ended its use.",
           "Keep the rows whose closed_by is '2017-09-02-us-takes-over-three-facilities' and take their "
           "facility_id column as a list."),
    mistakes=(
        Mistake("The consulate general in New York was not closed: its closed_by is empty. The New York building "
                "that closed was the trade representation's office.",
                value=lambda: closed_on_2_september() + ["ru_cg_new_york"]),
        Mistake("The consul general's residence in San Francisco was taken over a month later: its closed_by is "
                "another event.", value=lambda: closed_on_2_september() + ["ru_cg_san_francisco_residence"]),
        Mistake("The consulate in San Francisco lost its use that day too, with the two annexes: keep every row "
                "whose closed_by is that event.",
                value=lambda: [f for f in closed_on_2_september() if f != "ru_cg_san_francisco"]),
        Mistake("Those are the compounds closed in December 2016. The question is about the buildings whose "
                "closed_by is the takeover at the US deadline.", value=_compounds),
    ),
)


def buildings_answer() -> str:
    """Reference solution of 6.5: 'B', after checking that the record says so (event summary, claim c15)."""
    summary = str(_event(NO_USE_ID)["summary"]).lower()
    claims = load_claims().set_index("claim_id")
    if "property" not in summary or str(claims.loc["c15", "verdict"]) != "wrong":
        return "the record no longer supports option B"
    return "B"


register_choice(
    "6.5",
    notebook=NOTEBOOK,
    title="Could Russia still use the buildings?",
    answer_name="use_answer",
    options={
        "A": Option("Russia could not use the annexes the US allowed it to keep.",
                    "the buildings Russia kept stayed in use; only the closed ones lost their diplomatic use."),
        "B": Option("The closed consulate and annexes stayed Russian property but could no longer be used for "
                    "diplomatic or consular work; the annexes Russia kept stayed in use.",
                    "the summary of the US official's statement says the buildings stayed Russian property but "
                    "lost their diplomatic use."),
        "C": Option("The United States took ownership of the closed buildings.",
                    "ownership did not change: the buildings stayed Russian property."),
        "D": Option("Russia had to sell the closed buildings by the deadline.",
                    "nothing in the record asks Russia to sell anything."),
    },
    answer=buildings_answer,
    hints=("Read the summary of the event '2017-08-31-us-official-says-cut-done'.",
           "Which buildings does it talk about, and does it speak of property or of use?"),
)


def our_verdicts() -> dict[str, str]:
    """Reference solution of 6.6: our verdicts on the claims students classify."""
    claims = load_claims().set_index("claim_id")
    return {c: str(claims.loc[c, "verdict"]) for c in CLASSIFY_IDS}


def _verdict_map(answer: Any, expected: dict[str, str]) -> Verdict:
    """A dict {claim_id: verdict} that must give the expected verdict for every claim (any case)."""
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


register_custom(
    "6.6",
    notebook=NOTEBOOK,
    title="Your verdicts on four claims",
    answer_name="my_verdicts",
    expected=our_verdicts,
    compare=_verdict_map,
    hints=("Imprecise = right in part but misleading; wrong = the record says otherwise; unverifiable = the "
           "record cannot settle it. Decide each claim with what you found in its section.",
           "Use what you found in sections 2 to 5. c02 is about what the US government itself called the "
           "buildings."),
)
