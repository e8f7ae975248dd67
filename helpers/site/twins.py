"""Kernel-free twins of the explorers: each explorer's views, precomputed into plotly's own controls.

In a notebook an explorer (``helpers/widgets/*.py``) redraws its figure with Python each time a control
changes. A static page has no Python, so for the site each explorer gets a *twin*: the explorer's own
``*_view`` function is called once for every state worth showing, and the figures are merged into ONE
plotly figure whose dropdown (``updatemenus``) or slider switches which traces are visible and swaps the
parts of the layout that differ (title, axes, annotations). Plotly draws that from ``file://`` with no
kernel and no network. One source: the twin shows exactly what the explorer shows for each state.

Explorers with several controls keep their main control here (the others are fixed at the explorer's
start values, and the twin's note says so); a state is only precomputed when it can differ (the map
slider stops on the days on which some building's status changes, not on each of 547 days).

The claims explorer of notebook 06 shows an HTML card, not a figure: its twin is a list of the cards with a
native ``<select>`` (the site's script shows one card at a time; without script every card shows).
"""

from __future__ import annotations

import ast
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from helpers.analysis.capstone import ROUNDS, round_events
from helpers.analysis.causes import select_events
from helpers.analysis.closures import SCOPE_HOSTS, facility_status_on, slider_days
from helpers.analysis.expulsions import select_estimates
from helpers.analysis.reading_the_news import claim_evidence
from helpers.analysis.sanctions import select_instruments
from helpers.analysis.tit_for_tat import PERIODS, select_chains
from helpers.data import (
    load_claims,
    load_events,
    load_facilities,
    load_sanctions,
    load_sources,
    load_staffing,
)
from helpers.vocabulary import ALL, COUNTRY_COLOURS, FAMILY_COLOURS, country_name, day_text
from helpers.widgets import capstone, causes, closures, expulsions, reading_the_news, sanctions, tit_for_tat

__all__ = ["View", "Twin", "TWINS", "plain_figure", "merge_views", "twin_for", "explorer_call", "build_twin"]


@dataclass
class View:
    """One state of an explorer: the control's label, what the explorer shows, and the rows it draws."""

    label: str
    figure: Any  # a plotly figure, or HTML (the claims card)
    rows: pd.DataFrame | None = None


@dataclass
class Twin:
    """The kernel-free form of one explorer, ready for a page."""

    explorer: str                   # the explorer's function name, e.g. "rounds_explorer"
    control: str                    # what the reader picks ("Round", "Day", ...)
    note: str                       # what the twin keeps of the notebook's explorer, in one sentence
    views: list[View]
    active: int = 0
    kind: str = "dropdown"          # "dropdown", "slider" or "cards"
    figure: go.Figure | None = None  # the merged figure (None for cards)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def labels(self) -> list[str]:
        return [v.label for v in self.views]


# --- merging views into one figure -------------------------------------------------------------------------

def plain_figure(fig: go.Figure) -> dict[str, Any]:
    """A figure as plain JSON data (dates as ISO text, arrays as lists), as plotly.js receives it."""
    return json.loads(pio.to_json(fig, validate=False, remove_uids=True))


_AXIS = re.compile(r"^[xy]axis\d*$")
_COLLAPSED = {"visible": False, "domain": [0.999, 1.0], "fixedrange": True}


def _key(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True)


_ROOM = {"dropdown": 48, "slider": 80}  # pixels added to a figure for its control


def _controls_room(layout: dict[str, Any], kind: str) -> tuple[dict[str, Any], float]:
    """Margins with room for the control (above the plot for a dropdown, below for a slider), and its y.

    A dropdown hangs from the top of the plot area (paper y = 1) with a gap for subplot titles, and the title
    is pinned to the top of the figure: both stay put when plotly grows a margin for a legend or labels.
    """
    margin = dict(layout.get("margin") or {})
    top, bottom = float(margin.get("t", 70)), float(margin.get("b", 60))
    if kind == "dropdown":
        margin["t"] = top + _ROOM[kind]
        return margin, 1.0
    margin["b"] = bottom + _ROOM[kind]
    return margin, 0.0


