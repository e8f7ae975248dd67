"""Notebook 04 (closures): its analysis, charts (the offline map too) and explorer."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
import pytest

from helpers import load_events, load_facilities
from helpers.analysis.closures import (
    closure_table,
    facility_status_on,
    km_between,
    open_counts,
    select_open_facilities,
    short_name,
    slider_days,
    status_summary,
)
from helpers.charts.closures import (
    _SEPARATION,
    LOST_BY,
    OWNER_LABELS,
    STATUS_SYMBOLS,
    closures_by_round_figure,
    closures_map_figure,
    closures_timeline_figure,
    open_count_figure,
)
from helpers.charts.maps import SCOPES, base_map_traces, geodata
from helpers.vocabulary import COUNTRY_COLOURS
from helpers.widgets.closures import START_DAY, closures_explorer, closures_view

# --- from test_charts_closures.py -------------------------------------------------------------------

OWNERS = ["USA", "RUS", "UKR", "GBR", "EU"]


def _events() -> pd.DataFrame:
    rows = [
        # event_id, date, actor, category, facility_ids, responds_to, summary
        ("cause", "2017-07-28", "RUS", "staff_cap", None, None, "the cause"),
        ("order", "2017-08-31", "USA", "closure", "cg_a;annex_b", "cause", "the order"),
        ("done", "2017-09-02", "USA", "closure", "cg_a;annex_b", None, "the keys"),
        ("later", "2017-10-02", "USA", "closure", "cg_a", None, "the residence"),
        ("ru_order", "2017-09-10", "RUS", "closure", "us_c", "order", "an answer"),
        ("ru_done", "2017-09-12", "RUS", "closure", "us_c", None, "done"),
    ]
    frame = pd.DataFrame(rows, columns=["event_id", "date", "actor", "category", "facility_ids", "responds_to",
                                        "summary"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["actor"] = pd.Categorical(frame["actor"], categories=OWNERS)
    for col in ("event_id", "facility_ids", "responds_to", "summary"):
        frame[col] = frame[col].astype("string")
    return frame


def _facilities() -> pd.DataFrame:
    rows = [
        # facility_id, name, owner, host, kind, closed_by
        ("cg_a", "Consulate A (big city)", "RUS", "USA", "consulate_general", "done"),
        ("annex_b", "Trade office B (State Department term: 'annex')", "RUS", "USA", "consular_annex", "done"),
        ("res_a", "Residence A", "RUS", "USA", "residence", "later"),
        ("cg_d", "Consulate D", "RUS", "USA", "consulate_general", None),
        ("us_c", "US consulate C", "USA", "RUS", "consulate_general", "ru_done"),
        ("us_e", "US consulate E", "USA", "RUS", "consulate_general", None),
    ]
    frame = pd.DataFrame(rows, columns=["facility_id", "name", "owner", "host", "kind", "closed_by"])
    for col in ("owner", "host"):
        frame[col] = pd.Categorical(frame[col], categories=OWNERS)
    frame["kind"] = frame["kind"].astype("category")
    for col in ("facility_id", "name", "closed_by"):
        frame[col] = frame[col].astype("string")
    frame["city"] = "somewhere"
    frame["lat"], frame["lon"] = 40.0, -74.0
    frame["coord_precision"] = "city"
    return frame


def _unchanged(fn, table: pd.DataFrame, **kwargs) -> go.Figure:
    """Draw ``fn(table)`` and check that the table was not changed."""
    before = table.copy()
    fig = fn(table, **kwargs)
    pd.testing.assert_frame_equal(table, before)
    assert isinstance(fig, go.Figure)
    return fig


def test_short_name_drops_the_bracket():
    assert short_name("Pioneer Point compound (Eastern Shore of Maryland)") == "Pioneer Point compound"
    assert short_name("Plain") == "Plain"


def test_closure_table_follows_the_chain_to_the_order_and_its_cause():
    table = closure_table(_facilities(), _events()).set_index("facility_id")
    assert set(table.index) == {"cg_a", "annex_b", "res_a", "us_c"}  # open facilities are not in it
    assert table.loc["cg_a", "decision_id"] == "order" and table.loc["cg_a", "responds_to"] == "cause"
    # a residence closed later, by an event that names only its consulate, still finds the order
    assert table.loc["res_a", "decision_id"] == "order"
    assert table.loc["res_a", "closed_on"] == pd.Timestamp("2017-10-02")
    assert table.loc["cg_a", "days_to_answer"] == 34
    assert table.loc["us_c", "answer_to"] == "the order" and table.loc["us_c", "answer_to_actor"] == "USA"


def test_km_between_is_the_great_circle_distance():
    toy = pd.DataFrame({"facility_id": ["a", "b", "c"], "lat": [0.0, 0.0, 90.0], "lon": [0.0, 90.0, 0.0]})
    quarter = math.pi * 6371.0 / 2  # a quarter of a great circle
    assert km_between(toy, "a", "b") == pytest.approx(quarter)
    assert km_between(toy, "a", "c") == pytest.approx(quarter)
    assert km_between(toy, "b", "a") == km_between(toy, "a", "b") and km_between(toy, "a", "a") == 0
    with pytest.raises(ValueError, match="no facility called 'zz'"):
        km_between(toy, "a", "zz")


def test_the_two_long_island_estates_are_kilometres_apart_not_a_street():
    """Notebook 04 computes this distance (it is never typed): the estate named by mistake was not next door."""
    facilities = load_facilities()
    assert 3 < km_between(facilities, "killenworth", "norwich_house") < 20


def test_closure_table_leaves_unknown_decisions_empty():
    events = _events()
    events.loc[events["event_id"] == "order", "responds_to"] = pd.NA
    table = closure_table(_facilities(), events).set_index("facility_id")
    assert pd.isna(table.loc["cg_a", "decision_id"]) and pd.isna(table.loc["cg_a", "days_to_answer"])


def test_timeline_figure_one_row_per_closed_facility():
    fig = _unchanged(closures_timeline_figure, closure_table(_facilities(), _events()))
    closed = [t for t in fig.data if t.name and t.name.endswith("closed")]
    assert sorted(y for t in closed for y in t.y) == sorted(["Consulate A", "Trade office B", "Residence A",
                                                             "US consulate C"])
    assert fig.layout.xaxis.tickformat == "%b %Y"


def test_by_round_figure_counts_per_side_and_month_of_the_order():
    fig = _unchanged(closures_by_round_figure, closure_table(_facilities(), _events()))
    bars = {t.name: dict(zip(t.x, t.y, strict=True)) for t in fig.data}
    assert bars[LOST_BY["RUS"]] == {"Aug 2017": 3}  # the residence counts with its order's month
    assert bars[LOST_BY["USA"]] == {"Sep 2017": 1}


def test_open_counts_and_figure_step_down_on_closure_days():
    counts = open_counts(_facilities(), _events())
    rus = counts[counts["owner"] == "RUS"]
    assert rus["open"].tolist() == [2, 1]  # two consulates, one closed on 2 Sep
    assert rus["date"].iloc[1] == pd.Timestamp("2017-09-02")
    fig = _unchanged(open_count_figure, counts, start="2017-08-01", end="2017-12-31")
    lines = {t.name: list(t.y) for t in fig.data}
    assert lines[OWNER_LABELS["RUS"]] == [2, 1, 1] and lines[OWNER_LABELS["USA"]] == [2, 1, 1]
    assert all(t.line.shape == "hv" for t in fig.data)


def test_real_data_chain_and_consulate_parity():
    facilities, events = load_facilities(), load_events()
    table = closure_table(facilities, events)
    assert table["closed_on"].notna().all() and (table["ordered_on"] <= table["closed_on"]).all()
    assert table["decision_id"].notna().all(), "every closed facility should lead to an order"
    for fn, frame in ((closures_timeline_figure, table), (closures_by_round_figure, table),
                      (open_count_figure, open_counts(facilities, events))):
        assert _unchanged(fn, frame).data


# --- from test_widgets_closures.py ------------------------------------------------------------------

def test_slider_days_cover_the_span_day_by_day():
    days = slider_days("2017-08-30", "2017-09-03")
    assert [d.day for d in days] == [30, 31, 1, 2, 3]
    default = slider_days()
    assert default[0] <= pd.Timestamp("2016-12-29") and default[-1] >= pd.Timestamp("2018-04-24")


def test_open_facilities_on_a_day_closed_from_the_closing_day_on():
    facilities, events = load_facilities(), load_events()
    before = facilities.copy()
    eve = set(select_open_facilities(facilities, events, "2017-09-01")["facility_id"])
    day = set(select_open_facilities(facilities, events, "2017-09-02")["facility_id"])
    pd.testing.assert_frame_equal(facilities, before)
    assert "ru_cg_san_francisco" in eve and "ru_cg_san_francisco" not in day  # closed on its closing day
    assert "ru_cg_new_york" in day  # never closed
    assert eve > day


def test_status_summary_counts_what_each_side_lost():
    facilities, events = load_facilities(), load_events()
    first = status_summary(facilities, events, "2016-12-01")
    assert first.startswith(f"{len(facilities)} of {len(facilities)}") and "0 Russian, 0 American" in first
    after = status_summary(facilities, events, "2017-09-03")
    closed = facilities.assign(on=facilities["closed_by"].map(events.set_index("event_id")["date"]))
    lost_ru = int(((closed["owner"] == "RUS") & (closed["on"] <= "2017-09-03")).sum())
    assert f"{lost_ru} Russian" in after
    in_us = status_summary(facilities, events, "2017-09-03", "usa")
    n_us = int((facilities["host"] == "USA").sum())
    assert f"of {n_us} facilities" in in_us and f"{lost_ru} Russian" in in_us and "American" not in in_us


def test_closures_view_is_the_map_of_the_day():
    facilities, events = load_facilities(), load_events()
    fig = closures_view(facilities, events, pd.Timestamp("2017-09-03"), "usa")
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text.startswith("3 September 2017, in the US")
    assert fig.layout.geo.visible is False  # offline: no plotly CDN layer
    closed = [t for t in fig.data if t.type == "scattergeo" and t.name and "closed" in t.name]
    ids = {i for t in closed for i in t.customdata}
    assert {"ru_cg_san_francisco", "pioneer_point"} <= ids and "ru_cg_seattle" not in ids


def test_explorer_starts_after_the_september_closures_and_redraws_into_its_state():
    facilities, events = load_facilities(), load_events()
    box = closures_explorer(facilities, events)
    assert isinstance(box, widgets.VBox)
    day, scope = box.controls["day"], box.controls["scope"]
    assert day.value == pd.Timestamp(START_DAY) and scope.value == "world"
    out = box.output
    assert out.outputs and "application/vnd.plotly.v1+json" in out.outputs[0]["data"]  # starts drawn
    day.value = pd.Timestamp("2018-04-30")  # fires the callback: must not raise
    scope.value = "russia"
    title = out.outputs[0]["data"]["application/vnd.plotly.v1+json"]["layout"]["title"]["text"]
    assert title.startswith("30 April 2018, in Russia")
    box.redraw()


# --- from test_maps.py ------------------------------------------------------------------------------

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
    frame = facility_status_on(facilities, events, day)
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
    world = geodata("world_110m")
    points = [p for line in world["coastlines"] + world["borders"] for p in line]
    assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in points)
    assert set(world["countries"]) == {"USA", "RUS", "UKR", "GBR"}


def test_outlines_load_from_any_working_directory(tmp_path: Path) -> None:
    code = ("from helpers.charts.maps import base_map_traces; "
            "print(sum(len(t.lon) for t in base_map_traces('usa')))")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                         check=True)
    assert int(out.stdout) > 10_000


def test_base_map_traces_are_lines_without_hover() -> None:
    traces = base_map_traces("usa")
    assert all(isinstance(t, go.Scattergeo) and t.mode == "lines" and t.hoverinfo == "skip" for t in traces)
    assert {"coastlines", "borders", "state borders", "US outline"} <= {t.name for t in traces}
    assert "state borders" not in {t.name for t in base_map_traces("world")}


# --- no CDN ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("scope", SCOPES)
def test_figure_never_references_the_cdn(facilities: pd.DataFrame, events: pd.DataFrame, scope: str) -> None:
    fig = closures_map_figure(facilities, scope=scope, events=events, day="2017-09-03")
    text = fig.to_json()
    assert "cdn.plot.ly" not in text and "topojson" not in text.lower()
    geo = fig.layout.geo
    assert geo.visible is False
    for layer in ("land", "ocean", "lakes", "rivers", "countries", "coastlines", "subunits"):
        assert geo[f"show{layer}"] is False, layer
    assert not any(getattr(t, "locationmode", None) or getattr(t, "locations", None) for t in fig.data)


def test_usa_scope_uses_albers_usa(facilities: pd.DataFrame) -> None:
    assert closures_map_figure(facilities, scope="usa").layout.geo.projection.type == "albers usa"


def test_regional_scopes_have_ranges(facilities: pd.DataFrame) -> None:
    geo = closures_map_figure(facilities, scope="russia").layout.geo
    assert geo.lonaxis.range[0] < 20 and geo.lonaxis.range[1] > 180
    assert geo.lataxis.range[0] < 43 < 60 < geo.lataxis.range[1]


# --- the facilities --------------------------------------------------------------------------------------

def test_every_facility_appears_once(facilities: pd.DataFrame, events: pd.DataFrame) -> None:
    fig = closures_map_figure(facilities, events=events)
    ids = [i for t in _marker_traces(fig) for i in t.customdata]
    assert sorted(ids) == sorted(facilities["facility_id"])


@pytest.mark.parametrize(("scope", "host"), [("usa", "USA"), ("russia", "RUS")])
def test_regional_scope_shows_the_hosts_facilities(facilities: pd.DataFrame, scope: str, host: str) -> None:
    fig = closures_map_figure(facilities, scope=scope)
    ids = sorted(i for t in _marker_traces(fig) for i in t.customdata)
    assert ids == sorted(facilities.loc[facilities["host"].astype(str) == host, "facility_id"])


def test_colour_by_owner_and_symbol_by_status(facilities: pd.DataFrame, events: pd.DataFrame) -> None:
    fig = closures_map_figure(facilities, events=events, day="2017-09-03")
    owner = dict(zip(facilities["facility_id"], facilities["owner"].astype(str), strict=True))
    status = _status(facilities, events, "2017-09-03")
    for trace in _marker_traces(fig):
        for fid in trace.customdata:
            assert trace.marker.color == COUNTRY_COLOURS[owner[fid]]
            assert trace.marker.symbol == STATUS_SYMBOLS[status[fid]]


def test_hover_text_has_name_city_kind_and_precision(facilities: pd.DataFrame) -> None:
    fig = closures_map_figure(facilities)
    hover = {fid: text for t in _marker_traces(fig) for fid, text in zip(t.customdata, t.text, strict=True)}
    for _, row in facilities.iterrows():
        text = hover[row["facility_id"]]
        assert row["name"] in text and row["city"] in text and str(row["kind"]).replace("_", " ") in text
        assert ("APPROXIMATE" in text) == (row["coord_precision"] == "city")


def test_markers_at_the_same_place_are_spread(facilities: pd.DataFrame) -> None:
    for scope in SCOPES:
        fig = closures_map_figure(facilities, scope=scope)
        points = [(round(lon, 3), round(lat, 3)) for t in _marker_traces(fig)
                  for lon, lat in zip(t.lon, t.lat, strict=True)]
        assert len(points) == len(set(points)), scope
    # San Francisco's consulate and residence share city-centre coordinates in the data.
    fig = closures_map_figure(facilities, scope="usa")
    where = {fid: (lon, lat) for t in _marker_traces(fig) for fid, lon, lat in zip(t.customdata, t.lon, t.lat,
                                                                                 strict=True)}
    a, b = where["ru_cg_san_francisco"], where["ru_cg_san_francisco_residence"]
    assert a != b and abs(a[0] - b[0]) < 2 and abs(a[1] - b[1]) < 2


@pytest.mark.parametrize("scope", SCOPES)
def test_markers_keep_apart_at_the_scale_of_the_scope(facilities: pd.DataFrame, scope: str) -> None:
    fig = closures_map_figure(facilities, scope=scope)
    pts = [(lon, lat) for t in _marker_traces(fig) for lon, lat in zip(t.lon, t.lat, strict=True)]
    gaps = [math.hypot((a[0] - b[0]) * math.cos(math.radians((a[1] + b[1]) / 2)), a[1] - b[1])
            for k, a in enumerate(pts) for b in pts[k + 1:]]
    assert min(gaps) > 0.75 * _SEPARATION[scope]


def test_spread_is_deterministic(facilities: pd.DataFrame) -> None:
    one = closures_map_figure(facilities, scope="russia").to_json()
    two = closures_map_figure(facilities.sample(frac=1, random_state=1), scope="russia").to_json()
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
    frame = facility_status_on(facilities, events)
    assert {"closed_on", "status", "is_open"} <= set(frame.columns)
    assert (frame["status"] == "closed").tolist() == facilities["closed_by"].notna().tolist()
    assert frame["is_open"].tolist() == (frame["status"] == "open").tolist()
    early = facility_status_on(facilities, events, pd.Timestamp("2014-01-01"))
    assert early["is_open"].all()


def test_map_on_a_day_matches_the_status(facilities: pd.DataFrame, events: pd.DataFrame) -> None:
    fig = closures_map_figure(facilities, events=events, day="2017-09-03")
    closed = {i for t in _marker_traces(fig) if t.marker.symbol == "x" for i in t.customdata}
    status = _status(facilities, events, "2017-09-03")
    assert closed == {fid for fid, s in status.items() if s == "closed"}
    assert "3 September 2017" in fig.layout.title.text


def test_inputs_not_mutated(facilities: pd.DataFrame, events: pd.DataFrame) -> None:
    f_before, e_before = facilities.copy(), events.copy()
    facility_status_on(facilities, events, "2017-09-03")
    closures_map_figure(facilities, scope="usa", events=events, day="2017-09-03")
    pd.testing.assert_frame_equal(facilities, f_before)
    pd.testing.assert_frame_equal(events, e_before)


# --- errors ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("scope", ["europe", "USA", None, 3])
def test_bad_scope_is_a_clear_value_error(facilities: pd.DataFrame, scope: object) -> None:
    with pytest.raises(ValueError, match="scope must be one of 'world', 'usa', 'russia'"):
        closures_map_figure(facilities, scope=scope)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="scope must be one of"):
        base_map_traces(scope)  # type: ignore[arg-type]


def test_day_without_events_is_a_clear_value_error(facilities: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="events=load_events"):
        closures_map_figure(facilities, day="2017-09-03")


@pytest.mark.parametrize("day", ["not a date", "", 17])
def test_bad_day_is_a_clear_value_error(facilities: pd.DataFrame, events: pd.DataFrame, day: object) -> None:
    with pytest.raises(ValueError, match="day must be a date"):
        facility_status_on(facilities, events, day)


def test_unknown_closing_event_is_reported(facilities: pd.DataFrame, events: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="pioneer-point-gone"):
        facility_status_on(facilities.assign(closed_by="pioneer-point-gone"), events, "2017-01-01")
