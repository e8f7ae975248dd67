"""Charts of notebook 02 (sanctions): each returns a figure, leaves its input alone and draws what it should."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from helpers.charts import sanctions as charts


def _sanctions() -> pd.DataFrame:
    return pd.DataFrame({
        "sanction_id": ["eo_1", "ofac_1", "ru_1", "caatsa", "ru_2"],
        "short_name": ["EO 1", "OFAC 1", "Decree 1", "CAATSA", "Decree 2"],
        "date_signed": pd.to_datetime(["2014-03-06", "2014-03-17", "2014-08-06", "2017-08-02", "2015-06-24"]),
        "date_note": [None, None, None, "passed the House 419-3 on Tue 25 Jul and the Senate 98-2 on Thu 27 Jul",
                      None],
        "issuer": pd.Categorical(["USA", "USA", "RUS", "USA", "RUS"], categories=["USA", "RUS", "UKR", "GBR", "EU"]),
        "kind": pd.Categorical(["executive_order", "designation", "decree", "law", "decree"],
                               categories=list(charts.KIND_LABELS)),
        "trigger": pd.Categorical(["ukraine_crimea", "ukraine_crimea", "sanctions_response", "multiple",
                                   "sanctions_response"], categories=list(charts.TRIGGER_LABELS)),
        "targets": ["a", "b", "c", "d", "e"],
    })


def test_instruments_by_issuer_figure_stacks_kinds():
    frame = _sanctions()
    before = frame.copy()
    fig = charts.instruments_by_issuer_figure(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert fig.layout.barmode == "stack"
    assert {t.name for t in fig.data} == {"executive order", "designation (a list of names)", "law", "decree"}
    totals = {}
    for t in fig.data:
        for y, x in zip(t.y, t.x, strict=True):
            totals[y] = totals.get(y, 0) + x
    assert totals == {"United States": 3, "Russia": 2}


def test_cumulative_instruments_counts_per_group_in_date_order():
    steps = charts.cumulative_instruments(_sanctions())
    ru = steps[steps["group"] == "sanctions_response"]
    assert ru["count"].tolist() == [1, 2] and ru["date"].is_monotonic_increasing
    assert charts.cumulative_instruments(_sanctions(), by="issuer").groupby("group")["count"].max().to_dict() == \
        {"RUS": 2, "USA": 3}
    with pytest.raises(ValueError):
        charts.cumulative_instruments(_sanctions(), by="kind")


def test_cumulative_instruments_figure_is_a_step_chart_from_zero():
    frame = _sanctions()
    before = frame.copy()
    fig = charts.cumulative_instruments_figure(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert [t.name for t in fig.data] == ["Ukraine / Crimea", "several reasons", "answer to sanctions"]
    for t in fig.data:
        assert t.line.shape == "hv" and t.y[0] == 0
        assert pd.Timestamp(t.x[-1]) == pd.Timestamp("2017-08-02")  # every line runs to the last instrument
    assert max(fig.data[0].y) == 2 and max(fig.data[2].y) == 2
    by_issuer = charts.cumulative_instruments_figure(frame, by="issuer")
    assert [t.name for t in by_issuer.data] == ["United States", "Russia"]
    assert fig.layout.xaxis.tickformat == "%b %Y"


def test_cumulative_instruments_figure_of_nothing_is_an_empty_figure():
    fig = charts.cumulative_instruments_figure(_sanctions().iloc[0:0])
    assert isinstance(fig, go.Figure) and not fig.data


def test_caatsa_votes_are_read_from_the_date_note():
    votes = charts.caatsa_votes(_sanctions())
    assert votes[["chamber", "yes", "no"]].values.tolist() == [["House", 419, 3], ["Senate", 98, 2]]
    assert votes["share_yes"].iloc[1] == pytest.approx(0.98)


def test_votes_figure_draws_shares_and_the_two_thirds_line():
    votes = charts.caatsa_votes(_sanctions())
    fig = charts.votes_figure(votes)
    assert list(fig.data[0].x) == ["House", "Senate"]
    assert fig.data[0].y[1] == pytest.approx(98.0)
    assert fig.layout.shapes[0].y0 == pytest.approx(200 / 3)


def test_charts_work_on_the_real_data():
    from helpers import load_sanctions

    sanctions = load_sanctions()
    assert len(charts.caatsa_votes(sanctions)) == 2
    for fig in (charts.instruments_by_issuer_figure(sanctions), charts.cumulative_instruments_figure(sanctions),
                charts.votes_figure(charts.caatsa_votes(sanctions))):
        assert isinstance(fig, go.Figure) and fig.data
