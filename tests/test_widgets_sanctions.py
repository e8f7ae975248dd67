"""Explorer of notebook 02 (sanctions): the callback logic is plain functions, tested without a browser."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from helpers import load_sanctions
from helpers.widgets import sanctions as explorer


def test_instruments_of_filters_by_issuer_and_trigger():
    sanctions = load_sanctions()
    assert len(explorer.instruments_of(sanctions)) == len(sanctions)
    russian = explorer.instruments_of(sanctions, "RUS")
    assert len(russian) == int((sanctions["issuer"] == "RUS").sum()) and len(russian)
    crimea = explorer.instruments_of(sanctions, "USA", "ukraine_crimea")
    assert len(crimea) and (crimea["trigger"] == "ukraine_crimea").all() and (crimea["issuer"] == "USA").all()
    assert crimea["date_signed"].is_monotonic_increasing


def test_sanctions_view_shows_step_chart_and_table_of_the_same_instruments():
    sanctions = load_sanctions()
    before = sanctions.copy()
    fig = explorer.sanctions_view(sanctions, "RUS", explorer.ALL)
    pd.testing.assert_frame_equal(sanctions, before)
    assert isinstance(fig, go.Figure)
    chosen = explorer.instruments_of(sanctions, "RUS")
    lines = [t for t in fig.data if t.type == "scatter"]
    table = [t for t in fig.data if t.type == "table"]
    assert lines and all(t.line.shape == "hv" for t in lines)
    assert sum(max(t.y) for t in lines) == len(chosen)
    assert len(table) == 1 and len(table[0].cells.values[0]) == len(chosen)
    assert fig.layout.title.text.startswith(f"{len(chosen)} instrument")


def test_sanctions_view_says_so_when_nothing_matches():
    fig = explorer.sanctions_view(load_sanctions(), "EU", "cyber")
    assert not [t for t in fig.data if t.type == "scatter"]
    assert any("No instrument" in a.text for a in fig.layout.annotations)


def test_explorer_starts_on_every_instrument_and_redraws():
    box = explorer.sanctions_explorer(load_sanctions())
    assert isinstance(box, widgets.VBox)
    issuer, trigger = box.children[1].children
    assert issuer.value == explorer.ALL and trigger.value == explorer.ALL
    issuer.value = "RUS"
    trigger.value = "sanctions_response"
    box.redraw()
