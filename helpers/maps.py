"""Maps that draw without internet: the facilities of the dispute on a base map shipped with the package.

plotly's own geo layers (land, coastlines, countries) are a topojson file that plotly.js downloads from
``https://cdn.plot.ly/un/`` when a figure is drawn: offline (a classroom without internet, an exported
HTML file opened on a train) the whole map fails. The figures here switch those layers off
(``geo.visible=False``, so plotly.js fetches nothing) and draw the base map themselves as ordinary
``Scattergeo`` traces from small outline files in ``helpers/geodata/`` (Natural Earth 1:110m and US Census
state boundaries, both public domain; see ``helpers/geodata/README.md``). plotly's map projections still
work on those traces.

- :func:`base_map_traces` — the outline traces (land, coasts, borders; US states for ``scope="usa"``);
- :func:`facility_status_on` — each facility's status (open / closed) on a day, from its closing event;
- :func:`closures_map` — every facility on a map, coloured by owner, shaped by status.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers.charts import COUNTRY_COLOURS, COUNTRY_NAMES, PALETTE

__all__ = [
    "SCOPES",
    "base_map_traces",
    "closures_map",
    "facility_status_on",
    "geodata",
    "geo_layout",
]

SCOPES: tuple[str, ...] = ("world", "usa", "russia")

LAND = "#EEEEEE"
HIGHLIGHT_LAND = "#E0E0E0"
WATER = "#FFFFFF"
COAST = "#9E9E9E"
BORDER = "#BDBDBD"

# Symbols by status: a filled circle for an open facility, a cross for a closed one (shape as well as
# colour, so the map reads in grey print and with colour-vision deficiencies).
STATUS_SYMBOLS: dict[str, str] = {"open": "circle", "closed": "x"}

# Markers closer than this (in degrees of arc) would overlap at the scope's usual size (about 900 px wide):
# such groups are spread on a small ring around their centre, see _spread().
_SEPARATION: dict[str, float] = {"world": 7.0, "usa": 0.9, "russia": 2.0}

_GEO: dict[str, dict[str, Any]] = {
    "world": dict(projection=dict(type="natural earth"), lataxis=dict(range=[-58, 86]),
                  lonaxis=dict(range=[-180, 180])),
    "usa": dict(projection=dict(type="albers usa")),
    # A conic projection would suit Russia better, but plotly.js fits its lon/lat ranges so that Chukotka
    # falls outside the frame; Miller shows the whole country, Kaliningrad to the Bering Strait.
    "russia": dict(projection=dict(type="miller"), lataxis=dict(range=[38, 80]), lonaxis=dict(range=[12, 192])),
}

# Every base layer plotly.js would draw from its CDN topojson, switched off explicitly.
_LAYERS_OFF: dict[str, bool] = {
    "visible": False, "showland": False, "showocean": False, "showlakes": False, "showrivers": False,
    "showcountries": False, "showcoastlines": False, "showsubunits": False, "showframe": False,
}

_ADJECTIVES: dict[str, str] = {"USA": "US", "RUS": "Russian", "UKR": "Ukrainian", "GBR": "British", "EU": "EU"}

# Outline lines and rings are kept for a regional scope only if a point of theirs falls in the region
# (lon ranges, lat range): the figure then carries a fraction of the world's outlines.
_REGIONS: dict[str, tuple[tuple[tuple[float, float], ...], tuple[float, float]] | None] = {
    "world": None,
    "usa": (((-180.0, -50.0),), (10.0, 75.0)),
    "russia": (((0.0, 180.0), (-180.0, -160.0)), (30.0, 85.0)),
}

_HOSTS: dict[str, set[str] | None] = {"world": None, "usa": {"USA"}, "russia": {"RUS"}}


def _check_scope(scope: object) -> str:
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(repr(s) for s in SCOPES)}; got {scope!r}.")
    return str(scope)


@cache
def _load(name: str) -> str:
    return resources.files("helpers").joinpath("geodata", f"{name}.json").read_text(encoding="utf-8")


def geodata(name: str) -> dict[str, Any]:
    """One outline file of helpers/geodata ('world_110m' or 'us_states_10m') as a dict (a fresh copy)."""
    return json.loads(_load(name))


def _lonlat(lines: Sequence[Sequence[Sequence[float]]]) -> tuple[np.ndarray, np.ndarray]:
    # Float arrays with NaN (not None) between lines: plotly takes them without checking every point and
    # sends them as compact binary, and draws the same gaps. A map then builds ~3x and serialises ~10x
    # faster, which the closures explorer's callback needs (make bench, bench/REPORT.md).
    lon: list[float] = []
    lat: list[float] = []
    for line in lines:
        if lon:
            lon.append(math.nan)
            lat.append(math.nan)
        lon.extend(p[0] for p in line)
        lat.extend(p[1] for p in line)
    return np.array(lon, dtype=float), np.array(lat, dtype=float)


def _in_region(line: Sequence[Sequence[float]], scope: str) -> bool:
    region = _REGIONS[scope]
    if region is None:
        return True
    lons, (south, north) = region
    return any(south <= lat <= north and any(w <= lon <= e for w, e in lons) for lon, lat in line)


def _outline(lines: Sequence[Sequence[Sequence[float]]], name: str, *, colour: str, width: float,
             fill: str | None = None, dash: str = "solid", scope: str = "world") -> go.Scattergeo:
    lon, lat = _lonlat([line for line in lines if _in_region(line, scope)])
    style: dict[str, Any] = dict(line=dict(color=colour, width=width, dash=dash))
    if fill is not None:
        style = dict(fill="toself", fillcolor=fill, line=dict(width=0, color=fill))
    return go.Scattergeo(lon=lon, lat=lat, mode="lines", name=name, hoverinfo="skip", showlegend=False,
                         connectgaps=False, **style)


def base_map_traces(scope: str = "world", *, highlight: Sequence[str] | None = None) -> list[go.Scattergeo]:
    """The base map as Scattergeo traces (land, coasts, borders; US states for 'usa'), drawn from package data.

    Borders are Natural Earth's 1:110m, except that Crimea is drawn as part of Ukraine (UN General Assembly
    resolution 68/262), with Russia's line of control across the Perekop isthmus dotted; see
    helpers/geodata/README.md. ``highlight`` lists ISO alpha-3 codes (USA, RUS, UKR, GBR) shaded darker
    (default: the host countries of the scope). Regional scopes keep only the outlines near the region.
    """
    scope = _check_scope(scope)
    if highlight is None:
        highlight = {"world": ("USA", "RUS"), "usa": ("USA",), "russia": ("RUS",)}[scope]
    world = geodata("world_110m")
    traces = [_outline(world["land"], "land", colour=LAND, width=0, fill=LAND, scope=scope),
              _outline(world["land_holes"], "inland seas", colour=WATER, width=0, fill=WATER, scope=scope)]
    for code in highlight:
        if code in world["countries"]:
            traces.append(_outline(world["countries"][code]["polygons"], world["countries"][code]["name"],
                                   colour=HIGHLIGHT_LAND, width=0, fill=HIGHLIGHT_LAND, scope=scope))
    traces.append(_outline(world["borders"], "borders", colour=BORDER, width=0.6, scope=scope))
    traces.append(_outline(world["control_lines"], "line of control (Crimea)", colour=COAST, width=0.8,
                           dash="dot", scope=scope))
    traces.append(_outline(world["coastlines"], "coastlines", colour=COAST, width=0.7, scope=scope))
    if scope == "usa":
        us = geodata("us_states_10m")
        traces.append(_outline(us["state_borders"], "state borders", colour=BORDER, width=0.6))
        traces.append(_outline(us["outline"], "US outline", colour=COAST, width=0.8))
    return [t for t in traces if t.lon is not None and len(t.lon)]


def geo_layout(scope: str = "world") -> dict[str, Any]:
    """The layout.geo settings of a scope: plotly's CDN layers off, projection and ranges for the scope."""
    scope = _check_scope(scope)
    return {**_LAYERS_OFF, "bgcolor": WATER, **json.loads(json.dumps(_GEO[scope]))}


