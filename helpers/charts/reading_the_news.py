"""Charts of notebook 06 (reading the news): our verdicts, claim by claim, the article's dates against the record.

Each function takes a DataFrame (claims as loaded by :func:`helpers.data.load_claims`, or a table built
with :mod:`helpers.analysis.reading_the_news`) and returns a figure (or, for one claim, an HTML card);
none reads files or changes its input.
"""

from __future__ import annotations

from html import escape
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML

from helpers.analysis.reading_the_news import VERDICTS, claim_label, dates_agree
from helpers.charts.common import wrap
from helpers.vocabulary import PALETTE, day_text

__all__ = ["VERDICT_COLOURS", "verdicts_figure", "claims_figure", "dates_figure", "claim_card"]

VERDICT_COLOURS: dict[str, str] = {
    "accurate": PALETTE["green"],
    "imprecise": PALETTE["orange"],
    "wrong": PALETTE["vermillion"],
    "unverifiable": PALETTE["grey"],
}


def verdicts_figure(claims: pd.DataFrame, *, title: str = "Our verdicts on the article's claims") -> go.Figure:
    """One bar per verdict (accurate, imprecise, wrong, unverifiable), counting the claims that got it."""
    counts = claims["verdict"].astype(str).value_counts().reindex(VERDICTS, fill_value=0)
    fig = go.Figure(go.Bar(
        x=counts.index.tolist(), y=counts.to_numpy().tolist(), text=counts.to_numpy().tolist(),
        textposition="outside", marker_color=[VERDICT_COLOURS[v] for v in counts.index],
        hovertemplate="%{x}: %{y} claim(s)<extra></extra>",
    ))
    fig.update_layout(title=title, height=380, showlegend=False)
    fig.update_xaxes(title=None, categoryorder="array", categoryarray=VERDICTS)
    fig.update_yaxes(title="claims", rangemode="tozero", dtick=2)
    return fig


def claims_figure(claims: pd.DataFrame, *, title: str = "Claim by claim, in the article's order") -> go.Figure:
    """A dot per claim, a row per claim (top = first in the article), in the column of its verdict."""
    frame = claims.sort_values("order")
    labels = [claim_label(c, p) for c, p in zip(frame["claim_id"], frame["phrase"], strict=True)]
    fig = go.Figure()
    for verdict in VERDICTS:
        mask = (frame["verdict"].astype(str) == verdict).to_numpy()
        part = frame[mask]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=[verdict] * len(part), y=[lab for lab, m in zip(labels, mask, strict=True) if m], mode="markers",
            name=verdict, marker=dict(size=16, color=VERDICT_COLOURS[verdict], line=dict(width=1, color="white")),
            customdata=list(zip(part["paraphrase"].astype(str).map(wrap),
                                part["explanation"].astype(str).map(wrap), strict=True)),
            hovertemplate="<b>The article:</b> %{customdata[0]}<br><b>%{x}:</b> %{customdata[1]}<extra></extra>",
        ))
    fig.update_layout(title=title, height=max(360, 28 * len(frame) + 140), legend_title_text="Verdict",
                      hovermode="closest")
    fig.update_xaxes(title=None, categoryorder="array", categoryarray=VERDICTS, side="top")
    fig.update_yaxes(title=None, categoryorder="array", categoryarray=labels[::-1])
    return fig


def dates_figure(table: pd.DataFrame, *, title: str = "The article's dates against the record's") -> go.Figure:
    """A bar for the days the article's words allow, a diamond for the record's date; red where they miss.

    ``table`` has one row per dated claim: ``label``, ``article_says``, ``article_from``, ``article_to``
    and ``record_date`` (and optionally ``record_event``). A one-day claim also gets an open square at
    its day; each diamond is labelled with the record's date.
    """
    agree = dates_agree(table).to_numpy()
    colours = [PALETTE["green"] if ok else PALETTE["vermillion"] for ok in agree]
    start = table["article_from"] - pd.Timedelta(hours=12)
    end = table["article_to"] + pd.Timedelta(hours=12)
    fig = go.Figure()
    fig.add_trace(go.Bar(
        base=start, x=(end - start).dt.total_seconds() * 1000, y=table["label"], orientation="h",
        name="days the article's words allow", marker=dict(color=colours, opacity=0.3), width=0.55,
        customdata=table["article_says"], hovertemplate="the article: “%{customdata}”<extra></extra>",
    ))
    single = table[table["article_from"] == table["article_to"]]
    fig.add_trace(go.Scatter(
        x=single["article_from"], y=single["label"], mode="markers", name="the article's day",
        marker=dict(symbol="square-open", size=13, color=[c for c, s in zip(colours, table["article_from"]
                                                                           == table["article_to"], strict=True)
                                                          if s], line=dict(width=2)),
        customdata=single["article_says"], hovertemplate="the article: “%{customdata}” = %{x|%A %d %b %Y}"
                                                         "<extra></extra>",
    ))
    labels = [day_text(r) if ok else f"{day_text(r)} (the article: {day_text(a)})"
              for r, a, ok in zip(table["record_date"], table["article_from"], agree, strict=True)]
    event = table["record_event"].astype(str).to_numpy() if "record_event" in table else [""] * len(table)
    fig.add_trace(go.Scatter(
        x=table["record_date"], y=table["label"], mode="markers+text", name="the record's date",
        marker=dict(symbol="diamond", size=14, color=colours, line=dict(width=1, color="white")),
        text=labels, textposition="middle right", textfont=dict(size=12, color=colours),
        customdata=event, hovertemplate="the record: %{x|%A %d %b %Y}<br>%{customdata}<extra></extra>",
    ))
    first, last = table["article_from"].min(), table["record_date"].max()
    fig.update_layout(title=title, height=max(320, 60 * len(table) + 140), hovermode="closest",
                      legend_title_text="Green: the record agrees; red: it does not")
    fig.update_xaxes(type="date", tickformat="%b %Y", title=None,
                     range=[first - pd.Timedelta(days=20), last + pd.Timedelta(days=75)])
    fig.update_yaxes(title=None, categoryorder="array", categoryarray=list(table["label"])[::-1])
    return fig


def claim_card(found: dict[str, Any]) -> HTML:
    """A card for one claim: the article's words, our verdict and why, how to check, the events and sources.

    ``found`` is what :func:`helpers.analysis.reading_the_news.claim_evidence` returns.
    """
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
