"""Explorer of notebook 02 (sanctions): pick an issuer and a trigger, see the step chart and the instruments."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from helpers.analysis.sanctions import TRIGGER_LABELS, select_instruments
from helpers.charts.sanctions import chosen_instruments_figure
from helpers.vocabulary import ALL, COUNTRY_COLOURS, country_name
from helpers.widgets import figure_explorer

__all__ = ["sanctions_view", "sanctions_explorer"]


def sanctions_view(sanctions: pd.DataFrame, issuer: str = ALL, trigger: str = ALL) -> go.Figure:
    """What the explorer shows for one choice: the step chart and the table of the chosen instruments."""
    chosen = select_instruments(sanctions, issuer, trigger)
    who = "every issuer" if issuer == ALL else country_name(issuer)
    why = "every trigger" if trigger == ALL else TRIGGER_LABELS.get(trigger, trigger)
    return chosen_instruments_figure(chosen, title=f"{len(chosen)} instrument(s): {who}, {why}")


def sanctions_explorer(sanctions: pd.DataFrame, issuer: str = ALL, trigger: str = ALL) -> widgets.VBox:
    """Drop-downs for issuer and trigger above the step chart and table; starts on every instrument."""
    present = set(sanctions["issuer"].astype(str))
    issuers = [("every issuer", ALL)] + [(country_name(c), c) for c in COUNTRY_COLOURS if c in present]
    triggers = [("every trigger", ALL)] + [(label, t) for t, label in TRIGGER_LABELS.items()]
    controls = {
        "issuer": widgets.Dropdown(options=issuers, value=issuer, description="Issuer"),
        "trigger": widgets.Dropdown(options=triggers, value=trigger, description="Trigger"),
    }
    return figure_explorer(controls, lambda issuer, trigger: sanctions_view(sanctions, issuer, trigger),
                           title="Pick who issued the instruments and what triggered them")