def _as_day(day: object) -> pd.Timestamp:
    if isinstance(day, str | date | datetime | pd.Timestamp):
        try:
            stamp = pd.Timestamp(day)
        except (ValueError, TypeError):
            stamp = pd.NaT
        if not pd.isna(stamp):
            return stamp.normalize()
    raise ValueError(f"day must be a date such as '2017-09-03'; got {day!r}.")


def facility_status_on(facilities: pd.DataFrame, events: pd.DataFrame, day: object = None) -> pd.DataFrame:
    """Each facility with columns closed_on, status ('open'/'closed') and is_open on ``day`` (None = end of the data).

    A facility is closed from the date of its closing event (``closed_by`` -> ``events.event_id``) on, that
    day included; a facility with no closing event is open throughout. Returns a new frame (input untouched).
    """
    frame = facilities.copy()
    dates = events.drop_duplicates("event_id").set_index("event_id")["date"]
    closed_by = frame["closed_by"].astype("string")
    unknown = sorted(set(closed_by.dropna()) - set(dates.index.astype(str)))
    if unknown:
        raise ValueError(f"closed_by names events that are not in events: {', '.join(unknown)}.")
    frame["closed_on"] = pd.to_datetime(closed_by.map(dates.to_dict()).astype("object"))
    if day is None:
        closed = frame["closed_on"].notna()
    else:
        closed = frame["closed_on"].notna() & (frame["closed_on"] <= _as_day(day))
    frame["is_open"] = ~closed.astype(bool)
    frame["status"] = frame["is_open"].map({True: "open", False: "closed"})
    return frame


