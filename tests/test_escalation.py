"""Analysis functions of notebook 05 (helpers.escalation): answers, lags, chains, pauses, Goldstein series."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers import escalation as esc
from helpers import load_events, load_staffing

ACTORS = ["USA", "RUS", "UKR", "GBR", "EU"]


def toy_events() -> pd.DataFrame:
    """A tiny dispute: a sanction, an answer, an answer to the answer, a domestic follow-up, a late act."""
    rows = [
        # event_id, date, actor, target, category, responds_to, cameo, goldstein, note
        ("a", "2017-01-01", "USA", "RUS", "sanctions", None, "163", -8.0, None),
        ("b", "2017-01-03", "RUS", "USA", "expulsion", "a", "161", -4.0, None),
        ("c", "2017-01-10", "USA", "RUS", "protest", "b", "114", -2.0, None),
        ("d", "2017-01-10", "USA", "RUS", "closure", None, None, None,
         "Implementation. Not CAMEO-coded: implementation of an act already coded."),
        ("e", "2017-03-15", "USA", None, "personnel", "a", None, None, None),
        ("f", "2017-04-01", "RUS", "USA", "diplomacy", None, "041", 1.0, None),
    ]
    frame = pd.DataFrame(rows, columns=["event_id", "date", "actor", "target", "category", "responds_to",
                                        "cameo_code", "goldstein", "note"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["actor"] = pd.Categorical(frame["actor"], categories=ACTORS)
    frame["target"] = pd.Categorical(frame["target"], categories=ACTORS)
    frame["responds_to"] = frame["responds_to"].astype("string")
    frame["cameo_code"] = frame["cameo_code"].astype("string")
    frame["goldstein"] = frame["goldstein"].astype("Float64")
    frame["summary"] = [f"event {e}" for e in frame["event_id"]]
    frame["actor_body"] = "someone"
    return frame


def test_answer_pairs_measures_lags_and_sides():
    events = toy_events()
    before = events.copy()
    pairs = esc.answer_pairs(events)
    pd.testing.assert_frame_equal(events, before)
    assert list(pairs["answer_id"]) == ["b", "c", "e"]
    assert list(pairs["answered_id"]) == ["a", "b", "a"]
    assert list(pairs["lag_days"]) == [2, 7, 73]
    assert list(pairs["across"]) == [True, True, False]  # e: the US answering its own act


def test_answer_pairs_skips_links_to_events_not_in_the_frame():
    events = toy_events()
    pairs = esc.answer_pairs(events[events["event_id"] != "a"])
    assert list(pairs["answer_id"]) == ["c"]


def test_lag_summary_counts_only_answers_to_the_other_side():
    lags = esc.lag_summary(esc.answer_pairs(toy_events())).set_index("actor")
    assert lags.loc["RUS", "answers"] == 1 and lags.loc["RUS", "median_days"] == 2
    assert lags.loc["USA", "answers"] == 1 and lags.loc["USA", "median_days"] == 7  # e is not across
    empty = esc.lag_summary(esc.answer_pairs(toy_events().iloc[[0]]))
    assert (empty["answers"] == 0).all() and empty["median_days"].isna().all()


def test_chains_follow_answers_back_to_the_first_act():
    events = toy_events()
    assert esc.chain_of(events, "c") == ["a", "b", "c"]
    assert esc.chain_of(events, "a") == ["a"]
    assert esc.chain_of(events, "unknown") == []
    table = esc.chain_table(events)
    assert set(table["event_id"]) == {"a", "b", "c", "e"}  # d and f answer nothing and are not answered
    assert set(table["chain"]) == {"a"}
    assert dict(zip(table["event_id"], table["step"], strict=True)) == {"a": 0, "b": 1, "c": 2, "e": 1}


def test_chain_of_survives_a_loop():
    events = toy_events()
    events.loc[events["event_id"] == "a", "responds_to"] = "c"
    assert sorted(esc.chain_of(events, "c")) == ["a", "b", "c"]


def test_pauses_are_gaps_between_consecutive_events_longest_first():
    gaps = esc.pauses(toy_events())
    assert len(gaps) == 5
    assert gaps.iloc[0]["before_id"] == "d" and gaps.iloc[0]["after_id"] == "e" and gaps.iloc[0]["days"] == 64
    assert (gaps["days"].diff().dropna() <= 0).all()


def test_dyad_keeps_acts_between_the_two_sides_only():
    assert list(esc.dyad_events(toy_events())["event_id"]) == ["a", "b", "c", "d", "f"]


def test_goldstein_coverage_counts_coded_and_blank_events():
    cov = esc.goldstein_coverage(toy_events()).set_index("actor")
    assert cov.loc["USA", "events"] == 4 and cov.loc["USA", "coded"] == 2 and cov.loc["USA", "uncoded"] == 2
    assert cov.loc["RUS", "share_coded"] == 1.0


def test_uncoded_events_give_the_reason_from_the_note():
    blank = esc.uncoded_events(toy_events())
    assert list(blank["event_id"]) == ["d", "e"]
    assert blank.iloc[0]["reason"] == "implementation of an act already coded"
    assert blank.iloc[1]["reason"] == ""
    assert esc.uncoded_reason(None) == "" and esc.uncoded_reason(float("nan")) == ""


def test_goldstein_cumulative_adds_up_per_actor_and_skips_blanks():
    cum = esc.goldstein_cumulative(toy_events())
    assert list(cum["event_id"]) == ["a", "b", "c", "f"]
    us = cum[cum["actor"] == "USA"]["cumulative"].tolist()
    ru = cum[cum["actor"] == "RUS"]["cumulative"].tolist()
    assert us == [-8.0, -10.0] and ru == [-4.0, -3.0]


def test_goldstein_monthly_fills_every_month_of_the_span():
    monthly = esc.goldstein_monthly(toy_events())
    assert len(monthly) == 4 * 2  # Jan-Apr 2017, two actors
    jan = monthly[monthly["month"] == pd.Timestamp("2017-01-01")].set_index("actor")
    assert jan.loc["USA", "goldstein"] == -10.0 and jan.loc["USA", "coded_events"] == 2
    feb = monthly[monthly["month"] == pd.Timestamp("2017-02-01")]
    assert (feb["goldstein"] == 0).all()
    assert esc.goldstein_monthly(toy_events().iloc[[3]]).empty  # nothing coded


def test_cameo_names_and_day_text():
    assert esc.cameo_name("161") == "Reduce or break diplomatic relations"
    assert esc.cameo_name("999") == "CAMEO code 999"
    assert esc.cameo_name(pd.NA) == "" and esc.cameo_name(None) == ""
    assert esc.day_text(pd.Timestamp("2017-07-30")) == "30 Jul 2017"
    assert esc.day_text("2017-09-01", weekday=True) == "Friday 1 Sep 2017"


def test_every_cameo_code_in_the_data_has_a_name():
    codes = set(load_events()["cameo_code"].dropna().astype(str))
    assert codes <= set(esc.CAMEO_NAMES), codes - set(esc.CAMEO_NAMES)


def test_goldstein_is_blank_exactly_when_cameo_code_is():
    events = load_events()
    assert (events["goldstein"].isna() == events["cameo_code"].isna()).all()


def test_parity_table_from_the_real_staffing_data():
    staffing = load_staffing()
    table = esc.parity_table(staffing)
    by_side = table.groupby("side", sort=False)["value"].sum()
    values = staffing.set_index("measurement_id")["value"]
    assert by_side.iloc[0] == values["us_2013_oig_total"]  # parts add up to the published total
    assert by_side.iloc[1] == values["us_2017_mfa_cap"]
    assert by_side.iloc[2] == values["ru_2017_mfa_total"]
    with pytest.raises(KeyError, match="us_2017_mfa_cap"):
        esc.parity_table(staffing[staffing["measurement_id"] != "us_2017_mfa_cap"])


def test_real_data_answers_are_never_earlier_than_what_they_answer():
    pairs = esc.answer_pairs(load_events())
    assert len(pairs) and (pairs["lag_days"] >= 0).all()
    assert not math.isnan(esc.lag_summary(pairs)["median_days"].sum())
