"""Charts every notebook uses (timeline, year axis), the template and the figure display."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from helpers.charts.common import timeline_figure, year_axis
from helpers.display import TEMPLATE_NAME, figure_bundle
from helpers.vocabulary import CATEGORY_FAMILIES, FAMILY_COLOURS

# --- from test_charts.py ----------------------------------------------------------------------------

def _events() -> pd.DataFrame:
    cats = list(CATEGORY_FAMILIES)
    return pd.DataFrame({
        "event_id": ["a", "b", "c"],
        "date": pd.to_datetime(["2014-03-06", "2016-12-29", "2017-07-28"]),
        "actor": pd.Categorical(["USA", "USA", "RUS"], categories=["USA", "RUS", "UKR", "GBR", "EU"]),
        "category": pd.Categorical(["sanctions", "expulsion", "staff_cap"], categories=cats),
        "summary": ["one", "two", "three"],
    })


def test_template_is_default_and_colour_blind_safe():
    assert TEMPLATE_NAME in pio.templates.default
    colorway = pio.templates[TEMPLATE_NAME].layout.colorway
    assert colorway[0] == "#0072B2" and len(set(colorway)) == len(colorway)


def test_every_category_has_a_family_colour():
    for category, family in CATEGORY_FAMILIES.items():
        assert family in FAMILY_COLOURS, category


def test_timeline_figure_returns_figure_and_does_not_mutate():
    events = _events()
    before = events.copy()
    fig = timeline_figure(events)
    assert isinstance(fig, go.Figure)
    pd.testing.assert_frame_equal(events, before)
    assert sum(len(t.x) for t in fig.data) == 3
    assert fig.layout.xaxis.tickformat == "%b %Y"  # dates, never "2,020.5"
    by_actor = timeline_figure(events, color="actor")
    assert {t.name for t in by_actor.data} == {"United States", "Russia"}


def test_year_axis_shows_whole_years():
    fig = year_axis(go.Figure(go.Bar(x=[2014, 2015], y=[1, 2])))
    assert fig.layout.xaxis.dtick == 1 and fig.layout.xaxis.tickformat == "d"


def test_figure_bundle_is_plotly_json():
    bundle = figure_bundle(go.Figure(go.Bar(x=[1], y=[2]), layout_title_text="T"))
    assert set(bundle) == {"application/vnd.plotly.v1+json", "text/plain"}
    assert bundle["application/vnd.plotly.v1+json"]["data"][0]["type"] == "bar"
