"""Charts of notebook 05: they return figures with the expected traces and leave their input alone."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest
from test_escalation import toy_events

from helpers import load_events, load_staffing
from helpers.charts import escalation as charts
from helpers.escalation import answer_pairs, chain_table, dyad_events, parity_table


def test_chain_figure_draws_every_event_and_one_arrow_per_answer():
    events = toy_events()
    before = events.copy()
    fig = charts.chain_figure(events)
    pd.testing.assert_frame_equal(events, before)
    assert isinstance(fig, go.Figure)
    assert sum(len(t.x) for t in fig.data) == len(events)
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    assert len(arrows) == len(answer_pairs(events))
    assert {t.name for t in fig.data} == {"United States", "Russia"}


def test_chain_figure_arrow_points_from_the_answer_to_what_it_answered():
    events = toy_events()
    fig = charts.chain_figure(events, gap_days=1000)
    first = next(a for a in fig.layout.annotations if a.showarrow)
    assert pd.Timestamp(first.x) == pd.Timestamp("2017-01-01")  # head: the act answered (a)
    assert pd.Timestamp(first.ax) == pd.Timestamp("2017-01-03")  # tail: the answer (b)


def test_chain_bursts_split_quiet_stretches_but_never_a_chain():
    events = toy_events()
    bursts = charts.chain_bursts(events, gap_days=20)
    # chain a-b-c-e runs Jan-Mar: one burst; d (Jan) joins it; f (Apr) is within 20 days of e (15 Mar)
    assert bursts["a"] == bursts["e"] == bursts["c"]
    apart = charts.chain_bursts(events, gap_days=5)
    assert apart["a"] == apart["e"] and apart["f"] != apart["a"]
    fig = charts.chain_figure(events, gap_days=5)
    assert len(fig.layout.annotations) >= 2  # panel titles are annotations too


def test_chain_figure_on_the_real_chains_has_panels_per_burst():
    chains = chain_table(load_events())
    fig = charts.chain_figure(chains)
    titles = [a.text for a in fig.layout.annotations if not a.showarrow]
    assert len(titles) >= 2 and fig.layout.xaxis2 is not None


def test_chain_figure_of_nothing_says_so():
    fig = charts.chain_figure(toy_events().iloc[0:0])
    assert any("No answer chain" in (a.text or "") for a in fig.layout.annotations)


def test_lag_figure_has_dots_and_a_median_per_side():
    pairs = answer_pairs(toy_events())
    before = pairs.copy()
    fig = charts.lag_figure(pairs)
    pd.testing.assert_frame_equal(pairs, before)
    names = [t.name for t in fig.data]
    assert names == ["United States: one answer", "United States: median", "Russia: one answer", "Russia: median"]
    assert list(fig.data[0].x) == [7.0]  # the US answer to Russia, not the domestic follow-up


@pytest.mark.parametrize("kind", ["cumulative", "monthly"])
def test_escalation_figure_has_one_trace_per_side(kind):
    events = toy_events()
    before = events.copy()
    fig = charts.escalation_figure(events, kind=kind)
    pd.testing.assert_frame_equal(events, before)
    assert [t.name for t in fig.data] == ["United States", "Russia"]
    assert fig.layout.xaxis.tickformat == "%b %Y"
    if kind == "cumulative":
        assert list(fig.data[0].y) == [-8.0, -10.0]
    else:
        assert fig.data[0].type == "bar" and fig.layout.barmode == "relative"


def test_escalation_figure_refuses_an_unknown_kind():
    with pytest.raises(ValueError):
        charts.escalation_figure(toy_events(), kind="weekly")


def test_escalation_figure_on_real_data():
    fig = charts.escalation_figure(dyad_events(load_events()), kind="cumulative")
    assert len(fig.data) == 2 and all(len(t.x) > 5 for t in fig.data)


def test_parity_figure_stacks_the_parts_of_each_count():
    table = parity_table(load_staffing())
    before = table.copy()
    fig = charts.parity_figure(table)
    pd.testing.assert_frame_equal(table, before)
    assert fig.layout.barmode == "stack"
    assert sum(sum(t.x) for t in fig.data) == table["value"].sum()
    assert {t.name for t in fig.data} == set(table["part"])
