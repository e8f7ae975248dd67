"""Charts of notebook 05 (tit for tat): chains of answers, answer lags, the escalation curve, counting rules, parity.

Each function takes a DataFrame (events as loaded by :func:`helpers.data.load_events`, or a table
made by :mod:`helpers.analysis.tit_for_tat`) and returns a ``go.Figure``; none displays, reads files or
changes its input.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from helpers.analysis.links import answer_links
from helpers.analysis.tit_for_tat import (
    RULES,
    cameo_name,
    chain_roots,
    goldstein_cumulative,
    goldstein_monthly,
)
from helpers.charts.common import wrap
from helpers.errors import require_columns
from helpers.vocabulary import COUNTRY_COLOURS, DYAD, PALETTE, country_name

__all__ = ["LANES", "chain_positions", "chain_bursts", "chain_figure", "lag_figure", "escalation_figure",
           "rules_figure", "parity_figure"]

# Vertical lane of each actor in the chain chart: the US on top, Russia at the bottom, others between.
LANES: dict[str, float] = {"USA": 2.0, "EU": 1.0, "GBR": 1.0, "UKR": 1.0, "RUS": 0.0}
_STEP = 0.16  # vertical distance between events of one actor on the same day


def chain_positions(events: pd.DataFrame) -> pd.DataFrame:
    """Where each event sits in the chain chart: x = its date, y = its actor's lane, stacked on busy days."""
    frame = events.sort_values(["date", "event_id"])
    lane = frame["actor"].astype(str).map(LANES).fillna(1.0)
    rank = frame.groupby([frame["actor"].astype(str), frame["date"]]).cumcount()
    direction = lane.map({2.0: 1.0, 0.0: -1.0}).fillna(1.0)
    return pd.DataFrame({"event_id": frame["event_id"].astype(str), "x": frame["date"],
                         "y": lane + direction * rank * _STEP})


def chain_bursts(events: pd.DataFrame, gap_days: int = 60) -> pd.Series:
    """Number each event's burst: chains of answers whose dates lie within ``gap_days`` of each other.

    A whole chain (an act and every answer to it) always falls in one burst, so arrows never cross.
    """
    if events.empty:
        return pd.Series(dtype="int64")
    ids = events["event_id"].astype(str)
    root = pd.Series(chain_roots(events).to_numpy(), index=ids.index)
    spans = (pd.DataFrame({"root": root.to_numpy(), "date": events["date"].to_numpy()})
             .groupby("root")["date"].agg(["min", "max"]).sort_values("min"))
    burst_of_root, burst, end = {}, -1, None
    for chain_root, row in spans.iterrows():
        if end is None or row["min"] > end + pd.Timedelta(days=gap_days):
            burst += 1
            end = row["max"]
        else:
            end = max(end, row["max"])
        burst_of_root[chain_root] = burst
    return pd.Series(root.map(burst_of_root).to_numpy(), index=ids.to_numpy(), dtype="int64")


def _span_title(dates: pd.Series) -> str:
    first, last = dates.min(), dates.max()
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%b %Y}"
    if first.year == last.year:
        return f"{first:%b} – {last:%b %Y}"
    return f"{first:%b %Y} – {last:%b %Y}"


