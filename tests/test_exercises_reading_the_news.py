"""Notebook 06's exercises, answered as a class would: right in several forms, and with the typical mistakes.

Every right form must be accepted; every typical mistake must be refused with its own sentence (a fragment
of it is given), never the general line. Values come from the data, as the exercises' own do.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from class_answers import answered_as_a_class

from helpers.data import load_claims, load_events, load_facilities, load_staffing
from helpers.exercises import check, get_exercise, student_mode


@pytest.fixture(autouse=True)
def _student():
    student_mode()


def record() -> pd.DataFrame:
    return load_events().set_index("event_id")


def day(event_id: str) -> pd.Timestamp:
    return record().loc[event_id, "date"]


def v(measurement_id: str) -> int:
    return int(load_staffing().set_index("measurement_id").loc[measurement_id, "value"])


def russian() -> pd.DataFrame:
    f = load_facilities()
    return f[(f["owner"] == "RUS") & (f["host"] == "USA")]


def closed_ids() -> list[str]:
    r = russian()
    return r.loc[r["closed_by"] == "2017-09-02-us-takes-over-three-facilities", "facility_id"].tolist()


def ours() -> dict[str, str]:
    claims = load_claims().set_index("claim_id")
    return {c: str(claims.loc[c, "verdict"]) for c in ["c02", "c09a", "c11", "c15"]}


def changed(**verdicts: str) -> dict[str, str]:
    return {**ours(), **verdicts}


DEADLINE = "2017-09-01-us-mission-cap-deadline"
PUTIN = "2017-07-30-putin-announces-755-cut"

RIGHT = [
    ("6.1", lambda: day(DEADLINE).day_name()),
    ("6.1", lambda: "friday"), ("6.1", lambda: "Fri"),
    ("6.1", lambda: load_events().loc[load_events()["event_id"] == DEADLINE, "date"].dt.day_name()),  # a Series
    ("6.2", lambda: day(PUTIN)),
    ("6.2", lambda: f"{day(PUTIN):%Y-%m-%d}"), ("6.2", lambda: str(day(PUTIN))),  # text, with a time
    ("6.2", lambda: f"{day(PUTIN):%d %B %Y}"), ("6.2", lambda: day(PUTIN).date()),
    ("6.2", lambda: f"{day(PUTIN):%m/%d/%Y}"),  # unambiguous: the day is no month
    ("6.2", lambda: load_events().loc[(load_events()["category"] == "staff_cap")
                                      & (load_events()["actor_body"] == "President Putin"), "date"]),
    ("6.3", lambda: v("us_2017_putin_cut") - v("us_2013_oig_direct_hire")),
    ("6.3", lambda: np.int64(v("us_2017_putin_cut") - v("us_2013_oig_direct_hire"))),
    ("6.3", lambda: float(v("us_2017_putin_cut") - v("us_2013_oig_direct_hire"))),
    ("6.4", lambda: closed_ids()),
    ("6.4", lambda: list(reversed(closed_ids()))),
    ("6.4", lambda: set(closed_ids())),
    ("6.4", lambda: russian().loc[russian()["closed_by"] == "2017-09-02-us-takes-over-three-facilities",
                                  "facility_id"]),  # a Series
    ("6.4", lambda: russian()[russian()["closed_by"] == "2017-09-02-us-takes-over-three-facilities"]),  # the rows
    ("6.5", lambda: "B"), ("6.5", lambda: "b"),
    ("6.6", lambda: ours()),
    ("6.6", lambda: {k.upper(): val.capitalize() for k, val in ours().items()}),
    ("6.6", lambda: pd.Series(ours())),
    ("6.6", lambda: {**ours(), "c01": "accurate"}),  # an extra claim does no harm
]

WRONG = [
    ("6.1", lambda: day("2017-09-02-us-takes-over-three-facilities").day_name(), "weekday of the US closures"),
    ("6.1", lambda: day("2017-08-31-us-orders-three-closures").day_name(), "the US order to close"),
    ("6.1", lambda: day(DEADLINE), "That is a date"),
    ("6.1", lambda: day(DEADLINE).day_of_week, "weekday's number"),
    ("6.2", lambda: day(PUTIN) + pd.Timedelta(days=1), "web copies"),
    ("6.2", lambda: day("2017-07-28-russia-caps-us-mission-455"), "Foreign Ministry set the cap"),
    ("6.2", lambda: day(PUTIN) - pd.Timedelta(days=1), "One day early"),
    ("6.3", lambda: v("us_2013_oig_direct_hire") - v("us_2017_putin_cut"), "sign is the wrong way round"),
    ("6.3", lambda: v("us_2013_oig_locally_employed"), "locally employed staff of 2013"),
    ("6.3", lambda: v("us_2017_putin_cut") - v("us_2013_oig_locally_employed"), "You subtracted the local staff"),
    ("6.3", lambda: v("us_2017_putin_cut") + v("us_2013_oig_direct_hire"), "You added"),
    ("6.3", lambda: v("us_2013_oig_direct_hire"), "That is the number of Americans"),
    ("6.4", lambda: closed_ids() + ["ru_cg_new_york"], "consulate general in New York was not closed"),
    ("6.4", lambda: closed_ids() + ["ru_cg_san_francisco_residence"], "a month later"),
    ("6.4", lambda: [f for f in closed_ids() if f != "ru_cg_san_francisco"], "San Francisco lost its use"),
    ("6.4", lambda: ["pioneer_point", "norwich_house"], "compounds closed in December 2016"),
    ("6.4", lambda: "ru_cg_san_francisco, ru_trade_rep_new_york", "one piece of text"),
    ("6.4", lambda: ["Consulate General of Russia in San Francisco"], "look like names"),
    ("6.5", lambda: "A", "stayed in use"),
    ("6.5", lambda: "C", "Ownership did not change"),
    ("6.5", lambda: "D", "sell"),
    ("6.6", lambda: changed(c02="imprecise"), "whose words"),
    ("6.6", lambda: changed(c09a="imprecise"), "Can a date that is off"),
    ("6.6", lambda: changed(c11="accurate"), "what was the deadline for"),
    ("6.6", lambda: changed(c15="unverifiable"), "does the record settle it"),
    ("6.6", lambda: {"c02": "accurate"}, "missing: c09a"),
    ("6.6", lambda: changed(c09a="false"), "Use one of"),
    ("6.6", lambda: ["accurate", "wrong", "imprecise", "wrong"], "Give a dictionary"),
]


test_right_answers_in_every_reasonable_form_are_accepted, test_typical_mistakes_get_their_own_sentence = \
    answered_as_a_class(RIGHT, WRONG)


def test_every_declared_mistake_is_answered_in_the_wrong_list():
    """A mistake declared but never tried is a sentence no test has read: each needs a row in WRONG."""
    for exercise_id in {e for e, _ in RIGHT} | {e for e, _, _ in WRONG}:
        tried = [fragment for e, _, fragment in WRONG if e == exercise_id]
        for mistake in get_exercise(exercise_id).mistakes:
            assert any(f in mistake.message for f in tried), f"{exercise_id}: no WRONG row for {mistake.message!r}"


def test_verdict_feedback_never_gives_the_verdict_away(capsys):
    """The nudge for a claim asks where to look; it never names our verdict for that claim."""
    for claim, verdict in ours().items():
        wrong = next(w for w in ("accurate", "imprecise", "wrong", "unverifiable") if w != verdict)
        result = check("6.6", changed(**{claim: wrong}))
        nudge = result.message.split(f"{claim}:", 1)[1]
        assert verdict not in nudge.lower().replace("wrong way", ""), result.message
