"""Exercises of notebook 03 (expulsions): the 455 cap, the 755 cut, and the figures that disagree."""

from __future__ import annotations

import math
from typing import Any

import plotly.graph_objects as go

from helpers.charts.staffing import bound_of
from helpers.data import load_sources, load_staffing
from helpers.exercises import register
from helpers.exercises.compare import (
    Comparator,
    Verdict,
    _as_real,
    choice,
    describe,
    figure,
    integer,
    text_keywords,
)

NOTEBOOK = "03-expulsions"


def _value(measurement_id: str) -> int:
    staffing = load_staffing().set_index("measurement_id")
    return int(staffing.loc[measurement_id, "value"])


def share(rel_tol: float = 0.01) -> Comparator:
    """A share given as a fraction between 0 and 1; a percentage (73 for 0.73) gets a clear tip."""

    def compare(answer: Any, expected: float) -> Verdict:
        value = _as_real(answer)
        if value is None:
            return Verdict(False, f"Expected a number between 0 and 1, but got {describe(answer)}.")
        if math.isclose(value, float(expected), rel_tol=rel_tol):
            return Verdict(True)
        if 1 < value <= 100 and math.isclose(value / 100, float(expected), rel_tol=rel_tol):
            return Verdict(False, "That looks like a percentage. Give the share as a fraction: 0.5, not 50.")
        if value > 1 or value < 0:
            return Verdict(False, "A share of a total lies between 0 and 1.")
        return Verdict(False, "That share is not the one the data give: check which number you divide by which.")

    return compare


# --- 3.1 compute with pandas: the total implied by 455 + 755 --------------------------------------------

def implied_total() -> int:
    """Reference solution of 3.1: the Russian cap plus the cut Putin announced."""
    return _value("us_2017_mfa_cap") + _value("us_2017_putin_cut")


register(
    "3.1",
    notebook=NOTEBOOK,
    question="Russia's cap (row us_2017_mfa_cap) plus Putin's cut (row us_2017_putin_cut): what total size of "
             "the US mission do the two Russian numbers imply?",
    expected=implied_total,
    compare=integer(),
    hint="Index the table by its ids: rows = staffing.set_index('measurement_id'); then "
         "rows.loc['us_2017_mfa_cap', 'value'] gives one value. Add the two values.",
)


# --- 3.2 compute with pandas: share of local staff in 2013 --------------------------------------------

def local_share_2013() -> float:
    """Reference solution of 3.2: locally employed staff as a share of the 2013 total."""
    return _value("us_2013_oig_locally_employed") / _value("us_2013_oig_total")


register(
    "3.2",
    notebook=NOTEBOOK,
    question="In the State Department inspectors' 2013 figures, what share of the US mission's staff were "
             "locally employed (a fraction between 0 and 1)?",
    expected=local_share_2013,
    compare=share(),
    hint="Divide the value of row us_2013_oig_locally_employed by the value of row us_2013_oig_total. "
         "A share is a part divided by the whole.",
)


# --- 3.3 choose among options: 755 what? ---------------------------------------------------------------

WHAT_755_OPTIONS = {
    "A": "755 American diplomats expelled from Russia",
    "B": "755 staff of the US mission (diplomats, technical staff and local employees) who had to stop "
         "working for it",
    "C": "755 Russian diplomats expelled from the United States",
    "D": "755 American diplomats who chose to go home",
}


def what_755() -> str:
    """Reference solution of 3.3: the option matching the mission and measure of Putin's 755 row."""
    row = load_staffing().set_index("measurement_id").loc["us_2017_putin_cut"]
    key = (str(row["mission"]), str(row["measure"]))
    return {("us_in_russia", "cut"): "B", ("us_in_russia", "expelled"): "A",
            ("russia_in_us", "expelled"): "C"}.get(key, "none of the options")


register(
    "3.3",
    notebook=NOTEBOOK,
    question="755 what? Read the mission, measure and note of row us_2017_putin_cut. "
             + " ".join(f"{k}: {v}." for k, v in WHAT_755_OPTIONS.items()),
    expected=what_755,
    compare=choice(WHAT_755_OPTIONS),
    hint="Look at the measure column: is it 'expelled' or 'cut'? Then read the note: whom did Putin say the "
         "755 were?",
)


# --- 3.4 criticise a source: the "755 diplomats" headlines ---------------------------------------------

def headlines_755() -> list[str]:
    """Data for 3.4 (a written answer): the titles in sources.csv that call the 755 'diplomats'."""
    sources = load_sources()
    titles = sources["title"].astype(str)
    return sorted(titles[titles.str.contains("755") & titles.str.contains("diplomats", case=False)])


