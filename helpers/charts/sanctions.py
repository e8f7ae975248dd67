"""Charts and tables for notebook 02 (sanctions): who issued what, instruments piling up, the CAATSA votes.

Every chart function takes a table as :mod:`helpers.data` loads it and returns a ``go.Figure``; it
never displays, reads files or changes its input.
"""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from helpers.charts import COUNTRY_COLOURS, COUNTRY_NAMES, PALETTE

__all__ = [
    "TRIGGER_LABELS",
    "TRIGGER_COLOURS",
    "KIND_LABELS",
    "group_label",
    "instruments_by_issuer_figure",
    "cumulative_instruments",
    "cumulative_instruments_figure",
    "caatsa_votes",
    "votes_figure",
]

TRIGGER_LABELS: dict[str, str] = {
    "ukraine_crimea": "Ukraine / Crimea",
    "cyber": "cyber activity",
    "election_interference": "election interference",
    "multiple": "several reasons",
    "sanctions_response": "answer to sanctions",
}

TRIGGER_COLOURS: dict[str, str] = {
    "ukraine_crimea": PALETTE["black"],
    "cyber": PALETTE["sky"],
    "election_interference": PALETTE["purple"],
    "multiple": PALETTE["orange"],
    "sanctions_response": PALETTE["vermillion"],
}

KIND_LABELS: dict[str, str] = {
    "executive_order": "executive order",
    "designation": "designation (a list of names)",
    "law": "law",
    "decree": "decree",
    "resolution": "resolution or Council decision",
}

_KIND_COLOURS = dict(zip(KIND_LABELS, [PALETTE[c] for c in ("blue", "sky", "green", "vermillion", "orange")],
                         strict=True))


def group_label(by: str, value: object) -> str:
    """The readable name of a trigger ('Ukraine / Crimea') or an issuer ('Russia')."""
    if by == "trigger":
        return TRIGGER_LABELS.get(str(value), str(value))
    return COUNTRY_NAMES.get(str(value), str(value))


def _colour(by: str, value: str) -> str:
    palette = TRIGGER_COLOURS if by == "trigger" else COUNTRY_COLOURS
    return palette.get(value, PALETTE["grey"])


def instruments_by_issuer_figure(sanctions: pd.DataFrame,
                                 title: str = "Who issued which kind of instrument?") -> go.Figure:
    """Horizontal stacked bars: the number of instruments of each issuer, split by legal kind."""
    issuers = [c for c in COUNTRY_COLOURS if c in set(sanctions["issuer"].astype(str))]
    names = [COUNTRY_NAMES.get(c, c) for c in issuers]
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


def cumulative_instruments(sanctions: pd.DataFrame, by: str = "trigger") -> pd.DataFrame:
    """Running count of instruments per group ('trigger' or 'issuer'): date, group, short_name, count."""
    if by not in {"trigger", "issuer"}:
        raise ValueError("by must be 'trigger' or 'issuer'")
    frame = sanctions[["date_signed", by, "short_name"]].rename(columns={"date_signed": "date", by: "group"})
    frame = frame.assign(group=frame["group"].astype(str)).sort_values(["date", "short_name"])
    frame["count"] = frame.groupby("group").cumcount() + 1
    return frame.reset_index(drop=True)


def cumulative_instruments_figure(sanctions: pd.DataFrame, by: str = "trigger",
                                  title: str = "Sanctions instruments piling up") -> go.Figure:
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


_VOTE = re.compile(r"(House|Senate)\D{0,12}?(\d+)\s*[-–]\s*(\d+)")


def caatsa_votes(sanctions: pd.DataFrame) -> pd.DataFrame:
    """The House and Senate votes on CAATSA, read from the date_note of the 'caatsa' row: chamber, yes, no."""
    rows = sanctions.loc[sanctions["sanction_id"].astype(str) == "caatsa", "date_note"].dropna()
    votes = []
    for note in rows.astype(str):
        for chamber, yes, no in _VOTE.findall(note):
            votes.append({"chamber": chamber, "yes": int(yes), "no": int(no)})
    frame = pd.DataFrame(votes, columns=["chamber", "yes", "no"]).drop_duplicates("chamber")
    frame["share_yes"] = frame["yes"] / (frame["yes"] + frame["no"])
    return frame.reset_index(drop=True)


def votes_figure(votes: pd.DataFrame, title: str = "How large were the majorities for CAATSA?") -> go.Figure:
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