def chain_figure(events: pd.DataFrame, *, title: str = "Who answered what: chains of actions and answers",
                 gap_days: int = 60) -> go.Figure:
    """Events as dots in one lane per actor, with an arrow from each answer back to the act it answered.

    Bursts of answers more than ``gap_days`` apart get panels of their own, so that long quiet
    stretches do not squeeze the bursts (the empty time between panels is left out).
    """
    pos = chain_positions(events).set_index("event_id")
    frame = events.assign(_id=events["event_id"].astype(str)).set_index("_id").loc[pos.index]
    bursts = chain_bursts(events, gap_days).reindex(pos.index) if len(pos) else pd.Series(dtype="int64")
    n_panels = int(bursts.max()) + 1 if len(bursts) else 1
    panel_dates = [frame.loc[bursts[bursts == k].index, "date"] for k in range(n_panels)] if len(pos) else []
    widths = [max((d.max() - d.min()).days, 40) for d in panel_dates] or [1]
    fig = make_subplots(rows=1, cols=n_panels, shared_yaxes=True, horizontal_spacing=0.025 if n_panels > 1 else 0,
                        column_widths=widths,
                        subplot_titles=[_span_title(d) for d in panel_dates] if n_panels > 1 else None)
    shown: set[str] = set()
    for k in range(n_panels):
        in_panel = frame.loc[bursts[bursts == k].index] if len(pos) else frame
        for code, colour in COUNTRY_COLOURS.items():
            part = in_panel[in_panel["actor"].astype(str) == code]
            if part.empty:
                continue
            fig.add_trace(go.Scatter(
                x=part["date"], y=pos.loc[part.index, "y"], mode="markers", name=country_name(code),
                legendgroup=code, showlegend=code not in shown,
                marker=dict(size=12, color=colour, line=dict(width=1, color="white")),
                customdata=list(zip(part["actor_body"].astype(str),
                                    part["category"].astype(str).str.replace("_", " "),
                                    part["summary"].astype(str).map(wrap), strict=True)),
                hovertemplate="%{x|%a %d %b %Y} · %{customdata[0]}<br><i>%{customdata[1]}</i><br>"
                              "%{customdata[2]}<extra></extra>",
            ), row=1, col=k + 1)
            shown.add(code)
    arrows = []
    for row in answer_links(events).itertuples():
        k = int(bursts[row.answer_id]) + 1
        axis = "" if k == 1 else str(k)
        arrows.append(dict(
            x=row.answered_date, y=float(pos.loc[row.answered_id, "y"]),
            ax=row.answer_date, ay=float(pos.loc[row.answer_id, "y"]),
            xref=f"x{axis}", yref=f"y{axis}", axref=f"x{axis}", ayref=f"y{axis}",
            showarrow=True, arrowhead=2, arrowsize=1.2, arrowwidth=1.3, standoff=7, startstandoff=7,
            arrowcolor=COUNTRY_COLOURS.get(row.answer_actor, PALETTE["grey"]), opacity=0.75, text="",
        ))
    # one assignment: adding annotations one by one re-validates them all each time (slow)
    fig.layout.annotations = [*fig.layout.annotations, *arrows]
    lanes_used = sorted({LANES.get(str(a), 1.0) for a in frame["actor"]}) or [0.0, 2.0]
    names = {2.0: "United States", 1.0: "Others", 0.0: "Russia"}
    top = float(pos["y"].max()) if len(pos) else 2.0
    bottom = float(pos["y"].min()) if len(pos) else 0.0
    fig.update_layout(title=title, height=520, hovermode="closest", legend_title_text="Who acted")
    fig.update_yaxes(tickvals=lanes_used, ticktext=[names[v] for v in lanes_used], title=None,
                     range=[min(bottom, 0.0) - 0.5, max(top, 2.0) + 0.5], zeroline=False, showgrid=False)
    for k, dates in enumerate(panel_dates):
        pad = pd.Timedelta(days=max(2, round(widths[k] * 0.08)))
        fig.update_xaxes(range=[dates.min() - pad, dates.max() + pad], row=1, col=k + 1)
    fig.update_xaxes(title=None, tickformat="%-d %b" if n_panels > 1 else "%-d %b %Y", tickangle=0,
                     nticks=3 if n_panels > 1 else None)
    if frame.empty:
        fig.add_annotation(text="No answer chain matches this choice: try another.", x=0.5, y=0.5,
                           xref="paper", yref="paper", showarrow=False, font=dict(size=16))
    return fig


