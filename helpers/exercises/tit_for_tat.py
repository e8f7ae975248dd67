"""Exercises of notebook 05 (tit for tat): answer lags, the long pause, Goldstein weights, counting rules, parity.

What a student reads (titles, hints, options, the sentence for each typical mistake) is in tit_for_tat.toml;
this module computes: each expected answer, the value of each typical mistake, the test of the figure, and the
figures an option's why quotes.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from helpers.analysis.links import answer_links
from helpers.analysis.tit_for_tat import (
    dyad_events,
    goldstein_rows,
    goldstein_totals,
    lag_summary,
    measure_events,
    mission_losses,
    pauses,
)
from helpers.data import load_events, load_staffing
from helpers.exercises import Verdict, declare

EXPEL_ID = "2016-12-29-us-expels-35"
CAP_ID = "2017-07-28-russia-caps-us-mission-455"


def _links() -> pd.DataFrame:
    return answer_links(load_events())


def _us_lags(*, across_only: bool = True) -> pd.Series:
    links = _links()
    keep = links["answer_actor"] == "USA"
    if across_only:
        keep &= links["across"]
    return links.loc[keep, "lag_days"].astype(float)


def _is_negated(value: Any, expected: Any, abs_tol: float = 0.0) -> bool:
    return bool(expected != 0 and math.isclose(value, -expected, abs_tol=abs_tol))


# --- 5.1 compute with pandas: the median US answer lag -------------------------------------------------

def median_us_lag() -> float:
    """Reference solution of 5.1: median days the US took to answer a Russian act."""
    lags = lag_summary(_links())
    return float(lags.loc[lags["actor"] == "USA", "median_days"].iloc[0])


def median_every_us_answer() -> float:
    """A mistake of 5.1: the median of every US answer, answers to acts under the US's own name included."""
    return float(_us_lags(across_only=False).median())


def mean_us_lag() -> float:
    """A mistake of 5.1: the mean instead of the median."""
    return float(_us_lags().mean())


def longest_us_lag() -> float:
    """A mistake of 5.1: the longest lag instead of the median."""
    return float(_us_lags().max())


def is_negative_lag(value: Any, expected: Any) -> bool:
    """A mistake of 5.1: the median with its sign flipped (dates subtracted the wrong way)."""
    return _is_negated(value, expected)


def median_us_lag_plus_one() -> float:
    """A mistake of 5.1: the median when each lag counts one day too many."""
    return float((_us_lags() + 1).median())


# --- 5.2 build a chart: each side's median lag ---------------------------------------------------------

def median_lags() -> dict[str, float]:
    """What 5.2's chart must show: the median answer lag of each side."""
    lags = lag_summary(_links())
    return {str(a): float(m) for a, m in zip(lags["actor"], lags["median_days"], strict=True)}


def _numbers(values: Any) -> list[float]:
    out = []
    for v in [] if values is None else list(values):
        if isinstance(v, bool):
            continue
        try:
            f = float(v)
        except (TypeError, ValueError):
            continue
        if math.isfinite(f):
            out.append(f)
    return out


def _bar_values(fig: Any) -> list[float]:
    values: list[float] = []
    for t in fig.data:
        if getattr(t, "type", "") == "bar":
            values += _numbers(t.x if getattr(t, "orientation", None) == "h" else t.y)
    return values


def bar_of_medians(fig: Any, expected: dict[str, float]) -> Verdict:
    """The test of 5.2's figure: one bar per side, as high as that side's median lag."""
    if not any(getattr(t, "type", "") == "bar" for t in fig.data):
        return Verdict(False, "Your figure has no bars: draw it with px.bar(lags, x=..., y=...).")
    values = _bar_values(fig)
    want = sorted(expected.values())
    if len(values) != len(want):
        return Verdict(False, f"Your chart has {len(values)} bar(s); draw one bar per side ({len(want)}), from "
                              "the table lags.")
    if all(math.isclose(a, b, abs_tol=0.01) for a, b in zip(sorted(values), want, strict=True)):
        title = getattr(getattr(fig.layout, "title", None), "text", None)
        note = "" if title else "Tip: give your chart a title (title=\"...\"), so a reader knows what it shows."
        return Verdict(True, note=note)
    return Verdict(False, "The bar heights are not the median lags: use the column median_days for the height.")


def _bars_of_column(fig: Any, expected: dict[str, float], column: str) -> bool:
    """True if the bars are the column ``column`` of the table lags (and not the medians)."""
    lags = lag_summary(_links())
    values = sorted(_bar_values(fig))
    return values == sorted(float(m) for m in lags[column]) and values != sorted(expected.values())


def bars_of_mean_lags(fig: Any, expected: dict[str, float]) -> bool:
    """A mistake of 5.2: bars of the mean lags (column mean_days)."""
    return _bars_of_column(fig, expected, "mean_days")


def bars_of_longest_lags(fig: Any, expected: dict[str, float]) -> bool:
    """A mistake of 5.2: bars of the longest lags (column longest_days)."""
    return _bars_of_column(fig, expected, "longest_days")


def bars_of_answer_counts(fig: Any, expected: dict[str, float]) -> bool:
    """A mistake of 5.2: bars counting the answers (column answers)."""
    return _bars_of_column(fig, expected, "answers")


