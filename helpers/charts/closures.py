"""Charts of notebook 04 (closures): the offline map of facilities, which building closed when, and the counts.

What they draw comes from :mod:`helpers.analysis.closures` (the closure table, the status on a day, the
counts); the base map from :mod:`helpers.charts.maps`.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers.analysis.closures import as_day, facility_status_on
from helpers.charts.common import wrap
from helpers.charts.maps import base_map_traces, check_scope, geo_layout, spread_markers
from helpers.errors import require_columns
from helpers.vocabulary import COUNTRY_COLOURS, PALETTE, country_name, day_text

__all__ = [
    "LOST_BY",
    "OWNER_LABELS",
    "closures_map_figure",
    "closures_timeline_figure",
    "closures_by_round_figure",
    "open_count_figure",
]

# Colour = the state whose mission used the building (as on the map); the legend says who lost it.
LOST_BY: dict[str, str] = {
    "RUS": "Russian sites closed by the US",
    "USA": "US sites closed by Russia",
}

# Whose facilities a count line shows (owner = the state whose mission used them).
OWNER_LABELS: dict[str, str] = {"RUS": "Russia's (in the US)", "USA": "the US's (in Russia)"}

# Symbols by status: a filled circle for an open facility, a cross for a closed one (shape as well as
# colour, so the map reads in grey print and with colour-vision deficiencies).
STATUS_SYMBOLS: dict[str, str] = {"open": "circle", "closed": "x"}

# Markers closer than this (in degrees of arc) would overlap at the scope's usual size (about 900 px wide):
# such groups are spread on a small ring around their centre (helpers.charts.maps.spread_markers).
_SEPARATION: dict[str, float] = {"world": 7.0, "usa": 0.9, "russia": 2.0}
_HOSTS: dict[str, set[str] | None] = {"world": None, "usa": {"USA"}, "russia": {"RUS"}}
_ADJECTIVES: dict[str, str] = {"USA": "US", "RUS": "Russian", "UKR": "Ukrainian", "GBR": "British", "EU": "EU"}


def _hover(row: pd.Series) -> str:
    kind = str(row["kind"]).replace("_", " ")
    status = str(row["status"])
    closed_on = row.get("closed_on")
    if status == "closed" and pd.notna(closed_on):
        status = f"closed (from {pd.Timestamp(closed_on):%d %b %Y})"
    elif status == "open" and pd.notna(closed_on):
        status = f"open (closed from {pd.Timestamp(closed_on):%d %b %Y})"
    if str(row["coord_precision"]) == "city":
        where = "APPROXIMATE: city-centre coordinates, not the building"
    else:
        where = "the site itself (coordinates from a cited source)"
    lines = [f"<b>{row['name']}</b>", f"{row['city']} · {kind}",
             f"Owner: {country_name(row['owner'])} · {status}",
             f"Position: {where} ({float(row['lat']):.3f}, {float(row['lon']):.3f})"]
    if row["moved_from"]:
        lines.append(f"Marker moved so the {int(row['moved_from']) + 1} facilities close together stay apart "
                     "(grey line: to the true position)")
    return "<br>".join(lines)


def closures_map_figure(facilities: pd.DataFrame, *, scope: str = "world", day: object = None,
                        events: pd.DataFrame | None = None, title: str | None = None) -> go.Figure:
    """Facilities on an offline map: colour = owner, circle = open, cross = closed (on ``day`` if given).

    ``scope`` is 'world' (every facility), 'usa' (those in the US, Albers USA projection) or 'russia'
    (those in Russia). With ``events`` (load_events()) the status comes from :func:`facility_status_on`
    on ``day`` (None = at the end of the data); without, a facility with a ``closed_by`` counts as closed.
    Markers that would overlap (several facilities in one city, at this scope's scale) are spread on a
    small ring around their common centre, in their own order around it, with a thin grey line to the true
    position; the hover text says so, gives the true coordinates and flags city-precision coordinates
    as approximate. No plotly CDN layer is used.
    """
    scope = check_scope(scope)
    require_columns(facilities, "facilities", ["facility_id", "name", "owner", "host", "city", "lat", "lon",
                                               "coord_precision", "kind", "closed_by"], "closures_map_figure")
    if day is not None and events is None:
        raise ValueError("To show the status on a day, pass the events too: events=load_events().")
    if events is not None:
        frame = facility_status_on(facilities, events, day)
    else:
        frame = facilities.copy()
        frame["closed_on"] = pd.NaT
        frame["is_open"] = frame["closed_by"].isna()
        frame["status"] = frame["is_open"].map({True: "open", False: "closed"})
    hosts = _HOSTS[scope]
    if hosts is not None:
        frame = frame[frame["host"].astype(str).isin(hosts)]
    frame = spread_markers(frame.sort_values("facility_id"), _SEPARATION[scope])
    fig = go.Figure(base_map_traces(scope))
    moved = frame[frame["moved_from"] > 0]
    if not moved.empty:
        lon: list[float | None] = []
        lat: list[float | None] = []
        for _, row in moved.iterrows():
            lon += [float(row["lon"]), float(row["plot_lon"]), None]
            lat += [float(row["lat"]), float(row["plot_lat"]), None]
        fig.add_trace(go.Scattergeo(lon=lon, lat=lat, mode="lines", name="true positions", hoverinfo="skip",
                                    showlegend=False, line=dict(color=PALETTE["grey"], width=0.8)))
    owners = [o for o in COUNTRY_COLOURS if o in set(frame["owner"].astype(str))]
    owners += sorted(set(frame["owner"].astype(str)) - set(owners))
    for owner in owners:
        for status in ("open", "closed"):
            part = frame[(frame["owner"].astype(str) == owner) & (frame["status"] == status)]
            if part.empty:
                continue
            fig.add_trace(go.Scattergeo(
                lon=part["plot_lon"], lat=part["plot_lat"], mode="markers",
                name=f"{_ADJECTIVES.get(owner, owner)} facility, {status}", legendgroup=owner,
                marker=dict(size=12 if status == "open" else 13, symbol=STATUS_SYMBOLS[status],
                            color=COUNTRY_COLOURS.get(owner, PALETTE["grey"]),
                            line=dict(width=1, color="white")),
                customdata=part["facility_id"], text=[_hover(r) for _, r in part.iterrows()],
                hovertemplate="%{text}<extra></extra>",
            ))
    if title is None:
        where = {"world": "", "usa": " in the United States", "russia": " in Russia"}[scope]
        when = f" on {day_text(as_day(day), long=True)}" if day is not None else ", status at the end of the data"
        title = f"Diplomatic facilities{where}{when}"
    fig.update_layout(title=title, geo=geo_layout(scope), height=520, margin=dict(l=10, r=10, t=60, b=10),
                      legend=dict(title=dict(text="Owner, status"), itemsizing="constant"))
    return fig


def closures_timeline_figure(table: pd.DataFrame, *,
                             title: str = "Which building closed when: from the order to the closure") -> go.Figure:
    """One row per closed facility: open circle = ordered, cross = closed, joined by a line; colour = owner.

    ``table`` is :func:`helpers.analysis.closures.closure_table`, or some of its rows.
    """
    require_columns(table, "closure table", ["facility", "owner", "ordered_on", "closed_on", "closed_by",
                                             "answer_to"], "closures_timeline_figure")
    fig = go.Figure()
    for owner, label in LOST_BY.items():
        part = table[table["owner"] == owner]
        if part.empty:
            continue
        colour = COUNTRY_COLOURS.get(owner, PALETTE["grey"])
        xs, ys = [], []
        for _, r in part.iterrows():
            start = r["ordered_on"] if pd.notna(r["ordered_on"]) else r["closed_on"]
            xs += [start, r["closed_on"], None]
            ys += [r["facility"], r["facility"], None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color=colour, width=3), legendgroup=owner,
                                 showlegend=False, hoverinfo="skip"))
        ordered = part[part["ordered_on"].notna()]
        fig.add_trace(go.Scatter(
            x=ordered["ordered_on"], y=ordered["facility"], mode="markers", name=f"{label}: ordered",
            legendgroup=owner, marker=dict(symbol="circle-open", size=11, color=colour, line=dict(width=2)),
            customdata=[[wrap(str(a) if pd.notna(a) else "not found in the data", 60)]
                        for a in ordered["answer_to"]],
            hovertemplate="%{y}<br>ordered %{x|%d %b %Y}, in answer to:<br>%{customdata[0]}<extra></extra>",
        ))
        fig.add_trace(go.Scatter(
            x=part["closed_on"], y=part["facility"], mode="markers", name=f"{label}: closed",
            legendgroup=owner, marker=dict(symbol="x", size=12, color=colour, line=dict(width=1, color="white")),
            customdata=part["closed_by"], hovertemplate="%{y}<br>closed %{x|%d %b %Y} (%{customdata})<extra></extra>",
        ))
    order = list(table.sort_values(["closed_on", "facility"])["facility"])
    fig.update_layout(title=title, height=max(380, 34 * len(table) + 180), hovermode="closest",
                      legend=dict(orientation="h", yanchor="top", y=-0.12, x=0), legend_title_text="")
    fig.update_yaxes(title=None, categoryorder="array", categoryarray=order[::-1])
    fig.update_xaxes(title=None, tickformat="%b %Y")
    return fig


def closures_by_round_figure(table: pd.DataFrame, *,
                             title: str = "Buildings each side lost, by the month the closure was ordered"
                             ) -> go.Figure:
    """Bars: how many facilities of each side were closed, grouped by the month of the order.

    ``table`` is :func:`helpers.analysis.closures.closure_table`, or some of its rows.
    """
    require_columns(table, "closure table", ["facility", "owner", "ordered_on", "closed_on"],
                    "closures_by_round_figure")
    table = table.assign(when=table["ordered_on"].fillna(table["closed_on"]))
    months = sorted({pd.Timestamp(d).to_period("M") for d in table["when"]})
    labels = [m.strftime("%b %Y") for m in months]
    fig = go.Figure()
    for owner, label in LOST_BY.items():
        part = table[table["owner"] == owner]
        if part.empty:
            continue
        counts = part.groupby(part["when"].dt.to_period("M"))["facility"].agg(list)
        fig.add_trace(go.Bar(
            x=[m.strftime("%b %Y") for m in counts.index], y=[len(v) for v in counts], name=label,
            marker_color=COUNTRY_COLOURS.get(owner, PALETTE["grey"]), text=[len(v) for v in counts],
            textposition="outside", cliponaxis=False, customdata=["<br>".join(v) for v in counts],
            hovertemplate="%{x}: %{y}<br>%{customdata}<extra></extra>",
        ))
    top = max([len(g) for _, g in table.groupby([table["owner"], table["when"].dt.to_period("M")])] or [1])
    fig.update_layout(title=title, barmode="group", height=420, legend_title_text="")
    fig.update_xaxes(title="month the closure was ordered", categoryorder="array", categoryarray=labels)
    fig.update_yaxes(title="facilities closed", dtick=1, range=[0, top + 1])
    return fig


def open_count_figure(counts: pd.DataFrame, *, start: object = "2016-12-01", end: object = "2018-05-31",
                      title: str = "Consulates general each side still had") -> go.Figure:
    """Step lines: how many facilities each side had in use, day by day from ``start`` to ``end``.

    ``counts`` is :func:`helpers.analysis.closures.open_counts` (owner, date, open).
    """
    require_columns(counts, "open counts", ["owner", "date", "open"], "open_count_figure")
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    fig = go.Figure()
    for owner in counts["owner"].unique():
        part = counts[counts["owner"] == owner]
        initial = int(part["open"].iloc[0])
        steps = part[part["date"].notna() & (part["date"] <= last)]
        xs = [first, *steps["date"], last]
        ys = [initial, *[int(v) for v in steps["open"]], int(steps["open"].iloc[-1]) if len(steps) else initial]
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines+markers", line_shape="hv", name=OWNER_LABELS.get(owner, country_name(owner)),
            # the first line is drawn wide and the next ones narrower on top, so equal counts stay visible
            line=dict(color=COUNTRY_COLOURS.get(owner, PALETTE["grey"]), width=7 if not fig.data else 3),
            marker=dict(size=[0, *([9] * len(steps)), 0]),
            hovertemplate="from %{x|%d %b %Y}: %{y}<extra>%{fullData.name}</extra>",
        ))
    top = int(counts["open"].max()) if len(counts) else 1
    fig.update_layout(title=title, height=400, hovermode="x unified", legend_title_text="")
    fig.update_yaxes(title="in use", dtick=1, range=[0, top + 0.5])
    fig.update_xaxes(title=None, tickformat="%b %Y", range=[first, last])
    return fig
