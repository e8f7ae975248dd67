"""Charts of notebook 03 (expulsions): how many people each side expelled, and how big the missions were.

The staffing figures disagree, so the charts show who stated each number and on what basis (official,
estimate, reported, inferred) instead of picking one: the basis sets a point's marker shape, and a lower or
upper bound is written "≥ 1,000" or "≤ 455" next to its point. What they draw comes from
:mod:`helpers.analysis.expulsions`.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from helpers.analysis.expulsions import MISSION_NAMES, bound_of, figure_label, short_source, staff_breakdown
from helpers.charts.common import wrap
from helpers.vocabulary import COUNTRY_COLOURS, PALETTE, day_text

__all__ = [
    "MISSION_COLOURS",
    "BASIS_SYMBOLS",
    "BASIS_LABELS",
    "expulsions_figure",
    "composition_figure",
    "estimates_figure",
    "mission_size_figure",
    "cut_figure",
]

MISSION_COLOURS: dict[str, str] = {
    "us_in_russia": COUNTRY_COLOURS["USA"],
    "russia_in_us": COUNTRY_COLOURS["RUS"],
}

# Who was expelled from which mission: the US expels Russians (from the Russian missions) and vice versa.
EXPELLED_NAMES: dict[str, str] = {
    "russia_in_us": "Russians expelled by the US",
    "us_in_russia": "Americans expelled by Russia",
}
# Shape says how solid a figure is: filled for a government's own figure, open for softer ones.
BASIS_SYMBOLS: dict[str, str] = {
    "official": "circle",
    "estimate": "diamond-open",
    "reported": "square-open",
    "inferred": "x-thin-open",
}
BASIS_LABELS: dict[str, str] = {
    "official": "official (a government's own figure)",
    "estimate": "estimate (an official's rounded figure)",
    "reported": "reported (press or unnamed official)",
    "inferred": "inferred (our arithmetic)",
}


def _value_text(value: int, bound: str) -> str:
    prefix = {"lower": "≥ ", "upper": "≤ "}.get(bound, "")
    return f"{prefix}{int(value):,}"


def _hover_rows(part: pd.DataFrame) -> list[list[str]]:
    return [[figure_label(r), str(r["basis"]), str(r["confidence"]), wrap(str(r["note"]) if pd.notna(r["note"])
                                                                             else "", 70)]
            for _, r in part.iterrows()]


_HOVER = ("<b>%{customdata[0]}</b><br>%{text} · basis: %{customdata[1]} · confidence it was said: "
          "%{customdata[2]}<br>%{customdata[3]}<extra></extra>")


def expulsions_figure(staffing: pd.DataFrame, *, title: str = "Who expelled how many, round by round") -> go.Figure:
    """Grouped bars: people each side expelled, per month; a zero is drawn as a labelled '0'.

    Rows with ``measure == 'expelled'``. Where one day has a total and its parts (60 = 48 + 12), the
    bar shows the total (the largest row) and the hover lists the parts.
    """
    rows = staffing[staffing["measure"].astype(str) == "expelled"].sort_values(["date", "value"])
    fig = go.Figure()
    months = sorted({pd.Timestamp(d).to_period("M") for d in rows["date"]})
    labels = [m.strftime("%b %Y") for m in months]
    for mission in ("russia_in_us", "us_in_russia"):
        part = rows[rows["mission"].astype(str) == mission]
        xs, ys, hover = [], [], []
        for (day, _), group in part.groupby([part["date"], part["mission"].astype(str)], sort=True):
            total = group.loc[group["value"].astype(int).idxmax()]
            parts = [f"{int(v):,}" for v in group["value"] if int(v) != int(total["value"])]
            detail = f" (parts stated: {' + '.join(parts)})" if parts else ""
            xs.append(f"{pd.Timestamp(day):%b %Y}")
            ys.append(int(total["value"]))
            hover.append(f"<b>{int(total['value']):,}</b> on {day_text(day)}{detail}<br>"
                         f"stated by: {short_source(total['stated_by'])}<br>"
                         f"{wrap(str(total['note']) if pd.notna(total['note']) else '', 70)}")
        if not xs:
            continue
        fig.add_trace(go.Bar(
            x=xs, y=ys, name=EXPELLED_NAMES[mission], marker_color=MISSION_COLOURS[mission],
            text=[f"{y:,}" for y in ys], textposition="outside", cliponaxis=False,
            hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        ))
    top = int(rows["value"].max()) if len(rows) else 1
    fig.update_layout(title=title, barmode="group", legend_title_text="", height=420)
    fig.update_xaxes(title=None, categoryorder="array", categoryarray=labels)
    fig.update_yaxes(title="people expelled", range=[0, top * 1.2])
    return fig


# Colour of each part of the composition chart.
PART_COLOURS: dict[str, str] = {
    "Americans (direct hires)": PALETTE["blue"],
    "local staff (mostly Russians)": PALETTE["sky"],
    "not broken down": PALETTE["grey"],
    "kept: the cap": PALETTE["green"],
    "cut": PALETTE["vermillion"],
    "Russians at the embassy and consulates": PALETTE["orange"],
    "Russians at the UN mission": PALETTE["purple"],
}


def composition_figure(staffing: pd.DataFrame, *,
                       title: str = "What the numbers are made of") -> go.Figure:
    """Stacked bars: the US mission in 2013 (Americans / local staff), its 2017 cap and cut, Russia's 455."""
    segments = staff_breakdown(staffing)
    segments["colour"] = segments["part"].map(PART_COLOURS).fillna(PALETTE["grey"])
    bars = list(dict.fromkeys(segments["bar"]))
    fig = go.Figure()
    for part, group in segments.groupby("part", sort=False):
        fig.add_trace(go.Bar(
            y=group["bar"], x=group["value"], name=str(part), orientation="h",
            marker_color=group["colour"].iloc[0], text=[f"{int(v):,}" for v in group["value"]],
            textposition="inside", insidetextanchor="middle",
            customdata=group["ids"], hovertemplate=f"{part}: %{{x:,}}<br>rows: %{{customdata}}<extra></extra>",
        ))
    fig.update_layout(title=title, barmode="stack", height=430, legend_title_text="",
                      legend=dict(orientation="h", yanchor="top", y=-0.22, x=0, traceorder="normal"))
    fig.update_yaxes(title=None, categoryorder="array", categoryarray=bars[::-1])
    fig.update_xaxes(title="people")
    return fig


