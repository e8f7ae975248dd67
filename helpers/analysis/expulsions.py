"""Analysis of notebook 03 (expulsions): who stated which staffing figure, what a count held, who had to go.

>>> cut_arithmetic(total=1210, americans=301, cap=455)["min_local_cut"]
454
>>> short_source("President Putin (TV interview, Rossiya 1)")
'President Putin'
>>> bound_of("lower"), bound_of(None)
('lower', '')
"""

from __future__ import annotations

import pandas as pd

from helpers.errors import require_columns
from helpers.vocabulary import day_text, is_missing

__all__ = [
    "MISSION_NAMES",
    "bound_of",
    "short_source",
    "figure_label",
    "staff_breakdown",
    "cut_arithmetic",
    "select_estimates",
    "parity_table",
]

MISSION_NAMES: dict[str, str] = {
    "us_in_russia": "US mission in Russia",
    "russia_in_us": "Russian missions in the US",
}

CAP_ID = "us_2017_mfa_cap"


def bound_of(bound: object) -> str:
    """'lower' or 'upper' if a staffing row's ``bound`` column says its value is a bound, else ''."""
    text = "" if is_missing(bound) else str(bound)
    return text if text in {"lower", "upper"} else ""


def short_source(stated_by: object) -> str:
    """A short name for who stated a figure: 'President Putin (TV interview ...)' -> 'President Putin'."""
    text = str(stated_by)
    for cut in (" (", ", as cited"):
        if cut in text:
            text = text.split(cut)[0]
    return text.strip()


def figure_label(row: pd.Series) -> str:
    """'Kremlin spokesman Peskov, 31 Jul 2017': who stated a figure and when."""
    return f"{short_source(row['stated_by'])}, {day_text(row['date'])}"


# The bars of the composition chart: (bar, part, how to get the value from measurement_ids).
_BREAKDOWN: list[tuple[str, str, str]] = [
    ("US mission, 2013<br>(State Dept inspectors)", "Americans (direct hires)", "us_2013_oig_direct_hire"),
    ("US mission, 2013<br>(State Dept inspectors)", "local staff (mostly Russians)", "us_2013_oig_locally_employed"),
    ("US mission, 2013<br>(State Dept inspectors)", "not broken down",
     "us_2013_oig_total - us_2013_oig_direct_hire - us_2013_oig_locally_employed"),
    ("US mission, July 2017<br>(Russia's two numbers)", "kept: the cap", "us_2017_mfa_cap"),
    ("US mission, July 2017<br>(Russia's two numbers)", "cut", "us_2017_putin_cut"),
    ("Russian missions in the US, 2017<br>(Russia's figures)", "Russians at the embassy and consulates",
     "ru_2017_mfa_total - ru_2017_putin_un"),
    ("Russian missions in the US, 2017<br>(Russia's figures)", "Russians at the UN mission", "ru_2017_putin_un"),
]


def staff_breakdown(staffing: pd.DataFrame) -> pd.DataFrame:
    """What three counts were made of: columns bar, part, value, ids (the measurement_ids behind each value).

    A part whose rows are missing is left out; a difference ('a - b') is computed from the rows.
    """
    require_columns(staffing, "staffing", ["measurement_id", "value"], "staff_breakdown")
    values = dict(zip(staffing["measurement_id"].astype(str), staffing["value"], strict=True))
    rows = []
    for bar, part, formula in _BREAKDOWN:
        ids = [t.strip() for t in formula.split(" - ")]
        if not all(i in values and not is_missing(values[i]) for i in ids):
            continue
        value = int(values[ids[0]]) - sum(int(values[i]) for i in ids[1:])
        rows.append({"bar": bar, "part": part, "value": value, "ids": formula})
    return pd.DataFrame(rows, columns=["bar", "part", "value", "ids"])


def cut_arithmetic(total: int, americans: int, cap: int) -> dict[str, int]:
    """The cut from ``total`` down to ``cap``, and the fewest and most local staff it can include.

    Returns ``cut`` (total - cap, at least 0), ``americans`` and ``local`` before the cut (americans is
    kept between 0 and total), ``min_local_cut`` (if every American possible went first) and
    ``max_local_cut`` (if no American went).
    """
    total, cap = max(int(total), 0), max(int(cap), 0)
    americans = min(max(int(americans), 0), total)
    local = total - americans
    cut = max(total - cap, 0)
    return {"total": total, "cap": cap, "cut": cut, "americans": americans, "local": local,
            "min_local_cut": max(cut - americans, 0), "max_local_cut": min(cut, local)}


def select_estimates(staffing: pd.DataFrame) -> pd.DataFrame:
    """The stated totals of the US mission before the cut (above Russia's cap), smallest first, with a label."""
    require_columns(staffing, "staffing", ["measurement_id", "mission", "measure", "value", "bound", "stated_by",
                                           "date", "basis"], "select_estimates")
    cap = int(staffing.set_index("measurement_id").loc[CAP_ID, "value"])
    rows = staffing[(staffing["mission"].astype(str) == "us_in_russia")
                    & (staffing["measure"].astype(str) == "total_staff")
                    & (staffing["value"] > cap)].sort_values(["value", "date"]).copy()
    rows["label"] = [f"{int(r['value']):,}{' or more' if bound_of(r['bound']) == 'lower' else ''} · "
                     f"{figure_label(r)} ({r['basis']})" for _, r in rows.iterrows()]
    return rows.reset_index(drop=True)


_PARITY_ROWS = [
    # (measurement_id, side, part)
    ("us_2013_oig_direct_hire", "US mission in Russia, 2013 (State Dept inspectors)", "American staff"),
    ("us_2013_oig_locally_employed", "US mission in Russia, 2013 (State Dept inspectors)", "Local staff"),
    ("us_2017_mfa_cap", "US mission in Russia after Russia's cap, 2017", "Staff allowed (kinds not published)"),
    ("ru_2017_inferred_bilateral", "Russian missions in the US, 2017 (Russian count)",
     "Embassy and consulates (our arithmetic)"),
    ("ru_2017_putin_un", "Russian missions in the US, 2017 (Russian count)", "UN mission (Putin)"),
]


def parity_table(staffing: pd.DataFrame) -> pd.DataFrame:
    """What each side's count held: one row per part (American / local / UN staff ...) with its value.

    The US 2013 total's unexplained remainder (total minus American and local staff) is its own part.
    Columns: side, part, value, measurement_id, stated_by, basis.
    """
    by_id = staffing.set_index(staffing["measurement_id"].astype(str))
    missing = [m for m, _, _ in _PARITY_ROWS if m not in by_id.index]
    if missing:
        raise KeyError(f"staffing.csv has no row(s) {', '.join(missing)}; parity_table needs them.")
    rows = []
    for measurement_id, side, part in _PARITY_ROWS:
        row = by_id.loc[measurement_id]
        rows.append({"side": side, "part": part, "value": int(row["value"]), "measurement_id": measurement_id,
                     "stated_by": str(row["stated_by"]), "basis": str(row["basis"])})
        if measurement_id == "us_2013_oig_locally_employed" and "us_2013_oig_total" in by_id.index:
            total = int(by_id.loc["us_2013_oig_total", "value"])
            rest = total - sum(r["value"] for r in rows if r["side"] == side)
            if rest > 0:
                rows.append({"side": side, "part": "Not broken down", "value": rest,
                             "measurement_id": "us_2013_oig_total",
                             "stated_by": str(by_id.loc["us_2013_oig_total", "stated_by"]),
                             "basis": "inferred"})
    return pd.DataFrame(rows)
