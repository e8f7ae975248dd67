"""Capstone charts: take a DataFrame, return a figure with the expected traces, leave the input alone."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers import load_events
from helpers.charts.capstone import (
    measures_figure,
    new_rows_timeline,
    round_on_timeline,
    rounds_compared_figure,
)
from helpers.contribute import example_rows, with_new_rows
from helpers.widgets.capstone import MEASURES, rounds_summary, who_did_what


def test_round_on_timeline_shades_the_round():
    events = load_events()
    before = events.copy()
    fig = round_on_timeline(events, pd.Timestamp("2018-03-26"), pd.Timestamp("2018-04-25"), "Mar–Apr 2018")
    assert isinstance(fig, go.Figure)
    pd.testing.assert_frame_equal(events, before)
    shapes = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(shapes) == 1 and pd.Timestamp(shapes[0].x0) < pd.Timestamp("2018-03-26")
    assert any(a.text == "Mar–Apr 2018" for a in fig.layout.annotations)
    assert sum(len(t.x) for t in fig.data) == len(events)


def test_rounds_compared_figure_has_a_bar_per_round_and_actor():
    summary = rounds_summary(load_events())
    before = summary.copy()
    measures = ["people expelled", "staff cut by a cap", "facilities ordered shut"]
    fig = rounds_compared_figure(summary, measures)
    pd.testing.assert_frame_equal(summary, before)
    assert len(fig.data) == 2 * len(measures) and all(t.type == "bar" for t in fig.data)
    expelled_usa = next(t for t in fig.data if t.name == "United States" and t.xaxis == "x")
    assert list(expelled_usa.x) == list(dict.fromkeys(summary["round"]))
    assert list(expelled_usa.y) == list(summary.loc[summary["actor"] == "USA", "people expelled"].astype(float))
    assert sum(t.showlegend is not False for t in fig.data) == 2  # one legend entry per actor


def test_measures_figure_takes_the_who_did_what_table():
    table = who_did_what(load_events(), "Dec 2016")
    fig = measures_figure(table, MEASURES, title="T")
    assert fig.layout.title.text == "T" and len(fig.data) == 2 * len(MEASURES)
    assert "actor" not in table.columns  # the input (indexed by actor) is not changed


def test_new_rows_timeline_circles_the_new_rows():
    combined = with_new_rows("events", example_rows())
    fig = new_rows_timeline(combined)
    circles = [t for t in fig.data if t.name == "your new rows"]
    assert len(circles) == 1 and len(circles[0].x) == 2
    plain = new_rows_timeline(load_events())
    assert all(t.name != "your new rows" for t in plain.data)
