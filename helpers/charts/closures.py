"""Charts of notebook 04 (closures): which buildings closed when, in answer to what (maps are in helpers.maps).

The chain behind every chart is :func:`closure_table`: a facility's ``closed_by`` event (when the
sending state's use ended), the decision that ordered it (the latest ``closure`` event on or before that
day which names the same building and says what it ``responds_to``), and the event it answered.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from helpers.charts import COUNTRY_COLOURS, COUNTRY_NAMES, PALETTE, _wrap
from helpers.data import split_ids
from helpers.maps import facility_status_on

__all__ = [
    "LOST_BY",
    "OWNER_LABELS",
    "short_name",
    "closure_table",
    "open_counts",
    "closures_timeline_figure",
    "closures_by_round_figure",
    "open_count_figure",
]

# Colour = the state whose mission used the building (as on the map); the legend says who lost it.
LOST_BY: dict[str, str] = {
    "RUS": "Russian sites closed by the US",
    "USA": "US sites closed by Russia",
}

# Whose facilities a count line shows (owner = the state whose mission used them).
OWNER_LABELS: dict[str, str] = {"RUS": "Russia's (in the US)", "USA": "the US's (in Russia)"}

TABLE_COLUMNS = ["facility_id", "facility", "owner", "city", "kind", "decision_id", "ordered_on", "closed_by",
                 "closed_on", "responds_to", "answer_to_date", "answer_to_actor", "answer_to",
                 "days_to_answer"]


def short_name(name: object) -> str:
    """A facility's name without its bracketed detail: 'Pioneer Point compound (Eastern Shore ...)' -> 'Pioneer Point compound'."""
    return str(name).split(" (")[0].strip()


def _decision(events: pd.DataFrame, closed_by: str, facility_id: str) -> pd.Series | None:
    """The closure event that ordered a closure: the latest on or before ``closed_by`` with a responds_to
    that names the facility or a facility of the closing event (a residence closed with its consulate)."""
    by_id = events.drop_duplicates("event_id").set_index("event_id")
    if closed_by not in by_id.index:
        return None
    closing = by_id.loc[closed_by]
    wanted = {facility_id, *split_ids(closing["facility_ids"])}
    candidates = events[(events["category"].astype(str) == "closure") & (events["date"] <= closing["date"])
                        & events["responds_to"].notna()]
    candidates = candidates[candidates["facility_ids"].map(lambda v: bool(wanted & set(split_ids(v))))]
    if candidates.empty:
        return None
    return candidates.sort_values(["date", "event_id"]).iloc[-1]


def closure_table(facilities: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """One row per closed facility: when it was ordered and closed, and what the order answered (a new frame)."""
    status = facility_status_on(facilities, events)
    closed = status[status["closed_on"].notna()]
    by_id = events.drop_duplicates("event_id").set_index("event_id")
    rows = []
    for _, fac in closed.iterrows():
        decision = _decision(events, str(fac["closed_by"]), str(fac["facility_id"]))
        row = {"facility_id": fac["facility_id"], "facility": short_name(fac["name"]), "owner": str(fac["owner"]),
               "city": fac["city"], "kind": str(fac["kind"]), "closed_by": fac["closed_by"],
               "closed_on": fac["closed_on"], "decision_id": pd.NA, "ordered_on": pd.NaT, "responds_to": pd.NA,
               "answer_to_date": pd.NaT, "answer_to_actor": pd.NA, "answer_to": pd.NA}
        if decision is not None:
            row.update(decision_id=decision["event_id"], ordered_on=decision["date"],
                       responds_to=decision["responds_to"])
            answered = str(decision["responds_to"])
            if answered in by_id.index:
                row.update(answer_to_date=by_id.loc[answered, "date"],
                           answer_to_actor=str(by_id.loc[answered, "actor"]),
                           answer_to=by_id.loc[answered, "summary"])
        rows.append(row)
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS[:-1])
    for col in ("ordered_on", "closed_on", "answer_to_date"):
        table[col] = pd.to_datetime(table[col])
    for col in ("facility_id", "facility", "city", "kind", "owner", "decision_id", "closed_by", "responds_to",
                "answer_to_actor", "answer_to"):
        table[col] = table[col].astype("string")
    table["days_to_answer"] = (table["ordered_on"] - table["answer_to_date"]).dt.days.astype("Int64")
    return table.sort_values(["closed_on", "owner", "facility_id"]).reset_index(drop=True)


