"""Exercises of notebook 03 (expulsions): the 455 cap, the 755 cut, and the figures that disagree."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from helpers.analysis.expulsions import bound_of
from helpers.data import load_staffing
from helpers.exercises import (
    Aspect,
    Mistake,
    Option,
    Verdict,
    register_choice,
    register_count,
    register_figure,
    register_share,
    register_written,
)

NOTEBOOK = "03-expulsions"


def _value(measurement_id: str) -> int:
    return int(load_staffing().set_index("measurement_id").loc[measurement_id, "value"])


# --- 3.1 compute with pandas: the total implied by cap + cut -------------------------------------------

def implied_total() -> int:
    """Reference solution of 3.1: Russia's cap plus the cut Putin announced."""
    return _value("us_2017_mfa_cap") + _value("us_2017_putin_cut")


register_count(
    "3.1",
    notebook=NOTEBOOK,
    title="The total that Russia's cap and Putin's cut imply",
    answer_name="implied_total",
    uses=("staffing",),
    expected=implied_total,
    hints=("The two numbers are the rows us_2017_mfa_cap and us_2017_putin_cut of the staffing table, in its "
           "value column. The mission was cut from its old size down to the cap: old size = cap + cut.",
           "Look a row up by its id: rows.loc['us_2017_mfa_cap', 'value'] (rows is staffing indexed by "
           "measurement_id). Do the same for the cut, and add the two values."),
    mistakes=(
        Mistake("That is the cut minus the cap. The mission was cut down TO the cap, so its size before was "
                "the cap plus the cut.", value=lambda: _value("us_2017_putin_cut") - _value("us_2017_mfa_cap")),
        Mistake("That is only the cut. The mission kept the cap's number of staff too: add the two.",
                value=lambda: _value("us_2017_putin_cut")),
        Mistake("That is only the cap, the staff allowed after the cut. Add the staff who were cut.",
                value=lambda: _value("us_2017_mfa_cap")),
    ),
)


# --- 3.2 compute with pandas: share of local staff in 2013 --------------------------------------------

def local_share_2013() -> float:
    """Reference solution of 3.2: locally employed staff as a share of the 2013 total."""
    return _value("us_2013_oig_locally_employed") / _value("us_2013_oig_total")


register_share(
    "3.2",
    notebook=NOTEBOOK,
    title="The share of local staff in the US mission in 2013",
    answer_name="local_share",
    uses=("staffing",),
    expected=local_share_2013,
    hints=("A share is a part divided by the whole. The part is the locally employed staff of 2013; the whole is "
           "the 2013 total.",
           "The part is row us_2013_oig_locally_employed and the whole is row us_2013_oig_total: divide the first "
           "value by the second."),
    mistakes=(
        Mistake("That is the share of Americans (direct hires). The question asks about the locally employed "
                "staff.", value=lambda: _value("us_2013_oig_direct_hire") / _value("us_2013_oig_total")),
        Mistake("You divided by the number of Americans. A share of the mission divides by the whole mission: "
                "row us_2013_oig_total.",
                value=lambda: _value("us_2013_oig_locally_employed") / _value("us_2013_oig_direct_hire")),
    ),
)


# --- 3.3 choose among options: 755 what? ---------------------------------------------------------------

def what_755() -> str:
    """Reference solution of 3.3: the option matching the mission and measure of Putin's 755 row."""
    row = load_staffing().set_index("measurement_id").loc["us_2017_putin_cut"]
    key = (str(row["mission"]), str(row["measure"]))
    return {("us_in_russia", "cut"): "B", ("us_in_russia", "expelled"): "A",
            ("russia_in_us", "expelled"): "C"}.get(key, "none of the options")


register_choice(
    "3.3",
    notebook=NOTEBOOK,
    title="755 what?",
    answer_name="what_755",
    options={
        "A": Option("755 American diplomats expelled from Russia",
                    "the row's measure is 'cut', not 'expelled': nobody was declared persona non grata, and the "
                    "cut counted staff of every kind, not only diplomats."),
        "B": Option("755 staff of the US mission (diplomats, technical staff and local employees) who had to stop "
                    "working for it",
                    "the row's mission is the US mission in Russia and its measure is 'cut'; Putin and Peskov "
                    "said the number covered diplomats and technical staff, and most of the mission's staff were "
                    "local employees."),
        "C": Option("755 Russian diplomats expelled from the United States",
                    "the row's mission is the US mission in Russia (us_in_russia): the cut hit the American side."),
        "D": Option("755 American diplomats who chose to go home",
                    "nobody chose: Russia set a cap and Putin named the number who had to stop working."),
    },
    answer=what_755,
    hints=("Read the row's mission (whose mission?) and measure (expelled, or cut?).",
           "Then read its note: whom did Putin and Peskov say the 755 were?"),
)