def estimates_figure(staffing: pd.DataFrame, *, lines: Mapping[str, float] | None = None,
                     title: str = "How big was the US mission before the cut? It depends whom you ask"
                     ) -> go.Figure:
    """Dot plot: one row per stated figure (who, when), marker shape by basis; bounds marked ≥ / ≤.

    ``lines`` draws labelled vertical reference lines, e.g. ``{"Russian cap": 455}``.
    """
    rows = staffing.sort_values(["value", "date"]).copy()
    rows["label"] = [figure_label(r) for _, r in rows.iterrows()]
    rows["bound"] = rows["bound"].map(bound_of)
    fig = go.Figure()
    for basis, symbol in BASIS_SYMBOLS.items():
        part = rows[rows["basis"].astype(str) == basis]
        if part.empty:
            continue
        texts = [_value_text(v, b) for v, b in zip(part["value"], part["bound"], strict=True)]
        fig.add_trace(go.Scatter(
            x=part["value"].astype(int), y=part["label"], mode="markers+text", name=BASIS_LABELS[basis],
            marker=dict(symbol=symbol, size=14, color=PALETTE["black"], line=dict(width=2)),
            text=texts, textposition="middle right", customdata=_hover_rows(part), hovertemplate=_HOVER,
        ))
    for name, value in (lines or {}).items():
        fig.add_vline(x=float(value), line=dict(dash="dash", color=PALETTE["vermillion"], width=1.5),
                      annotation_text=f"{name}: {float(value):,.0f}", annotation_position="top")
    height = max(360, 42 * len(rows) + 160)
    fig.update_layout(title=title, height=height, legend_title_text="Basis of the figure",
                      legend=dict(orientation="h", yanchor="top", y=-0.15, x=0), hovermode="closest")
    fig.update_yaxes(title=None, categoryorder="array", categoryarray=list(rows["label"]))
    fig.update_xaxes(title="staff (people)", rangemode="tozero", tickformat=",d")
    return fig


def _spread_in_time(totals: pd.DataFrame, spread_hours: float) -> pd.DataFrame:
    """Plot positions for :func:`mission_size_figure`: columns x, label and textposition (a new frame)."""
    frame = totals.sort_values(["mission", "date", "value", "measurement_id"]).copy()
    frame["mission"] = frame["mission"].astype(str)
    xs, labels, positions = [], [], []
    for _, part in frame.groupby("mission", sort=False):
        cluster = (part["date"].diff() > pd.Timedelta(days=2)).cumsum()
        for _, members in part.groupby(cluster, sort=False):
            members = members.sort_values(["value", "date"])
            centre = members["date"].min() + (members["date"].max() - members["date"].min()) / 2
            n, values, seen = len(members), [int(v) for v in members["value"]], set()
            for i, (_, row) in enumerate(members.iterrows()):
                xs.append((row.name, centre + pd.Timedelta(hours=(i - (n - 1) / 2) * spread_hours)))
                near_left = i > 0 and abs(values[i] - values[i - 1]) <= 30
                labels.append((row.name, "" if values[i] in seen else _value_text(values[i], bound_of(row["bound"]))))
                positions.append((row.name, "middle right" if near_left else "middle left"))
                seen.add(values[i])
    frame["x"] = pd.Series(dict(xs))
    frame["label"] = pd.Series(dict(labels))
    frame["textposition"] = pd.Series(dict(positions))
    return frame


