"""Explorers (ipywidgets) for the notebooks, one module per notebook, named after it.

Each explorer is built the same way: a plain function (``*_view``) computes what the explorer shows
from the data and the widget values — it is what the unit tests call — and a thin builder wires
widgets to it and returns the widget box, which starts on a meaningful view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
from IPython.display import display

__all__ = ["figure_explorer"]


def figure_explorer(controls: dict[str, widgets.ValueWidget], view: Callable[..., Any],
                    title: str = "", *, as_state: bool | None = None) -> widgets.VBox:
    """A box of controls above an output area; ``view(**values)`` is redrawn whenever a control changes.

    ``view`` returns a figure (or anything displayable). Its first result is drawn at once, so the
    explorer never starts empty.

    A plotly figure is put into the output area's state (its ``outputs``) rather than displayed inside
    ``with out:``. JupyterLab draws both the same way, but a headless executor (nbclient: nbval's
    runs, ``jupyter execute``, tests/test_rerun.py) echoes captured display messages back to the kernel
    and that echo can stall, for large figures (a map, over about 128 KiB) always and for small ones
    at times — the cell then hangs. Anything else (HTML, a table) is displayed in the usual way.
    ``as_state`` forces one way or the other.
    """
    from plotly.basedatatypes import BaseFigure

    out = widgets.Output()

    def redraw(*_: Any) -> None:
        result = view(**{name: w.value for name, w in controls.items()})
        if as_state or (as_state is None and isinstance(result, BaseFigure)):
            from helpers.display import figure_bundle

            out.outputs = ({"output_type": "display_data", "data": figure_bundle(result), "metadata": {}},)
            return
        with out:
            out.clear_output(wait=True)
            display(result)

    for w in controls.values():
        w.observe(redraw, names="value")
    redraw()
    header = [widgets.HTML(f"<b>{title}</b>")] if title else []
    box = widgets.VBox([*header, widgets.HBox(list(controls.values())), out])
    # What the explorer is made of, by name: box.controls["family"] is the family menu, box.output the area it
    # redraws, box.redraw() redraws it (tests use these instead of counting children).
    box.controls = dict(controls)  # type: ignore[attr-defined]
    box.output = out  # type: ignore[attr-defined]
    box.redraw = redraw  # type: ignore[attr-defined]
    return box
