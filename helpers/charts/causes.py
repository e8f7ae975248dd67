"""Charts and tables for notebook 01 (causes): events per quarter, a strip of events, the answer links.

Every chart function takes the events table (as :func:`helpers.data.load_events` returns it) and
returns a ``go.Figure``; it never displays, reads files or changes its input.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers.charts import COUNTRY_COLOURS, COUNTRY_NAMES, FAMILY_COLOURS, _wrap, category_family

__all__ = [
    "event_label",
    "events_per_quarter",
    "events_per_quarter_figure",
    "event_strip_figure",
    "answer_links",
    "answer_lag_figure",
]

# Words of an event_id slug that are abbreviations and keep their capitals in a label.
_UPPER = {"us", "eu", "eo", "uk", "ofac", "gru", "fsb", "mfa", "dhs", "odni", "cg", "sf", "hr3364", "dc"}
# Words of a slug that are names and take a capital letter.
_NAMES = {"ukraine", "crimea", "russia", "russian", "rossiya", "putin", "lavrov", "trump", "obama", "tillerson",
          "medvedev", "peskov", "tefft", "zakharova", "godfrey", "antonov", "huntsman", "kislyak", "nauert",
          "skripal", "salisbury", "seattle", "petersburg", "st", "xiamen", "manila", "new", "york", "caatsa",
          "senate", "house", "bedminster", "kremlin"}


def event_label(event_id: object) -> str:
    """A short readable label from an event_id: '2014-03-16-crimea-referendum' -> 'Crimea referendum'."""
    text = str(event_id)
    parts = text.split("-")
    if len(parts) > 3 and all(p.isdigit() for p in parts[:3]):
        parts = parts[3:]
    words = [p.upper() if p in _UPPER else p.capitalize() if p in _NAMES else p for p in parts if p]
    if not words:
        return text
    label = " ".join(words)
    return label[0].upper() + label[1:]


def events_per_quarter(events: pd.DataFrame) -> pd.DataFrame:
    """Count events per calendar quarter and family: columns quarter ('2014 Q1'), start, family, events."""
    frame = pd.DataFrame({
        "start": events["date"].dt.to_period("Q").dt.start_time,
        "family": events["category"].astype(str).map(category_family),
    })
    counts = frame.groupby(["start", "family"]).size().rename("events").reset_index()
    counts["quarter"] = counts["start"].dt.year.astype(str) + " Q" + counts["start"].dt.quarter.astype(str)
    return counts[["quarter", "start", "family", "events"]].sort_values(["start", "family"]).reset_index(drop=True)


def events_per_quarter_figure(events: pd.DataFrame,
                              title: str = "How many events each quarter, by family") -> go.Figure:
    """Stacked bars: the number of events in each quarter of the span, one colour per family."""
    counts = events_per_quarter(events)
    if len(events):
        # every quarter of the span, so that quiet quarters show as gaps of zero height
        quarters = pd.period_range(events["date"].min(), events["date"].max(), freq="Q")
    else:
        quarters = pd.PeriodIndex([], freq="Q")
    labels = [f"{q.year} Q{q.quarter}" for q in quarters]
    fig = go.Figure()
    for family, colour in FAMILY_COLOURS.items():
        part = counts[counts["family"] == family].set_index("quarter")["events"]
        if part.empty:
            continue
        fig.add_trace(go.Bar(
            x=labels, y=[int(part.get(q, 0)) for q in labels], name=family, marker_color=colour,
            hovertemplate="%{x}: %{y} event(s)<extra>%{fullData.name}</extra>",
        ))
    fig.update_layout(title=title, barmode="stack", legend_title_text="Family", height=420)
    fig.update_xaxes(title=None, type="category", tickangle=-45)
    fig.update_yaxes(title="events", rangemode="tozero")
    return fig


def event_strip_figure(events: pd.DataFrame, title: str = "Event by event") -> go.Figure:
    """One row per event (earliest at the top), a dot at its date coloured by the acting country."""
    frame = events.sort_values(["date", "event_id"])
    labels = [f"{d:%d %b} · {event_label(i)}" for d, i in zip(frame["date"], frame["event_id"], strict=True)]
    frame = frame.assign(label=labels)
    fig = go.Figure()
    for code, colour in COUNTRY_COLOURS.items():
        part = frame[frame["actor"].astype(str) == code]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["date"], y=part["label"], mode="markers", name=COUNTRY_NAMES.get(code, code),
            marker=dict(size=13, color=colour, line=dict(width=1, color="white")),
            customdata=list(zip(part["actor_body"].astype(str), part["summary"].astype(str).map(_wrap),
                                strict=True)),
            hovertemplate="%{x|%d %b %Y} · %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        ))
    fig.update_layout(title=title, legend_title_text="Who acted", hovermode="closest",
                      height=max(320, 30 * len(frame) + 150))
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], title=None)
    fig.update_xaxes(title=None, tickformat="%d %b %Y")
    return fig


def answer_links(events: pd.DataFrame) -> pd.DataFrame:
    """One row per answer link (an event whose responds_to names an earlier event), with the lag in days."""
    left = events[events["responds_to"].notna()][["event_id", "date", "actor", "category", "responds_to"]]
    right = events[["event_id", "date", "actor", "category"]].rename(columns={
        "event_id": "responds_to", "date": "answered_date", "actor": "answered_actor",
        "category": "answered_category"})
    links = left.merge(right, on="responds_to", how="inner")
    links = links.rename(columns={"event_id": "answer", "date": "answer_date", "actor": "answer_actor",
                                  "category": "answer_category", "responds_to": "answered"})
    links["days_later"] = (links["answer_date"] - links["answered_date"]).dt.days.astype("Int64")
    for col in ("answer_actor", "answered_actor", "answer_category", "answered_category"):
        links[col] = links[col].astype(str)
    cols = ["answer", "answer_date", "answer_actor", "answer_category", "answered", "answered_date",
            "answered_actor", "answered_category", "days_later"]
    return links[cols].sort_values(["answer_date", "answer"]).reset_index(drop=True)


def answer_lag_figure(events: pd.DataFrame,
                      title: str = "How many days after the act it answered?") -> go.Figure:
    """Horizontal bars, one per answer link (earliest at the top): days between an act and its answer."""
    links = answer_links(events)
    labels = [f"{d:%d %b %Y} · {event_label(i)}" for d, i in zip(links["answer_date"], links["answer"],
                                                                    strict=True)]
    links = links.assign(label=labels)
    fig = go.Figure()
    for code, colour in COUNTRY_COLOURS.items():
        part = links[links["answer_actor"] == code]
        if part.empty:
            continue
        fig.add_trace(go.Bar(
            x=part["days_later"].astype(float), y=part["label"], orientation="h",
            name=COUNTRY_NAMES.get(code, code), marker_color=colour,
            customdata=[event_label(a) for a in part["answered"]],
            hovertemplate="%{y}<br>answers: %{customdata}<br>%{x} day(s) later<extra></extra>",
        ))
    fig.update_layout(title=title, legend_title_text="Who answered", height=max(360, 24 * len(links) + 160),
                      bargap=0.25)
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], title=None)
    fig.update_xaxes(title="days between the act and the answer", rangemode="tozero")
    return fig