def mission_size_figure(staffing: pd.DataFrame, *, spread_hours: float = 22.0,
                        title: str = "Each mission's size, as stated over time") -> go.Figure:
    """Every stated total of each mission by the date it was stated; colour = mission, shape = basis.

    Rows with ``measure == 'total_staff'`` are points (lower/upper bounds labelled ≥ / ≤); rows with
    ``measure == 'cap'`` are dashed horizontal lines. Figures of one mission stated within two days of each
    other are spread ``spread_hours`` apart, smallest first, so none hides another (the hover gives the
    true date); a value repeated in such a group is labelled once.
    """
    totals = _spread_in_time(staffing[staffing["measure"].astype(str) == "total_staff"], spread_hours)
    caps = staffing[staffing["measure"].astype(str) == "cap"]
    fig = go.Figure()
    for mission, mission_name in MISSION_NAMES.items():
        for basis, symbol in BASIS_SYMBOLS.items():
            part = totals[(totals["mission"].astype(str) == mission) & (totals["basis"].astype(str) == basis)]
            if part.empty:
                continue
            fig.add_trace(go.Scatter(
                x=part["x"], y=part["value"].astype(int), mode="markers+text",
                name=basis, legendgroup=mission, legendgrouptitle_text=mission_name,
                marker=dict(symbol=symbol, size=13, color=MISSION_COLOURS[mission], line=dict(width=2)),
                text=list(part["label"]), textfont=dict(size=11),
                textposition=list(part["textposition"]),
                customdata=_hover_rows(part), hovertemplate=_HOVER,
            ))
    for _, cap in caps.iterrows():
        mission = str(cap["mission"])
        fig.add_hline(y=int(cap["value"]), line=dict(dash="dash", width=1.5,
                                                      color=MISSION_COLOURS.get(mission, PALETTE["grey"])),
                      annotation_text=f"cap for the {MISSION_NAMES.get(mission, mission)}: {int(cap['value']):,} "
                                      f"(from {day_text(cap['date'])})",
                      annotation_position="top")
    if len(totals):
        fig.update_xaxes(range=[totals["date"].min() - pd.Timedelta(days=4),
                                totals["date"].max() + pd.Timedelta(days=5)])
    fig.update_layout(title=title, height=540, hovermode="closest",
                      legend=dict(groupclick="toggleitem", title_text="Basis of the figure"))
    fig.update_xaxes(title="date the figure was stated (figures of the same days drawn side by side)",
                     tickformat="%d %b<br>%Y")
    fig.update_yaxes(title="staff (people)", rangemode="tozero", tickformat=",d")
    return fig


def cut_figure(n: Mapping[str, int], estimate: pd.Series) -> go.Figure:
    """Two stacked bars (before the cut: Americans + local staff; after: the cap), the arithmetic in the title.

    ``n`` is what :func:`helpers.analysis.expulsions.cut_arithmetic` returns; ``estimate`` the staffing
    row of the size estimate it started from (for its label and whether it is a lower bound).
    """
    row = estimate
    before, after = "before the cut", "after the cut<br>(Russia's cap)"
    fig = go.Figure([
        go.Bar(y=[before], x=[n["americans"]], name="Americans (your guess)", orientation="h",
               marker_color=PALETTE["blue"], text=[f"{n['americans']:,}"], textposition="inside", insidetextanchor="middle"),
        go.Bar(y=[before], x=[n["local"]], name="local staff", orientation="h", marker_color=PALETTE["sky"],
               text=[f"{n['local']:,}"], textposition="inside", insidetextanchor="middle"),
        go.Bar(y=[after], x=[n["cap"]], name="staff allowed (split not published)", orientation="h",
               marker_color=PALETTE["grey"], text=[f"{n['cap']:,}"], textposition="inside", insidetextanchor="middle"),
    ])
    floor = bound_of(row["bound"]) == "lower"  # "more than a thousand": every number below is a minimum
    more, least = (" or more", "at least ") if floor else ("", "")
    fig.update_layout(
        title=dict(text=f"If the mission had {n['total']:,}{more} staff ({figure_label(row)}),"
                        f" the cut was {least}{n['cut']:,}.<br><sub>Even if every American had gone, at least "
                        f"{n['min_local_cut']:,} local staff had to go; if no American went, "
                        f"{least}{n['max_local_cut']:,}.</sub>", font=dict(size=15)),
        barmode="stack", height=330, legend=dict(orientation="h", yanchor="top", y=-0.25, x=0),
        legend_title_text="",
    )
    fig.update_yaxes(title=None, categoryorder="array", categoryarray=[after, before])
    fig.update_xaxes(title="people", range=[0, max(n["total"], n["cap"]) * 1.05])
    return fig