def merge_views(views: list[View], *, kind: str = "dropdown", active: int = 0, prefix: str = "",
                prepare: Callable[[dict[str, Any], View], None] | None = None) -> go.Figure:
    """One figure holding every view's traces; a dropdown or slider shows one view at a time.

    Traces identical in every view (a base map) are kept once and always shown. Each control step sets
    the ``visible`` flag of every trace and replaces the layout parts that differ between views (title,
    axes, annotations, shapes...), so views whose layouts differ (one panel or three) switch cleanly.
    ``prepare(figure, view)`` may change each view's plain JSON first (the site adds the source ids).
    """
    if not views:
        raise ValueError("merge_views needs at least one view")
    plain = [plain_figure(v.figure) for v in views]
    if prepare is not None:
        for p, view in zip(plain, views, strict=True):
            prepare(p, view)
    counts = [Counter(_key(t) for t in p["data"]) for p in plain]
    shared = counts[0].copy()
    for c in counts[1:]:
        shared &= c
    data: list[dict[str, Any]] = []
    owner: list[int | None] = []  # None: shared by every view
    left = shared.copy()
    for i, p in enumerate(plain):
        for trace in p["data"]:
            k = _key(trace)
            if i == 0 and left[k] > 0:
                left[k] -= 1
                data.append(trace)
                owner.append(None)
            elif shared[k] and i > 0:
                continue
            else:
                data.append(trace)
                owner.append(i)
    base_visible = [t.get("visible", True) for t in data]

    layouts = [{k: v for k, v in p["layout"].items() if k != "template"} for p in plain]
    keys = sorted(set().union(*layouts))
    for lay in layouts:  # an axis only some views have: hidden and shrunk to a corner in the others (a
        for k in keys:   # hidden trace still makes its axes, whose background would cover the view shown)
            if _AXIS.match(k) and k not in lay:
                lay[k] = dict(_COLLAPSED)
    if kind == "dropdown":  # the title at the top, above the menu (plotly would centre it in the taller margin)
        for lay in layouts:
            title = lay.get("title") if isinstance(lay.get("title"), dict) else {"text": lay.get("title") or ""}
            height = float(lay.get("height") or 450) + _ROOM[kind]
            lines = str(title.get("text") or "").lower().count("<br")  # plotly places extra lines above
            lay["title"] = {**title, "yref": "container", "y": 1 - (8 + 16 * lines) / height, "yanchor": "top"}
    differing = [k for k in keys if len({_key(lay.get(k)) for lay in layouts}) > 1]
    steps = []
    for i, (view, lay) in enumerate(zip(views, layouts, strict=True)):
        visible = [vis if who is None or who == i else False for vis, who in zip(base_visible, owner, strict=True)]
        relayout = {k: lay.get(k) for k in differing}
        steps.append((view.label, visible, relayout))

    layout = {**layouts[active], "template": plain[active]["layout"].get("template")}
    margin, y = _controls_room(layout, kind)
    extra = _ROOM[kind]
    layout["margin"] = margin
    layout["height"] = float(layout.get("height") or 450) + extra
    for i, step in enumerate(steps):
        step[2]["margin"] = margin
        step[2]["height"] = float(layouts[i].get("height") or 450) + extra
    buttons = [dict(label=label, method="update", args=[{"visible": vis}, relayout]) for label, vis, relayout in steps]
    if kind == "dropdown":
        layout["updatemenus"] = [dict(
            type="dropdown", direction="down", active=active, showactive=True, x=0, xanchor="left", y=y,
            yanchor="bottom", pad=dict(l=0, b=26), bgcolor="white", bordercolor="#767676", font=dict(size=13),
            buttons=buttons,
        )]
    else:
        layout["sliders"] = [dict(
            active=active, x=0.02, len=0.96, y=y, yanchor="top", pad=dict(t=20, b=10),
            currentvalue=dict(prefix=prefix, font=dict(size=14), xanchor="left"), steps=buttons,
        )]
    for trace, vis, who in zip(data, base_visible, owner, strict=True):
        trace["visible"] = vis if who is None or who == active else False
    return go.Figure({"data": data, "layout": layout}, skip_invalid=True)


