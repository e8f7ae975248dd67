"""Charts every notebook may use: the dot timeline of events, and whole-year axes.

>>> wrap("a few words that go on", width=10)
'a few<br>words that<br>go on'
>>> from helpers.data import load_events
>>> fig = timeline_figure(load_events().head(3), color="actor")
>>> {trace.name for trace in fig.data} <= {"Russia", "Ukraine", "United States"}
True
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers.errors import require_columns
from helpers.vocabulary import COUNTRY_COLOURS, FAMILY_COLOURS, category_family, country_name

__all__ = ["timeline_figure", "year_axis", "wrap"]


def year_axis(fig: go.Figure, axis: str = "x") -> go.Figure:
    """Show whole years on an axis holding integer years (never '2,020.5'); returns the figure."""
    fig.update_layout({f"{axis}axis": dict(tickmode="linear", dtick=1, tickformat="d")})
    return fig


def timeline_figure(events: pd.DataFrame, *, color: str = "category",
                    title: str = "The dispute, event by event") -> go.Figure:
    """Dot timeline: one dot per event, a row per category, coloured by category family or actor.

    ``color`` is ``"category"`` (colour by family of categories) or ``"actor"`` (blue for the US,
    vermillion for Russia). Hovering a dot shows its date, actor and summary.
    """
    require_columns(events, "events", ["date", "category", "actor", "summary"], "timeline_figure")
    if color not in {"category", "actor"}:
        raise ValueError("color must be 'category' or 'actor'")
    frame = events.sort_values("date")
    present = set(frame["category"].astype(str))
    if isinstance(frame["category"].dtype, pd.CategoricalDtype):
        categories = [c for c in frame["category"].cat.categories if c in present]
    else:
        categories = sorted(present)
    fig = go.Figure()
    if color == "category":
        families = frame["category"].astype(str).map(category_family)
        groups = [(fam, frame[families == fam]) for fam in FAMILY_COLOURS]
        colours = FAMILY_COLOURS
    else:
        groups = [(code, frame[frame["actor"].astype(str) == code]) for code in COUNTRY_COLOURS]
        colours = COUNTRY_COLOURS
    for name, part in groups:
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["date"], y=part["category"].astype(str).str.replace("_", " "), mode="markers",
            name=country_name(name) if color == "actor" else name,
            marker=dict(size=11, color=colours[name], line=dict(width=1, color="white")),
            customdata=list(zip(part["actor"].astype(str), part["summary"].astype(str).map(wrap), strict=True)),
            hovertemplate="%{x|%d %b %Y} · %{customdata[0]}<br>%{customdata[1]}<extra>%{y}</extra>",
        ))
    fig.update_layout(title=title, legend_title_text="Family" if color == "category" else "Actor",
                      height=max(380, 34 * len(categories) + 140), hovermode="closest")
    fig.update_yaxes(categoryorder="array", categoryarray=[c.replace("_", " ") for c in categories][::-1],
                     title=None)
    fig.update_xaxes(title=None, tickformat="%b %Y")
    return fig


def wrap(text: str, width: int = 60) -> str:
    """Break a long text into lines of about ``width`` characters for a hover box (joined by <br>)."""
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "<br>".join(lines)
