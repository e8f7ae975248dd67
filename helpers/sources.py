"""Render sources for a notebook's "Sources" section, from the ids the data rows cite."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

import pandas as pd
from IPython.display import Markdown

from helpers.data import explode_ids, load_sources

__all__ = ["sources_list", "cite", "source_ids_of"]


def source_ids_of(*frames: pd.DataFrame) -> list[str]:
    """Every source id cited by the rows of these tables (their ``source_ids`` column), sorted."""
    ids: set[str] = set()
    for frame in frames:
        if "source_ids" in frame.columns and len(frame):
            ids.update(explode_ids(frame[["source_ids"]], "source_ids")["source_ids"].astype(str))
    return sorted(ids)


def sources_list(source_ids: Iterable[str]) -> Markdown:
    """A Markdown list of sources (publisher, title, date, kind, link), primary sources first."""
    wanted = list(dict.fromkeys(str(s) for s in source_ids))
    sources = load_sources().set_index("source_id")
    unknown = [s for s in wanted if s not in sources.index]
    rows = sources.loc[[s for s in wanted if s in sources.index]].reset_index()
    rows = rows.sort_values(["kind", "publisher", "title"], key=lambda c: c.astype(str))
    lines = []
    for row in rows.itertuples():
        when = f", {row.date:%d %b %Y}" if pd.notna(row.date) else ""
        label = "primary" if str(row.kind) == "primary" else "secondary"
        title = escape(str(row.title)).replace("[", "(").replace("]", ")")
        lines.append(f"- {escape(str(row.publisher))}: [{title}]({row.url}){when} "
                     f"({label}; `{row.source_id}`)")
    for s in unknown:
        lines.append(f"- `{s}`: not in data/sources.csv")
    return Markdown("\n".join(lines) if lines else "_No sources._")


def cite(*frames: pd.DataFrame) -> Markdown:
    """The sources list for every source the given tables' rows cite."""
    return sources_list(source_ids_of(*frames))
