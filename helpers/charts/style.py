"""The look of every chart: the collection's plotly template, registered once as plotly's default.

Colour-blind-safe Okabe–Ito colours (from :mod:`helpers.vocabulary`), readable fonts, thousands
separators. Importing this module registers the template ``"titfortat"`` and makes
``"titfortat_white"`` (plotly_white with ours on top, merged once) plotly's default: every figure the
charts build, and every figure a student builds with ``px``, gets it at no cost per figure.

>>> wrap("a few words that go on", width=10)
'a few<br>words that<br>go on'
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from helpers.vocabulary import PALETTE

__all__ = ["TEMPLATE_NAME", "wrap"]

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


def wrap(text: str, width: int = 60) -> str:
    """Break a long text into lines of about ``width`` characters for a hover box (joined by <br>)."""
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "<br>".join(lines)
