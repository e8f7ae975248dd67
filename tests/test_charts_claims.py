"""Charts of notebook 06: the verdicts, the claims and the article's dates against the record."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers import load_claims
from helpers.charts import claims as charts


def toy_claims() -> pd.DataFrame:
    frame = pd.DataFrame({
        "claim_id": ["c02", "c01", "c03"],
        "order": [2, 1, 3],
        "phrase": ["two annexes", "close its Consulate", "on July 31"],
        "paraphrase": ["p2", "p1", "p3"],
        "verdict": ["accurate", "accurate", "wrong"],
        "explanation": ["e2", "e1", "e3"],
    })
    frame["verdict"] = pd.Categorical(frame["verdict"], categories=charts.VERDICTS)
    return frame


def toy_dates() -> pd.DataFrame:
    return pd.DataFrame({
        "label": ["c06 · last December", "c09a · on July 31"],
        "article_says": ["last December", "on July 31"],
        "article_from": pd.to_datetime(["2016-12-01", "2017-07-31"]),
        "article_to": pd.to_datetime(["2016-12-31", "2017-07-31"]),
        "record_date": pd.to_datetime(["2016-12-29", "2017-07-30"]),
        "record_event": ["2016-12-29-us-expels-35", "2017-07-30-putin-announces-755-cut"],
    })


def test_verdicts_figure_counts_every_verdict_including_zero():
    claims = toy_claims()
    before = claims.copy()
    fig = charts.verdicts_figure(claims)
    pd.testing.assert_frame_equal(claims, before)
    assert isinstance(fig, go.Figure) and len(fig.data) == 1
    assert list(fig.data[0].x) == charts.VERDICTS
    assert list(fig.data[0].y) == [2, 0, 1, 0]


def test_claims_figure_puts_each_claim_in_its_verdict_column_in_article_order():
    claims = toy_claims()
    before = claims.copy()
    fig = charts.claims_figure(claims)
    pd.testing.assert_frame_equal(claims, before)
    assert [t.name for t in fig.data] == ["accurate", "wrong"]
    assert list(fig.data[0].y) == ["c01 · “close its Consulate”", "c02 · “two annexes”"]
    assert list(fig.data[1].x) == ["wrong"]
    assert list(fig.layout.yaxis.categoryarray)[-1].startswith("c01")  # first claim at the top


def test_claims_figure_on_real_claims_has_one_dot_per_claim():
    claims = load_claims()
    fig = charts.claims_figure(claims)
    assert sum(len(t.y) for t in fig.data) == len(claims)


def test_dates_agree_and_dates_figure_mark_the_miss():
    table = toy_dates()
    before = table.copy()
    assert list(charts.dates_agree(table)) == [True, False]
    fig = charts.dates_figure(table)
    pd.testing.assert_frame_equal(table, before)
    bars, squares, diamonds = fig.data
    assert bars.type == "bar" and len(bars.y) == 2
    assert list(squares.y) == ["c09a · on July 31"]  # only the one-day claim gets a square
    assert diamonds.marker.color[1] != diamonds.marker.color[0]
    assert "the article: 31 Jul 2017" in diamonds.text[1] and "article" not in diamonds.text[0]
    assert fig.layout.xaxis.type == "date"
