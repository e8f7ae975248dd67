"""Explorer of notebook 06 (reading the news): pick a claim; see its verdict and the records that settle it."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML

from helpers.analysis.reading_the_news import claim_evidence
from helpers.charts.reading_the_news import claim_card
from helpers.widgets import figure_explorer

__all__ = ["claim_view", "claim_explorer"]


def claim_view(claims: pd.DataFrame, events: pd.DataFrame, sources: pd.DataFrame, claim_id: str) -> HTML:
    """What the explorer shows for one claim: its card."""
    return claim_card(claim_evidence(claims, events, sources, claim_id))


def claim_explorer(claims: pd.DataFrame, events: pd.DataFrame, sources: pd.DataFrame,
                   claim_id: str = "c09a") -> widgets.VBox:
    """A drop-down of the article's claims above the card of the chosen one; starts on claim ``claim_id``."""
    frame = claims.sort_values("order")
    options = [(f"{c} · {p} ({v})", str(c)) for c, p, v in
               zip(frame["claim_id"], frame["phrase"], frame["verdict"].astype(str), strict=True)]
    start = claim_id if claim_id in [v for _, v in options] else options[0][1]
    controls = {"claim_id": widgets.Dropdown(options=options, value=start, description="Claim",
                                             layout=widgets.Layout(width="560px"))}
    return figure_explorer(controls, lambda claim_id: claim_view(claims, events, sources, claim_id),
                           title="Pick a claim of the article: see our verdict and the records that settle it")
