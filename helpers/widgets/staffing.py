"""Explorer of notebook 03: "if the US mission had N staff before the cut, who had to go?"

Pick one of the disagreeing estimates of the US mission's size before the cut, and a guess of how many
of its staff were Americans; the chart shows the cut down to Russia's cap and the smallest number of
local staff who had to go whatever the US chose. The arithmetic is :func:`cut_arithmetic`, the chart
:func:`cut_view`; both are plain functions the tests call.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from helpers.charts import PALETTE
from helpers.charts.staffing import bound_of, figure_label
from helpers.widgets import figure_explorer

__all__ = ["cut_arithmetic", "size_estimates", "cut_view", "cut_explorer"]

CAP_ID = "us_2017_mfa_cap"
AMERICANS_ID = "us_2013_oig_direct_hire"
START_ID = "us_2017_peskov_total"


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


def size_estimates(staffing: pd.DataFrame) -> pd.DataFrame:
    """The stated totals of the US mission before the cut (above the cap), with a label for a menu."""
    cap = int(staffing.set_index("measurement_id").loc[CAP_ID, "value"])
    rows = staffing[(staffing["mission"].astype(str) == "us_in_russia")
                    & (staffing["measure"].astype(str) == "total_staff")
                    & (staffing["value"] > cap)].sort_values(["value", "date"]).copy()
    rows["label"] = [f"{int(r['value']):,}{' or more' if bound_of(r['bound']) == 'lower' else ''} · "
                     f"{figure_label(r)} ({r['basis']})" for _, r in rows.iterrows()]
    return rows.reset_index(drop=True)


def cut_view(staffing: pd.DataFrame, measurement_id: str, americans: int) -> go.Figure:
    """Two stacked bars (before the cut: Americans + local staff; after: the cap) and the arithmetic in the title."""
    by_id = staffing.set_index("measurement_id")
    row = by_id.loc[measurement_id]
    cap = int(by_id.loc[CAP_ID, "value"])
    n = cut_arithmetic(int(row["value"]), americans, cap)
    before, after = "before the cut", "after the cut<br>(Russia's cap)"
    fig = go.Figure([
        go.Bar(y=[before], x=[n["americans"]], name="Americans (your guess)", orientation="h",
               marker_color=PALETTE["blue"], text=[f"{n['americans']:,}"], textposition="inside", insidetextanchor="middle"),
        go.Bar(y=[before], x=[n["local"]], name="local staff", orientation="h", marker_color=PALETTE["sky"],
               text=[f"{n['local']:,}"], textposition="inside", insidetextanchor="middle"),
        go.Bar(y=[after], x=[n["cap"]], name="staff allowed (split not published)", orientation="h",
               marker_color=PALETTE["grey"], text=[f"{n['cap']:,}"], textposition="inside", insidetextanchor="middle"),
    ])
    floor = bound_of(row["bound"]) == "lower"  # "more than a thousand": every number below is a minimum
    more, least = (" or more", "at least ") if floor else ("", "")
    fig.update_layout(
        title=dict(text=f"If the mission had {n['total']:,}{more} staff ({figure_label(row)}),"
                        f" the cut was {least}{n['cut']:,}.<br><sub>Even if every American had gone, at least "
                        f"{n['min_local_cut']:,} local staff had to go; if no American went, "
                        f"{least}{n['max_local_cut']:,}.</sub>", font=dict(size=15)),
        barmode="stack", height=330, legend=dict(orientation="h", yanchor="top", y=-0.25, x=0),
        legend_title_text="",
    )
    fig.update_yaxes(title=None, categoryorder="array", categoryarray=[after, before])
    fig.update_xaxes(title="people", range=[0, max(n["total"], n["cap"]) * 1.05])
    return fig


def cut_explorer(staffing: pd.DataFrame, *, start: str = START_ID, americans: int | None = None) -> widgets.VBox:
    """Menu of size estimates + slider of Americans; starts on Peskov's figure and the 2013 count of Americans."""
    estimates = size_estimates(staffing)
    options = list(zip(estimates["label"], estimates["measurement_id"].astype(str), strict=True))
    ids = [value for _, value in options]
    by_id = staffing.set_index("measurement_id")
    if americans is None:
        americans = int(by_id.loc[AMERICANS_ID, "value"]) if AMERICANS_ID in by_id.index else 300
    controls: dict[str, Any] = {
        "measurement_id": widgets.Dropdown(options=options, value=start if start in ids else ids[0],
                                           description="Size before:", layout=widgets.Layout(width="560px"),
                                           style={"description_width": "initial"}),
        "americans": widgets.IntSlider(value=americans, min=0, max=int(estimates["value"].max()), step=1,
                                       description="Americans:", continuous_update=False),
    }

    def view(measurement_id: str, americans: int) -> go.Figure:
        return cut_view(staffing, measurement_id, americans)

    return figure_explorer(controls, view, title="Who had to go? Pick an estimate and a number of Americans")
