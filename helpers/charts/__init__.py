"""Charts for the collection: one plotly template and chart builders that take a DataFrame.

Every chart function takes a DataFrame (as loaded by :mod:`helpers.data`) and returns a
``plotly.graph_objects.Figure``. It never displays the figure, reads a file or changes its input.

Importing this module registers the collection's template (``"titfortat"``, colour-blind-safe
Okabe–Ito colours, readable fonts, dates on time axes) as plotly's default, and a light display
path for figures in a Jupyter kernel (see :func:`install_display`).
"""

from __future__ import annotations

import json
import os
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

__all__ = [
    "PALETTE",
    "COUNTRY_COLOURS",
    "CATEGORY_FAMILIES",
    "FAMILY_COLOURS",
    "TEMPLATE_NAME",
    "category_family",
    "timeline_figure",
    "year_axis",
    "install_display",
]

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the common colour-vision deficiencies.
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#7F7F7F",
}

COUNTRY_COLOURS: dict[str, str] = {
    "USA": PALETTE["blue"],
    "RUS": PALETTE["vermillion"],
    "UKR": PALETTE["yellow"],
    "GBR": PALETTE["purple"],
    "EU": PALETTE["green"],
}

COUNTRY_NAMES: dict[str, str] = {
    "USA": "United States",
    "RUS": "Russia",
    "UKR": "Ukraine",
    "GBR": "United Kingdom",
    "EU": "European Union",
}

# The fifteen event categories fall into six families; a family shares a colour in charts.
CATEGORY_FAMILIES: dict[str, str] = {
    "annexation": "causes",
    "election_interference": "causes",
    "incident": "causes",
    "sanctions": "sanctions",
    "countersanctions": "sanctions",
    "legislation": "sanctions",
    "expulsion": "people",
    "staff_cap": "people",
    "visas": "people",
    "closure": "buildings",
    "diplomacy": "words",
    "statement": "words",
    "protest": "words",
    "leadership": "context",
    "personnel": "context",
}

FAMILY_COLOURS: dict[str, str] = {
    "causes": PALETTE["black"],
    "sanctions": PALETTE["orange"],
    "people": PALETTE["vermillion"],
    "buildings": PALETTE["blue"],
    "words": PALETTE["green"],
    "context": PALETTE["grey"],
}

TEMPLATE_NAME = "titfortat"

_template = go.layout.Template(
    layout=dict(
        font=dict(family="Arial, Helvetica, sans-serif", size=14, color="#222222"),
        title=dict(font=dict(size=18), x=0.0, xanchor="left"),
        colorway=[PALETTE[c] for c in ("blue", "vermillion", "green", "orange", "sky", "purple", "yellow",
                                       "black")],
        hoverlabel=dict(font=dict(size=13)),
        legend=dict(title=dict(font=dict(size=13))),
        margin=dict(l=60, r=30, t=70, b=60),
        xaxis=dict(automargin=True),
        yaxis=dict(automargin=True, separatethousands=True),
    )
)
pio.templates[TEMPLATE_NAME] = _template
# The default is plotly_white with our template on top, merged ONCE here: a default named
# "plotly_white+titfortat" is re-merged (deep copy + validation, ~25 ms) by every go.Figure(),
# make_subplots() and px call, which a widget callback feels (measured by `make bench`).
pio.templates[f"{TEMPLATE_NAME}_white"] = pio.templates.merge_templates(pio.templates["plotly_white"], _template)
pio.templates.default = f"{TEMPLATE_NAME}_white"


def category_family(category: object) -> str:
    """The family ('sanctions', 'people', ...) an event category belongs to; 'other' if unknown."""
    return CATEGORY_FAMILIES.get(str(category), "other")


def year_axis(fig: go.Figure, axis: str = "x") -> go.Figure:
    """Show whole years on an axis holding integer years (never '2,020.5'); returns the figure."""
    fig.update_layout({f"{axis}axis": dict(tickmode="linear", dtick=1, tickformat="d")})
    return fig


