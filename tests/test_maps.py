"""Tests for helpers.maps: offline maps (no plotly CDN), facility status on a day, package-data outlines."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from helpers import maps
from helpers.charts import COUNTRY_COLOURS
from helpers.data import load_events, load_facilities

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def facilities() -> pd.DataFrame:
    return load_facilities()


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return load_events()


def _marker_traces(fig: go.Figure) -> list:
    return [t for t in fig.data if t.mode == "markers"]


def _status(facilities: pd.DataFrame, events: pd.DataFrame, day: str) -> dict[str, str]:
    frame = maps.facility_status_on(facilities, events, day)
    return dict(zip(frame["facility_id"], frame["status"], strict=True))


# --- package data ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["world_110m", "us_states_10m"])
def test_geodata_has_provenance_and_is_small(name: str) -> None:
    path = ROOT / "helpers" / "geodata" / f"{name}.json"
    assert path.stat().st_size < 300_000
    data = json.loads(path.read_text(encoding="utf-8"))
    meta = data["meta"]
    assert "public domain" in meta["licence"]
    assert meta["source_package"].startswith(("world-atlas@", "us-atlas@"))
    for layer in meta["layers"]:
        assert data[layer], layer


def test_geodata_readme_names_sources_and_licence() -> None:
    text = (ROOT / "helpers" / "geodata" / "README.md").read_text(encoding="utf-8")
    for word in ("Natural Earth", "Census", "public domain", "build_geodata.py"):
        assert word in text


def test_world_outlines_are_lon_lat() -> None:
    world = maps.geodata("world_110m")
    points = [p for line in world["coastlines"] + world["borders"] for p in line]
    assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in points)
    assert set(world["countries"]) == {"USA", "RUS", "UKR", "GBR"}


def test_outlines_load_from_any_working_directory(tmp_path: Path) -> None:
    code = ("from helpers.maps import base_map_traces; "
            "print(sum(len(t.lon) for t in base_map_traces('usa')))")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                         check=True)
    assert int(out.stdout) > 10_000


def test_base_map_traces_are_lines_without_hover() -> None:
    traces = maps.base_map_traces("usa")
    assert all(isinstance(t, go.Scattergeo) and t.mode == "lines" and t.hoverinfo == "skip" for t in traces)
    assert {"coastlines", "borders", "state borders", "US outline"} <= {t.name for t in traces}
    assert "state borders" not in {t.name for t in maps.base_map_traces("world")}


# --- no CDN ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("scope", maps.SCOPES)
def test_figure_never_references_the_cdn(facilities: pd.DataFrame, events: pd.DataFrame, scope: str) -> None:
    fig = maps.closures_map(facilities, scope=scope, events=events, day="2017-09-03")
    text = fig.to_json()
    assert "cdn.plot.ly" not in text and "topojson" not in text.lower()
    geo = fig.layout.geo
    assert geo.visible is False
    for layer in ("land", "ocean", "lakes", "rivers", "countries", "coastlines", "subunits"):
        assert geo[f"show{layer}"] is False, layer
    assert not any(getattr(t, "locationmode", None) or getattr(t, "locations", None) for t in fig.data)


def test_usa_scope_uses_albers_usa(facilities: pd.DataFrame) -> None:
    assert maps.closures_map(facilities, scope="usa").layout.geo.projection.type == "albers usa"


def test_regional_scopes_have_ranges(facilities: pd.DataFrame) -> None:
    geo = maps.closures_map(facilities, scope="russia").layout.geo
    assert geo.lonaxis.range[0] < 20 and geo.lonaxis.range[1] > 180
    assert geo.lataxis.range[0] < 43 < 60 < geo.lataxis.range[1]


# --- the facilities --------------------------------------------------------------------------------------

def test_every_facility_appears_once(facilities: pd.DataFrame, events: pd.DataFrame) -> None:
    fig = maps.closures_map(facilities, events=events)
    ids = [i for t in _marker_traces(fig) for i in t.customdata]
    assert sorted(ids) == sorted(facilities["facility_id"])


@pytest.mark.parametrize(("scope", "host"), [("usa", "USA"), ("russia", "RUS")])
def test_regional_scope_shows_the_hosts_facilities(facilities: pd.DataFrame, scope: str, host: str) -> None:
    fig = maps.closures_map(facilities, scope=scope)
    ids = sorted(i for t in _marker_traces(fig) for i in t.customdata)
    assert ids == sorted(facilities.loc[facilities["host"].astype(str) == host, "facility_id"])


def test_colour_by_owner_and_symbol_by_status(facilities: pd.DataFrame, events: pd.DataFrame) -> None:
    fig = maps.closures_map(facilities, events=events, day="2017-09-03")
    owner = dict(zip(facilities["facility_id"], facilities["owner"].astype(str), strict=True))
    status = _status(facilities, events, "2017-09-03")
    for trace in _marker_traces(fig):
        for fid in trace.customdata:
            assert trace.marker.color == COUNTRY_COLOURS[owner[fid]]
            assert trace.marker.symbol == maps.STATUS_SYMBOLS[status[fid]]


def test_hover_text_has_name_city_kind_and_precision(facilities: pd.DataFrame) -> None:
    fig = maps.closures_map(facilities)
    hover = {fid: text for t in _marker_traces(fig) for fid, text in zip(t.customdata, t.text, strict=True)}
    for _, row in facilities.iterrows():
        text = hover[row["facility_id"]]
        assert row["name"] in text and row["city"] in text and str(row["kind"]).replace("_", " ") in text
        assert ("APPROXIMATE" in text) == (row["coord_precision"] == "city")


def test_markers_at_the_same_place_are_spread(facilities: pd.DataFrame) -> None:
    for scope in maps.SCOPES:
        fig = maps.closures_map(facilities, scope=scope)
        points = [(round(lon, 3), round(lat, 3)) for t in _marker_traces(fig)
                  for lon, lat in zip(t.lon, t.lat, strict=True)]
        assert len(points) == len(set(points)), scope
    # San Francisco's consulate and residence share city-centre coordinates in the data.
    fig = maps.closures_map(facilities, scope="usa")
    where = {fid: (lon, lat) for t in _marker_traces(fig) for fid, lon, lat in zip(t.customdata, t.lon, t.lat,
                                                                                 strict=True)}
    a, b = where["ru_cg_san_francisco"], where["ru_cg_san_francisco_residence"]
    assert a != b and abs(a[0] - b[0]) < 2 and abs(a[1] - b[1]) < 2


@pytest.mark.parametrize("scope", maps.SCOPES)
def test_markers_keep_apart_at_the_scale_of_the_scope(facilities: pd.DataFrame, scope: str) -> None:
    fig = maps.closures_map(facilities, scope=scope)
    pts = [(lon, lat) for t in _marker_traces(fig) for lon, lat in zip(t.lon, t.lat, strict=True)]
    gaps = [math.hypot((a[0] - b[0]) * math.cos(math.radians((a[1] + b[1]) / 2)), a[1] - b[1])
            for k, a in enumerate(pts) for b in pts[k + 1:]]
    assert min(gaps) > 0.75 * maps._SEPARATION[scope]


def test_spread_is_deterministic(facilities: pd.DataFrame) -> None:
    one = maps.closures_map(facilities, scope="russia").to_json()
    two = maps.closures_map(facilities.sample(frac=1, random_state=1), scope="russia").to_json()
    assert one == two


# --- status on a day -------------------------------------------------------------------------------------

def test_san_francisco_consulate_closes_on_2_september_2017(facilities: pd.DataFrame,
                                                            events: pd.DataFrame) -> None:
    assert _status(facilities, events, "2017-08-31")["ru_cg_san_francisco"] == "open"
    assert _status(facilities, events, "2017-09-03")["ru_cg_san_francisco"] == "closed"
    assert _status(facilities, events, "2017-09-03")["ru_cg_san_francisco_residence"] == "open"


def test_compounds_closed_from_30_december_2016(facilities: pd.DataFrame, events: pd.DataFrame) -> None:
    before = _status(facilities, events, "2016-12-29")
    after = _status(facilities, events, "2016-12-31")
    for compound in ("pioneer_point", "norwich_house"):
        assert before[compound] == "open" and after[compound] == "closed"
    assert after["killenworth"] == "open"


def test_status_columns_and_end_of_data(facilities: pd.DataFrame, events: pd.DataFrame) -> None:
    frame = maps.facility_status_on(facilities, events)
    assert {"closed_on", "status", "is_open"} <= set(frame.columns)
    assert (frame["status"] == "closed").tolist() == facilities["closed_by"].notna().tolist()
    assert frame["is_open"].tolist() == (frame["status"] == "open").tolist()
    early = maps.facility_status_on(facilities, events, pd.Timestamp("2014-01-01"))
    assert early["is_open"].all()


def test_map_on_a_day_matches_the_status(facilities: pd.DataFrame, events: pd.DataFrame) -> None:
    fig = maps.closures_map(facilities, events=events, day="2017-09-03")
    closed = {i for t in _marker_traces(fig) if t.marker.symbol == "x" for i in t.customdata}
    status = _status(facilities, events, "2017-09-03")
    assert closed == {fid for fid, s in status.items() if s == "closed"}
    assert "3 September 2017" in fig.layout.title.text


def test_inputs_not_mutated(facilities: pd.DataFrame, events: pd.DataFrame) -> None:
    f_before, e_before = facilities.copy(), events.copy()
    maps.facility_status_on(facilities, events, "2017-09-03")
    maps.closures_map(facilities, scope="usa", events=events, day="2017-09-03")
    pd.testing.assert_frame_equal(facilities, f_before)
    pd.testing.assert_frame_equal(events, e_before)


# --- errors ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("scope", ["europe", "USA", None, 3])
def test_bad_scope_is_a_clear_value_error(facilities: pd.DataFrame, scope: object) -> None:
    with pytest.raises(ValueError, match="scope must be one of 'world', 'usa', 'russia'"):
        maps.closures_map(facilities, scope=scope)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="scope must be one of"):
        maps.base_map_traces(scope)  # type: ignore[arg-type]


def test_day_without_events_is_a_clear_value_error(facilities: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="events=load_events"):
        maps.closures_map(facilities, day="2017-09-03")


@pytest.mark.parametrize("day", ["not a date", "", 17])
def test_bad_day_is_a_clear_value_error(facilities: pd.DataFrame, events: pd.DataFrame, day: object) -> None:
    with pytest.raises(ValueError, match="day must be a date"):
        maps.facility_status_on(facilities, events, day)


def test_unknown_closing_event_is_reported(facilities: pd.DataFrame, events: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="pioneer-point-gone"):
        maps.facility_status_on(facilities.assign(closed_by="pioneer-point-gone"), events, "2017-01-01")
