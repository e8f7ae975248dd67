"""The capstone explorer: pick a round of the dispute and compare who did what."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from helpers.analysis.capstone import MEASURES, ROUNDS, round_dates, who_did_what
from helpers.charts.capstone import measures_figure
from helpers.vocabulary import day_text
from helpers.widgets import figure_explorer

__all__ = ["round_view", "rounds_explorer"]


def round_view(events: pd.DataFrame, name: str) -> go.Figure:
    """What the explorer shows for one round: what each actor did in it."""
    start, end = round_dates(events, name)
    return measures_figure(who_did_what(events, name), MEASURES,
                           title=f"Who did what, {day_text(start)} – {day_text(end)}")


def rounds_explorer(events: pd.DataFrame, start: str = "Mar–Apr 2018") -> widgets.VBox:
    """A dropdown of the rounds above the round_view chart; starts on ``start``."""
    pick = widgets.Dropdown(options=list(ROUNDS), value=start if start in ROUNDS else list(ROUNDS)[-1],
                            description="Round")
    return figure_explorer({"name": pick}, lambda name: round_view(events, name),
                           title="Pick a round: who did what?")
