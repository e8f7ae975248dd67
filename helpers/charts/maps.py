"""Maps that draw without internet: a base map shipped with the package, for the facilities of the dispute.

plotly's own geo layers (land, coastlines, countries) are a topojson file that plotly.js downloads from
``https://cdn.plot.ly/un/`` when a figure is drawn: offline (a classroom without internet, an exported
HTML file opened on a train) the whole map fails. The figures here switch those layers off
(``geo.visible=False``, so plotly.js fetches nothing) and draw the base map themselves as ordinary
``Scattergeo`` traces from small outline files in ``helpers/geodata/`` (Natural Earth 1:110m and US Census
state boundaries, both public domain; see ``helpers/geodata/README.md``). plotly's map projections still
work on those traces.

- :func:`base_map_traces` — the outline traces (land, coasts, borders; US states for ``scope="usa"``);
- :func:`geo_layout` — the ``layout.geo`` of a scope, with plotly's own (online) layers switched off;
- :func:`spread_markers` — positions that keep markers of places close together apart.

The map of notebook 04 is :func:`helpers.charts.closures.closures_map_figure`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

__all__ = [
    "SCOPES",
    "WATER",
    "check_scope",
    "base_map_traces",
    "geodata",
    "geo_layout",
    "spread_markers",
]

SCOPES: tuple[str, ...] = ("world", "usa", "russia")

LAND = "#EEEEEE"
HIGHLIGHT_LAND = "#E0E0E0"
WATER = "#FFFFFF"
COAST = "#9E9E9E"
BORDER = "#BDBDBD"

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

# Outline lines and rings are kept for a regional scope only if a point of theirs falls in the region
# (lon ranges, lat range): the figure then carries a fraction of the world's outlines.
_REGIONS: dict[str, tuple[tuple[tuple[float, float], ...], tuple[float, float]] | None] = {
    "world": None,
    "usa": (((-180.0, -50.0),), (10.0, 75.0)),
    "russia": (((0.0, 180.0), (-180.0, -160.0)), (30.0, 85.0)),
}


def check_scope(scope: object) -> str:
    """The scope ('world', 'usa' or 'russia') as text; ValueError for anything else."""
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
    scope = check_scope(scope)
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
    scope = check_scope(scope)
    return {**_LAYERS_OFF, "bgcolor": WATER, **json.loads(json.dumps(_GEO[scope]))}


def spread_markers(frame: pd.DataFrame, separation: float) -> pd.DataFrame:
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
