"""Explorer for notebook 05 (tit for tat): pick an actor, a period and a kind of event; see the chains of answers."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from helpers.charts import COUNTRY_NAMES
from helpers.charts.escalation import chain_figure
from helpers.escalation import chain_table
from helpers.widgets import figure_explorer

__all__ = ["ALL", "PERIODS", "select_chains", "chain_view", "chain_explorer"]

ALL = "all"

# Named periods of the dispute (first and last day, inclusive).
PERIODS: dict[str, tuple[str, str]] = {
    "2014: Crimea and the first sanctions": ("2014-03-01", "2014-12-31"),
    "Oct 2016 – Jan 2017: the election and the December measures": ("2016-10-01", "2017-01-31"),
    "Jul – Oct 2017: the staff cap and the closures": ("2017-07-01", "2017-10-31"),
    "Mar – Apr 2018: after the Salisbury poisoning": ("2018-03-01", "2018-04-30"),
    "The whole dispute, 2014 – 2018": ("2014-01-01", "2018-12-31"),
}
DEFAULT_PERIOD = "Jul – Oct 2017: the staff cap and the closures"


def select_chains(events: pd.DataFrame, actor: str = ALL, period: str = DEFAULT_PERIOD,
                  category: str = ALL) -> pd.DataFrame:
    """Whole chains of answers holding at least one event of ``actor`` and ``category`` dated in ``period``.

    Returns the events of those chains (with the columns of :func:`helpers.escalation.chain_table`),
    including their members outside the period, so that a chain is never cut in half.
    """
    table = chain_table(events)
    start, end = (pd.Timestamp(d) for d in PERIODS.get(period, PERIODS["The whole dispute, 2014 – 2018"]))
    hit = table["date"].between(start, end)
    if actor != ALL:
        hit &= table["actor"].astype(str) == actor
    if category != ALL:
        hit &= table["category"].astype(str) == category
    chains = set(table.loc[hit, "chain"])
    return table[table["chain"].isin(chains)].reset_index(drop=True)


def chain_view(events: pd.DataFrame, actor: str = ALL, period: str = DEFAULT_PERIOD,
               category: str = ALL) -> go.Figure:
    """The chain chart of :func:`select_chains`, titled with what was chosen."""
    chosen = select_chains(events, actor, period, category)
    who = "any actor" if actor == ALL else COUNTRY_NAMES.get(actor, actor)
    what = "any kind of event" if category == ALL else category.replace("_", " ")
    n_chains = chosen["chain"].nunique()
    title = f"{n_chains} chain(s) of answers with {what} by {who}, {period.split(':')[0]}"
    return chain_figure(chosen, title=title)


def chain_explorer(events: pd.DataFrame, actor: str = ALL, period: str = DEFAULT_PERIOD,
                   category: str = ALL) -> widgets.VBox:
    """Drop-downs for actor, period and kind of event above the chain chart; starts on summer 2017."""
    table = chain_table(events)
    present = list(dict.fromkeys(table["actor"].astype(str)))
    actors = [("any actor", ALL)] + [(COUNTRY_NAMES.get(c, c), c) for c in COUNTRY_NAMES if c in present]
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