# --- one builder per explorer -------------------------------------------------------------------------------

def _twin_rounds(start: str = "Mar–Apr 2018", **_: Any) -> Twin:
    events = load_events()
    views = [View(name, capstone.round_view(events, name), round_events(events, name)) for name in ROUNDS]
    active = list(ROUNDS).index(start) if start in ROUNDS else len(views) - 1
    return Twin("rounds_explorer", "Round", "Pick a round in the menu above the chart, as in the notebook.",
                views, active)


def _twin_causes(family: str = "causes", actor: str = ALL, **_: Any) -> Twin:
    events = load_events()
    families = [ALL, *FAMILY_COLOURS]
    views = []
    for fam in families:
        label = "every family" if fam == ALL else fam
        views.append(View(label, causes.causes_view(events, fam, actor), select_events(events, fam, actor)))
    who = "every actor" if actor == ALL else country_name(actor)
    note = (f"Pick a family of events in the menu. The notebook's explorer also picks who acted; here it shows "
            f"{who} (click a name in the legend to hide that actor's dots).")
    return Twin("causes_explorer", "Family", note, views, families.index(family) if family in families else 0)


def _twin_sanctions(issuer: str = ALL, trigger: str = ALL, **_: Any) -> Twin:
    table = load_sanctions()
    present = set(table["issuer"].astype(str))
    issuers = [ALL, *[c for c in COUNTRY_COLOURS if c in present]]
    views = [View("every issuer" if i == ALL else country_name(i), sanctions.sanctions_view(table, i, trigger),
                  select_instruments(table, i, trigger)) for i in issuers]
    note = ("Pick who issued the instruments in the menu. The notebook's explorer also picks what triggered them; "
            "here every trigger is shown, one line each (click a trigger in the legend to hide its line).")
    return Twin("sanctions_explorer", "Issuer", note, views, issuers.index(issuer) if issuer in issuers else 0)


def _twin_cut(start: str = expulsions.START_ID, americans: int | None = None, **_: Any) -> Twin:
    staffing = load_staffing()
    by_id = staffing.set_index("measurement_id")
    if americans is None:
        americans = int(by_id.loc[expulsions.AMERICANS_ID, "value"]) if expulsions.AMERICANS_ID in by_id.index else 300
    estimates = select_estimates(staffing)
    ids = [str(i) for i in estimates["measurement_id"]]
    views = [View(str(label), expulsions.cut_view(staffing, mid, americans),
                  staffing[staffing["measurement_id"].astype(str).isin([mid, "us_2017_mfa_cap",
                                                                         expulsions.AMERICANS_ID])])
             for label, mid in zip(estimates["label"], ids, strict=True)]
    note = (f"Pick an estimate of the mission's size before the cut. The notebook's explorer also has a slider for "
            f"the number of Americans; here it stays at {americans:,}, the 2013 count of the State Department's "
            f"inspector.")
    return Twin("cut_explorer", "Size before the cut", note, views, ids.index(start) if start in ids else 0)


def change_days(facilities: pd.DataFrame, events: pd.DataFrame) -> list[pd.Timestamp]:
    """The slider's days on which a map can change: its first day and each day a building closes."""
    days = slider_days()
    status = facility_status_on(facilities, events)
    closing = sorted({pd.Timestamp(d) for d in status["closed_on"].dropna()})
    return [days[0], *[d for d in closing if days[0] < d <= days[-1]]]


def _twin_closures(start: object = closures.START_DAY, scope: str = "world", **_: Any) -> Twin:
    facilities, events = load_facilities(), load_events()
    days = change_days(facilities, events)
    first = pd.Timestamp(start)
    if first not in days:
        days = sorted({*days, first})
    status_rows = []
    views = []
    for day in days:
        status = facility_status_on(facilities, events, day)
        host = SCOPE_HOSTS.get(scope)
        if host is not None:
            status = status[status["host"].astype(str) == host]
        status_rows.append(status)
        views.append(View(day_text(day), closures.closures_view(facilities, events, day, scope), status))
    where = closures.SCOPE_LABELS.get(scope, scope)
    note = (f"Move the slider: it stops on each day on which a building closed (the map does not change between "
            f"them). The notebook's explorer also switches between maps; here the map shows {where}.")
    return Twin("closures_explorer", "Day", note, views, days.index(first), kind="slider")


