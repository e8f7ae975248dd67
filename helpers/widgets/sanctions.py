"""Explorer for notebook 02 (sanctions): pick an issuer and a trigger, see the step chart and the instruments."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from helpers.charts import COUNTRY_COLOURS, COUNTRY_NAMES
from helpers.charts.sanctions import KIND_LABELS, TRIGGER_LABELS, cumulative_instruments_figure
from helpers.widgets import figure_explorer

__all__ = ["ALL", "instruments_of", "sanctions_view", "sanctions_explorer"]

ALL = "all"


def instruments_of(sanctions: pd.DataFrame, issuer: str = ALL, trigger: str = ALL) -> pd.DataFrame:
    """The instruments of one issuer ('USA', 'RUS', 'EU') and one trigger ('cyber', ...), by date."""
    keep = pd.Series(True, index=sanctions.index)
    if issuer != ALL:
        keep &= sanctions["issuer"].astype(str) == issuer
    if trigger != ALL:
        keep &= sanctions["trigger"].astype(str) == trigger
    return sanctions[keep].sort_values(["date_signed", "short_name"])


def sanctions_view(sanctions: pd.DataFrame, issuer: str = ALL, trigger: str = ALL) -> go.Figure:
    """The step chart (top, one line per trigger) and the table (bottom) of the chosen instruments."""
    chosen = instruments_of(sanctions, issuer, trigger)
    steps = cumulative_instruments_figure(chosen, by="trigger")
    fig = make_subplots(rows=2, cols=1, row_heights=[0.45, 0.55], vertical_spacing=0.08,
                        specs=[[{"type": "xy"}], [{"type": "table"}]])
    for trace in steps.data:
        fig.add_trace(trace, row=1, col=1)
    fig.add_trace(go.Table(
        columnwidth=[70, 110, 90, 100, 300],
        header=dict(values=["date", "instrument", "kind", "trigger", "whom or what it targets"], align="left",
                    fill_color="#eeeeee"),
        cells=dict(values=[chosen["date_signed"].dt.strftime("%Y-%m-%d").tolist(),
                           chosen["short_name"].astype(str).tolist(),
                           chosen["kind"].astype(str).map(lambda k: KIND_LABELS.get(k, k)).tolist(),
                           chosen["trigger"].astype(str).map(lambda t: TRIGGER_LABELS.get(t, t)).tolist(),
                           chosen["targets"].astype(str).tolist()], align="left"),
    ), row=2, col=1)
    who = "every issuer" if issuer == ALL else COUNTRY_NAMES.get(issuer, issuer)
    why = "every trigger" if trigger == ALL else TRIGGER_LABELS.get(trigger, trigger)
    if chosen.empty:
        fig.add_annotation(text="No instrument matches this choice: try another issuer or trigger.",
                           x=0.5, y=0.8, xref="paper", yref="paper", showarrow=False)
    fig.update_layout(title=f"{len(chosen)} instrument(s): {who}, {why}", height=780,
                      legend_title_text="Trigger", hovermode="closest")
    fig.update_xaxes(title=None, tickformat="%b %Y", row=1, col=1)
    fig.update_yaxes(title="instruments so far", rangemode="tozero", dtick=1, row=1, col=1)
    return fig


def sanctions_explorer(sanctions: pd.DataFrame, issuer: str = ALL, trigger: str = ALL) -> widgets.VBox:
    """Drop-downs for issuer and trigger above the step chart and table; starts on every instrument."""
    present = set(sanctions["issuer"].astype(str))
    issuers = [("every issuer", ALL)] + [(COUNTRY_NAMES.get(c, c), c) for c in COUNTRY_COLOURS if c in present]
    triggers = [("every trigger", ALL)] + [(label, t) for t, label in TRIGGER_LABELS.items()]
    controls = {
        "issuer": widgets.Dropdown(options=issuers, value=issuer, description="Issuer"),
        "trigger": widgets.Dropdown(options=triggers, value=trigger, description="Trigger"),
    }
    return figure_explorer(controls, lambda issuer, trigger: sanctions_view(sanctions, issuer, trigger),
                           title="Pick who issued the instruments and what triggered them")
