"""Notebook 06 (reading the news): its analysis, charts and explorer."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
import pytest

from helpers import load_claims, load_events, load_sources
from helpers.analysis.reading_the_news import (
    ARTICLE_DATES,
    VERDICTS,
    article_dates,
    claim_evidence,
    dates_agree,
)
from helpers.charts.reading_the_news import claims_figure, dates_figure, verdicts_figure
from helpers.data import split_ids
from helpers.widgets.reading_the_news import claim_explorer, claim_view

# --- from test_charts_claims.py ---------------------------------------------------------------------

def toy_claims() -> pd.DataFrame:
    frame = pd.DataFrame({
        "claim_id": ["c02", "c01", "c03"],
        "order": [2, 1, 3],
        "phrase": ["two annexes", "close its Consulate", "on July 31"],
        "paraphrase": ["p2", "p1", "p3"],
        "verdict": ["accurate", "accurate", "wrong"],
        "explanation": ["e2", "e1", "e3"],
    })
    frame["verdict"] = pd.Categorical(frame["verdict"], categories=VERDICTS)
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
    fig = verdicts_figure(claims)
    pd.testing.assert_frame_equal(claims, before)
    assert isinstance(fig, go.Figure) and len(fig.data) == 1
    assert list(fig.data[0].x) == VERDICTS
    assert list(fig.data[0].y) == [2, 0, 1, 0]


def test_claims_figure_puts_each_claim_in_its_verdict_column_in_article_order():
    claims = toy_claims()
    before = claims.copy()
    fig = claims_figure(claims)
    pd.testing.assert_frame_equal(claims, before)
    assert [t.name for t in fig.data] == ["accurate", "wrong"]
    assert list(fig.data[0].y) == ["c01 · “close its Consulate”", "c02 · “two annexes”"]
    assert list(fig.data[1].x) == ["wrong"]
    assert list(fig.layout.yaxis.categoryarray)[-1].startswith("c01")  # first claim at the top


def test_claims_figure_on_real_claims_has_one_dot_per_claim():
    claims = load_claims()
    fig = claims_figure(claims)
    assert sum(len(t.y) for t in fig.data) == len(claims)


def test_dates_agree_and_dates_figure_mark_the_miss():
    table = toy_dates()
    before = table.copy()
    assert list(dates_agree(table)) == [True, False]
    fig = dates_figure(table)
    pd.testing.assert_frame_equal(table, before)
    bars, squares, diamonds = fig.data
    assert bars.type == "bar" and len(bars.y) == 2
    assert list(squares.y) == ["c09a · on July 31"]  # only the one-day claim gets a square
    assert diamonds.marker.color[1] != diamonds.marker.color[0]
    assert "the article: 31 Jul 2017" in diamonds.text[1] and "article" not in diamonds.text[0]
    assert fig.layout.xaxis.type == "date"


# --- from test_widgets_claims.py --------------------------------------------------------------------

@pytest.fixture(scope="module")
def tables():
    return load_claims(), load_events(), load_sources()


def test_claim_evidence_gathers_the_claims_events_and_sources(tables):
    claims, events, sources = tables
    before = claims.copy()
    found = claim_evidence(claims, events, sources, "c09a")
    pd.testing.assert_frame_equal(claims, before)
    row = claims.set_index("claim_id").loc["c09a"]
    assert found["claim"]["verdict"] == row["verdict"]
    assert list(found["events"]["event_id"]) == split_ids(row["event_ids"])
    assert list(found["sources"]["source_id"]) == split_ids(row["source_ids"])
    assert set(found["events"]["weekday"]) <= {"Friday", "Sunday", "Monday"}


def test_claim_evidence_refuses_an_unknown_claim(tables):
    with pytest.raises(KeyError):
        claim_evidence(*tables, "c99")


def test_claim_view_shows_verdict_explanation_events_and_sources(tables):
    claims, events, sources = tables
    card = claim_view(claims, events, sources, "c15").data
    row = claims.set_index("claim_id").loc["c15"]
    assert str(row["verdict"]) in card and "Check it yourself" in card
    for event_id in split_ids(row["event_ids"]):
        assert event_id in card
    assert card.count("<li>") == len(split_ids(row["source_ids"]))


def test_claim_view_escapes_text():
    claims = pd.DataFrame({"claim_id": ["c01"], "order": [1], "phrase": ["<b>x</b>"], "paraphrase": ["p & q"],
                           "verdict": ["wrong"], "explanation": ["e"], "event_ids": [None],
                           "source_ids": ["s1"], "check_hint": ["h"]})
    events = pd.DataFrame({"event_id": ["e1"], "date": pd.to_datetime(["2017-01-01"]), "actor": ["USA"],
                           "summary": ["s"]})
    sources = pd.DataFrame({"source_id": ["s1"], "publisher": ["P"], "title": ["T"], "url": ["u"],
                            "kind": ["primary"]})
    card = claim_view(claims, events, sources, "c01").data
    assert "<b>x</b>" not in card and "&lt;b&gt;x&lt;/b&gt;" in card and "No event" in card


def test_explorer_starts_on_the_wrong_date_and_redraws(tables):
    box = claim_explorer(*tables)
    assert isinstance(box, widgets.VBox)
    dropdown = box.controls["claim_id"]
    assert dropdown.value == "c09a"
    assert len(dropdown.options) == len(tables[0])
    for _, value in dropdown.options:  # every claim renders
        dropdown.value = value
    box.redraw()


def test_the_card_of_the_revised_claim_c13_shows_the_first_us_words(tables):
    """c13 was revised: the first US words on the cut were the State Department's of 30 Jul 2017."""
    card = claim_view(*tables, "c13").data
    assert "2017-07-30-state-dept-calls-cut-regrettable" in card and "Sunday" in card


# --- the article's dates ------------------------------------------------------------------------------

def test_article_dates_turn_words_into_days_and_find_the_one_miss():
    events = load_events()
    before = events.copy()
    table = article_dates(events)
    pd.testing.assert_frame_equal(events, before)
    assert list(table["claim_id"]) == [c for c, *_ in ARTICLE_DATES]
    rows = table.set_index("claim_id")
    assert rows.loc["c11", "article_from"].day_name() == "Friday"
    assert rows.loc["c12", "article_from"] - rows.loc["c11", "article_from"] == pd.Timedelta(days=1)
    assert (rows["article_from"] <= rows["article_to"]).all() and rows["record_date"].notna().all()
    assert list(table.loc[~dates_agree(table), "claim_id"]) == ["c09a"]
    assert isinstance(dates_figure(table), go.Figure)


def test_article_dates_follow_the_day_of_writing():
    later = article_dates(load_events(), written="2017-09-04").set_index("claim_id")
    assert later.loc["c11", "article_from"] == pd.Timestamp("2017-09-08")  # the next Friday after a Monday


def test_every_claim_cites_events_that_exist():
    claims, events = load_claims(), load_events()
    ids = set(events["event_id"])
    for claim_id, cited in zip(claims["claim_id"], claims["event_ids"], strict=True):
        assert set(split_ids(cited)) <= ids, claim_id
