"""Explorer of notebook 04: a date slider that shows which buildings were still in use on a chosen day.

The callback is :func:`closures_view` (the map of :func:`helpers.maps.closures_map` on that day, titled
with :func:`status_summary`), and :func:`open_facilities_on` lists the facilities in use; all are plain
functions the tests call without a browser.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from helpers.maps import SCOPES, closures_map, facility_status_on
from helpers.widgets import figure_explorer

__all__ = ["slider_days", "open_facilities_on", "status_summary", "closures_view", "closures_explorer"]

START_DAY = "2017-09-03"
SCOPE_LABELS: dict[str, str] = {"world": "both countries", "usa": "in the US", "russia": "in Russia"}
BUTTON_LABELS: dict[str, str] = {"world": "both", "usa": "the US", "russia": "Russia"}


def slider_days(start: object = "2016-12-01", end: object = "2018-05-31") -> list[pd.Timestamp]:
    """Every day from ``start`` to ``end`` (both included): the positions of the date slider."""
    return list(pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq="D"))


def open_facilities_on(facilities: pd.DataFrame, events: pd.DataFrame, day: object) -> pd.DataFrame:
    """The facilities still in use on ``day`` (a new frame; a building is closed from its closed_by day on)."""
    status = facility_status_on(facilities, events, day)
    return status[status["is_open"]].reset_index(drop=True)


SCOPE_HOSTS: dict[str, str | None] = {"world": None, "usa": "USA", "russia": "RUS"}


def status_summary(facilities: pd.DataFrame, events: pd.DataFrame, day: object, scope: str = "world") -> str:
    """One line for a day and map: how many of its facilities are in use, and how many each side has lost."""
    status = facility_status_on(facilities, events, day)
    host = SCOPE_HOSTS.get(scope)
    if host is not None:
        status = status[status["host"].astype(str) == host]
    closed = status[~status["is_open"]]
    lost = [f"{int((closed['owner'].astype(str) == owner).sum())} {name}"
            for owner, name in (("RUS", "Russian"), ("USA", "American"))
            if host is None or (status["owner"].astype(str) == owner).any()]
    return f"{int(status['is_open'].sum())} of {len(status)} facilities in use; closed so far: {', '.join(lost)}"


def closures_view(facilities: pd.DataFrame, events: pd.DataFrame, day: object, scope: str = "world") -> go.Figure:
    """The map of the facilities on ``day`` (circle = in use, cross = closed), its title summing up the day."""
    stamp = pd.Timestamp(day)
    title = (f"{stamp.day} {stamp:%B %Y}, {SCOPE_LABELS.get(scope, scope)}<br>"
             f"<sub>{status_summary(facilities, events, stamp, scope)}</sub>")
    return closures_map(facilities, scope=scope, day=stamp, events=events, title=title)


def closures_explorer(facilities: pd.DataFrame, events: pd.DataFrame, *, start: object = START_DAY,
                      scope: str = "world") -> widgets.VBox:
    """A date slider and a choice of map; starts on the day after the September 2017 closures."""
    days = slider_days()
    first = pd.Timestamp(start)
    if first not in days:
        first = days[0]
    controls: dict[str, Any] = {
        "day": widgets.SelectionSlider(options=[(f"{d.day} {d:%b %Y}", d) for d in days], value=first,
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
