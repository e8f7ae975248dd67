"""Exercises of notebook 03 (expulsions): the 455 cap, the 755 cut, and the figures that disagree.

What a student reads (titles, hints, options, the sentence for each typical mistake) is in expulsions.toml;
this module computes: each expected answer, the value of each typical mistake, the test of the figure.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from helpers.analysis.expulsions import bound_of
from helpers.data import load_staffing
from helpers.exercises import Verdict, declare


def _value(measurement_id: str) -> int:
    return int(load_staffing().set_index("measurement_id").loc[measurement_id, "value"])


# --- 3.1 compute with pandas: the total implied by cap + cut -------------------------------------------

def implied_total() -> int:
    """Reference solution of 3.1: Russia's cap plus the cut Putin announced."""
    return _value("us_2017_mfa_cap") + _value("us_2017_putin_cut")


def cut_minus_cap() -> int:
    """A mistake of 3.1: the cut minus the cap."""
    return _value("us_2017_putin_cut") - _value("us_2017_mfa_cap")


def cut_only() -> int:
    """A mistake of 3.1: the cut alone."""
    return _value("us_2017_putin_cut")


def cap_only() -> int:
    """A mistake of 3.1: the cap alone."""
    return _value("us_2017_mfa_cap")


# --- 3.2 compute with pandas: share of local staff in 2013 --------------------------------------------

def local_share_2013() -> float:
    """Reference solution of 3.2: locally employed staff as a share of the 2013 total."""
    return _value("us_2013_oig_locally_employed") / _value("us_2013_oig_total")


def american_share_2013() -> float:
    """A mistake of 3.2: the share of Americans (direct hires) instead of local staff."""
    return _value("us_2013_oig_direct_hire") / _value("us_2013_oig_total")


def locals_per_american_2013() -> float:
    """A mistake of 3.2: local staff divided by the Americans instead of the whole mission."""
    return _value("us_2013_oig_locally_employed") / _value("us_2013_oig_direct_hire")


# --- 3.3 choose among options: 755 what? ---------------------------------------------------------------

def what_755() -> str:
    """Reference solution of 3.3: the option matching the mission and measure of Putin's 755 row."""
    row = load_staffing().set_index("measurement_id").loc["us_2017_putin_cut"]
    key = (str(row["mission"]), str(row["measure"]))
    return {("us_in_russia", "cut"): "B", ("us_in_russia", "expelled"): "A",
            ("russia_in_us", "expelled"): "C"}.get(key, "none of the options")


# --- 3.4 criticise a source: the "755 diplomats" headlines ---------------------------------------------


# --- 3.5 read a chart: which figure is a lower bound? --------------------------------------------------

_LOWER_BOUND_IDS = {"A": "us_2013_oig_total", "B": "us_2017_putin_total_lower_bound",
                    "C": "us_2017_inferred_total", "D": "us_2017_putin_total_1300"}


def lower_bound_option() -> str:
    """Reference solution of 3.5: the option whose row's bound column says lower bound."""
    staffing = load_staffing().set_index("measurement_id")
    hits = [k for k, mid in _LOWER_BOUND_IDS.items()
            if mid in staffing.index and bound_of(staffing.loc[mid, "bound"]) == "lower"]
    return hits[0] if len(hits) == 1 else "none of the options"


# --- 3.6 build a chart: only the governments' own figures ----------------------------------------------

def government_figures() -> list[int]:
    """What 3.6's figure must show: the US mission's pre-cut totals with basis official or estimate."""
    staffing = load_staffing()
    cap = _value("us_2017_mfa_cap")
    rows = staffing[(staffing["mission"].astype(str) == "us_in_russia")
                    & (staffing["measure"].astype(str) == "total_staff") & (staffing["value"] > cap)
                    & staffing["basis"].astype(str).isin(["official", "estimate"])]
    return sorted(int(v) for v in rows["value"])


def _plotted_values(fig: go.Figure) -> list[float]:
    values: list[float] = []
    for trace in fig.data:
        xs = getattr(trace, "x", None)
        for x in [] if xs is None else list(xs):
            if x is None or isinstance(x, bool):
                continue
            values.append(float(x))
    return values


def shows_government_figures(fig: go.Figure, expected: list[int]) -> Verdict:
    try:
        values = _plotted_values(fig)
    except (TypeError, ValueError):
        return Verdict(False, "The horizontal axis of your figure should hold staff numbers: draw it with "
                              "estimates_figure(...).")
    if not values:
        return Verdict(False, "Your figure shows no points. Pass the filtered rows to estimates_figure(...).")
    if sorted(values) == sorted(float(v) for v in expected):
        return Verdict(True)
    if len(values) > len(expected):
        return Verdict(False, f"Your figure shows {len(values)} figures; keep only the rows whose basis is "
                              "'official' or 'estimate'.")
    return Verdict(False, f"Your figure shows {len(values)} figures, not all of the governments' own: keep every "
                          "row whose basis is 'official' or 'estimate' (use .isin with both words).")


# --- 3.7 compute, then criticise a number: TASS's "by one-third" ---------------------------------------

def share_cut() -> float:
    """Reference solution of 3.7: the cut as a share of the total implied by cap + cut."""
    cut = _value("us_2017_putin_cut")
    return cut / (cut + _value("us_2017_mfa_cap"))


def is_tass_one_third(value: Any, expected: Any) -> bool:
    """A mistake of 3.7: TASS's 'one-third', given when the data say otherwise."""
    return abs(float(value) - 1 / 3) < 0.01 and abs(float(expected) - 1 / 3) > 0.05


def cut_per_cap() -> float:
    """A mistake of 3.7: the cut divided by the cap instead of by the whole mission."""
    return _value("us_2017_putin_cut") / _value("us_2017_mfa_cap")


declare(__name__)
