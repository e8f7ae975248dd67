"""Every figure readable without sight and traceable to its sources, computed from the figure and the data.

* :func:`alt_text` — a text alternative: what kind of chart, its title, its axes, and per series how many
  points or bars, with the key numbers (total, smallest and largest with their labels, first and last date).
* :func:`figure_table` — the data drawn, one row per point (series, x, y, label, sources), which the
  site writes as a CSV file next to the page and links under the figure.
* :class:`Provenance` — the source ids behind a point: a point is matched to the data rows it shows by
  the row ids or texts it carries (an event's summary, a facility's id, a staffing figure's label...),
  and the ids are added to its hover text. Points that show an aggregate (a count per month) carry no row
  and get no ids; the build report counts how many points have them.

All work on the figure as plotly.js receives it (plain JSON), so they apply to any figure a notebook shows.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import unescape
from typing import Any

import numpy as np
import pandas as pd

from helpers.analysis.expulsions import figure_label
from helpers.analysis.reading_the_news import claim_label
from helpers.data import load_table, split_ids

__all__ = ["plain_text", "alt_text", "figure_table", "Provenance"]

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_ID = re.compile(r"^[A-Za-z0-9][\w.-]*[_-][\w.-]*$")


def plain_text(value: Any) -> str:
    """Text without HTML tags (a <br> becomes a space) and with its spaces collapsed."""
    text = re.sub(r"<br\s*/?>", " ", str(value), flags=re.IGNORECASE)
    return _SPACE.sub(" ", unescape(_TAG.sub("", text))).strip()


def _title(obj: Any) -> str:
    if isinstance(obj, dict):
        obj = obj.get("text", "")
    return plain_text(re.sub(r"<br\s*/?>", " — ", str(obj or ""), flags=re.IGNORECASE))


def array(value: Any) -> list[Any] | None:
    """A trace attribute as a list: plain lists as they are, plotly's typed arrays ({dtype, bdata}) decoded."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict) and "bdata" in value and "dtype" in value:
        values = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if value.get("shape"):
            shape = [int(s) for s in str(value["shape"]).split(",")]
            values = values.reshape(shape)
        return values.tolist()
    return None


def _as_list(value: Any, n: int) -> list[Any]:
    values = array(value)
    if values is not None:
        return list(values) + [None] * (n - len(values))
    return [value] * n


def _points(trace: dict[str, Any]) -> int:
    for key in ("x", "y", "lon", "lat", "values"):
        values = array(trace.get(key))
        if values is not None:
            return len(values)
    return 0


def _is_date(values: list[Any]) -> bool:
    return bool(values) and all(isinstance(v, str) and re.match(r"^\d{4}-\d\d-\d\d", v) for v in values)


def _number(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}"


def _day(v: str) -> str:
    stamp = pd.Timestamp(v)
    return f"{stamp.day} {stamp.strftime('%b')} {stamp.year}"


def _describe_trace(trace: dict[str, Any]) -> str | None:
    kind = trace.get("type", "scatter")
    name = plain_text(trace.get("name") or "") or kind
    if kind == "table":
        header = [plain_text(h) for h in (trace.get("header", {}).get("values") or [])]
        cells = trace.get("cells", {}).get("values") or [[]]
        rows = len(cells[0]) if cells and isinstance(cells[0], list) else 0
        return f"a table of {rows} row(s) with the columns {', '.join(header)}"
    n = _points(trace)
    if not n:
        return None
    if kind == "bar":
        horizontal = trace.get("orientation") == "h"
        values, labels = (trace.get("x"), trace.get("y")) if horizontal else (trace.get("y"), trace.get("x"))
        values = [v for v in _as_list(values, n) if isinstance(v, int | float)]
        labels = [plain_text(v) for v in _as_list(labels, n)]
        if not values:
            return f"'{name}': {n} bar(s)"
        top = max(range(len(values)), key=lambda i: values[i])
        text = f"'{name}': {n} bar(s), total {_number(sum(values))}"
        if n > 1:
            text += f", largest {_number(values[top])} ({labels[top]}), smallest {_number(min(values))}"
        elif labels and labels[0]:
            text += f" ({labels[0]})"
        return text
    if kind in {"scattergeo", "choropleth"}:
        return f"'{name}': {n} place(s) on the map" if trace.get("mode") != "lines" else None
    x, y = _as_list(trace.get("x"), n), _as_list(trace.get("y"), n)
    xs = [v for v in x if v is not None]
    parts = [f"'{name}': {n} point(s)"]
    if _is_date(xs):
        first, last = min(xs), max(xs)
        parts.append(f"from {_day(first)} to {_day(last)}" if first != last else f"on {_day(first)}")
    ys = [v for v in y if isinstance(v, int | float) and not isinstance(v, bool)]
    if ys and len(ys) == len([v for v in y if v is not None]):
        parts.append(f"values from {_number(min(ys))} to {_number(max(ys))}" if min(ys) != max(ys)
                     else f"value {_number(ys[0])}")
    elif all(isinstance(v, int | float) for v in xs) and xs:
        parts.append(f"values from {_number(min(xs))} to {_number(max(xs))}" if min(xs) != max(xs)
                     else f"value {_number(xs[0])}")
    return ", ".join(parts)


