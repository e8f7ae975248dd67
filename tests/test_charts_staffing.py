"""Charts of notebook 03 (staffing): figures, untouched inputs, the traces a student is told to look at."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers import load_staffing
from helpers.charts import staffing as charts


def _staffing() -> pd.DataFrame:
    rows = [
        # id, date, mission, measure, value, stated_by, basis, note
        ("oig_total", "2017-07-31", "us_in_russia", "total_staff", 1279, "OIG 2013 report (X), as cited by P", "official", ""),
        ("oig_us", "2017-07-31", "us_in_russia", "us_direct_hire", 301, "OIG", "official", ""),
        ("oig_local", "2017-07-31", "us_in_russia", "locally_employed", 934, "OIG", "official", ""),
        ("floor", "2017-07-30", "us_in_russia", "total_staff", 1000, "President Putin (TV)", "estimate",
         "1000 is a lower bound, not a count."),
        ("press", "2017-07-31", "us_in_russia", "total_staff", 1200, "Reuters", "reported", ""),
        ("press2", "2017-07-31", "us_in_russia", "total_staff", 1200, "The Post", "reported", ""),
        ("after", "2017-08-31", "us_in_russia", "total_staff", 455, "US official", "reported", "an upper bound"),
        ("cap", "2017-07-28", "us_in_russia", "cap", 455, "Foreign Ministry", "official", ""),
        ("cut", "2017-07-30", "us_in_russia", "cut", 755, "Putin", "official", ""),
        ("ru", "2017-07-28", "russia_in_us", "total_staff", 455, "Foreign Ministry", "official", ""),
        ("ru_un", "2017-09-05", "russia_in_us", "diplomats_un", 155, "Putin", "official", ""),
        ("exp_2016", "2016-12-29", "russia_in_us", "expelled", 35, "State Department", "official", ""),
        ("exp_none", "2016-12-30", "us_in_russia", "expelled", 0, "Putin", "official", ""),
        ("exp_2018", "2018-03-26", "russia_in_us", "expelled", 60, "White House", "official", ""),
        ("exp_2018_part", "2018-03-26", "russia_in_us", "expelled", 48, "White House", "official", ""),
    ]
    frame = pd.DataFrame(rows, columns=["measurement_id", "date", "mission", "measure", "value", "stated_by",
                                        "basis", "note"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["value"] = frame["value"].astype("Int64")
    for col in ("mission", "measure", "basis"):
        frame[col] = frame[col].astype("category")
    frame["confidence"] = pd.Categorical(["high"] * len(frame), categories=["high", "medium", "low"])
    frame["note"] = frame["note"].replace("", pd.NA).astype("string")
    bounds = ["lower" if "lower bound" in str(n) else "upper" if "upper bound" in str(n) else "exact"
              for n in frame["note"]]
    frame["bound"] = pd.Categorical(bounds, categories=["exact", "lower", "upper", "approximate"])
    return frame


def _unchanged(fn, frame, *args, **kwargs) -> go.Figure:
    before = frame.copy()
    fig = fn(frame, *args, **kwargs)
    pd.testing.assert_frame_equal(frame, before)
    assert isinstance(fig, go.Figure)
    return fig


def test_bound_and_labels():
    assert charts.bound_of("lower") == "lower" and charts.bound_of("upper") == "upper"
    assert charts.bound_of(None) == charts.bound_of(pd.NA) == charts.bound_of("exact") == ""
    assert charts.bound_of("approximate") == ""
    assert charts.short_source("President Putin (TV interview)") == "President Putin"
    assert charts.short_source("OIG report, as cited by the Post") == "OIG report"
    assert charts.day_text("2017-09-05") == "5 Sep 2017"
    assert charts.day_text("2017-09-05", long=True) == "5 September 2017"


def test_expulsions_figure_shows_totals_and_zeros():
    fig = _unchanged(charts.expulsions_figure, _staffing())
    bars = {t.name: dict(zip(t.x, t.y, strict=True)) for t in fig.data}
    assert bars["Russians expelled by the US"] == {"Dec 2016": 35, "Mar 2018": 60}  # the total, not 48
    assert bars["Americans expelled by Russia"] == {"Dec 2016": 0}  # a zero is drawn and labelled
    assert list(fig.layout.xaxis.categoryarray) == ["Dec 2016", "Mar 2018"]
    assert "48" in fig.data[0].hovertext[1]


def test_composition_figure_stacks_the_2013_count_and_the_2017_numbers():
    frame = _staffing()
    frame["measurement_id"] = frame["measurement_id"].replace(
        {"oig_total": "us_2013_oig_total", "oig_us": "us_2013_oig_direct_hire",
         "oig_local": "us_2013_oig_locally_employed", "cap": "us_2017_mfa_cap", "cut": "us_2017_putin_cut",
         "ru": "ru_2017_mfa_total", "ru_un": "ru_2017_putin_un"})
    segments = charts.staff_breakdown(frame)
    assert dict(zip(segments["part"], segments["value"], strict=True))["not broken down"] == 1279 - 301 - 934
    assert segments.groupby("bar", sort=False)["value"].sum().tolist() == [1279, 455 + 755, 455]
    fig = _unchanged(charts.composition_figure, frame)
    assert fig.layout.barmode == "stack" and len(fig.data) == len(segments)
    # a missing row drops its segment instead of failing
    assert "cut" not in set(charts.staff_breakdown(frame[frame["measurement_id"] != "us_2017_putin_cut"])["part"])


def test_estimates_figure_one_point_per_row_shape_by_basis_bounds_marked():
    frame = _staffing()
    totals = frame[(frame["measure"] == "total_staff") & (frame["mission"] == "us_in_russia")]
    fig = _unchanged(charts.estimates_figure, totals, lines={"cap": 455})
    assert sorted(x for t in fig.data for x in t.x) == sorted(totals["value"].astype(int))
    assert {t.marker.symbol for t in fig.data} <= set(charts.BASIS_SYMBOLS.values())
    texts = [s for t in fig.data for s in t.text]
    assert "≥ 1,000" in texts and "≤ 455" in texts
    assert fig.layout.shapes and fig.layout.shapes[0].x0 == 455  # the reference line is a shape, not a trace


def test_mission_size_figure_by_mission_and_basis_on_a_date_axis():
    frame = _staffing()
    fig = _unchanged(charts.mission_size_figure, frame)
    totals = frame[frame["measure"] == "total_staff"]
    assert sum(len(t.y) for t in fig.data) == len(totals)
    assert {t.legendgroup for t in fig.data} == {"us_in_russia", "russia_in_us"}
    assert fig.layout.xaxis.tickformat.startswith("%d %b")
    # two figures of the same day and value: drawn apart, labelled once
    press = [(x, y, s) for t in fig.data for x, y, s in zip(t.x, t.y, t.text, strict=True) if y == 1200]
    assert len({x for x, _, _ in press}) == 2 and sorted(s for _, _, s in press) == ["", "1,200"]
    assert fig.layout.shapes[0].y0 == 455  # the cap


def test_charts_draw_the_real_data():
    staffing = load_staffing()
    for fn in (charts.expulsions_figure, charts.composition_figure, charts.mission_size_figure):
        assert _unchanged(fn, staffing).data
    assert len(charts.staff_breakdown(staffing)) == 7
