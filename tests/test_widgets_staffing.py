"""Explorer of notebook 03 (who had to go?): the arithmetic and the view are plain functions."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
import pytest

from helpers import load_staffing
from helpers.widgets import staffing as explorer


def test_cut_arithmetic_sets_the_limits_of_who_went():
    n = explorer.cut_arithmetic(1210, 301, 455)
    assert n["cut"] == 755 and n["local"] == 909
    assert n["min_local_cut"] == 755 - 301  # even if every American went
    assert n["max_local_cut"] == 755  # if no American went
    assert explorer.cut_arithmetic(400, 100, 455)["cut"] == 0  # already under the cap
    few_locals = explorer.cut_arithmetic(1000, 900, 455)
    assert few_locals["max_local_cut"] == 100 and few_locals["min_local_cut"] == 0
    clipped = explorer.cut_arithmetic(500, 900, 455)  # more Americans than staff: clipped, never negative
    assert clipped["americans"] == 500 and clipped["local"] == 0 and clipped["min_local_cut"] == 0


def test_size_estimates_are_the_pre_cut_totals_of_the_us_mission():
    staffing = load_staffing()
    estimates = explorer.size_estimates(staffing)
    cap = int(staffing.set_index("measurement_id").loc[explorer.CAP_ID, "value"])
    assert len(estimates) >= 3 and (estimates["value"] > cap).all()
    assert (estimates["mission"] == "us_in_russia").all() and (estimates["measure"] == "total_staff").all()
    lower = estimates[estimates["label"].str.contains("or more")]
    assert len(lower) >= 1  # Putin's "more than a thousand" is shown as a floor


@pytest.mark.parametrize("americans", [0, 301, 5000])
def test_cut_view_draws_before_and_after_and_states_the_arithmetic(americans):
    staffing = load_staffing()
    before = staffing.copy()
    fig = explorer.cut_view(staffing, "us_2017_inferred_total", americans)
    pd.testing.assert_frame_equal(staffing, before)
    assert isinstance(fig, go.Figure) and fig.layout.barmode == "stack"
    total = int(staffing.set_index("measurement_id").loc["us_2017_inferred_total", "value"])
    assert sum(t.x[0] for t in fig.data if t.y[0] == "before the cut") == total
    n = explorer.cut_arithmetic(total, americans, 455)
    assert f"the cut was {n['cut']:,}" in fig.layout.title.text
    assert f"at least {n['min_local_cut']:,} local staff" in fig.layout.title.text


def test_explorer_starts_on_a_chosen_estimate_and_redraws():
    staffing = load_staffing()
    box = explorer.cut_explorer(staffing, start="us_2017_inferred_total")
    assert isinstance(box, widgets.VBox)
    menu, slider = box.children[1].children
    assert menu.value == "us_2017_inferred_total"
    assert slider.value == int(staffing.set_index("measurement_id").loc[explorer.AMERICANS_ID, "value"])
    menu.value = "us_2013_oig_total"  # fires the callback: must not raise
    slider.value = 0
    box.redraw()
    assert explorer.cut_explorer(staffing, start="no-such-id").children[1].children[0].value  # falls back


def test_cut_view_says_at_least_for_a_lower_bound():
    staffing = load_staffing()
    floors = [mid for mid, bound in zip(staffing["measurement_id"], staffing["bound"], strict=True)
              if explorer.bound_of(bound) == "lower" and mid in set(explorer.size_estimates(staffing)["measurement_id"])]
    assert floors, "the data should hold Putin's 'more than a thousand' as a lower bound"
    title = explorer.cut_view(staffing, floors[0], 301).layout.title.text
    assert "or more staff" in title and "the cut was at least" in title
    assert "at least" not in explorer.cut_view(staffing, "us_2013_oig_total", 301).layout.title.text.split("<br>")[0]