# --- 5.3 compute with pandas: the longest pause --------------------------------------------------------

def _measure_pause(rank: int) -> int:
    """The pause between two measures of the given rank, in days (0: the longest)."""
    return int(pauses(measure_events(load_events()))["days"].iloc[rank])


def longest_pause_days() -> int:
    """Reference solution of 5.3: the longest gap in days between two consecutive measures."""
    return _measure_pause(0)


def longest_pause_any_event() -> int:
    """A mistake of 5.3: the longest pause between any two events, not only measures."""
    return int(pauses(load_events())["days"].iloc[0])


def label_of_longest_gap() -> int:
    """A mistake of 5.3: the row label after the longest gap (what .idxmax() gives), not its length."""
    measures = measure_events(load_events())
    return int(measures["date"].sort_values().diff().dt.days.idxmax())


def longest_pause_plus_one() -> int:
    """A mistake of 5.3: the longest pause with a day added."""
    return longest_pause_days() + 1


def second_longest_pause() -> int:
    """A mistake of 5.3: the second-longest pause between two measures."""
    return _measure_pause(1)


# --- 5.4 write: why the longest pause ------------------------------------------------------------------


# --- 5.5 choose: why an expulsion and a cap weigh the same ---------------------------------------------

def same_weight_reason() -> str:
    """Reference solution of 5.5: the two acts share a CAMEO code, hence a weight (checked in the data)."""
    events = load_events().set_index("event_id")
    a, b = events.loc[EXPEL_ID], events.loc[CAP_ID]
    if str(a["cameo_code"]) != str(b["cameo_code"]) or a["goldstein"] != b["goldstein"]:
        return "the expulsion and the cap no longer share a CAMEO code"
    return "B"


def staff(measurement_id: str) -> int:
    """The value of one row of the staffing table (quoted by the whys of 5.5 and 5.7)."""
    return int(load_staffing().set_index("measurement_id").loc[measurement_id, "value"])


# --- 5.6 compute with pandas: the US total under "one decision, one weight" ----------------------------

def _coded() -> pd.DataFrame:
    return dyad_events(load_events()).dropna(subset=["goldstein"])


def us_total_one_decision() -> float:
    """Reference solution of 5.6: the US sum of weights, each decision counted once (event_id == decision_id)."""
    return float(goldstein_totals(dyad_events(load_events()), rules=["one_decision"]).loc["one_decision", "USA"])


def _us_sum(rows: pd.DataFrame) -> float:
    return round(float(rows.loc[rows["actor"].astype(str) == "USA", "goldstein"].sum()), 1)


def us_total_every_row() -> float:
    """A mistake of 5.6: the US total under the first rule, where every coded row counts."""
    return _us_sum(goldstein_rows(_coded(), "every_row"))


def first_of_each_decision() -> float:
    """A mistake of 5.6: the US total of groupby('decision_id').first(), the first row of each decision."""
    coded = _coded()
    first = coded.groupby("decision_id", as_index=False).first()
    return _us_sum(first)


def us_total_named_only() -> float:
    """A mistake of 5.6: the stricter variant, which also leaves out the orders that named no one."""
    return _us_sum(goldstein_rows(_coded(), "named_only"))


def russia_total_one_decision() -> float:
    """A mistake of 5.6: Russia's total instead of the US one."""
    return float(goldstein_totals(_coded(), rules=["one_decision"]).loc["one_decision", "RUS"])


def both_sides_total_one_decision() -> float:
    """A mistake of 5.6: the total of both sides, not only the US."""
    return round(float(goldstein_rows(_coded(), "one_decision")["goldstein"].sum()), 1)


def us_total_every_target() -> float:
    """A mistake of 5.6: the US total with acts aimed at other countries than Russia included."""
    return _us_sum(goldstein_rows(load_events(), "one_decision"))


def us_decision_count() -> float:
    """A mistake of 5.6: the number of US decisions instead of the sum of their weights."""
    return float((goldstein_rows(_coded(), "one_decision")["actor"].astype(str) == "USA").sum())


def is_negative_total(value: Any, expected: Any) -> bool:
    """A mistake of 5.6: the total without its minus sign."""
    return _is_negated(value, expected, abs_tol=0.05)


# --- 5.7 choose: was "parity" proportionate? -----------------------------------------------------------

def parity_judgement() -> str:
    """Reference solution of 5.7: 'B', after checking in the data that its premises hold."""
    staffing = load_staffing().set_index("measurement_id")
    cap, russian = staffing.loc["us_2017_mfa_cap", "value"], staffing.loc["ru_2017_mfa_total", "value"]
    un = staffing.loc["ru_2017_putin_un", "value"]
    local = staffing[(staffing["mission"] == "us_in_russia") & (staffing["measure"] == "locally_employed")]
    if not (cap == russian and un > 0 and len(local)):
        return "the staffing figures no longer support option B"
    return "B"


def share_lost(mission_start: str) -> float:
    """The share of its staff a side's mission lost, by the start of its name ('US', 'Russia'); quoted by 5.7."""
    losses = mission_losses(load_staffing())
    row = losses[losses["mission"].str.startswith(mission_start)].iloc[0]
    return row["lost"] / row["before"]


declare(__name__)