# --- 3.4 criticise a source: the "755 diplomats" headlines ---------------------------------------------

register_written(
    "3.4",
    notebook=NOTEBOOK,
    title="What is wrong with '755 diplomats'",
    answer_name="critique",
    aspects=(
        Aspect("who the 755 were", ("staff", "employee", "personnel", "worker", "technical", "hired", "payroll",
                                    "not all diplomat", "not diplomat", "not only diplomat"),
               "Who did the 755 include besides diplomats?"),
        Aspect("the local employees", ("local", "russian citizen", "russians", "hired in russia", "locals"),
               "Who worked for the US mission without being American, and did they have to leave Russia?"),
        Aspect("numbers from the data", ("301", "934", "1,279", "1279", "2013", "direct hire", "direct-hire",
                                         "americans"),
               "Which numbers in the staffing table show how many of the mission's staff were Americans?"),
    ),
    min_words=12,
    hints=("Compare the 755 with the number of Americans (direct hires) the inspectors counted in 2013.",
           "Read what Putin and Peskov said the 755 included (the notes of rows us_2017_putin_cut and "
           "us_2017_peskov_total). Who else worked for the US mission?"),
)


# --- 3.5 read a chart: which figure is a lower bound? --------------------------------------------------

_LOWER_BOUND_IDS = {"A": "us_2013_oig_total", "B": "us_2017_putin_total_lower_bound",
                    "C": "us_2017_inferred_total", "D": "us_2017_putin_total_1300"}


def lower_bound_option() -> str:
    """Reference solution of 3.5: the option whose row's bound column says lower bound."""
    staffing = load_staffing().set_index("measurement_id")
    hits = [k for k, mid in _LOWER_BOUND_IDS.items()
            if mid in staffing.index and bound_of(staffing.loc[mid, "bound"]) == "lower"]
    return hits[0] if len(hits) == 1 else "none of the options"


register_choice(
    "3.5",
    notebook=NOTEBOOK,
    title="Which figure is a lower bound?",
    answer_name="lower_bound",
    options={
        "A": Option("the State Department inspectors' figure",
                    "the inspectors counted positions in 2013: an exact count (for 2013), not a floor."),
        "B": Option("Putin's figure of 30 July 2017",
                    "Putin said 'more than a thousand': the true number was higher, so the chart marks it ≥."),
        "C": Option("our arithmetic (cap + cut)",
                    "the sum of two stated numbers is exact arithmetic, even if the numbers themselves are "
                    "Russia's."),
        "D": Option("Putin's figure of 5 September 2017",
                    "in September Putin gave a number, not 'more than': it is an estimate, not a floor."),
    },
    answer=lower_bound_option,
    hints=("A lower bound is written with the sign ≥ next to its point.",
           "Hover over the points and read their notes: which figure says 'more than'?"),
)


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


def _shows_government_figures(fig: go.Figure, expected: list[int]) -> Verdict:
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


register_figure(
    "3.6",
    notebook=NOTEBOOK,
    title="The chart of estimates with only the governments' own figures",
    answer_name="fig_governments",
    uses=("staffing",),
    expected=government_figures,
    test=_shows_government_figures,
    hints=("Keep the rows of before_cut whose basis is 'official' or 'estimate'; then draw them as before.",
           "before_cut['basis'].isin(['official', 'estimate']) is True for those rows: use it as a filter, and "
           "pass the result to estimates_figure(...)."),
)


# --- 3.7 compute, then criticise a number: TASS's "by one-third" ---------------------------------------

def share_cut() -> float:
    """Reference solution of 3.7: the cut as a share of the total implied by cap + cut."""
    cut = _value("us_2017_putin_cut")
    return cut / (cut + _value("us_2017_mfa_cap"))


def _is_one_third(value: Any, expected: Any) -> bool:
    return abs(float(value) - 1 / 3) < 0.01 and abs(float(expected) - 1 / 3) > 0.05


register_share(
    "3.7",
    notebook=NOTEBOOK,
    title="The share of the mission the cut removed",
    answer_name="share_cut",
    uses=("staffing",),
    expected=share_cut,
    hints=("The whole is the mission before the cut (the total you found in exercise 3.1); the part is the cut.",
           "Divide the value of row us_2017_putin_cut by the sum of the cap and the cut."),
    mistakes=(
        Mistake("That is TASS's 'one-third'. Compute the share from the two numbers and see whether TASS was "
                "right.", test=_is_one_third),
        Mistake("You divided the cut by the cap. Divide it by the whole mission before the cut: cap + cut.",
                value=lambda: _value("us_2017_putin_cut") / _value("us_2017_mfa_cap")),
    ),
)
