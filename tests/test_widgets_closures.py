"""Explorer of notebook 04 (a date slider over the map): callback logic as plain functions."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from helpers import load_events, load_facilities
from helpers.widgets import closures as explorer


def test_slider_days_cover_the_span_day_by_day():
    days = explorer.slider_days("2017-08-30", "2017-09-03")
    assert [d.day for d in days] == [30, 31, 1, 2, 3]
    default = explorer.slider_days()
    assert default[0] <= pd.Timestamp("2016-12-29") and default[-1] >= pd.Timestamp("2018-04-24")


def test_open_facilities_on_a_day_closed_from_the_closing_day_on():
    facilities, events = load_facilities(), load_events()
    before = facilities.copy()
    eve = set(explorer.open_facilities_on(facilities, events, "2017-09-01")["facility_id"])
    day = set(explorer.open_facilities_on(facilities, events, "2017-09-02")["facility_id"])
    pd.testing.assert_frame_equal(facilities, before)
    assert "ru_cg_san_francisco" in eve and "ru_cg_san_francisco" not in day  # closed on its closing day
    assert "ru_cg_new_york" in day  # never closed
    assert eve > day


def test_status_summary_counts_what_each_side_lost():
    facilities, events = load_facilities(), load_events()
    first = explorer.status_summary(facilities, events, "2016-12-01")
    assert first.startswith(f"{len(facilities)} of {len(facilities)}") and "0 Russian, 0 American" in first
    after = explorer.status_summary(facilities, events, "2017-09-03")
    closed = facilities.assign(on=facilities["closed_by"].map(events.set_index("event_id")["date"]))
    lost_ru = int(((closed["owner"] == "RUS") & (closed["on"] <= "2017-09-03")).sum())
    assert f"{lost_ru} Russian" in after
    in_us = explorer.status_summary(facilities, events, "2017-09-03", "usa")
    n_us = int((facilities["host"] == "USA").sum())
    assert f"of {n_us} facilities" in in_us and f"{lost_ru} Russian" in in_us and "American" not in in_us


def test_closures_view_is_the_map_of_the_day():
    facilities, events = load_facilities(), load_events()
    fig = explorer.closures_view(facilities, events, pd.Timestamp("2017-09-03"), "usa")
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text.startswith("3 September 2017, in the US")
    assert fig.layout.geo.visible is False  # offline: no plotly CDN layer
    closed = [t for t in fig.data if t.type == "scattergeo" and t.name and "closed" in t.name]
    ids = {i for t in closed for i in t.customdata}
    assert {"ru_cg_san_francisco", "pioneer_point"} <= ids and "ru_cg_seattle" not in ids


def test_explorer_starts_after_the_september_closures_and_redraws_into_its_state():
    facilities, events = load_facilities(), load_events()
    box = explorer.closures_explorer(facilities, events)
    assert isinstance(box, widgets.VBox)
    day, scope = box.children[1].children
    assert day.value == pd.Timestamp(explorer.START_DAY) and scope.value == "world"
    out = box.children[2]
    assert out.outputs and "application/vnd.plotly.v1+json" in out.outputs[0]["data"]  # starts drawn
    day.value = pd.Timestamp("2018-04-30")  # fires the callback: must not raise
    scope.value = "russia"
    title = out.outputs[0]["data"]["application/vnd.plotly.v1+json"]["layout"]["title"]["text"]
    assert title.startswith("30 April 2018, in Russia")
    box.redraw()