def closures_timeline_figure(facilities: pd.DataFrame, events: pd.DataFrame, *,
                             title: str = "Which building closed when: from the order to the closure") -> go.Figure:
    """One row per closed facility: open circle = ordered, cross = closed, joined by a line; colour = owner."""
    table = closure_table(facilities, events)
    fig = go.Figure()
    for owner, label in LOST_BY.items():
        part = table[table["owner"] == owner]
        if part.empty:
            continue
        colour = COUNTRY_COLOURS.get(owner, PALETTE["grey"])
        xs, ys = [], []
        for _, r in part.iterrows():
            start = r["ordered_on"] if pd.notna(r["ordered_on"]) else r["closed_on"]
            xs += [start, r["closed_on"], None]
            ys += [r["facility"], r["facility"], None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color=colour, width=3), legendgroup=owner,
                                 showlegend=False, hoverinfo="skip"))
        ordered = part[part["ordered_on"].notna()]
        fig.add_trace(go.Scatter(
            x=ordered["ordered_on"], y=ordered["facility"], mode="markers", name=f"{label}: ordered",
            legendgroup=owner, marker=dict(symbol="circle-open", size=11, color=colour, line=dict(width=2)),
            customdata=[[_wrap(str(a) if pd.notna(a) else "not found in the data", 60)]
                        for a in ordered["answer_to"]],
            hovertemplate="%{y}<br>ordered %{x|%d %b %Y}, in answer to:<br>%{customdata[0]}<extra></extra>",
        ))
        fig.add_trace(go.Scatter(
            x=part["closed_on"], y=part["facility"], mode="markers", name=f"{label}: closed",
            legendgroup=owner, marker=dict(symbol="x", size=12, color=colour, line=dict(width=1, color="white")),
            customdata=part["closed_by"], hovertemplate="%{y}<br>closed %{x|%d %b %Y} (%{customdata})<extra></extra>",
        ))
    order = list(table.sort_values(["closed_on", "facility"])["facility"])
    fig.update_layout(title=title, height=max(380, 34 * len(table) + 180), hovermode="closest",
                      legend=dict(orientation="h", yanchor="top", y=-0.12, x=0), legend_title_text="")
    fig.update_yaxes(title=None, categoryorder="array", categoryarray=order[::-1])
    fig.update_xaxes(title=None, tickformat="%b %Y")
    return fig


def closures_by_round_figure(facilities: pd.DataFrame, events: pd.DataFrame, *,
                             title: str = "Buildings each side lost, by the month the closure was ordered"
                             ) -> go.Figure:
    """Bars: how many facilities of each side were closed, grouped by the month of the order."""
    table = closure_table(facilities, events)
    table = table.assign(when=table["ordered_on"].fillna(table["closed_on"]))
    months = sorted({pd.Timestamp(d).to_period("M") for d in table["when"]})
    labels = [f"{m:%b %Y}" for m in months]
    fig = go.Figure()
    for owner, label in LOST_BY.items():
        part = table[table["owner"] == owner]
        if part.empty:
            continue
        counts = part.groupby(part["when"].dt.to_period("M"))["facility"].agg(list)
        fig.add_trace(go.Bar(
            x=[f"{m:%b %Y}" for m in counts.index], y=[len(v) for v in counts], name=label,
            marker_color=COUNTRY_COLOURS.get(owner, PALETTE["grey"]), text=[len(v) for v in counts],
            textposition="outside", cliponaxis=False, customdata=["<br>".join(v) for v in counts],
            hovertemplate="%{x}: %{y}<br>%{customdata}<extra></extra>",
        ))
    top = max([len(g) for _, g in table.groupby([table["owner"], table["when"].dt.to_period("M")])] or [1])
    fig.update_layout(title=title, barmode="group", height=420, legend_title_text="")
    fig.update_xaxes(title="month the closure was ordered", categoryorder="array", categoryarray=labels)
    fig.update_yaxes(title="facilities closed", dtick=1, range=[0, top + 1])
    return fig


def open_counts(facilities: pd.DataFrame, events: pd.DataFrame,
                kinds: Sequence[str] = ("consulate_general",)) -> pd.DataFrame:
    """How many facilities of the given kinds each owner had in use, from each closure on (owner, date, open)."""
    status = facility_status_on(facilities, events)
    status = status[status["kind"].astype(str).isin(list(kinds))]
    rows = []
    for owner in [o for o in COUNTRY_COLOURS if o in set(status["owner"].astype(str))]:
        part = status[status["owner"].astype(str) == owner]
        changes = sorted(part["closed_on"].dropna().unique())
        rows.append({"owner": owner, "date": pd.NaT, "open": len(part)})
        for day in changes:
            rows.append({"owner": owner, "date": pd.Timestamp(day),
                         "open": int((part["closed_on"].isna() | (part["closed_on"] > day)).sum())})
    frame = pd.DataFrame(rows, columns=["owner", "date", "open"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["open"] = frame["open"].astype("Int64")
    return frame


def open_count_figure(facilities: pd.DataFrame, events: pd.DataFrame, *,
                      kinds: Sequence[str] = ("consulate_general",),
                      start: object = "2016-12-01", end: object = "2018-05-31",
                      title: str = "Consulates general each side still had") -> go.Figure:
    """Step lines: how many facilities of ``kinds`` each side had in use, day by day from ``start`` to ``end``."""
    counts = open_counts(facilities, events, kinds)
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    fig = go.Figure()
    for owner in counts["owner"].unique():
        part = counts[counts["owner"] == owner]
        initial = int(part["open"].iloc[0])
        steps = part[part["date"].notna() & (part["date"] <= last)]
        xs = [first, *steps["date"], last]
        ys = [initial, *[int(v) for v in steps["open"]], int(steps["open"].iloc[-1]) if len(steps) else initial]
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines+markers", line_shape="hv", name=OWNER_LABELS.get(owner, COUNTRY_NAMES.get(owner, owner)),
            # the first line is drawn wide and the next ones narrower on top, so equal counts stay visible
            line=dict(color=COUNTRY_COLOURS.get(owner, PALETTE["grey"]), width=7 if not fig.data else 3),
            marker=dict(size=[0, *([9] * len(steps)), 0]),
            hovertemplate="from %{x|%d %b %Y}: %{y}<extra>%{fullData.name}</extra>",
        ))
    top = int(counts["open"].max()) if len(counts) else 1
    fig.update_layout(title=title, height=400, hovermode="x unified", legend_title_text="")
    fig.update_yaxes(title="in use", dtick=1, range=[0, top + 0.5])
    fig.update_xaxes(title=None, tickformat="%b %Y", range=[first, last])
    return fig
