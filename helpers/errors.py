"""Errors a student can meet, said in two lines instead of a traceback, and the checks that raise them.

IPython shows an exception that has a ``_render_traceback_`` method by calling it, so a student who
passes the wrong thing to a chart or analysis function sees what went wrong and the one thing to do,
not thirty lines of pandas internals.

>>> import pandas as pd
>>> require_columns(pd.DataFrame({"event_id": ["x"]}), "events", ["event_id"], "answer_links")
>>> try:
...     require_columns(5, "events", ["event_id", "date"], "answer_links")
... except TableError as exc:
...     print(exc.plain)
answer_links needs the events table, but it got the number 5.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

__all__ = ["StudentError", "TableError", "require_columns", "describe_value"]

# The loader of each table, for the "what to do" line.
LOADERS: dict[str, str] = {
    "events": "events = load_events()",
    "sources": "sources = load_sources()",
    "facilities": "facilities = load_facilities()",
    "sanctions": "sanctions = load_sanctions()",
    "staffing": "staffing = load_staffing()",
    "people": "people = load_people()",
    "claims": "claims = load_claims()",
}


class StudentError(Exception):
    """An error with a plain message and one thing to do; a notebook shows just those two lines."""

    def __init__(self, plain: str, fix: str) -> None:
        self.plain = plain
        self.fix = fix
        super().__init__(f"{plain}\nWhat to do: {fix}")

    def _render_traceback_(self) -> list[str]:
        """What IPython shows instead of a traceback."""
        return [f"{type(self).__name__}: {self.plain}", f"What to do: {self.fix}"]


class TableError(StudentError, TypeError):
    """A function got something other than the table it works on (often: a table overwritten by mistake)."""


def describe_value(value: Any) -> str:
    """A short, safe description of any value ('the number 5', 'a DataFrame with 3 rows and 2 columns')."""
    try:
        if isinstance(value, bool):
            return f"the value {value}"
        if value is None:
            return "None (nothing)"
        if value is Ellipsis:
            return "... (the placeholder, not filled in yet)"
        if isinstance(value, str):
            flat = " ".join(value.split())
            shown = flat if len(flat) <= 40 else flat[:37] + "..."
            return f'the text "{shown}"'
        if isinstance(value, pd.DataFrame):
            return f"a DataFrame with {len(value)} rows and {value.shape[1]} columns"
        if isinstance(value, pd.Series):
            return f"a Series with {len(value)} values"
        if isinstance(value, BaseException):
            return f"an error object ({type(value).__name__})"
        if isinstance(value, int | float):
            return f"the number {value}"
        name = type(value).__name__
        return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"
    except Exception:  # a value whose repr or len misbehaves
        return "a value that could not be described"


def require_columns(frame: Any, table: str, columns: Iterable[str], function: str) -> None:
    """Raise :class:`TableError` unless ``frame`` is a DataFrame holding ``columns`` (of the table ``table``)."""
    load = LOADERS.get(table, f"{table} = load_table({table!r})")
    if not isinstance(frame, pd.DataFrame):
        raise TableError(f"{function} needs the {table} table, but it got {describe_value(frame)}.",
                         f"if `{table}` was overwritten, run the cell `{load}` again "
                         "(or Kernel → Restart Kernel and Run All Cells).")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        listed = ", ".join(f"'{c}'" for c in missing)
        raise TableError(f"{function} needs the {table} table, but this table has no column {listed}.",
                         f"pass the {table} table (or rows of it, with all its columns); if `{table}` was "
                         f"overwritten, run `{load}` again.")
