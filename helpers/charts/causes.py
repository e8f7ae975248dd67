"""Charts of notebook 01 (causes): events per quarter, a strip of events, the answer lags, chosen events."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from helpers.analysis.causes import event_label, events_per_quarter
from helpers.charts.common import wrap
from helpers.errors import require_columns
from helpers.vocabulary import COUNTRY_COLOURS, FAMILY_COLOURS, country_name

__all__ = ["events_per_quarter_figure", "event_strip_figure", "answer_lag_figure", "chosen_events_figure"]


def events_per_quarter_figure(events: pd.DataFrame, *,
                              title: str = "How many events each quarter, by family") -> go.Figure:
    """Stacked bars: the number of events in each quarter of the span, one colour per family."""
    counts = events_per_quarter(events)
    if len(events):  # every quarter of the span, so that quiet quarters show as gaps of zero height
        quarters = pd.period_range(events["date"].min(), events["date"].max(), freq="Q")
    else:
        quarters = pd.PeriodIndex([], freq="Q")
    labels = [f"{q.year} Q{q.quarter}" for q in quarters]
    fig = go.Figure()
    for family, colour in FAMILY_COLOURS.items():
        part = counts[counts["family"] == family].set_index("quarter")["events"]
        if part.empty:
            continue
        fig.add_trace(go.Bar(
            x=labels, y=[int(part.get(q, 0)) for q in labels], name=family, marker_color=colour,
            hovertemplate="%{x}: %{y} event(s)<extra>%{fullData.name}</extra>",
        ))
    fig.update_layout(title=title, barmode="stack", legend_title_text="Family", height=420)
    fig.update_xaxes(title=None, type="category", tickangle=-45)
    fig.update_yaxes(title="events", rangemode="tozero")
    return fig


def event_strip_figure(events: pd.DataFrame, *, title: str = "Event by event") -> go.Figure:
    """One row per event (earliest at the top), a dot at its date coloured by the acting country."""
    require_columns(events, "events", ["event_id", "date", "actor", "actor_body", "summary"], "event_strip_figure")
    frame = events.sort_values(["date", "event_id"])
    labels = [f"{d:%d %b} · {event_label(i)}" for d, i in zip(frame["date"], frame["event_id"], strict=True)]
    frame = frame.assign(label=labels)
    fig = go.Figure()
    for code, colour in COUNTRY_COLOURS.items():
        part = frame[frame["actor"].astype(str) == code]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["date"], y=part["label"], mode="markers", name=country_name(code),
            marker=dict(size=13, color=colour, line=dict(width=1, color="white")),
            customdata=list(zip(part["actor_body"].astype(str), part["summary"].astype(str).map(wrap), strict=True)),
            hovertemplate="%{x|%d %b %Y} · %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        ))
    fig.update_layout(title=title, legend_title_text="Who acted", hovermode="closest",
                      height=max(320, 30 * len(frame) + 150))
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], title=None)
    fig.update_xaxes(title=None, tickformat="%d %b %Y")
    return fig


def answer_lag_figure(links: pd.DataFrame, *, title: str = "How many days after the act it answered?") -> go.Figure:
    """Horizontal bars, one per answer link (earliest at the top): days between an act and its answer.

    ``links`` is a table of :func:`helpers.analysis.links.answer_links`.
    """
    require_columns(links, "answer links", ["answer_id", "answer_date", "answer_actor", "answered_id", "lag_days"],
                    "answer_lag_figure")
    labels = [f"{d:%d %b %Y} · {event_label(i)}" for d, i in zip(links["answer_date"], links["answer_id"],
                                                                    strict=True)]
    links = links.assign(label=labels)
    fig = go.Figure()
    for code, colour in COUNTRY_COLOURS.items():
        part = links[links["answer_actor"] == code]
        if part.empty:
            continue
        fig.add_trace(go.Bar(
            x=part["lag_days"].astype(float), y=part["label"], orientation="h", name=country_name(code),
            marker_color=colour, customdata=[event_label(a) for a in part["answered_id"]],
            hovertemplate="%{y}<br>answers: %{customdata}<br>%{x} day(s) later<extra></extra>",
        ))
    fig.update_layout(title=title, legend_title_text="Who answered", height=max(360, 24 * len(links) + 160),
                      bargap=0.25)
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], title=None)
    fig.update_xaxes(title="days between the act and the answer", rangemode="tozero")
    return fig


def chosen_events_figure(chosen: pd.DataFrame, *, title: str = "") -> go.Figure:
    """A timeline (top) and a table (bottom) of some events: the picture of notebook 01's explorer."""
    require_columns(chosen, "events", ["date", "category", "actor", "actor_body", "summary"], "chosen_events_figure")
    fig = make_subplots(rows=2, cols=1, row_heights=[0.45, 0.55], vertical_spacing=0.08,
                        specs=[[{"type": "xy"}], [{"type": "table"}]])
    for code, colour in COUNTRY_COLOURS.items():
        part = chosen[chosen["actor"].astype(str) == code]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["date"], y=part["category"].astype(str).str.replace("_", " "), mode="markers",
            name=country_name(code), marker=dict(size=11, color=colour, line=dict(width=1, color="white")),
            customdata=part["summary"].astype(str).map(wrap),
            hovertemplate="%{x|%d %b %Y}<br>%{customdata}<extra>%{y}</extra>",
        ), row=1, col=1)
    fig.add_trace(go.Table(
        columnwidth=[70, 45, 110, 330],
        header=dict(values=["date", "actor", "who exactly", "what happened"], align="left", fill_color="#eeeeee"),
        cells=dict(values=[chosen["date"].dt.strftime("%Y-%m-%d").tolist(), chosen["actor"].astype(str).tolist(),
                           chosen["actor_body"].astype(str).tolist(), chosen["summary"].astype(str).tolist()],
                   align="left", height=26),
    ), row=2, col=1)
    if chosen.empty:
        fig.add_annotation(text="No event matches this choice: try another.", x=0.5, y=0.8, xref="paper",
                           yref="paper", showarrow=False)
    fig.update_layout(title=title, height=760, legend_title_text="Who acted", showlegend=not chosen.empty)
    fig.update_xaxes(title=None, tickformat="%b %Y", row=1, col=1)
    fig.update_yaxes(title=None, row=1, col=1)
    return fig
