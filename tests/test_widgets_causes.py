"""Explorer of notebook 01 (causes): the callback logic is plain functions, tested without a browser."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from helpers import load_events
from helpers.widgets import causes as explorer


def test_events_of_filters_by_family_and_actor():
    events = load_events()
    causes = explorer.events_of(events, "causes")
    assert len(causes) and set(causes["category"].astype(str)) <= {"annexation", "election_interference", "incident"}
    russian = explorer.events_of(events, explorer.ALL, "RUS")
    assert len(russian) == int((events["actor"] == "RUS").sum())
    both = explorer.events_of(events, "sanctions", "USA")
    assert len(both) and (both["actor"] == "USA").all()
    assert len(explorer.events_of(events)) == len(events)
    assert both["date"].is_monotonic_increasing


def test_causes_view_shows_timeline_and_table_of_the_same_events():
    events = load_events()
    before = events.copy()
    fig = explorer.causes_view(events, "causes", explorer.ALL)
    pd.testing.assert_frame_equal(events, before)
    assert isinstance(fig, go.Figure)
    chosen = explorer.events_of(events, "causes")
    scatter = [t for t in fig.data if t.type == "scatter"]
    table = [t for t in fig.data if t.type == "table"]
    assert sum(len(t.x) for t in scatter) == len(chosen)
    assert len(table) == 1 and len(table[0].cells.values[0]) == len(chosen)
    assert str(len(chosen)) in fig.layout.title.text


def test_causes_view_says_so_when_nothing_matches():
    events = load_events()
    fig = explorer.causes_view(events, "buildings", "EU")
    assert not [t for t in fig.data if t.type == "scatter"]
    assert any("No event" in a.text for a in fig.layout.annotations)


def test_explorer_starts_on_the_causes_and_redraws():
    box = explorer.causes_explorer(load_events())
    assert isinstance(box, widgets.VBox)
    family, actor = box.children[1].children
    assert family.value == "causes" and actor.value == explorer.ALL
    assert "RUS" in [value for _, value in actor.options]
    actor.value = "RUS"  # fires the callback: must not raise
    family.value = explorer.ALL
    box.redraw()