def lag_figure(links: pd.DataFrame, actors: tuple[str, ...] = DYAD, *,
               title: str = "How many days each side took to answer the other") -> go.Figure:
    """One dot per answer to the other side (days after the act it answered), a row per actor, with medians.

    ``links`` is :func:`helpers.analysis.links.answer_links`.
    """
    require_columns(links, "answer links", ["across", "answer_actor", "lag_days", "answer_summary",
                                            "answered_summary", "answer_date"], "lag_figure")
    across = links[links["across"] & links["answer_actor"].isin(actors)]
    fig = go.Figure()
    for actor in actors:
        part = across[across["answer_actor"] == actor]
        if part.empty:
            continue
        name = country_name(actor)
        fig.add_trace(go.Scatter(
            x=part["lag_days"].astype(float), y=[name] * len(part), mode="markers", name=f"{name}: one answer",
            marker=dict(size=12, color=COUNTRY_COLOURS.get(actor, PALETTE["grey"]), opacity=0.6,
                        line=dict(width=1, color="white")),
            customdata=list(zip(part["answer_summary"].map(wrap), part["answered_summary"].map(wrap),
                                part["answer_date"].dt.strftime("%d %b %Y"), strict=True)),
            hovertemplate="%{x} days<br><b>Answer (%{customdata[2]}):</b> %{customdata[0]}"
                          "<br><b>To:</b> %{customdata[1]}<extra></extra>",
        ))
        median = float(part["lag_days"].astype(float).median())
        fig.add_trace(go.Scatter(
            x=[median], y=[name], mode="markers", name=f"{name}: median",
            marker=dict(symbol="line-ns", size=34, line=dict(width=4, color=PALETTE["black"])),
            hovertemplate=f"median: {median:g} days<extra></extra>",
        ))
    fig.update_layout(title=title, height=330, legend_title_text="", hovermode="closest")
    fig.update_xaxes(title="days between the act and the answer", rangemode="tozero")
    fig.update_yaxes(title=None)
    return fig


def escalation_figure(events: pd.DataFrame, kind: str = "cumulative", actors: tuple[str, ...] = DYAD, *,
                      title: str | None = None) -> go.Figure:
    """The Goldstein escalation curve: a running total per actor (``cumulative``) or sums per month (``monthly``).

    Only events with a Goldstein weight count; blank (uncoded) events are left out, not counted as 0.
    """
    if kind not in {"cumulative", "monthly"}:
        raise ValueError("kind must be 'cumulative' or 'monthly'")
    fig = go.Figure()
    cumulative = kind == "cumulative"
    table = goldstein_cumulative(events, actors) if cumulative else goldstein_monthly(events, actors)
    for actor in actors:
        part = table[table["actor"] == actor]
        if part.empty:
            continue
        if cumulative:
            fig.add_trace(go.Scatter(
                x=part["date"], y=part["cumulative"], mode="lines+markers", line_shape="hv",
                name=country_name(actor), line=dict(color=COUNTRY_COLOURS.get(actor), width=2.5),
                marker=dict(size=6),
                customdata=list(zip(part["goldstein"], part["cameo_code"].astype(str),
                                    part["cameo_code"].map(cameo_name), part["summary"].map(wrap), strict=True)),
                hovertemplate="%{x|%d %b %Y}: total %{y:.1f}<br>this act: %{customdata[0]:+.1f} "
                              "(CAMEO %{customdata[1]}, %{customdata[2]})<br>%{customdata[3]}<extra></extra>",
            ))
        else:
            fig.add_trace(go.Bar(
                x=part["month"], y=part["goldstein"], name=country_name(actor),
                marker_color=COUNTRY_COLOURS.get(actor), customdata=part["coded_events"],
                hovertemplate="%{x|%b %Y}: %{y:.1f} from %{customdata} coded act(s)<extra></extra>",
            ))
    if cumulative:
        fig.update_yaxes(title="running total of Goldstein weights")
        default = "Escalation curve: running total of Goldstein weights, act by act"
    else:
        fig.update_layout(barmode="relative", bargap=0.1)
        fig.update_yaxes(title="sum of Goldstein weights in the month")
        default = "Escalation per month: sum of Goldstein weights"
    fig.add_hline(y=0, line=dict(color=PALETTE["grey"], width=1))
    fig.update_layout(title=title or default, height=440, legend_title_text="Who acted", hovermode="closest")
    fig.update_xaxes(title=None, tickformat="%b %Y")
    return fig


