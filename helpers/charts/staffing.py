"""Charts of notebook 03 (expulsions): how many people each side expelled, and how big the missions were.

Every figure here is drawn from ``load_staffing()`` rows. The staffing figures disagree, so the charts
show who stated each number and on what basis (official, estimate, reported, inferred) instead of
picking one: the basis sets a point's marker shape, and a lower or upper bound is written "≥ 1,000"
or "≤ 455" next to its point.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from helpers.charts import COUNTRY_COLOURS, PALETTE, _wrap

__all__ = [
    "MISSION_NAMES",
    "MISSION_COLOURS",
    "BASIS_SYMBOLS",
    "BASIS_LABELS",
    "bound_of",
    "short_source",
    "figure_label",
    "day_text",
    "staff_breakdown",
    "expulsions_figure",
    "composition_figure",
    "estimates_figure",
    "mission_size_figure",
]

MISSION_NAMES: dict[str, str] = {
    "us_in_russia": "US mission in Russia",
    "russia_in_us": "Russian missions in the US",
}
MISSION_COLOURS: dict[str, str] = {
    "us_in_russia": COUNTRY_COLOURS["USA"],
    "russia_in_us": COUNTRY_COLOURS["RUS"],
}
# Who was expelled from which mission: the US expels Russians (from the Russian missions) and vice versa.
EXPELLED_NAMES: dict[str, str] = {
    "russia_in_us": "Russians expelled by the US",
    "us_in_russia": "Americans expelled by Russia",
}
# Shape says how solid a figure is: filled for a government's own figure, open for softer ones.
BASIS_SYMBOLS: dict[str, str] = {
    "official": "circle",
    "estimate": "diamond-open",
    "reported": "square-open",
    "inferred": "x-thin-open",
}
BASIS_LABELS: dict[str, str] = {
    "official": "official (a government's own figure)",
    "estimate": "estimate (an official's rounded figure)",
    "reported": "reported (press or unnamed official)",
    "inferred": "inferred (our arithmetic)",
}


def bound_of(bound: object) -> str:
    """'lower' or 'upper' if a staffing row's ``bound`` column says its value is a bound, else ''."""
    text = "" if bound is None or bound is pd.NA or (isinstance(bound, float) and pd.isna(bound)) else str(bound)
    return text if text in {"lower", "upper"} else ""


def short_source(stated_by: object) -> str:
    """A short name for who stated a figure: 'President Putin (TV interview ...)' -> 'President Putin'."""
    text = str(stated_by)
    for cut in (" (", ", as cited"):
        if cut in text:
            text = text.split(cut)[0]
    return text.strip()


def figure_label(row: pd.Series) -> str:
    """'Kremlin spokesman Peskov, 31 Jul 2017': who stated a figure and when."""
    return f"{short_source(row['stated_by'])}, {day_text(row['date'])}"


def day_text(day: object, long: bool = False) -> str:
    """A date as '5 Sep 2017' (no leading zero), or '5 September 2017' with ``long=True``."""
    stamp = pd.Timestamp(day)
    return f"{stamp.day} {stamp:%B %Y}" if long else f"{stamp.day} {stamp:%b %Y}"


def _value_text(value: int, bound: str) -> str:
    prefix = {"lower": "≥ ", "upper": "≤ "}.get(bound, "")
    return f"{prefix}{int(value):,}"


def _hover_rows(part: pd.DataFrame) -> list[list[str]]:
    return [[figure_label(r), str(r["basis"]), str(r["confidence"]), _wrap(str(r["note"]) if pd.notna(r["note"])
                                                                             else "", 70)]
            for _, r in part.iterrows()]


_HOVER = ("<b>%{customdata[0]}</b><br>%{text} · basis: %{customdata[1]} · confidence it was said: "
          "%{customdata[2]}<br>%{customdata[3]}<extra></extra>")


def expulsions_figure(staffing: pd.DataFrame, *, title: str = "Who expelled how many, round by round") -> go.Figure:
    """Grouped bars: people each side expelled, per month; a zero is drawn as a labelled '0'.

    Rows with ``measure == 'expelled'``. Where one day has a total and its parts (60 = 48 + 12), the
    bar shows the total (the largest row) and the hover lists the parts.
    """
    rows = staffing[staffing["measure"].astype(str) == "expelled"].sort_values(["date", "value"])
    fig = go.Figure()
    months = sorted({pd.Timestamp(d).to_period("M") for d in rows["date"]})
    labels = [f"{m:%b %Y}" for m in months]
    for mission in ("russia_in_us", "us_in_russia"):
        part = rows[rows["mission"].astype(str) == mission]
        xs, ys, hover = [], [], []
        for (day, _), group in part.groupby([part["date"], part["mission"].astype(str)], sort=True):
            total = group.loc[group["value"].astype(int).idxmax()]
            parts = [f"{int(v):,}" for v in group["value"] if int(v) != int(total["value"])]
            detail = f" (parts stated: {' + '.join(parts)})" if parts else ""
            xs.append(f"{pd.Timestamp(day):%b %Y}")
            ys.append(int(total["value"]))
            hover.append(f"<b>{int(total['value']):,}</b> on {day_text(day)}{detail}<br>"
                         f"stated by: {short_source(total['stated_by'])}<br>"
                         f"{_wrap(str(total['note']) if pd.notna(total['note']) else '', 70)}")
        if not xs:
            continue
        fig.add_trace(go.Bar(
            x=xs, y=ys, name=EXPELLED_NAMES[mission], marker_color=MISSION_COLOURS[mission],
            text=[f"{y:,}" for y in ys], textposition="outside", cliponaxis=False,
            hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        ))
    top = int(rows["value"].max()) if len(rows) else 1
    fig.update_layout(title=title, barmode="group", legend_title_text="", height=420)
    fig.update_xaxes(title=None, categoryorder="array", categoryarray=labels)
    fig.update_yaxes(title="people expelled", range=[0, top * 1.2])
    return fig


