"""Notebook 05 (tit for tat): its analysis, charts and explorer."""

from __future__ import annotations

import math

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
import pytest

from helpers import load_events, load_staffing
from helpers.analysis.expulsions import parity_table
from helpers.analysis.links import answer_links
from helpers.analysis.tit_for_tat import (
    CAMEO_NAMES,
    PERIODS,
    RULES,
    cameo_name,
    chain_of,
    chain_table,
    dyad_events,
    goldstein_coverage,
    goldstein_cumulative,
    goldstein_curves,
    goldstein_monthly,
    goldstein_rows,
    goldstein_totals,
    lag_summary,
    measure_events,
    mission_losses,
    pauses,
    select_chains,
    uncoded_events,
    uncoded_reason,
)
from helpers.charts.tit_for_tat import (
    chain_bursts,
    chain_figure,
    escalation_figure,
    lag_figure,
    parity_figure,
    rules_figure,
)
from helpers.vocabulary import ALL, day_text
from helpers.widgets.tit_for_tat import DEFAULT_PERIOD, chain_explorer, chain_view

# --- from test_escalation.py ------------------------------------------------------------------------

ACTORS = ["USA", "RUS", "UKR", "GBR", "EU"]


def toy_events() -> pd.DataFrame:
    """A tiny dispute: a sanction, an answer, an answer to the answer, a domestic follow-up, a late act."""
    rows = [
        # event_id, date, actor, target, category, responds_to, cameo, goldstein, decision_id, authority_only, note
        ("a", "2017-01-01", "USA", "RUS", "sanctions", None, "163", -8.0, "a", "yes", None),
        ("b", "2017-01-03", "RUS", "USA", "expulsion", "a", "161", -4.0, "b", None, None),
        ("c", "2017-01-10", "USA", "RUS", "protest", "b", "114", -2.0, "c", None, None),
        ("d", "2017-01-10", "USA", "RUS", "closure", None, None, None, None, None,
         "Implementation. Not CAMEO-coded: implementation of an act already coded."),
        ("e", "2017-03-15", "USA", None, "personnel", "a", None, None, None, None, None),
        ("f", "2017-04-01", "RUS", "USA", "diplomacy", None, "041", 1.0, "f", None, None),
    ]
    frame = pd.DataFrame(rows, columns=["event_id", "date", "actor", "target", "category", "responds_to",
                                        "cameo_code", "goldstein", "decision_id", "authority_only", "note"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["actor"] = pd.Categorical(frame["actor"], categories=ACTORS)
    frame["target"] = pd.Categorical(frame["target"], categories=ACTORS)
    frame["responds_to"] = frame["responds_to"].astype("string")
    frame["cameo_code"] = frame["cameo_code"].astype("string")
    frame["goldstein"] = frame["goldstein"].astype("Float64")
    frame["decision_id"] = frame["decision_id"].astype("string")
    frame["authority_only"] = pd.Categorical(frame["authority_only"], categories=["yes"])
    frame["summary"] = [f"event {e}" for e in frame["event_id"]]
    frame["actor_body"] = "someone"
    return frame


def toy_decisions() -> pd.DataFrame:
    """The toy dispute plus a decision taken in two public steps: a vote (g), then the signature (h)."""
    events = toy_events()
    steps = events.iloc[[0, 0]].copy()
    steps["event_id"] = ["g", "h"]
    steps["date"] = pd.to_datetime(["2017-04-10", "2017-04-12"])
    steps["category"] = pd.Series(["legislation", "sanctions"], index=steps.index)
    steps["cameo_code"] = pd.array(["1312", "163"], dtype="string")
    steps["goldstein"] = pd.array([-5.8, -8.0], dtype="Float64")
    steps["decision_id"] = pd.array(["h", "h"], dtype="string")
    steps["authority_only"] = pd.Categorical([None, None], categories=["yes"])
    steps["summary"] = ["vote", "signature"]
    return pd.concat([events, steps], ignore_index=True)


def test_answer_pairs_measures_lags_and_sides():
    events = toy_events()
    before = events.copy()
    pairs = answer_links(events)
    pd.testing.assert_frame_equal(events, before)
    assert list(pairs["answer_id"]) == ["b", "c", "e"]
    assert list(pairs["answered_id"]) == ["a", "b", "a"]
    assert list(pairs["lag_days"]) == [2, 7, 73]
    assert list(pairs["across"]) == [True, True, False]  # e: the US answering its own act


def test_answer_pairs_skips_links_to_events_not_in_the_frame():
    events = toy_events()
    pairs = answer_links(events[events["event_id"] != "a"])
    assert list(pairs["answer_id"]) == ["c"]


def test_lag_summary_counts_only_answers_to_the_other_side():
    lags = lag_summary(answer_links(toy_events())).set_index("actor")
    assert lags.loc["RUS", "answers"] == 1 and lags.loc["RUS", "median_days"] == 2
    assert lags.loc["USA", "answers"] == 1 and lags.loc["USA", "median_days"] == 7  # e is not across
    empty = lag_summary(answer_links(toy_events().iloc[[0]]))
    assert (empty["answers"] == 0).all() and empty["median_days"].isna().all()


def test_chains_follow_answers_back_to_the_first_act():
    events = toy_events()
    assert chain_of(events, "c") == ["a", "b", "c"]
    assert chain_of(events, "a") == ["a"]
    assert chain_of(events, "unknown") == []
    table = chain_table(events)
    assert set(table["event_id"]) == {"a", "b", "c", "e"}  # d and f answer nothing and are not answered
    assert set(table["chain"]) == {"a"}
    assert dict(zip(table["event_id"], table["step"], strict=True)) == {"a": 0, "b": 1, "c": 2, "e": 1}


def test_chain_of_survives_a_loop():
    events = toy_events()
    events.loc[events["event_id"] == "a", "responds_to"] = "c"
    assert sorted(chain_of(events, "c")) == ["a", "b", "c"]


def test_pauses_are_gaps_between_consecutive_events_longest_first():
    gaps = pauses(toy_events())
    assert len(gaps) == 5
    assert gaps.iloc[0]["before_id"] == "d" and gaps.iloc[0]["after_id"] == "e" and gaps.iloc[0]["days"] == 64
    assert (gaps["days"].diff().dropna() <= 0).all()


def test_dyad_keeps_acts_between_the_two_sides_only():
    assert list(dyad_events(toy_events())["event_id"]) == ["a", "b", "c", "d", "f"]


def test_goldstein_coverage_counts_coded_and_blank_events():
    cov = goldstein_coverage(toy_events()).set_index("actor")
    assert cov.loc["USA", "events"] == 4 and cov.loc["USA", "coded"] == 2 and cov.loc["USA", "uncoded"] == 2
    assert cov.loc["RUS", "share_coded"] == 1.0


def test_uncoded_events_give_the_reason_from_the_note():
    blank = uncoded_events(toy_events())
    assert list(blank["event_id"]) == ["d", "e"]
    assert blank.iloc[0]["reason"] == "implementation of an act already coded"
    assert blank.iloc[1]["reason"] == ""
    assert uncoded_reason(None) == "" and uncoded_reason(float("nan")) == ""


def test_goldstein_cumulative_adds_up_per_actor_and_skips_blanks():
    cum = goldstein_cumulative(toy_events())
    assert list(cum["event_id"]) == ["a", "b", "c", "f"]
    us = cum[cum["actor"] == "USA"]["cumulative"].tolist()
    ru = cum[cum["actor"] == "RUS"]["cumulative"].tolist()
    assert us == [-8.0, -10.0] and ru == [-4.0, -3.0]


def test_goldstein_monthly_fills_every_month_of_the_span():
    monthly = goldstein_monthly(toy_events())
    assert len(monthly) == 4 * 2  # Jan-Apr 2017, two actors
    jan = monthly[monthly["month"] == pd.Timestamp("2017-01-01")].set_index("actor")
    assert jan.loc["USA", "goldstein"] == -10.0 and jan.loc["USA", "coded_events"] == 2
    feb = monthly[monthly["month"] == pd.Timestamp("2017-02-01")]
    assert (feb["goldstein"] == 0).all()
    assert goldstein_monthly(toy_events().iloc[[3]]).empty  # nothing coded


def test_cameo_names_and_day_text():
    assert cameo_name("161") == "Reduce or break diplomatic relations"
    assert cameo_name("999") == "CAMEO code 999"
    assert cameo_name(pd.NA) == "" and cameo_name(None) == ""
    assert day_text(pd.Timestamp("2017-07-30")) == "30 Jul 2017"
    assert day_text("2017-09-01", weekday=True) == "Friday 1 Sep 2017"


def test_every_cameo_code_in_the_data_has_a_name():
    codes = set(load_events()["cameo_code"].dropna().astype(str))
    assert codes <= set(CAMEO_NAMES), codes - set(CAMEO_NAMES)


def test_goldstein_is_blank_exactly_when_cameo_code_is():
    events = load_events()
    assert (events["goldstein"].isna() == events["cameo_code"].isna()).all()


def test_parity_table_from_the_real_staffing_data():
    staffing = load_staffing()
    table = parity_table(staffing)
    by_side = table.groupby("side", sort=False)["value"].sum()
    values = staffing.set_index("measurement_id")["value"]
    assert by_side.iloc[0] == values["us_2013_oig_total"]  # parts add up to the published total
    assert by_side.iloc[1] == values["us_2017_mfa_cap"]
    assert by_side.iloc[2] == values["ru_2017_mfa_total"]
    with pytest.raises(KeyError, match="us_2017_mfa_cap"):
        parity_table(staffing[staffing["measurement_id"] != "us_2017_mfa_cap"])


def test_real_data_answers_are_never_earlier_than_what_they_answer():
    pairs = answer_links(load_events())
    assert len(pairs) and (pairs["lag_days"] >= 0).all()
    assert not math.isnan(lag_summary(pairs)["median_days"].sum())


# --- from test_charts_escalation.py -----------------------------------------------------------------

def test_chain_figure_draws_every_event_and_one_arrow_per_answer():
    events = toy_events()
    before = events.copy()
    fig = chain_figure(events)
    pd.testing.assert_frame_equal(events, before)
    assert isinstance(fig, go.Figure)
    assert sum(len(t.x) for t in fig.data) == len(events)
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    assert len(arrows) == len(answer_links(events))
    assert {t.name for t in fig.data} == {"United States", "Russia"}


def test_chain_figure_arrow_points_from_the_answer_to_what_it_answered():
    events = toy_events()
    fig = chain_figure(events, gap_days=1000)
    first = next(a for a in fig.layout.annotations if a.showarrow)
    assert pd.Timestamp(first.x) == pd.Timestamp("2017-01-01")  # head: the act answered (a)
    assert pd.Timestamp(first.ax) == pd.Timestamp("2017-01-03")  # tail: the answer (b)


def test_chain_bursts_split_quiet_stretches_but_never_a_chain():
    events = toy_events()
    bursts = chain_bursts(events, gap_days=20)
    # chain a-b-c-e runs Jan-Mar: one burst; d (Jan) joins it; f (Apr) is within 20 days of e (15 Mar)
    assert bursts["a"] == bursts["e"] == bursts["c"]
    apart = chain_bursts(events, gap_days=5)
    assert apart["a"] == apart["e"] and apart["f"] != apart["a"]
    fig = chain_figure(events, gap_days=5)
    assert len(fig.layout.annotations) >= 2  # panel titles are annotations too


def test_chain_figure_on_the_real_chains_has_panels_per_burst():
    chains = chain_table(load_events())
    fig = chain_figure(chains)
    titles = [a.text for a in fig.layout.annotations if not a.showarrow]
    assert len(titles) >= 2 and fig.layout.xaxis2 is not None


def test_chain_figure_of_nothing_says_so():
    fig = chain_figure(toy_events().iloc[0:0])
    assert any("No answer chain" in (a.text or "") for a in fig.layout.annotations)


def test_lag_figure_has_dots_and_a_median_per_side():
    pairs = answer_links(toy_events())
    before = pairs.copy()
    fig = lag_figure(pairs)
    pd.testing.assert_frame_equal(pairs, before)
    names = [t.name for t in fig.data]
    assert names == ["United States: one answer", "United States: median", "Russia: one answer", "Russia: median"]
    assert list(fig.data[0].x) == [7.0]  # the US answer to Russia, not the domestic follow-up


@pytest.mark.parametrize("kind", ["cumulative", "monthly"])
def test_escalation_figure_has_one_trace_per_side(kind):
    events = toy_events()
    before = events.copy()
    fig = escalation_figure(events, kind=kind)
    pd.testing.assert_frame_equal(events, before)
    assert [t.name for t in fig.data] == ["United States", "Russia"]
    assert fig.layout.xaxis.tickformat == "%b %Y"
    if kind == "cumulative":
        assert list(fig.data[0].y) == [-8.0, -10.0]
    else:
        assert fig.data[0].type == "bar" and fig.layout.barmode == "relative"


def test_escalation_figure_refuses_an_unknown_kind():
    with pytest.raises(ValueError):
        escalation_figure(toy_events(), kind="weekly")


def test_escalation_figure_on_real_data():
    fig = escalation_figure(dyad_events(load_events()), kind="cumulative")
    assert len(fig.data) == 2 and all(len(t.x) > 5 for t in fig.data)


def test_parity_figure_stacks_the_parts_of_each_count():
    table = parity_table(load_staffing())
    before = table.copy()
    fig = parity_figure(table)
    pd.testing.assert_frame_equal(table, before)
    assert fig.layout.barmode == "stack"
    assert sum(sum(t.x) for t in fig.data) == table["value"].sum()
    assert {t.name for t in fig.data} == set(table["part"])


# --- from test_widgets_escalation.py ----------------------------------------------------------------

def test_select_chains_returns_whole_chains():
    events = toy_events()
    before = events.copy()
    chosen = select_chains(events, actor="RUS", period="The whole dispute, 2014 – 2018")
    pd.testing.assert_frame_equal(events, before)
    assert set(chosen["event_id"]) == {"a", "b", "c", "e"}  # b is Russian; its whole chain comes along


def test_select_chains_filters_by_category_and_period():
    events = toy_events()
    assert set(select_chains(events, category="protest", period="The whole dispute, 2014 – 2018")
               ["event_id"]) == {"a", "b", "c", "e"}
    assert select_chains(events, category="visas", period="The whole dispute, 2014 – 2018").empty
    assert select_chains(events, period="2014: Crimea and the first sanctions").empty


def test_chain_view_titles_what_was_chosen():
    fig = chain_view(toy_events(), actor="USA", period="The whole dispute, 2014 – 2018")
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text.startswith("1 chain(s)") and "United States" in fig.layout.title.text
    empty = chain_view(toy_events(), period="2014: Crimea and the first sanctions")
    assert any("No answer chain" in (a.text or "") for a in empty.layout.annotations)


def test_default_view_on_real_data_is_summer_2017_and_not_empty():
    events = load_events()
    chosen = select_chains(events)
    assert len(chosen) > 5
    assert chosen["date"].between("2017-07-01", "2017-10-31").any()


def test_explorer_starts_on_summer_2017_and_redraws():
    box = chain_explorer(load_events())
    assert isinstance(box, widgets.VBox)
    actor, period, category = box.controls["actor"], box.controls["period"], box.controls["category"]
    assert period.value == DEFAULT_PERIOD and actor.value == ALL and category.value == ALL
    for name in PERIODS:  # every period draws without error
        period.value = name
    actor.value = "RUS"
    category.value = "protest"
    box.redraw()


def _title(box) -> str:
    return box.output.outputs[0]["data"]["application/vnd.plotly.v1+json"]["layout"]["title"]["text"]


def test_explorer_keeps_its_figure_in_the_output_state():
    """The figure goes into the Output widget's state, not through `with out:` (which can hang nbclient)."""
    box = chain_explorer(load_events())
    assert len(box.output.outputs) == 1 and "application/vnd.plotly.v1+json" in box.output.outputs[0]["data"]
    assert "Jul – Oct 2017" in _title(box)
    box.controls["actor"].value = "RUS"
    assert "Russia" in _title(box)


def test_explorer_finds_the_media_chain_of_late_2017():
    box = chain_explorer(load_events())
    box.controls["period"].value = "Nov – Dec 2017: the media chain"
    assert _title(box).startswith("1 chain(s)")
    box.controls["category"].value = "media"
    assert "media" in _title(box)


# --- counting rules, totals and parity ---------------------------------------------------------------

def test_goldstein_rows_under_each_rule():
    events = toy_decisions()
    before = events.copy()
    assert list(goldstein_rows(events)["event_id"]) == ["a", "b", "c", "f", "g", "h"]
    assert list(goldstein_rows(events, "one_decision")["event_id"]) == ["a", "b", "c", "f", "h"]  # not the vote
    assert list(goldstein_rows(events, "named_only")["event_id"]) == ["b", "c", "f", "h"]  # a named no one
    pd.testing.assert_frame_equal(events, before)
    with pytest.raises(ValueError, match="one_decision"):
        goldstein_rows(events, "first")


def test_goldstein_totals_and_curves_follow_the_rule():
    events = toy_decisions()
    totals = goldstein_totals(events)
    assert list(totals.index) == list(RULES) and list(totals.columns) == ["USA", "RUS"]
    assert totals.loc["every_row", "USA"] == -23.8 and totals.loc["one_decision", "USA"] == -18.0
    assert totals.loc["named_only", "USA"] == -10.0 and (totals["RUS"] == -3.0).all()
    curves = goldstein_curves(events)
    assert set(curves["rule"]) == {"every_row", "one_decision"}
    last = curves.groupby(["rule", "actor"])["cumulative"].last()
    assert last[("one_decision", "USA")] == totals.loc["one_decision", "USA"]
    assert list(goldstein_cumulative(events, rule="one_decision")["event_id"]) == ["a", "b", "c", "f", "h"]


def test_one_decision_on_the_real_data_counts_each_decision_once_and_is_not_groupby_first():
    """The README's rule 2: a decision's own row, which is its latest (groupby.last), never its first step."""
    coded = dyad_events(load_events()).dropna(subset=["goldstein"])
    one = goldstein_rows(coded, "one_decision")
    assert one["decision_id"].is_unique and set(one["decision_id"]) == set(coded["decision_id"])
    last = coded.sort_values(["date", "event_id"]).groupby("decision_id", as_index=False).last()
    assert set(last["event_id"]) == set(one["event_id"])
    steps = coded.groupby("decision_id").size()
    assert (steps > 1).any(), "the data should hold at least one decision taken in several steps"
    first = coded.groupby("decision_id", as_index=False).first()
    totals = goldstein_totals(coded)
    assert round(float(first.loc[first["actor"] == "USA", "goldstein"].sum()), 1) != totals.loc["one_decision", "USA"]
    assert totals.loc["every_row", "USA"] < totals.loc["one_decision", "USA"] < totals.loc["named_only", "USA"]


def test_rules_figure_draws_one_panel_per_rule_with_totals():
    curves = goldstein_curves(toy_decisions())
    before = curves.copy()
    fig = rules_figure(curves)
    pd.testing.assert_frame_equal(curves, before)
    titles = [a.text for a in fig.layout.annotations]
    assert titles == [RULES["every_row"], RULES["one_decision"]]
    lines = [t for t in fig.data if t.mode == "lines+markers"]
    assert [t.name for t in lines] == ["United States", "Russia"] * 2
    assert [t.showlegend for t in lines] == [True, True, False, False]  # one legend entry per side
    labels = [t.text[0] for t in fig.data if t.mode == "text"]
    assert labels == ["-23.8", "-3.0", "-18.0", "-3.0"]
    assert lines[2].xaxis == "x2" and fig.layout.xaxis2.matches == "x"  # the panels zoom together


def test_mission_losses_from_the_staffing_rows():
    staffing = load_staffing()
    losses = mission_losses(staffing).set_index("lost_id")
    values = staffing.set_index("measurement_id")["value"]
    assert losses.loc["ru_2016_us_expelled", "before"] == values["ru_2016_us_expelled"] + values["ru_2017_mfa_total"]
    assert losses.loc["us_2017_putin_cut", "before"] == values["us_2017_inferred_total"]
    with pytest.raises(KeyError, match="us_2017_inferred_total"):
        mission_losses(staffing[staffing["measurement_id"] != "us_2017_inferred_total"])


def test_the_winter_pause_holds_the_media_chain():
    events = load_events()
    gaps = pauses(measure_events(events))
    second = gaps.iloc[1]
    dyad = dyad_events(events)
    during = dyad[dyad["date"].between(second["start"], second["end"])]
    assert (during["category"] == "media").sum() >= 2
    chains = chain_table(events)
    media = chains[chains["category"] == "media"]
    assert media["chain"].nunique() == 1 and media["step"].min() == 0


def test_uncoded_reason_reads_both_forms_of_the_note():
    assert uncoded_reason("Not CAMEO-coded: a step. More.") == "a step"
    assert uncoded_reason("Not CAMEO-coded and responds_to left empty: a repetition.") == "a repetition"
    assert uncoded_reason("Coded 161.") == ""
