"""Charts of notebook 02 (sanctions): who issued what, instruments piling up, the CAATSA votes, chosen instruments."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from helpers.analysis.sanctions import KIND_LABELS, TRIGGER_LABELS, cumulative_instruments, group_label
from helpers.errors import require_columns
from helpers.vocabulary import COUNTRY_COLOURS, PALETTE, country_name

__all__ = [
    "TRIGGER_COLOURS",
    "instruments_by_issuer_figure",
    "cumulative_instruments_figure",
    "votes_figure",
    "chosen_instruments_figure",
]

TRIGGER_COLOURS: dict[str, str] = {
    "ukraine_crimea": PALETTE["black"],
    "cyber": PALETTE["sky"],
    "election_interference": PALETTE["purple"],
    "multiple": PALETTE["orange"],
    "sanctions_response": PALETTE["vermillion"],
}

_KIND_COLOURS = dict(zip(KIND_LABELS, [PALETTE[c] for c in ("blue", "sky", "green", "vermillion", "orange")],
                         strict=True))


def _colour(by: str, value: str) -> str:
    palette = TRIGGER_COLOURS if by == "trigger" else COUNTRY_COLOURS
    return palette.get(value, PALETTE["grey"])


def instruments_by_issuer_figure(sanctions: pd.DataFrame,
                                 *, title: str = "Who issued which kind of instrument?") -> go.Figure:
    """Horizontal stacked bars: the number of instruments of each issuer, split by legal kind."""
    issuers = [c for c in COUNTRY_COLOURS if c in set(sanctions["issuer"].astype(str))]
    names = [country_name(c) for c in issuers]
    fig = go.Figure()
    for kind, label in KIND_LABELS.items():
        part = sanctions[sanctions["kind"].astype(str) == kind]
        if part.empty:
            continue
        counts = part["issuer"].astype(str).value_counts()
        fig.add_trace(go.Bar(
            y=names, x=[int(counts.get(c, 0)) for c in issuers], orientation="h", name=label,
            marker_color=_KIND_COLOURS[kind],
            hovertemplate="%{y}: %{x} " + label + "(s)<extra></extra>",
        ))
    fig.update_layout(title=title, barmode="stack", legend_title_text="Kind", height=360)
    fig.update_yaxes(title=None, categoryorder="array", categoryarray=names[::-1])
    fig.update_xaxes(title="instruments in the table", dtick=1, rangemode="tozero")
    return fig


def cumulative_instruments_figure(sanctions: pd.DataFrame, by: str = "trigger",
                                  *, title: str = "Sanctions instruments piling up") -> go.Figure:
    """Step chart: the running number of instruments over time, one line per trigger (or issuer)."""
    steps = cumulative_instruments(sanctions, by)
    order = list(TRIGGER_LABELS) if by == "trigger" else list(COUNTRY_COLOURS)
    groups = [g for g in order if g in set(steps["group"])] + sorted(set(steps["group"]) - set(order))
    fig = go.Figure()
    if not steps.empty:
        start, end = steps["date"].min(), steps["date"].max()
        for group in groups:
            part = steps[steps["group"] == group]
            # start every line at zero on the first day and carry it on to the last day of the table
            x, y = [start, *part["date"]], [0, *part["count"].astype(int)]
            text = ["", *part["short_name"].astype(str)]
            if part["date"].max() < end:
                x, y, text = [*x, end], [*y, y[-1]], [*text, "(no new instrument since)"]
            fig.add_trace(go.Scatter(
                x=x, y=y, mode="lines+markers", line_shape="hv", name=group_label(by, group),
                line=dict(width=3, color=_colour(by, group)), marker=dict(size=7),
                text=text, hovertemplate="%{x|%d %b %Y}: %{y} so far<br>%{text}<extra>%{fullData.name}</extra>",
            ))
    fig.update_layout(title=title, legend_title_text="Trigger" if by == "trigger" else "Issuer",
                      hovermode="closest", height=430)
    fig.update_xaxes(title=None, tickformat="%b %Y")
    fig.update_yaxes(title="instruments so far", rangemode="tozero", dtick=1)
    return fig


def votes_figure(votes: pd.DataFrame, *, title: str = "How large were the majorities for CAATSA?") -> go.Figure:
    """Bars of the share of 'yes' votes in each chamber, with the two-thirds line needed to override a veto."""
    fig = go.Figure(go.Bar(
        x=votes["chamber"], y=votes["share_yes"] * 100, name="voted yes", marker_color=PALETTE["blue"],
        text=[f"{y}–{n}" for y, n in zip(votes["yes"], votes["no"], strict=True)], textposition="inside",
        hovertemplate="%{x}: %{y:.1f}% voted yes (%{text})<extra></extra>",
    ))
    fig.add_hline(y=200 / 3, line_dash="dash", line_color=PALETTE["vermillion"],
                  annotation_text="two-thirds of those voting: enough to override a veto",
                  annotation_position="bottom right")
    fig.update_layout(title=title, showlegend=False, height=400)
    fig.update_yaxes(title="% of votes cast that were yes", range=[0, 100], ticksuffix="%")
    fig.update_xaxes(title=None)
    return fig


def chosen_instruments_figure(chosen: pd.DataFrame, *, title: str = "") -> go.Figure:
    """The step chart (top, one line per trigger) and the table (bottom) of some instruments: notebook 02's explorer."""
    require_columns(chosen, "sanctions", ["date_signed", "short_name", "kind", "trigger", "targets"],
                    "chosen_instruments_figure")
    steps = cumulative_instruments_figure(chosen, by="trigger")
    fig = make_subplots(rows=2, cols=1, row_heights=[0.45, 0.55], vertical_spacing=0.08,
                        specs=[[{"type": "xy"}], [{"type": "table"}]])
    for trace in steps.data:
        fig.add_trace(trace, row=1, col=1)
    fig.add_trace(go.Table(
        columnwidth=[70, 110, 90, 100, 300],
        header=dict(values=["date", "instrument", "kind", "trigger", "whom or what it targets"], align="left",
                    fill_color="#eeeeee"),
        cells=dict(values=[chosen["date_signed"].dt.strftime("%Y-%m-%d").tolist(),
                           chosen["short_name"].astype(str).tolist(),
                           chosen["kind"].astype(str).map(lambda k: KIND_LABELS.get(k, k)).tolist(),
                           chosen["trigger"].astype(str).map(lambda t: TRIGGER_LABELS.get(t, t)).tolist(),
                           chosen["targets"].astype(str).tolist()], align="left"),
    ), row=2, col=1)
    if chosen.empty:
        fig.add_annotation(text="No instrument matches this choice: try another issuer or trigger.",
                           x=0.5, y=0.8, xref="paper", yref="paper", showarrow=False)
    fig.update_layout(title=title, height=780, legend_title_text="Trigger", hovermode="closest")
    fig.update_xaxes(title=None, tickformat="%b %Y", row=1, col=1)
    fig.update_yaxes(title="instruments so far", rangemode="tozero", dtick=1, row=1, col=1)
    return fig
