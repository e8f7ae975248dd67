"""Explorer of notebook 04: a date slider that shows which buildings were still in use on a chosen day."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from helpers.analysis.closures import slider_days, status_summary
from helpers.charts.closures import closures_map_figure
from helpers.charts.maps import SCOPES
from helpers.vocabulary import day_text
from helpers.widgets import figure_explorer

__all__ = ["closures_view", "closures_explorer"]

START_DAY = "2017-09-03"
SCOPE_LABELS: dict[str, str] = {"world": "both countries", "usa": "in the US", "russia": "in Russia"}
BUTTON_LABELS: dict[str, str] = {"world": "both", "usa": "the US", "russia": "Russia"}


def closures_view(facilities: pd.DataFrame, events: pd.DataFrame, day: object, scope: str = "world") -> go.Figure:
    """The map of the facilities on ``day`` (circle = in use, cross = closed), its title summing up the day."""
    stamp = pd.Timestamp(day)
    title = (f"{day_text(stamp, long=True)}, {SCOPE_LABELS.get(scope, scope)}<br>"
             f"<sub>{status_summary(facilities, events, stamp, scope)}</sub>")
    return closures_map_figure(facilities, scope=scope, day=stamp, events=events, title=title)


def closures_explorer(facilities: pd.DataFrame, events: pd.DataFrame, *, start: object = START_DAY,
                      scope: str = "world") -> widgets.VBox:
    """A date slider and a choice of map; starts on the day after the September 2017 closures."""
    days = slider_days()
    first = pd.Timestamp(start)
    if first not in days:
        first = days[0]
    controls: dict[str, Any] = {
        "day": widgets.SelectionSlider(options=[(day_text(d), d) for d in days], value=first,
                                       description="Day:", continuous_update=False,
                                       layout=widgets.Layout(width="400px")),
        "scope": widgets.ToggleButtons(options=[(BUTTON_LABELS[s], s) for s in SCOPES], value=scope,
                                       description="Map:", style={"button_width": "72px"},
                                       layout=widgets.Layout(margin="0 0 0 24px")),
    }

    def view(day: pd.Timestamp, scope: str) -> go.Figure:
        return closures_view(facilities, events, day, scope)

    # as_state: a map is large; see figure_explorer.
    return figure_explorer(controls, view, title="What was still in use on a chosen day?", as_state=True)