def alt_text(figure: dict[str, Any], *, max_series: int = 8) -> str:
    """A text alternative for a figure (plain JSON): chart kind, title, axes, and each series' key numbers."""
    data = [t for t in figure.get("data", []) if t.get("visible", True) is not False]
    layout = figure.get("layout", {})
    types = [t.get("type", "scatter") for t in data]
    if any(t in {"scattergeo", "choropleth"} for t in types):
        kind = "Map"
    elif types and all(t == "bar" for t in types if t != "table"):
        kind = "Bar chart"
    elif "table" in types and len(set(types)) > 1:
        kind = "Chart and table"
    elif types and all(t == "table" for t in types):
        kind = "Table"
    else:
        kind = "Chart"
    title = _title(layout.get("title"))
    title = title.rstrip(". ")
    sentences = [f"{kind}: {title}." if title else f"{kind}."]
    axes = []
    for key in sorted(k for k in layout if re.match(r"^[xy]axis\d*$", k)):
        axis = layout[key] or {}
        if axis.get("visible") is False:
            continue
        text = _title(axis.get("title"))
        if text:
            axes.append(f"{key[0]} axis: {text}")
    if axes:
        sentences.append("; ".join(dict.fromkeys(axes)).capitalize() + ".")
    described = [d for d in (_describe_trace(t) for t in data) if d]
    if described:
        head = f"{len(described)} series" if len(described) > 1 else "One series"
        shown = described[:max_series]
        more = f"; and {len(described) - max_series} more" if len(described) > max_series else ""
        sentences.append(f"{head}: " + "; ".join(shown) + more + ".")
    return " ".join(sentences)


def figure_table(figure: dict[str, Any]) -> pd.DataFrame:
    """The data a figure draws (visible traces), one row per point: series, x, y, label, sources."""
    rows = []
    for trace in figure.get("data", []):
        if trace.get("visible", True) is False:
            continue
        name = plain_text(trace.get("name") or trace.get("type", ""))
        if trace.get("type") == "table":
            header = [plain_text(h) for h in (trace.get("header", {}).get("values") or [])]
            cells = trace.get("cells", {}).get("values") or []
            for i in range(len(cells[0]) if cells else 0):
                rows.append({"series": name or "table", "x": "", "y": "",
                             "label": " | ".join(f"{h}: {plain_text(c[i])}" for h, c in zip(header, cells, strict=False)),
                             "sources": ""})
            continue
        if trace.get("mode") == "lines" and trace.get("type") == "scattergeo":
            continue  # outlines of the base map
        n = _points(trace)
        geo = trace.get("type") == "scattergeo"
        xs = _as_list(trace.get("lon" if geo else "x"), n)
        ys = _as_list(trace.get("lat" if geo else "y"), n)
        labels = _as_list(trace.get("hovertext") or trace.get("text"), n)
        custom = _as_list(trace.get("customdata"), n)
        meta = (trace.get("meta") or {}) if isinstance(trace.get("meta"), dict) else {}
        sources = _as_list(meta.get("sources"), n)
        for i in range(n):
            label = labels[i] if labels[i] not in (None, "") else custom[i]
            if isinstance(label, list):
                label = " · ".join(plain_text(v) for v in label if v not in (None, ""))
            rows.append({"series": name, "x": xs[i], "y": ys[i], "label": plain_text(label or ""),
                         "sources": sources[i] or ""})
    return pd.DataFrame(rows, columns=["series", "x", "y", "label", "sources"])


def _source_line(ids: list[str], width: int = 70) -> str:
    """'sources: a, b, c' for a hover box, broken into lines of about ``width`` characters."""
    if not ids:
        return ""
    lines, line = [], "sources:"
    for i in ids:
        if len(line) + len(i) + 2 > width:
            lines.append(line + ",")
            line = i
        else:
            line = f"{line} {i}" if line.endswith(":") else f"{line}, {i}"
    return "<br>".join([*lines, line])