# The bars of composition_figure: (bar label, segment label, colour, how to get the value).
_BREAKDOWN: list[tuple[str, str, str, str]] = [
    ("US mission, 2013<br>(State Dept inspectors)", "Americans (direct hires)", "blue",
     "us_2013_oig_direct_hire"),
    ("US mission, 2013<br>(State Dept inspectors)", "local staff (mostly Russians)", "sky",
     "us_2013_oig_locally_employed"),
    ("US mission, 2013<br>(State Dept inspectors)", "not broken down", "grey",
     "us_2013_oig_total - us_2013_oig_direct_hire - us_2013_oig_locally_employed"),
    ("US mission, July 2017<br>(Russia's two numbers)", "kept: the cap", "green", "us_2017_mfa_cap"),
    ("US mission, July 2017<br>(Russia's two numbers)", "cut", "vermillion", "us_2017_putin_cut"),
    ("Russian missions in the US, 2017<br>(Russia's figures)", "Russians at the embassy and consulates",
     "orange", "ru_2017_mfa_total - ru_2017_putin_un"),
    ("Russian missions in the US, 2017<br>(Russia's figures)", "Russians at the UN mission", "purple",
     "ru_2017_putin_un"),
]


def staff_breakdown(staffing: pd.DataFrame) -> pd.DataFrame:
    """The segments of :func:`composition_figure` (bar, part, value, colour, ids), from stable measurement_ids.

    A segment whose rows are missing is left out; a difference ('a - b') is computed from the rows.
    """
    values = dict(zip(staffing["measurement_id"].astype(str), staffing["value"], strict=True))
    rows = []
    for bar, part, colour, formula in _BREAKDOWN:
        ids = [t.strip() for t in formula.split(" - ")]
        if not all(i in values and pd.notna(values[i]) for i in ids):
            continue
        value = int(values[ids[0]]) - sum(int(values[i]) for i in ids[1:])
        rows.append({"bar": bar, "part": part, "value": value, "colour": PALETTE[colour], "ids": formula})
    return pd.DataFrame(rows, columns=["bar", "part", "value", "colour", "ids"])


def composition_figure(staffing: pd.DataFrame, *,
                       title: str = "What the numbers are made of") -> go.Figure:
    """Stacked bars: the US mission in 2013 (Americans / local staff), its 2017 cap and cut, Russia's 455."""
    segments = staff_breakdown(staffing)
    bars = list(dict.fromkeys(segments["bar"]))
    fig = go.Figure()
    for part, group in segments.groupby("part", sort=False):
        fig.add_trace(go.Bar(
            y=group["bar"], x=group["value"], name=str(part), orientation="h",
            marker_color=group["colour"].iloc[0], text=[f"{int(v):,}" for v in group["value"]],
            textposition="inside", insidetextanchor="middle",
            customdata=group["ids"], hovertemplate=f"{part}: %{{x:,}}<br>rows: %{{customdata}}<extra></extra>",
        ))
    fig.update_layout(title=title, barmode="stack", height=430, legend_title_text="",
                      legend=dict(orientation="h", yanchor="top", y=-0.22, x=0, traceorder="normal"))
    fig.update_yaxes(title=None, categoryorder="array", categoryarray=bars[::-1])
    fig.update_xaxes(title="people")
    return fig


