"""How figures look and how they reach the page: the collection's template, and a fast, offline display path.

**The template.** Importing this module registers the plotly template ``"titfortat"`` (colour-blind-safe
Okabe–Ito colours from :mod:`helpers.vocabulary`, readable fonts, thousands separators) and makes
``"titfortat_white"`` (plotly_white with ours on top, merged once) plotly's default: every figure the
charts build, and every figure a student builds with ``px``, gets it at no cost per figure. The charts
package imports this module for that reason.

**The display path.**

plotly shows a figure through ``plotly.io._renderers``, which imports nbformat at import time; in an
environment that also holds JupyterLab, nbformat pulls in jsonschema's format checkers and with them
rfc3987-syntax, which builds a grammar when imported (about 2.5 s on the first figure of a kernel).
The figure's mime bundle needs none of that, so in a kernel this module sends the same bundle itself:

- a figure that is a cell's value goes through an IPython formatter (:func:`install`);
- ``fig.show()`` — what every plotly tutorial writes — sends the same bundle, with the same config, so
  the first ``fig.show()`` costs what the first figure as a cell value costs (``make bench`` measures
  both). ``fig.show(renderer=...)`` with a renderer named still goes to plotly's own renderers.
- tables show their text cells whole (pandas' ``display.max_colwidth``), since the notebooks ask students
  to read summaries and notes.

:func:`install` is called once by ``import helpers``; outside IPython it does nothing. Set the
environment variable ``PLOTLY_RENDERER`` to another renderer to use plotly's own path everywhere.
"""

from __future__ import annotations

import json
import os
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from helpers.vocabulary import PALETTE

__all__ = ["TEMPLATE_NAME", "CONFIG", "figure_bundle", "install"]

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
# Merged ONCE here: a default named "plotly_white+titfortat" would be re-merged (deep copy and
# validation, ~25 ms) by every go.Figure(), make_subplots() and px call, which a widget callback feels.
pio.templates[f"{TEMPLATE_NAME}_white"] = pio.templates.merge_templates(pio.templates["plotly_white"], _template)
pio.templates.default = f"{TEMPLATE_NAME}_white"

# Not "responsive": in JupyterLab a responsive figure collapses to 0 px when the window only changes
# height (found by tests/browser); Lab resizes figures to the notebook width without it.
CONFIG: dict[str, Any] = {"displaylogo": False}

_ORIGINAL_SHOW = go.Figure.show


def figure_bundle(fig: go.Figure, config: dict[str, Any] | None = None) -> dict[str, Any]:
    """The mime bundle JupyterLab's plotly extension draws: the figure's JSON plus a text fallback."""
    from plotly.io._json import to_json

    data = json.loads(to_json(fig, validate=False, remove_uids=False))
    data["config"] = {**CONFIG, **(config or {})}
    title = fig.layout.title.text or "untitled figure"
    return {"application/vnd.plotly.v1+json": data, "text/plain": f"<Figure: {title}>"}


def install() -> bool:
    """Draw figures in this kernel with :func:`figure_bundle` (cell values and ``fig.show()``); True if installed."""
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

    def show_value(fig: BaseFigure) -> None:
        display(figure_bundle(fig), raw=True)

    def show(self: BaseFigure, *args: Any, renderer: str | None = None, **kwargs: Any) -> None:
        """Show the figure in the notebook (the collection's fast path; see helpers.display)."""
        if args or renderer is not None or set(kwargs) - {"config", "width", "height", "validate"}:
            return _ORIGINAL_SHOW(self, *args, renderer=renderer, **kwargs)
        fig = self
        if kwargs.get("width") or kwargs.get("height"):
            fig = go.Figure(self)
            fig.update_layout(width=kwargs.get("width"), height=kwargs.get("height"))
        display(figure_bundle(fig, kwargs.get("config")), raw=True)
        return None

    # Type printers are consulted before the figure's own _ipython_display_ (which goes through nbformat).
    shell.display_formatter.ipython_display_formatter.for_type(BaseFigure, show_value)
    BaseFigure.show = show  # type: ignore[method-assign]
    # Tables show their text cells whole: notebooks ask students to read summaries and notes, which pandas
    # would cut at 50 characters.
    import pandas as pd

    pd.set_option("display.max_colwidth", None)
    return True