@dataclass
class Provenance:
    """Source ids of the data rows, found by the ids and texts a figure's points carry."""

    by_key: dict[str, set[str]] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_data(cls) -> Provenance:
        """Index every table of the data package: row ids and the texts charts show of a row."""
        prov = cls()
        sources = load_table("sources")
        prov.urls = dict(zip(sources["source_id"].astype(str), sources["url"].astype(str), strict=True))
        events = load_table("events")
        prov.add(events, "event_id", "summary")
        prov.add(load_table("facilities"), "facility_id", "name")
        staffing = load_table("staffing")
        prov.add(staffing, "measurement_id")
        prov.add(staffing.assign(_label=[figure_label(r) for _, r in staffing.iterrows()]), "_label", unique=True)
        prov.add(load_table("sanctions"), "sanction_id", "short_name")
        claims = load_table("claims")
        prov.add(claims.assign(_label=[claim_label(c, p) for c, p in zip(claims["claim_id"], claims["phrase"],
                                                                          strict=True)]),
                 "claim_id", "paraphrase", "_label")
        return prov

    def add(self, table: pd.DataFrame, *columns: str, unique: bool = False) -> None:
        """Index ``table``'s rows by the text of ``columns`` (a text shared by rows with other sources is
        dropped when ``unique``: it would not say which row a point shows)."""
        if "source_ids" not in table.columns:
            return
        for column in columns:
            seen: dict[str, set[str]] = {}
            for key, ids in zip(table[column], table["source_ids"], strict=True):
                if pd.isna(key):
                    continue
                seen.setdefault(plain_text(key), set()).add(";".join(sorted(split_ids(ids))))
            for key, variants in seen.items():
                if unique and len(variants) > 1:
                    continue
                merged = {i for v in variants for i in v.split(";") if i}
                self.by_key.setdefault(key, set()).update(merged)

    def lookup(self, values: Iterable[Any]) -> list[str]:
        """Source ids of whatever row these values (a point's ids, texts) identify; [] if none."""
        found: set[str] = set()
        for value in values:
            if value is None or isinstance(value, bool | int | float):
                continue
            if isinstance(value, list):
                found.update(self.lookup(value))
                continue
            text = plain_text(value)
            if text in self.by_key:
                found.update(self.by_key[text])
                continue
            for token in re.split(r"[;,\s()]+", text):
                if _ID.match(token) and token in self.by_key:
                    found.update(self.by_key[token])
        return sorted(found)

    def row_sources(self, rows: pd.DataFrame | None) -> list[str]:
        """Every source id cited by some rows of a table (their ``source_ids`` column)."""
        if rows is None or "source_ids" not in rows.columns:
            return []
        return sorted({i for cell in rows["source_ids"].dropna() for i in split_ids(cell)})

    def annotate(self, figure: dict[str, Any], fallback: list[str] | None = None) -> tuple[int, int]:
        """Add the source ids of each point to its hover text (in place); (points with sources, points).

        A point is matched to its row by the ids and texts it carries; where none matches, ``fallback``
        (the sources of every row the figure was drawn from, when the caller knows them) is used.
        """
        with_ids = total = 0
        for trace in figure.get("data", []):
            if trace.get("type") in {"table", None} or (trace.get("type") == "scattergeo"
                                                          and trace.get("mode") == "lines"):
                continue
            n = _points(trace)
            if not n or trace.get("hoverinfo") == "skip":
                continue
            total += n
            meta = trace.get("meta") if isinstance(trace.get("meta"), dict) else {}
            if "sources" in meta:  # annotated already (a twin's view, before merging)
                with_ids += sum(1 for i in meta["sources"] if i)
                continue
            custom = _as_list(trace.get("customdata"), n)
            texts = _as_list(trace.get("text"), n)
            hover = _as_list(trace.get("hovertext"), n)
            ids = [self.lookup([custom[i], texts[i], hover[i]]) or list(fallback or []) for i in range(n)]
            if not any(ids):
                continue
            with_ids += sum(1 for i in ids if i)
            labels = [_source_line(i) for i in ids]
            trace["meta"] = {**meta, "sources": [", ".join(i) for i in ids]}
            template = trace.get("hovertemplate")
            if not isinstance(template, str) or not template:
                continue
            # Point-by-point text goes through customdata; the trace's own customdata moves to column 0.
            if any(isinstance(c, list) for c in custom):
                rows = [list(c) if isinstance(c, list) else [c] for c in custom]
                width = max(len(r) for r in rows)
                rows = [r + [None] * (width - len(r)) for r in rows]
            else:
                rows = [[c] for c in custom]
                width = 1
                template = template.replace("%{customdata}", "%{customdata[0]}")
            trace["customdata"] = [r + [lab] for r, lab in zip(rows, labels, strict=True)]
            line = f"<br><span style='font-size:11px'>%{{customdata[{width}]}}</span>"
            if "<extra>" in template:
                head, tail = template.split("<extra>", 1)
                trace["hovertemplate"] = f"{head}{line}<extra>{tail}"
            else:
                trace["hovertemplate"] = template + line
        return with_ids, total

    def figure_sources(self, figure: dict[str, Any]) -> list[str]:
        """Every source id the visible points of a figure carry (after :meth:`annotate`)."""
        found: set[str] = set()
        for trace in figure.get("data", []):
            meta = trace.get("meta")
            if isinstance(meta, dict):
                for ids in meta.get("sources") or []:
                    found.update(i.strip() for i in str(ids).split(",") if i.strip())
        return sorted(found)