def estimates_figure(staffing: pd.DataFrame, *, lines: Mapping[str, float] | None = None,
                     title: str = "How big was the US mission before the cut? It depends whom you ask"
                     ) -> go.Figure:
    """Dot plot: one row per stated figure (who, when), marker shape by basis; bounds marked ≥ / ≤.

    ``lines`` draws labelled vertical reference lines, e.g. ``{"Russian cap": 455}``.
    """
    rows = staffing.sort_values(["value", "date"]).copy()
    rows["label"] = [figure_label(r) for _, r in rows.iterrows()]
    rows["bound"] = rows["bound"].map(bound_of)
    fig = go.Figure()
    for basis, symbol in BASIS_SYMBOLS.items():
        part = rows[rows["basis"].astype(str) == basis]
        if part.empty:
            continue
        texts = [_value_text(v, b) for v, b in zip(part["value"], part["bound"], strict=True)]
        fig.add_trace(go.Scatter(
            x=part["value"].astype(int), y=part["label"], mode="markers+text", name=BASIS_LABELS[basis],
            marker=dict(symbol=symbol, size=14, color=PALETTE["black"], line=dict(width=2)),
            text=texts, textposition="middle right", customdata=_hover_rows(part), hovertemplate=_HOVER,
        ))
    for name, value in (lines or {}).items():
        fig.add_vline(x=float(value), line=dict(dash="dash", color=PALETTE["vermillion"], width=1.5),
                      annotation_text=f"{name}: {float(value):,.0f}", annotation_position="top")
    height = max(360, 42 * len(rows) + 160)
    fig.update_layout(title=title, height=height, legend_title_text="Basis of the figure",
                      legend=dict(orientation="h", yanchor="top", y=-0.15, x=0), hovermode="closest")
    fig.update_yaxes(title=None, categoryorder="array", categoryarray=list(rows["label"]))
    fig.update_xaxes(title="staff (people)", rangemode="tozero", tickformat=",d")
    return fig


def _spread_in_time(totals: pd.DataFrame, spread_hours: float) -> pd.DataFrame:
    """Plot positions for :func:`mission_size_figure`: columns x, label and textposition (a new frame)."""
    frame = totals.sort_values(["mission", "date", "value", "measurement_id"]).copy()
    frame["mission"] = frame["mission"].astype(str)
    xs, labels, positions = [], [], []
    for _, part in frame.groupby("mission", sort=False):
        cluster = (part["date"].diff() > pd.Timedelta(days=2)).cumsum()
        for _, members in part.groupby(cluster, sort=False):
            members = members.sort_values(["value", "date"])
            centre = members["date"].min() + (members["date"].max() - members["date"].min()) / 2
            n, values, seen = len(members), [int(v) for v in members["value"]], set()
            for i, (_, row) in enumerate(members.iterrows()):
                xs.append((row.name, centre + pd.Timedelta(hours=(i - (n - 1) / 2) * spread_hours)))
                near_left = i > 0 and abs(values[i] - values[i - 1]) <= 30
                labels.append((row.name, "" if values[i] in seen else _value_text(values[i], bound_of(row["bound"]))))
                positions.append((row.name, "middle right" if near_left else "middle left"))
                seen.add(values[i])
    frame["x"] = pd.Series(dict(xs))
    frame["label"] = pd.Series(dict(labels))
    frame["textposition"] = pd.Series(dict(positions))
    return frame


def mission_size_figure(staffing: pd.DataFrame, *, spread_hours: float = 22.0,
                        title: str = "Each mission's size, as stated over time") -> go.Figure:
    """Every stated total of each mission by the date it was stated; colour = mission, shape = basis.

    Rows with ``measure == 'total_staff'`` are points (lower/upper bounds labelled ≥ / ≤); rows with
    ``measure == 'cap'`` are dashed horizontal lines. Figures of one mission stated within two days of each
    other are spread ``spread_hours`` apart, smallest first, so none hides another (the hover gives the
    true date); a value repeated in such a group is labelled once.
    """
    totals = _spread_in_time(staffing[staffing["measure"].astype(str) == "total_staff"], spread_hours)
    caps = staffing[staffing["measure"].astype(str) == "cap"]
    fig = go.Figure()
    for mission, mission_name in MISSION_NAMES.items():
        for basis, symbol in BASIS_SYMBOLS.items():
            part = totals[(totals["mission"].astype(str) == mission) & (totals["basis"].astype(str) == basis)]
            if part.empty:
                continue
            fig.add_trace(go.Scatter(
                x=part["x"], y=part["value"].astype(int), mode="markers+text",
                name=basis, legendgroup=mission, legendgrouptitle_text=mission_name,
                marker=dict(symbol=symbol, size=13, color=MISSION_COLOURS[mission], line=dict(width=2)),
                text=list(part["label"]), textfont=dict(size=11),
                textposition=list(part["textposition"]),
                customdata=_hover_rows(part), hovertemplate=_HOVER,
            ))
    for _, cap in caps.iterrows():
        mission = str(cap["mission"])
        fig.add_hline(y=int(cap["value"]), line=dict(dash="dash", width=1.5,
                                                      color=MISSION_COLOURS.get(mission, PALETTE["grey"])),
                      annotation_text=f"cap for the {MISSION_NAMES.get(mission, mission)}: {int(cap['value']):,} "
                                      f"(from {day_text(cap['date'])})",
                      annotation_position="top")
    if len(totals):
        fig.update_xaxes(range=[totals["date"].min() - pd.Timedelta(days=4),
                                totals["date"].max() + pd.Timedelta(days=5)])
    fig.update_layout(title=title, height=540, hovermode="closest",
                      legend=dict(groupclick="toggleitem", title_text="Basis of the figure"))
    fig.update_xaxes(title="date the figure was stated (figures of the same days drawn side by side)",
                     tickformat="%d %b<br>%Y")
    fig.update_yaxes(title="staff (people)", rangemode="tozero", tickformat=",d")
    return fig
