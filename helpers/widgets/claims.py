"""Explorer for notebook 06 (reading the news): pick a claim; see its verdict and the records that settle it."""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML

from helpers.charts.claims import VERDICT_COLOURS, claim_label
from helpers.data import split_ids
from helpers.widgets import figure_explorer

__all__ = ["claim_evidence", "claim_view", "claim_explorer"]


def claim_evidence(claims: pd.DataFrame, events: pd.DataFrame, sources: pd.DataFrame,
                   claim_id: str) -> dict[str, Any]:
    """The claim's row, the events it cites (date, weekday, actor, summary) and its sources, in a dict.

    Keys: ``claim`` (a Series), ``events`` and ``sources`` (DataFrames, in the order the claim lists them).
    Raises KeyError if there is no such claim.
    """
    rows = claims[claims["claim_id"].astype(str) == str(claim_id)]
    if rows.empty:
        raise KeyError(f"no claim with id {claim_id!r}")
    claim = rows.iloc[0]
    event_ids = split_ids(claim["event_ids"])
    by_event = events.set_index(events["event_id"].astype(str))
    found = [e for e in event_ids if e in by_event.index]
    cited = by_event.loc[found, ["date", "actor", "summary"]].reset_index(names="event_id")
    cited.insert(2, "weekday", cited["date"].dt.day_name())
    source_ids = split_ids(claim["source_ids"])
    by_source = sources.set_index(sources["source_id"].astype(str))
    known = [s for s in source_ids if s in by_source.index]
    cited_sources = by_source.loc[known, ["publisher", "title", "url", "kind"]].reset_index(names="source_id")
    return {"claim": claim, "events": cited, "sources": cited_sources}


def claim_view(claims: pd.DataFrame, events: pd.DataFrame, sources: pd.DataFrame, claim_id: str) -> HTML:
    """A card for one claim: the article's words, our verdict and why, how to check, the events and sources."""
    found = claim_evidence(claims, events, sources, claim_id)
    claim, cited, cited_sources = found["claim"], found["events"], found["sources"]
    verdict = str(claim["verdict"])
    colour = VERDICT_COLOURS.get(verdict, "#7F7F7F")
    event_rows = "".join(
        f"<tr><td style='white-space:nowrap'>{row.weekday} {row.date:%d %b %Y}</td><td>{escape(str(row.actor))}</td>"
        f"<td>{escape(str(row.summary))}<br><code>{escape(row.event_id)}</code></td></tr>"
        for row in cited.itertuples()
    ) or "<tr><td colspan='3'><i>No event in the data bears on this claim.</i></td></tr>"
    source_items = "".join(
        f"<li>{escape(str(row.publisher))}: <a href='{escape(str(row.url))}' target='_blank'>"
        f"{escape(str(row.title))}</a> ({escape(str(row.kind))})</li>"
        for row in cited_sources.itertuples()
    )
    html = f"""
<div style='font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.45;max-width:900px'>
  <p style='font-size:16px'><b>{escape(claim_label(claim['claim_id'], claim['phrase']))}</b></p>
  <p><b>The article says:</b> {escape(str(claim['paraphrase']))}</p>
  <p><span style='background:{colour};color:white;padding:2px 8px;border-radius:4px'><b>{escape(verdict)}</b></span>
     {escape(str(claim['explanation']))}</p>
  <p><b>Check it yourself:</b> {escape(str(claim['check_hint']))}</p>
  <p><b>The events that settle it</b></p>
  <table style='border-collapse:collapse'>{event_rows}</table>
  <p><b>Sources</b></p><ul>{source_items}</ul>
</div>"""
    return HTML(html)


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
