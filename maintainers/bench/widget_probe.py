"""Time every widget explorer's callback, inside a real kernel (run by bench/run.py through the harness).

Explorers are discovered, not listed: every module in ``helpers/widgets/`` is imported, and each public
function whose name ends in ``_explorer`` (or whose return annotation is a widget box) is a builder.
Its data arguments are loaded by name from the data package (a parameter ``events`` gets
``load_table("events")``; ``EXTRA_ARGS`` below covers other names). The builder returns the box that
``helpers.widgets.figure_explorer`` builds; the bench then changes the box's controls the way a
student does — setting ``control.value`` to the next option of a drop-down, the next stop of a slider —
which runs the explorer's callback synchronously (filter, rebuild the figure, display it into the
Output widget, i.e. serialise it and send it to the front end). Every call is timed, in wall time and
in CPU time of the kernel's thread (``time.thread_time``: what the callback costs on an idle machine).

For explorers built with ``figure_explorer`` the callback's parts are timed too: ``view`` (filter and
figure rebuild, read from the ``redraw`` closure) and the figure's serialisation to the mime bundle.
Not included: the browser drawing the figure (see the Lab measurements in the report).
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import statistics
import time
from typing import Any

# Parameter name -> table, for builders whose data argument is not named after its table.
EXTRA_ARGS: dict[str, str] = {}

BOX_HINTS = ("Box", "Widget", "VBox", "HBox")


def _builders(module: Any) -> list[tuple[str, Any]]:
    found = []
    for name, fn in inspect.getmembers(module, inspect.isfunction):
        if fn.__module__ != module.__name__ or name.startswith("_"):
            continue
        ret = str(inspect.signature(fn).return_annotation)
        if name.endswith("_explorer") or any(h in ret for h in BOX_HINTS):
            found.append((name, fn))
    return found


def _views(module: Any) -> list[str]:
    return [name for name, fn in inspect.getmembers(module, inspect.isfunction)
            if fn.__module__ == module.__name__ and name.endswith("_view")]


def _data_args(fn: Any) -> tuple[dict[str, Any], str | None]:
    from helpers.data import load_table, table_names

    tables = set(table_names())
    args: dict[str, Any] = {}
    for p in inspect.signature(fn).parameters.values():
        if p.default is not inspect.Parameter.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        table = EXTRA_ARGS.get(p.name, p.name)
        if table not in tables:
            return {}, f"cannot guess the data for parameter '{p.name}' (add it to EXTRA_ARGS)"
        args[p.name] = load_table(table)
    return args, None


def _walk(widget: Any) -> list[Any]:
    out = [widget]
    for child in getattr(widget, "children", ()) or ():
        out.extend(_walk(child))
    return out


def _candidates(w: Any) -> list[Any] | None:
    """Values a student could pick on this control, in order; None if the bench cannot drive it."""
    import ipywidgets as widgets

    if isinstance(w, widgets.Output | widgets.HTML | widgets.Label | widgets.Button):
        return None
    options = getattr(w, "options", None)
    if options is not None and not isinstance(w, widgets.SelectMultiple):
        values = [o[1] if isinstance(o, tuple) and len(o) == 2 else o for o in options]
        return values if len(values) > 1 else None
    if isinstance(w, widgets.Checkbox | widgets.ToggleButton):
        return [not w.value, w.value]
    if isinstance(w, widgets.IntSlider | widgets.BoundedIntText):
        step = max(1, (w.max - w.min) // 6)
        return sorted(set(list(range(w.min, w.max + 1, step)) + [w.max]))
    if isinstance(w, widgets.FloatSlider | widgets.BoundedFloatText):
        return [w.min + (w.max - w.min) * k / 6 for k in range(7)]
    if isinstance(w, widgets.IntRangeSlider):
        span = max(1, (w.max - w.min) // 4)
        return [(w.min, w.min + span), (w.min + span, w.max), (w.min, w.max)]
    if isinstance(w, widgets.SelectionRangeSlider):
        n = len(w.options)
        vals = [o[1] if isinstance(o, tuple) else o for o in w.options]
        return [(vals[0], vals[n // 2]), (vals[n // 2], vals[-1]), (vals[0], vals[-1])] if n > 2 else None
    return None


def _stats(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def _redraw_parts(box: Any) -> tuple[Any, dict[str, Any]] | None:
    """figure_explorer's view function and controls, read from box.redraw's closure (None if absent)."""
    redraw = getattr(box, "redraw", None)
    if redraw is None or not getattr(redraw, "__closure__", None):
        return None
    cells = dict(zip(redraw.__code__.co_freevars, (c.cell_contents for c in redraw.__closure__), strict=True))
    if "view" not in cells or "controls" not in cells:
        return None
    return cells["view"], cells["controls"]


def measure(calls: int = 20) -> list[dict[str, Any]]:
    """Build every explorer and time ``calls`` callbacks of each; one result dict per explorer."""
    import helpers.widgets as hw
    from helpers.display import figure_bundle

    results: list[dict[str, Any]] = []
    for info in sorted(pkgutil.iter_modules(hw.__path__), key=lambda i: i.name):
        module_name = f"helpers.widgets.{info.name}"
        try:
            module = importlib.import_module(module_name)
        except Exception as exc:
            results.append({"module": module_name, "explorer": None, "error": f"import failed: {exc!r}"})
            continue
        for name, builder in _builders(module):
            row: dict[str, Any] = {"module": module_name, "explorer": name, "views": _views(module),
                                   "error": None}
            results.append(row)
            args, problem = _data_args(builder)
            if problem:
                row["error"] = problem
                continue
            t = time.perf_counter()
            try:
                box = builder(**args)
            except Exception as exc:
                row["error"] = f"building failed: {exc!r}"
                continue
            row["build_ms"] = (time.perf_counter() - t) * 1000
            controls = [(w, c) for w in _walk(box) if (c := _candidates(w))]
            row["controls"] = [f"{type(w).__name__}({getattr(w, 'description', '')!r}, {len(c)} values)"
                               for w, c in controls]
            if not controls:
                row["error"] = "no control the bench can drive"
                continue
            parts = _redraw_parts(box)
            position = [0] * len(controls)
            callback, callback_cpu, view_ms, view_cpu, bundle_ms, sizes, sequence = [], [], [], [], [], [], []
            for k in range(calls):
                i = k % len(controls)
                widget, values = controls[i]
                # the next value that differs from the current one (setting the same value runs nothing)
                for _ in range(len(values)):
                    position[i] = (position[i] + 1) % len(values)
                    if values[position[i]] != widget.value:
                        break
                value = values[position[i]]
                t, c = time.perf_counter(), time.thread_time()
                try:
                    widget.value = value
                except Exception as exc:
                    row["error"] = f"callback failed on {getattr(widget, 'description', '')}={value!r}: {exc!r}"
                    break
                callback.append((time.perf_counter() - t) * 1000)
                callback_cpu.append((time.thread_time() - c) * 1000)
                sequence.append(f"{getattr(widget, 'description', '') or type(widget).__name__}={value}")
                if parts is not None:
                    view, ctl = parts
                    values_now = {n: w.value for n, w in ctl.items()}
                    t, c = time.perf_counter(), time.thread_time()
                    fig = view(**values_now)
                    view_ms.append((time.perf_counter() - t) * 1000)
                    view_cpu.append((time.thread_time() - c) * 1000)
                    if hasattr(fig, "to_plotly_json"):
                        t = time.perf_counter()
                        bundle = figure_bundle(fig)
                        bundle_ms.append((time.perf_counter() - t) * 1000)
                        sizes.append(len(json.dumps(bundle)))
            if callback:
                row["callback_ms"] = _stats(callback)
                row["callback_cpu_ms"] = _stats(callback_cpu)
                row["sequence"] = sequence
            if view_ms:
                row["view_ms"] = _stats(view_ms)
                row["view_cpu_ms"] = _stats(view_cpu)
            if bundle_ms:
                row["bundle_ms"] = _stats(bundle_ms)
                row["payload_kb"] = statistics.median(sizes) / 1024
    return results


if __name__ == "__main__":  # inside the kernel the bench runs: print(json.dumps(measure()))
    print(json.dumps(measure()))