def timeline_figure(events: pd.DataFrame, *, color: str = "category",
                    title: str = "The dispute, event by event") -> go.Figure:
    """Dot timeline: one dot per event, a row per category, coloured by category family or actor.

    ``color`` is ``"category"`` (colour by family of categories) or ``"actor"`` (blue for the US,
    vermillion for Russia). Hovering a dot shows its date, actor and summary.
    """
    if color not in {"category", "actor"}:
        raise ValueError("color must be 'category' or 'actor'")
    frame = events.sort_values("date")
    categories = [c for c in frame["category"].cat.categories if c in set(frame["category"].astype(str))] \
        if isinstance(frame["category"].dtype, pd.CategoricalDtype) else sorted(frame["category"].unique())
    fig = go.Figure()
    if color == "category":
        groups = [(fam, frame[frame["category"].astype(str).map(category_family) == fam])
                  for fam in FAMILY_COLOURS]
        colours = FAMILY_COLOURS
    else:
        groups = [(code, frame[frame["actor"].astype(str) == code]) for code in COUNTRY_COLOURS]
        colours = COUNTRY_COLOURS
    for name, part in groups:
        if part.empty:
            continue
        label = COUNTRY_NAMES.get(name, name) if color == "actor" else name
        fig.add_trace(
            go.Scatter(
                x=part["date"],
                y=part["category"].astype(str).str.replace("_", " "),
                mode="markers",
                name=label,
                marker=dict(size=11, color=colours[name], line=dict(width=1, color="white")),
                customdata=list(zip(part["actor"].astype(str), part["summary"].astype(str).map(_wrap),
                                    strict=True)),
                hovertemplate="%{x|%d %b %Y} · %{customdata[0]}<br>%{customdata[1]}<extra>%{y}</extra>",
            )
        )
    fig.update_layout(
        title=title,
        legend_title_text="Family" if color == "category" else "Actor",
        height=max(380, 34 * len(categories) + 140),
        hovermode="closest",
    )
    fig.update_yaxes(categoryorder="array", categoryarray=[c.replace("_", " ") for c in categories][::-1],
                     title=None)
    fig.update_xaxes(title=None, tickformat="%b %Y")
    return fig


def _wrap(text: str, width: int = 60) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "<br>".join(lines)


# --- Display ---------------------------------------------------------------------------------------------
# plotly shows a figure through plotly.io._renderers, which imports nbformat; in an environment that
# also holds JupyterLab, nbformat imports jsonschema's format checkers and with them rfc3987-syntax,
# which builds a grammar at import (~2 s). The figure's mime bundle does not need any of that, so in a
# kernel we emit the same bundle ourselves. Set PLOTLY_RENDERER to use plotly's own renderers instead.

# Not "responsive": in JupyterLab a responsive figure collapses to 0 px when the window only changes
# height (found by tests/browser); Lab resizes figures to the notebook width without it.
_CONFIG: dict[str, Any] = {"displaylogo": False}


def figure_bundle(fig: go.Figure) -> dict[str, Any]:
    """The mime bundle JupyterLab's plotly extension draws: the figure's JSON plus a text fallback."""
    from plotly.io._json import to_json

    data = json.loads(to_json(fig, validate=False, remove_uids=False))
    data["config"] = dict(_CONFIG)
    title = fig.layout.title.text or "untitled figure"
    return {"application/vnd.plotly.v1+json": data, "text/plain": f"<Figure: {title}>"}


def install_display() -> bool:
    """Draw figures in this kernel with :func:`figure_bundle`; returns True if installed."""
    if os.environ.get("PLOTLY_RENDERER", "plotly_mimetype") not in {"plotly_mimetype", "jupyterlab"}:
        return False
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing to install
        return False
    shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return False
    from IPython.display import display
    from plotly.basedatatypes import BaseFigure

    def _show(fig: BaseFigure) -> None:
        display(figure_bundle(fig), raw=True)

    # Type printers are consulted before the figure's own _ipython_display_ (which goes through nbformat).
    shell.display_formatter.ipython_display_formatter.for_type(BaseFigure, _show)
    return True


install_display()
