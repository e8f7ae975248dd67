"""Explorer for notebook 01 (causes): pick a family of events and an actor, see them on a timeline and in a table."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from helpers.charts import COUNTRY_COLOURS, COUNTRY_NAMES, FAMILY_COLOURS, _wrap, category_family
from helpers.widgets import figure_explorer

__all__ = ["ALL", "events_of", "causes_view", "causes_explorer"]

ALL = "all"


def events_of(events: pd.DataFrame, family: str = ALL, actor: str = ALL) -> pd.DataFrame:
    """The events of one family ('causes', 'sanctions', ...) and one actor ('USA', 'RUS', ...), by date."""
    keep = pd.Series(True, index=events.index)
    if family != ALL:
        keep &= events["category"].astype(str).map(category_family) == family
    if actor != ALL:
        keep &= events["actor"].astype(str) == actor
    return events[keep].sort_values(["date", "event_id"])


def causes_view(events: pd.DataFrame, family: str = "causes", actor: str = ALL) -> go.Figure:
    """A timeline (top) and a table (bottom) of the events of one family and actor."""
    chosen = events_of(events, family, actor)
    who = "every actor" if actor == ALL else COUNTRY_NAMES.get(actor, actor)
    what = "every family" if family == ALL else f"family '{family}'"
    fig = make_subplots(rows=2, cols=1, row_heights=[0.45, 0.55], vertical_spacing=0.08,
                        specs=[[{"type": "xy"}], [{"type": "table"}]])
    for code, colour in COUNTRY_COLOURS.items():
        part = chosen[chosen["actor"].astype(str) == code]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["date"], y=part["category"].astype(str).str.replace("_", " "), mode="markers",
            name=COUNTRY_NAMES.get(code, code),
            marker=dict(size=11, color=colour, line=dict(width=1, color="white")),
            customdata=part["summary"].astype(str).map(_wrap),
            hovertemplate="%{x|%d %b %Y}<br>%{customdata}<extra>%{y}</extra>",
        ), row=1, col=1)
    fig.add_trace(go.Table(
        columnwidth=[70, 45, 110, 330],
        header=dict(values=["date", "actor", "who exactly", "what happened"], align="left",
                    fill_color="#eeeeee"),
        cells=dict(values=[chosen["date"].dt.strftime("%Y-%m-%d").tolist(),
                           chosen["actor"].astype(str).tolist(),
                           chosen["actor_body"].astype(str).tolist(),
                           chosen["summary"].astype(str).tolist()], align="left", height=26),
    ), row=2, col=1)
    if chosen.empty:
        fig.add_annotation(text="No event matches this choice: try another family or actor.",
                           x=0.5, y=0.8, xref="paper", yref="paper", showarrow=False)
    fig.update_layout(title=f"{len(chosen)} event(s): {what}, {who}", height=760, legend_title_text="Who acted",
                      showlegend=not chosen.empty)
    fig.update_xaxes(title=None, tickformat="%b %Y", row=1, col=1)
    fig.update_yaxes(title=None, row=1, col=1)
    return fig


def causes_explorer(events: pd.DataFrame, family: str = "causes", actor: str = ALL) -> widgets.VBox:
    """Drop-downs for family and actor above the timeline and table; starts on the causes of the dispute."""
    present = {str(a) for a in events["actor"].dropna().astype(str)}
    actors = [("every actor", ALL)] + [(COUNTRY_NAMES.get(c, c), c) for c in COUNTRY_COLOURS if c in present]
    families = [("every family", ALL)] + [(f, f) for f in FAMILY_COLOURS]
    controls = {
        "family": widgets.Dropdown(options=families, value=family, description="Family"),
        "actor": widgets.Dropdown(options=actors, value=actor, description="Actor"),
    }
    return figure_explorer(controls, lambda family, actor: causes_view(events, family, actor),
                           title="Pick a family of events and who acted")
