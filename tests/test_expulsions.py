"""Notebook 03 (expulsions): its analysis, charts and explorer."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
import pytest

from helpers import load_staffing
from helpers.analysis.expulsions import (
    CAP_ID,
    bound_of,
    cut_arithmetic,
    select_estimates,
    short_source,
    staff_breakdown,
)
from helpers.charts.expulsions import (
    BASIS_SYMBOLS,
    composition_figure,
    estimates_figure,
    expulsions_figure,
    mission_size_figure,
)
from helpers.vocabulary import day_text
from helpers.widgets.expulsions import AMERICANS_ID, cut_explorer, cut_view

# --- from test_charts_staffing.py -------------------------------------------------------------------

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
    assert bound_of("lower") == "lower" and bound_of("upper") == "upper"
    assert bound_of(None) == bound_of(pd.NA) == bound_of("exact") == ""
    assert bound_of("approximate") == ""
    assert short_source("President Putin (TV interview)") == "President Putin"
    assert short_source("OIG report, as cited by the Post") == "OIG report"
    assert day_text("2017-09-05") == "5 Sep 2017"
    assert day_text("2017-09-05", long=True) == "5 September 2017"


def test_expulsions_figure_shows_totals_and_zeros():
    fig = _unchanged(expulsions_figure, _staffing())
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
    segments = staff_breakdown(frame)
    assert dict(zip(segments["part"], segments["value"], strict=True))["not broken down"] == 1279 - 301 - 934
    assert segments.groupby("bar", sort=False)["value"].sum().tolist() == [1279, 455 + 755, 455]
    fig = _unchanged(composition_figure, frame)
    assert fig.layout.barmode == "stack" and len(fig.data) == len(segments)
    # a missing row drops its segment instead of failing
    assert "cut" not in set(staff_breakdown(frame[frame["measurement_id"] != "us_2017_putin_cut"])["part"])


def test_estimates_figure_one_point_per_row_shape_by_basis_bounds_marked():
    frame = _staffing()
    totals = frame[(frame["measure"] == "total_staff") & (frame["mission"] == "us_in_russia")]
    fig = _unchanged(estimates_figure, totals, lines={"cap": 455})
    assert sorted(x for t in fig.data for x in t.x) == sorted(totals["value"].astype(int))
    assert {t.marker.symbol for t in fig.data} <= set(BASIS_SYMBOLS.values())
    texts = [s for t in fig.data for s in t.text]
    assert "≥ 1,000" in texts and "≤ 455" in texts
    assert fig.layout.shapes and fig.layout.shapes[0].x0 == 455  # the reference line is a shape, not a trace


def test_mission_size_figure_by_mission_and_basis_on_a_date_axis():
    frame = _staffing()
    fig = _unchanged(mission_size_figure, frame)
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
    for fn in (expulsions_figure, composition_figure, mission_size_figure):
        assert _unchanged(fn, staffing).data
    assert len(staff_breakdown(staffing)) == 7


# --- from test_widgets_staffing.py ------------------------------------------------------------------

def test_cut_arithmetic_sets_the_limits_of_who_went():
    n = cut_arithmetic(1210, 301, 455)
    assert n["cut"] == 755 and n["local"] == 909
    assert n["min_local_cut"] == 755 - 301  # even if every American went
    assert n["max_local_cut"] == 755  # if no American went
    assert cut_arithmetic(400, 100, 455)["cut"] == 0  # already under the cap
    few_locals = cut_arithmetic(1000, 900, 455)
    assert few_locals["max_local_cut"] == 100 and few_locals["min_local_cut"] == 0
    clipped = cut_arithmetic(500, 900, 455)  # more Americans than staff: clipped, never negative
    assert clipped["americans"] == 500 and clipped["local"] == 0 and clipped["min_local_cut"] == 0


def test_size_estimates_are_the_pre_cut_totals_of_the_us_mission():
    staffing = load_staffing()
    estimates = select_estimates(staffing)
    cap = int(staffing.set_index("measurement_id").loc[CAP_ID, "value"])
    assert len(estimates) >= 3 and (estimates["value"] > cap).all()
    assert (estimates["mission"] == "us_in_russia").all() and (estimates["measure"] == "total_staff").all()
    lower = estimates[estimates["label"].str.contains("or more")]
    assert len(lower) >= 1  # Putin's "more than a thousand" is shown as a floor


@pytest.mark.parametrize("americans", [0, 301, 5000])
def test_cut_view_draws_before_and_after_and_states_the_arithmetic(americans):
    staffing = load_staffing()
    before = staffing.copy()
    fig = cut_view(staffing, "us_2017_inferred_total", americans)
    pd.testing.assert_frame_equal(staffing, before)
    assert isinstance(fig, go.Figure) and fig.layout.barmode == "stack"
    total = int(staffing.set_index("measurement_id").loc["us_2017_inferred_total", "value"])
    assert sum(t.x[0] for t in fig.data if t.y[0] == "before the cut") == total
    n = cut_arithmetic(total, americans, 455)
    assert f"the cut was {n['cut']:,}" in fig.layout.title.text
    assert f"at least {n['min_local_cut']:,} local staff" in fig.layout.title.text


def test_explorer_starts_on_a_chosen_estimate_and_redraws():
    staffing = load_staffing()
    box = cut_explorer(staffing, start="us_2017_inferred_total")
    assert isinstance(box, widgets.VBox)
    menu, slider = box.controls["measurement_id"], box.controls["americans"]
    assert menu.value == "us_2017_inferred_total"
    assert slider.value == int(staffing.set_index("measurement_id").loc[AMERICANS_ID, "value"])
    menu.value = "us_2013_oig_total"  # fires the callback: must not raise
    slider.value = 0
    box.redraw()
    assert cut_explorer(staffing, start="no-such-id").controls["measurement_id"].value  # falls back


def test_cut_view_says_at_least_for_a_lower_bound():
    staffing = load_staffing()
    floors = [mid for mid, bound in zip(staffing["measurement_id"], staffing["bound"], strict=True)
              if bound_of(bound) == "lower" and mid in set(select_estimates(staffing)["measurement_id"])]
    assert floors, "the data should hold Putin's 'more than a thousand' as a lower bound"
    title = cut_view(staffing, floors[0], 301).layout.title.text
    assert "or more staff" in title and "the cut was at least" in title
    assert "at least" not in cut_view(staffing, "us_2013_oig_total", 301).layout.title.text.split("<br>")[0]
