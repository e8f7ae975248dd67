"""Explorer of notebook 05 (tit for tat): pick an actor, a period and a kind of event; see the chains of answers."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from helpers.analysis.tit_for_tat import PERIODS, chain_table, select_chains
from helpers.charts.tit_for_tat import chain_figure
from helpers.vocabulary import ALL, COUNTRY_NAMES, country_name
from helpers.widgets import figure_explorer

__all__ = ["DEFAULT_PERIOD", "chain_view", "chain_explorer"]

DEFAULT_PERIOD = "Jul – Oct 2017: the staff cap and the closures"


def chain_view(events: pd.DataFrame, actor: str = ALL, period: str = DEFAULT_PERIOD,
               category: str = ALL) -> go.Figure:
    """What the explorer shows for one choice: the whole chains of answers it picks, titled with the choice."""
    chosen = select_chains(events, actor, period, category)
    who = "any actor" if actor == ALL else country_name(actor)
    what = "any kind of event" if category == ALL else category.replace("_", " ")
    title = f"{chosen['chain'].nunique()} chain(s) of answers with {what} by {who}, {period.split(':')[0]}"
    return chain_figure(chosen, title=title)


def chain_explorer(events: pd.DataFrame, actor: str = ALL, period: str = DEFAULT_PERIOD,
                   category: str = ALL) -> widgets.VBox:
    """Drop-downs for actor, period and kind of event above the chain chart; starts on summer 2017."""
    table = chain_table(events)
    present = list(dict.fromkeys(table["actor"].astype(str)))
    actors = [("any actor", ALL)] + [(country_name(c), c) for c in COUNTRY_NAMES if c in present]
    kinds = [("any kind", ALL)] + [(c.replace("_", " "), c) for c in sorted(set(table["category"].astype(str)))]
    controls = {
        "actor": widgets.Dropdown(options=actors, value=actor, description="Who"),
        "period": widgets.Dropdown(options=list(PERIODS), value=period, description="When",
                                   layout=widgets.Layout(width="430px")),
        "category": widgets.Dropdown(options=kinds, value=category, description="What"),
    }
    return figure_explorer(controls, lambda actor, period, category: chain_view(events, actor, period, category),
                           title="Pick who acted, when, and what kind of act: see the whole chains it belongs to",
                           as_state=True)