def _spread(frame: pd.DataFrame, separation: float) -> pd.DataFrame:
    """Marker positions: groups of facilities closer than ``separation`` degrees spread on a ring.

    Deterministic: groups are found by single linkage; members keep their clockwise order around the
    group's centre (ties by facility_id) on a ring spaced about ``separation`` apart.
    """
    ids = list(frame["facility_id"].astype(str))
    lat = [float(v) for v in frame["lat"]]
    lon = [float(v) for v in frame["lon"]]
    parent = list(range(len(ids)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(ids)):
        for j in range(i + 1, len(ids)):
            dx = (lon[i] - lon[j]) * math.cos(math.radians((lat[i] + lat[j]) / 2))
            if math.hypot(dx, lat[i] - lat[j]) < separation:
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(ids)):
        groups.setdefault(root(i), []).append(i)
    plot_lat, plot_lon, moved = list(lat), list(lon), [0] * len(ids)
    for members in groups.values():
        n = len(members)
        if n == 1:
            continue
        c_lat = sum(lat[i] for i in members) / n
        c_lon = sum(lon[i] for i in members) / n
        scale = math.cos(math.radians(c_lat))

        bearing = {}
        for i in members:
            east, north = (lon[i] - c_lon) * scale, lat[i] - c_lat
            bearing[i] = math.atan2(east, north) % (2 * math.pi) if math.hypot(east, north) > 1e-6 else math.inf
        # Slots in the members' own clockwise order around the centre, so the ring keeps their layout
        # as far as it can; coincident points (one city centre) in facility_id order.
        members.sort(key=lambda i: (bearing[i], ids[i]))
        start = _best_start([bearing[i] for i in members])
        radius = max(0.6 * separation, separation * n / (2 * math.pi))
        for k, i in enumerate(members):
            angle = start + 2 * math.pi * k / n  # clockwise from north
            plot_lat[i] = c_lat + radius * math.cos(angle)
            plot_lon[i] = c_lon + radius * math.sin(angle) / scale
            moved[i] = n - 1
    out = frame.copy()
    out["plot_lat"], out["plot_lon"], out["moved_from"] = plot_lat, plot_lon, moved
    return out


def _best_start(bearings: list[float]) -> float:
    """Angle of the first of n equally spaced ring slots that puts members nearest their own bearings."""
    n = len(bearings)
    known = [(k, b) for k, b in enumerate(bearings) if math.isfinite(b)]
    if not known:
        return math.pi / 2  # all at one point: start east, so a pair sits side by side

    def cost(start: float) -> float:
        total = 0.0
        for k, b in known:
            diff = (start + 2 * math.pi * k / n - b + math.pi) % (2 * math.pi) - math.pi
            total += diff * diff
        return total

    return min((math.radians(d) for d in range(360)), key=cost)


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
             f"Owner: {COUNTRY_NAMES.get(str(row['owner']), row['owner'])} · {status}",
             f"Position: {where} ({float(row['lat']):.3f}, {float(row['lon']):.3f})"]
    if row["moved_from"]:
        lines.append(f"Marker moved so the {int(row['moved_from']) + 1} facilities close together stay apart "
                     "(grey line: to the true position)")
    return "<br>".join(lines)


def closures_map(facilities: pd.DataFrame, *, scope: str = "world", day: object = None,
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
    scope = _check_scope(scope)
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
    frame = _spread(frame.sort_values("facility_id"), _SEPARATION[scope])
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
        when = f" on {_as_day(day).day} {_as_day(day):%B %Y}" if day is not None else ", status at the end of the data"
        title = f"Diplomatic facilities{where}{when}"
    fig.update_layout(title=title, geo=geo_layout(scope), height=520, margin=dict(l=10, r=10, t=60, b=10),
                      legend=dict(title=dict(text="Owner, status"), itemsizing="constant"))
    return fig