def rules_figure(curves: pd.DataFrame, *, title: str = "The same acts, counted two ways") -> go.Figure:
    """The escalation curve under each counting rule, side by side: one panel per rule, one line per actor.

    ``curves`` is :func:`helpers.analysis.tit_for_tat.goldstein_curves` (a column ``rule`` and the columns of
    :func:`~helpers.analysis.tit_for_tat.goldstein_cumulative`). Each line ends with its total, written out.
    """
    require_columns(curves, "escalation curves", ["rule", "date", "actor", "cumulative", "goldstein", "summary"],
                    "rules_figure")
    rules = list(dict.fromkeys(curves["rule"].astype(str)))
    fig = make_subplots(rows=1, cols=max(len(rules), 1), shared_yaxes=True,
                        horizontal_spacing=0.04, subplot_titles=[RULES.get(r, r) for r in rules] or None)
    shown: set[str] = set()
    for k, rule in enumerate(rules, start=1):
        table = curves[curves["rule"].astype(str) == rule]
        for actor in dict.fromkeys(table["actor"].astype(str)):
            part = table[table["actor"].astype(str) == actor]
            colour = COUNTRY_COLOURS.get(actor, PALETTE["grey"])
            fig.add_trace(go.Scatter(
                x=part["date"], y=part["cumulative"], mode="lines+markers", line_shape="hv",
                name=country_name(actor), legendgroup=actor, showlegend=actor not in shown,
                line=dict(color=colour, width=2.5), marker=dict(size=5),
                customdata=list(zip(part["goldstein"], part["summary"].map(wrap), strict=True)),
                hovertemplate="%{x|%d %b %Y}: total %{y:.1f}<br>this act: %{customdata[0]:+.1f}<br>"
                              "%{customdata[1]}<extra></extra>",
            ), row=1, col=k)
            shown.add(actor)
            last = part.iloc[-1]
            fig.add_trace(go.Scatter(
                x=[last["date"]], y=[last["cumulative"]], mode="text", text=[f"{last['cumulative']:.1f}"],
                textposition="middle left", textfont=dict(color=colour, size=13), showlegend=False,
                hoverinfo="skip",
            ), row=1, col=k)
    fig.add_hline(y=0, line=dict(color=PALETTE["grey"], width=1))
    fig.update_layout(title=title, height=460, legend_title_text="Who acted", hovermode="closest")
    fig.update_xaxes(title=None, tickformat="%Y", matches="x")  # zoom one panel, and the other follows
    fig.update_yaxes(title="running total of Goldstein weights", row=1, col=1)
    return fig


_PART_COLOURS = [PALETTE["blue"], PALETTE["sky"], PALETTE["grey"], PALETTE["orange"], PALETTE["vermillion"],
                 PALETTE["purple"], PALETTE["green"]]


def parity_figure(table: pd.DataFrame, *, title: str = "Parity? What each side's count was made of") -> go.Figure:
    """Horizontal stacked bars: one bar per count (side), one segment per part, from :func:`parity_table`."""
    fig = go.Figure()
    sides = list(dict.fromkeys(table["side"]))
    for i, part in enumerate(dict.fromkeys(table["part"])):
        rows = table[table["part"] == part]
        fig.add_trace(go.Bar(
            y=rows["side"], x=rows["value"], name=part, orientation="h",
            marker_color=_PART_COLOURS[i % len(_PART_COLOURS)], text=rows["value"], textposition="inside",
            customdata=list(zip(rows["stated_by"], rows["basis"], strict=True)),
            hovertemplate="%{x:,} · " + part + "<br>stated by %{customdata[0]} (%{customdata[1]})<extra></extra>",
        ))
    fig.update_layout(title=title, barmode="stack", height=360, legend_title_text="Part of the count",
                      legend_traceorder="normal")
    fig.update_yaxes(categoryorder="array", categoryarray=sides[::-1], title=None)
    fig.update_xaxes(title="people")
    return fig
