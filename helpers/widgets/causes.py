"""Explorer of notebook 01 (causes): pick a family of events and an actor, see them on a timeline and in a table."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from helpers.analysis.causes import select_events
from helpers.charts.causes import chosen_events_figure
from helpers.vocabulary import ALL, COUNTRY_COLOURS, FAMILY_COLOURS, country_name
from helpers.widgets import figure_explorer

__all__ = ["causes_view", "causes_explorer"]


def causes_view(events: pd.DataFrame, family: str = "causes", actor: str = ALL) -> go.Figure:
    """What the explorer shows for one choice: the chosen events on a timeline and in a table."""
    chosen = select_events(events, family, actor)
    who = "every actor" if actor == ALL else country_name(actor)
    what = "every family" if family == ALL else f"family '{family}'"
    return chosen_events_figure(chosen, title=f"{len(chosen)} event(s): {what}, {who}")


def causes_explorer(events: pd.DataFrame, family: str = "causes", actor: str = ALL) -> widgets.VBox:
    """Drop-downs for family and actor above the timeline and table; starts on the causes of the dispute."""
    present = {str(a) for a in events["actor"].dropna().astype(str)}
    actors = [("every actor", ALL)] + [(country_name(c), c) for c in COUNTRY_COLOURS if c in present]
    families = [("every family", ALL)] + [(f, f) for f in FAMILY_COLOURS]
    controls = {
        "family": widgets.Dropdown(options=families, value=family, description="Family"),
        "actor": widgets.Dropdown(options=actors, value=actor, description="Actor"),
    }
    return figure_explorer(controls, lambda family, actor: causes_view(events, family, actor),
                           title="Pick a family of events and who acted")