def _twin_chains(actor: str = ALL, period: str = tit_for_tat.DEFAULT_PERIOD, category: str = ALL,
                 **_: Any) -> Twin:
    events = load_events()
    periods = list(PERIODS)
    views = [View(p.split(":")[0], tit_for_tat.chain_view(events, actor, p, category),
                  select_chains(events, actor, p, category)) for p in periods]
    note = ("Pick a period in the menu. The notebook's explorer also picks who acted and what kind of act; "
            "here every actor and every kind is shown.")
    return Twin("chain_explorer", "Period", note, views, periods.index(period) if period in periods else 0)


def _twin_claims(claim_id: str = "c09a", **_: Any) -> Twin:
    claims, events, sources = load_claims(), load_events(), load_sources()
    frame = claims.sort_values("order")
    views = []
    for c, p, v in zip(frame["claim_id"], frame["phrase"], frame["verdict"].astype(str), strict=True):
        found = claim_evidence(claims, events, sources, str(c))
        card = reading_the_news.claim_view(claims, events, sources, str(c))
        views.append(View(f"{c} · {p} ({v})", card, found["events"]))
    ids = [str(c) for c in frame["claim_id"]]
    note = "Pick a claim in the menu to see its card, as in the notebook."
    return Twin("claim_explorer", "Claim", note, views, ids.index(claim_id) if claim_id in ids else 0, kind="cards")


# Explorer function name -> builder of its twin. A notebook explorer missing here fails the site build.
TWINS: dict[str, Callable[..., Twin]] = {
    "rounds_explorer": _twin_rounds,
    "causes_explorer": _twin_causes,
    "sanctions_explorer": _twin_sanctions,
    "cut_explorer": _twin_cut,
    "closures_explorer": _twin_closures,
    "chain_explorer": _twin_chains,
    "claim_explorer": _twin_claims,
}


def explorer_call(source: str) -> tuple[str, dict[str, Any]] | None:
    """The explorer a cell calls and its keyword arguments that are plain values ('start', ...), or None."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name.endswith("_explorer"):
                kwargs = {}
                for kw in node.keywords:
                    try:
                        kwargs[kw.arg] = ast.literal_eval(kw.value)
                    except ValueError:
                        continue
                return name, kwargs
    return None


def build_twin(name: str, prepare: Callable[[dict[str, Any], View], None] | None = None, **kwargs: Any) -> Twin:
    """The twin of explorer ``name`` (its function name), started where the notebook's call starts it.

    ``prepare`` is passed on to :func:`merge_views`.
    """
    if name not in TWINS:
        raise KeyError(f"No kernel-free twin for {name}: add one to helpers/site/twins.py (TWINS).")
    twin = TWINS[name](**kwargs)
    if twin.kind != "cards":
        twin.figure = merge_views(twin.views, kind=twin.kind, active=twin.active, prefix=f"{twin.control}: ",
                                  prepare=prepare)
    return twin


def twin_for(source: str) -> Twin | None:
    """The twin of the explorer a code cell calls, or None if it calls none."""
    call = explorer_call(source)
    return None if call is None else build_twin(call[0], **call[1])


def cards_html(twin: Twin, ident: str) -> str:
    """The claims twin: a labelled native select and one card per claim (the site's script shows one)."""
    options = "".join(f'<option value="{i}"{" selected" if i == twin.active else ""}>{escape(v.label)}</option>'
                      for i, v in enumerate(twin.views))
    cards = "".join(
        f'<section class="card" data-card="{i}" aria-label="{escape(v.label)}">{v.figure.data}</section>'
        for i, v in enumerate(twin.views))
    return (f'<div class="twin-cards" id="{ident}"><label>{escape(twin.control)}: '
            f'<select class="card-select">{options}</select></label>{cards}</div>')
