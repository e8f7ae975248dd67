"""Charts of the capstone notebook (07): a round on the timeline, rounds compared, your new rows."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from helpers.charts.common import timeline_figure
from helpers.vocabulary import COUNTRY_COLOURS, PALETTE, country_name

__all__ = ["round_timeline_figure", "measures_figure", "rounds_compared_figure", "new_rows_timeline_figure"]


def round_timeline_figure(events: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, label: str,
                      *, title: str = "Where the round falls in the dispute") -> go.Figure:
    """The whole dispute as a dot timeline (coloured by actor) with one round shaded and labelled."""
    fig = timeline_figure(events, color="actor", title=title)
    pad = pd.Timedelta(days=10)  # a round of a few days would be too thin to see on a four-year axis
    fig.add_vrect(x0=pd.Timestamp(start) - pad, x1=pd.Timestamp(end) + pad, fillcolor=PALETTE["yellow"],
                  opacity=0.35, layer="below", line_width=0, annotation_text=label,
                  annotation_position="top left")
    return fig


def _bars(frame: pd.DataFrame, group: str, measures: list[str], title: str) -> go.Figure:
    """One small chart per measure: a bar per value of ``group``, one colour per actor."""
    fig = make_subplots(rows=1, cols=len(measures), subplot_titles=measures, horizontal_spacing=0.06)
    actors = [a for a in COUNTRY_COLOURS if a in set(frame["actor"].astype(str))]
    for col, measure in enumerate(measures, start=1):
        for actor in actors:
            part = frame[frame["actor"].astype(str) == actor]
            values = part[measure].astype(float).fillna(0)
            fig.add_trace(go.Bar(
                x=part[group].astype(str), y=values, name=country_name(actor),
                marker_color=COUNTRY_COLOURS[actor], legendgroup=actor, showlegend=col == 1,
                text=[f"{v:.0f}" for v in values], textposition="outside", cliponaxis=False,
                hovertemplate=f"{country_name(actor)} · %{{x}}<br>{measure}: %{{y:.0f}}<extra></extra>",
            ), row=1, col=col)
        top = float(frame[measure].astype(float).max()) if len(frame) else 0.0
        fig.update_yaxes(range=[0, max(top, 1.0) * 1.25], row=1, col=col, rangemode="tozero",
                         showticklabels=False)
    fig.update_layout(title=title, barmode="group", legend_title_text="Actor", height=430,
                      margin=dict(t=110))
    fig.update_xaxes(tickangle=0)
    return fig


def measures_figure(table: pd.DataFrame, measures: list[str], *,
                    title: str = "Who did what in this round") -> go.Figure:
    """Bars of each measure for each actor of one round (``table`` has an ``actor`` column)."""
    frame = table.reset_index() if "actor" not in table.columns else table.copy()
    frame["who"] = frame["actor"].astype(str).map(lambda a: country_name(a))
    return _bars(frame, "who", measures, title)


def rounds_compared_figure(summary: pd.DataFrame, measures: list[str], *,
                           title: str = "Three rounds compared") -> go.Figure:
    """Bars of each measure per round, side by side for each actor (``summary`` has round, actor)."""
    frame = summary.reset_index() if "round" not in summary.columns else summary.copy()
    fig = _bars(frame, "round", measures, title)
    fig.update_xaxes(categoryorder="array", categoryarray=list(dict.fromkeys(frame["round"].astype(str))))
    return fig


def new_rows_timeline_figure(events: pd.DataFrame, *, title: str = "Your new rows among the others") -> go.Figure:
    """Dot timeline of the events (coloured by actor) with the rows marked ``is_new`` circled."""
    fig = timeline_figure(events, color="actor", title=title)
    if "is_new" in events.columns:
        new = events[events["is_new"].fillna(False).astype(bool)]
        if len(new):
            fig.add_trace(go.Scatter(
                x=new["date"], y=new["category"].astype(str).str.replace("_", " "), mode="markers",
                name="your new rows", marker=dict(symbol="circle-open", size=22, color=PALETTE["black"],
                                                  line=dict(width=3)),
                customdata=new["summary"].astype(str), hovertemplate="%{x|%d %b %Y} · NEW<br>%{customdata}"
                                                                     "<extra></extra>",
            ))
    return fig
