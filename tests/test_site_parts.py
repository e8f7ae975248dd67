"""The site's parts without a build: the twins of every explorer on the real data, merging views into one figure,
text alternatives, the source ids added to points, the launch settings.

No notebook is run and no browser is needed, so these also run under pandas 3.0 (tests/test_pandas30.py).
"""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from helpers.site import twins
from helpers.site.config import SiteConfig, load_config
from helpers.site.describe import Provenance, alt_text, figure_table


@pytest.mark.parametrize("name", sorted(twins.TWINS))
def test_every_twin_builds_every_state_from_its_explorers_view(name):
    twin = twins.build_twin(name)
    assert len(twin.views) >= 3 and 0 <= twin.active < len(twin.views)
    assert len({v.label for v in twin.views}) == len(twin.views), "two states share a label"
    if twin.kind == "cards":
        assert all("<table" in v.figure.data for v in twin.views)
        return
    control = (twin.figure.layout.updatemenus or twin.figure.layout.sliders)[0]
    steps = control.buttons if twin.kind == "dropdown" else control.steps
    assert [s.label for s in steps] == twin.labels
    shown = [tuple(s.args[0]["visible"]) for s in steps]
    assert len(set(shown)) == len(shown), "two states show the same traces"
    assert [t.visible is not False for t in twin.figure.data] == [v is not False for v in shown[twin.active]]


def test_closures_twin_stops_on_the_days_a_building_closed():
    from helpers.analysis.closures import facility_status_on
    from helpers.data import load_events, load_facilities

    twin = twins.build_twin("closures_explorer", start="2017-09-03")
    closed = facility_status_on(load_facilities(), load_events())["closed_on"].dropna()
    assert len(twin.views) == len({*closed.dt.normalize(), "2016-12-01", "2017-09-03"} - {None})
    assert twin.labels[twin.active] == "3 Sep 2017"


def _bar(y: list[float], name: str = "b", title: str = "T") -> go.Figure:
    return go.Figure(go.Bar(x=[f"c{i}" for i in range(len(y))], y=y, name=name), layout=dict(title=title))


def test_merge_views_shows_one_view_at_a_time_and_keeps_shared_traces_once():
    shared = go.Scatter(x=[0, 1], y=[0, 1], name="outline")
    views = [twins.View(f"v{i}", go.Figure([shared, go.Bar(x=["a"], y=[i], name=f"bar{i}")],
                                           layout=dict(title=f"title {i}", height=300))) for i in range(3)]
    fig = twins.merge_views(views, active=1)
    names = [t.name for t in fig.data]
    assert names == ["outline", "bar0", "bar1", "bar2"]
    assert [t.visible for t in fig.data] == [True, False, True, False]
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == ["v0", "v1", "v2"]
    assert buttons[2].args[0]["visible"] == [True, False, False, True]
    assert buttons[0].args[1]["title"]["text"] == "title 0"
    assert fig.layout.updatemenus[0].active == 1
    slider = twins.merge_views(views, kind="slider")
    assert [s.label for s in slider.layout.sliders[0].steps] == ["v0", "v1", "v2"]


def test_merge_views_hides_the_axes_a_view_does_not_have():
    """A view with one panel after one with two: the second panel's axes shrink away (else they cover it)."""
    from plotly.subplots import make_subplots

    two = make_subplots(rows=1, cols=2)
    two.add_trace(go.Scatter(x=[1], y=[1]), row=1, col=1)
    two.add_trace(go.Scatter(x=[1], y=[1]), row=1, col=2)
    one = go.Figure(go.Scatter(x=[2], y=[2]))
    fig = twins.merge_views([twins.View("one", one), twins.View("two", two)])
    assert fig.layout.xaxis2.visible is False
    assert fig.layout.updatemenus[0].buttons[1].args[1]["xaxis2"]["domain"] != [0.999, 1.0]


def test_explorer_call_reads_the_explorer_and_its_plain_arguments():
    assert twins.explorer_call('closures_explorer(facilities, events, start="2017-09-03")') == \
        ("closures_explorer", {"start": "2017-09-03"})
    assert twins.explorer_call("x = 1") is None


def test_alt_text_states_the_key_numbers():
    text = alt_text(json.loads(_bar([3, 9, 1], name="expelled", title="Who expelled how many").to_json()))
    assert text.startswith("Bar chart: Who expelled how many.")
    assert "'expelled': 3 bar(s), total 13, largest 9 (c1), smallest 1" in text


def test_provenance_adds_the_source_ids_of_the_rows_drawn():
    from helpers.data import load_events

    events = load_events().head(3)
    fig = go.Figure(go.Scatter(x=events["date"], y=[1, 2, 3], customdata=events["summary"],
                               hovertemplate="%{customdata}<extra></extra>"))
    plain = json.loads(fig.to_json())
    prov = Provenance.from_data()
    assert prov.annotate(plain) == (3, 3)
    trace = plain["data"][0]
    assert trace["hovertemplate"].startswith("%{customdata[0]}<br>") and "%{customdata[1]}" in trace["hovertemplate"]
    first = sorted(s for s in str(events["source_ids"].iloc[0]).split(";") if s)
    assert trace["customdata"][0][1].replace("<br>", " ") == "sources: " + ", ".join(first)
    assert figure_table(plain)["sources"].iloc[0] == ", ".join(first)


def test_launch_settings_come_from_pyproject():
    config = load_config()
    assert config.repo.count("/") == 1 and config.ref and config.branch
    assert SiteConfig(repo="a/b", ref="v2").binder_url("notebooks/x.ipynb") == \
        "https://mybinder.org/v2/gh/a/b/v2?urlpath=lab/tree/notebooks/x.ipynb"
