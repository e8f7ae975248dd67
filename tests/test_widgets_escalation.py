"""Explorer of notebook 05 (chains of answers): the callback logic is plain functions, tested without a browser."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
from test_escalation import toy_events

from helpers import load_events
from helpers.widgets import escalation as explorer


def test_select_chains_returns_whole_chains():
    events = toy_events()
    before = events.copy()
    chosen = explorer.select_chains(events, actor="RUS", period="The whole dispute, 2014 – 2018")
    pd.testing.assert_frame_equal(events, before)
    assert set(chosen["event_id"]) == {"a", "b", "c", "e"}  # b is Russian; its whole chain comes along


def test_select_chains_filters_by_category_and_period():
    events = toy_events()
    assert set(explorer.select_chains(events, category="protest", period="The whole dispute, 2014 – 2018")
               ["event_id"]) == {"a", "b", "c", "e"}
    assert explorer.select_chains(events, category="visas", period="The whole dispute, 2014 – 2018").empty
    assert explorer.select_chains(events, period="2014: Crimea and the first sanctions").empty


def test_chain_view_titles_what_was_chosen():
    fig = explorer.chain_view(toy_events(), actor="USA", period="The whole dispute, 2014 – 2018")
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text.startswith("1 chain(s)") and "United States" in fig.layout.title.text
    empty = explorer.chain_view(toy_events(), period="2014: Crimea and the first sanctions")
    assert any("No answer chain" in (a.text or "") for a in empty.layout.annotations)


def test_default_view_on_real_data_is_summer_2017_and_not_empty():
    events = load_events()
    chosen = explorer.select_chains(events)
    assert len(chosen) > 5
    assert chosen["date"].between("2017-07-01", "2017-10-31").any()


def test_explorer_starts_on_summer_2017_and_redraws():
    box = explorer.chain_explorer(load_events())
    assert isinstance(box, widgets.VBox)
    actor, period, category = box.children[1].children
    assert period.value == explorer.DEFAULT_PERIOD and actor.value == explorer.ALL
    for name in explorer.PERIODS:  # every period draws without error
        period.value = name
    actor.value = "RUS"
    category.value = "protest"
    box.redraw()


def test_explorer_keeps_its_figure_in_the_output_state():
    """The figure goes into the Output widget's state, not through `with out:` (which can hang nbclient)."""
    box = explorer.chain_explorer(load_events())
    out = box.children[-1]
    assert len(out.outputs) == 1 and "application/vnd.plotly.v1+json" in out.outputs[0]["data"]
    title = out.outputs[0]["data"]["application/vnd.plotly.v1+json"]["layout"]["title"]["text"]
    assert "Jul – Oct 2017" in title
    box.children[1].children[0].value = "RUS"
    assert "Russia" in out.outputs[0]["data"]["application/vnd.plotly.v1+json"]["layout"]["title"]["text"]