register(
    "3.4",
    notebook=NOTEBOOK,
    question="Several headlines said '755 diplomats'. In a sentence or two, say what is wrong with that, using "
             "the staffing data.",
    expected=headlines_755,
    compare=text_keywords([["staff", "employee", "personnel", "worker", "technical"],
                           ["local", "russian"]], min_words=12),
    hint="Compare the 755 with the number of Americans (direct hires) in 2013, and read what Putin and Peskov "
         "said the 755 included. Who else worked for the US mission?",
)


# --- 3.5 read a chart: which figure is a lower bound? --------------------------------------------------

LOWER_BOUND_OPTIONS = {
    "A": "the State Department inspectors' figure",
    "B": "Putin's figure of 30 July 2017",
    "C": "our arithmetic (cap + cut)",
    "D": "Putin's figure of 5 September 2017",
}
_LOWER_BOUND_IDS = {"A": "us_2013_oig_total", "B": "us_2017_putin_total_lower_bound",
                    "C": "us_2017_inferred_total", "D": "us_2017_putin_total_1300"}


def lower_bound_option() -> str:
    """Reference solution of 3.5: the option whose row's bound column says lower bound."""
    staffing = load_staffing().set_index("measurement_id")
    hits = [k for k, mid in _LOWER_BOUND_IDS.items()
            if mid in staffing.index and bound_of(staffing.loc[mid, "bound"]) == "lower"]
    return hits[0] if len(hits) == 1 else "none of the options"


register(
    "3.5",
    notebook=NOTEBOOK,
    question="In the chart of estimates, which figure is not a count but a lower bound (the true number was "
             "higher)? " + " ".join(f"{k}: {v}." for k, v in LOWER_BOUND_OPTIONS.items()),
    expected=lower_bound_option,
    compare=choice(LOWER_BOUND_OPTIONS),
    hint="Look for the sign ≥ next to a point, or hover over the points and read the notes.",
)


# --- 3.6 build a chart: only the governments' own figures ----------------------------------------------

def government_figures() -> list[int]:
    """Data for 3.6: the values of the US mission's pre-cut totals with basis official or estimate."""
    staffing = load_staffing()
    cap = _value("us_2017_mfa_cap")
    rows = staffing[(staffing["mission"].astype(str) == "us_in_russia")
                    & (staffing["measure"].astype(str) == "total_staff") & (staffing["value"] > cap)
                    & staffing["basis"].astype(str).isin(["official", "estimate"])]
    return sorted(int(v) for v in rows["value"])


def _plotted_values(fig: go.Figure) -> list[float] | None:
    values: list[float] = []
    for trace in fig.data:
        xs = getattr(trace, "x", None)
        if xs is None:
            continue
        for x in xs:
            if x is None:
                continue
            if isinstance(x, bool) or not isinstance(x, int | float) and not hasattr(x, "__float__"):
                return None
            values.append(float(x))
    return values


def _shows_government_figures(fig: go.Figure, expected: list[int]) -> Verdict:
    try:
        values = _plotted_values(fig)
    except Exception:
        values = None
    if values is None:
        return Verdict(False, "Your figure's horizontal axis should hold staff numbers: use estimates_figure.")
    if not values:
        return Verdict(False, "Your figure shows no points. Pass the filtered rows to estimates_figure.")
    if sorted(values) == sorted(float(v) for v in expected):
        return Verdict(True)
    if len(values) > len(expected):
        return Verdict(False, f"Your figure shows {len(values)} figures; keep only basis 'official' or 'estimate'.")
    return Verdict(False, "Your figure does not show the right figures; start from the rows of the first chart.")


register(
    "3.6",
    notebook=NOTEBOOK,
    question="Redraw the chart of estimates with only the figures that governments stated themselves "
             "(basis 'official' or 'estimate').",
    expected=government_figures,
    compare=figure(_shows_government_figures),
    hint="Filter the rows of the first chart: before_cut[before_cut['basis'].isin(['official', 'estimate'])], "
         "then pass them to estimates_figure(...).",
)


# --- 3.7 compute, then criticise a number: TASS's "by one-third" ---------------------------------------

def share_cut() -> float:
    """Reference solution of 3.7: the cut as a share of the total implied by cap + cut."""
    cut = _value("us_2017_putin_cut")
    return cut / (cut + _value("us_2017_mfa_cap"))


register(
    "3.7",
    notebook=NOTEBOOK,
    question="TASS wrote that the US staff would 'decrease by one-third to 455'. What share of the implied "
             "total (cap + cut) did the cut remove (a fraction between 0 and 1)?",
    expected=share_cut,
    compare=share(),
    hint="The cut is row us_2017_putin_cut; the total it was cut from is cap + cut. Divide the cut by that "
         "total.",
)
