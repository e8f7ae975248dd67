"""Explorer of notebook 03: "if the US mission had N staff before the cut, who had to go?"

Pick one of the disagreeing estimates of the US mission's size before the cut, and a guess of how many
of its staff were Americans; the chart shows the cut down to Russia's cap and the smallest number of
local staff who had to go whatever the US chose.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from helpers.analysis.expulsions import CAP_ID, cut_arithmetic, select_estimates
from helpers.charts.expulsions import cut_figure
from helpers.widgets import figure_explorer

__all__ = ["cut_view", "cut_explorer"]

AMERICANS_ID = "us_2013_oig_direct_hire"
START_ID = "us_2017_peskov_total"


def cut_view(staffing: pd.DataFrame, measurement_id: str, americans: int) -> go.Figure:
    """What the explorer shows for one estimate and one number of Americans."""
    by_id = staffing.set_index("measurement_id")
    row = by_id.loc[measurement_id]
    n = cut_arithmetic(int(row["value"]), americans, int(by_id.loc[CAP_ID, "value"]))
    return cut_figure(n, row)


def cut_explorer(staffing: pd.DataFrame, *, start: str = START_ID, americans: int | None = None) -> widgets.VBox:
    """Menu of size estimates + slider of Americans; starts on Peskov's figure and the 2013 count of Americans."""
    estimates = select_estimates(staffing)
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
