"""Load the collection's data package (data/datapackage.json) into typed pandas DataFrames.

Each table has its own function (``load_events()``, ``load_sources()``, ...). The types come from
the Frictionless table schemas in ``data/schemas/``: dates become datetimes, integers nullable
``Int64``, numbers ``Float64``, closed vocabularies (``enum``) categoricals of the allowed values.

Before a table is typed, every row is checked against every rule of its schema and the references
between tables, by the same validator that checks a student's new rows (:mod:`helpers.validate`). A
file that is missing, cut short, saved in another encoding or with semicolons, or that breaks a rule,
raises one :class:`DataPackageError` naming the file, the row (as a spreadsheet counts them, the
header being row 1) and the column, and saying what to do. A notebook never draws a row the tests
would refuse.

>>> split_ids("wh_factsheet;toner_stmt")
['wh_factsheet', 'toner_stmt']
>>> events = typed_frame({"event_id": ["a", "b"], "people": [35, None]},
...                      [{"name": "event_id"}, {"name": "people", "type": "integer"}])
>>> events.dtypes.astype(str).tolist(), events["people"].tolist()
(['string', 'Int64'], [35, <NA>])
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.validate import LIST_SEPARATOR, Problem, typed_columns
from helpers.vocabulary import is_missing

__all__ = [
    "DataPackageError",
    "data_dir",
    "load_table",
    "load_events",
    "load_sources",
    "load_facilities",
    "load_sanctions",
    "load_staffing",
    "load_people",
    "load_claims",
    "split_ids",
    "explode_ids",
    "table_names",
    "field_descriptions",
    "typed_frame",
    "LIST_SEPARATOR",
]

_FIX = (
    "If you changed this file, undo your change (for example `git checkout -- data/`); "
    "otherwise download a fresh copy of the collection."
)


class DataPackageError(Exception):
    """A data file is missing or does not match its schema; the message says where and what to do."""

    def __init__(self, message: str, *, path: str | Path | None = None, row: int | None = None,
                 column: str | None = None, fix: str = _FIX, problems: list[Problem] | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.row = row
        self.column = column
        self.fix = fix
        self.problems = list(problems or [])  # every problem found in the file, first one first
        where = []
        if path is not None:
            where.append(f"file {_display_path(path)}")
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column '{column}'")
        prefix = "Problem in the data (" + ", ".join(where) + "): " if where else "Problem in the data: "
        self.plain = prefix + message
        super().__init__(f"{self.plain}\nWhat to do: {fix}")

    def _render_traceback_(self) -> list[str]:
        """Show students the message only, not a Python traceback (IPython calls this)."""
        return [f"DataPackageError: {self.plain}", f"What to do: {self.fix}"]


def _display_path(path: str | Path) -> str:
    p = Path(path)
    try:
        return str(p.resolve().relative_to(data_dir().parent))
    except ValueError:
        return str(p)


def data_dir() -> Path:
    """The folder holding datapackage.json (the repo's data/, or $TITFORTAT_DATA if set)."""
    override = os.environ.get("TITFORTAT_DATA")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "data"


def _read_json(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise DataPackageError("the file is missing.", path=path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataPackageError(f"the file is not valid JSON ({exc}).", path=path) from None


@cache
def _package(root: str) -> dict[str, Any]:
    path = Path(root) / "datapackage.json"
    package = _read_json(path)
    resources = {}
    for resource in package.get("resources", []):
        schema = resource.get("schema")
        if isinstance(schema, str):
            schema = _read_json(Path(root) / schema)
        resources[resource["name"]] = {"path": resource["path"], "schema": schema}
    return resources


def table_names() -> list[str]:
    """Names of the tables in the data package, in the order datapackage.json lists them."""
    return list(_package(str(data_dir())))


def field_descriptions(table: str) -> pd.DataFrame:
    """A small table of a data table's columns: name, type, description (a data dictionary)."""
    schema = _resource(table)["schema"]
    return pd.DataFrame(
        [
            {"column": f["name"], "type": f.get("type", "string"), "description": f.get("description", "")}
            for f in schema["fields"]
        ]
    )


def _resource(table: str) -> dict[str, Any]:
    resources = _package(str(data_dir()))
    if table not in resources:
        raise DataPackageError(
            f"there is no table called '{table}'. Tables are: {', '.join(resources)}.",
            path=data_dir() / "datapackage.json",
            fix="Check the spelling of the table name.",
        )
    return resources[table]


# --- reading a CSV file -------------------------------------------------------------------------------

_SAVE_WITH_COMMAS = (
    "Save it again as CSV with commas (,) between the cells: in LibreOffice, tick 'Edit filter settings' and "
    "choose the comma as field delimiter; in Google Sheets, File > Download > CSV. Or undo your change: "
    "git checkout -- {file}"
)
_SAVE_AS_UTF8 = (
    "Save the file again as UTF-8: in Excel, File > Save As > 'CSV UTF-8 (Comma delimited)'; in LibreOffice, "
    "choose the character set 'Unicode (UTF-8)'. Then check that accented letters and quote marks look right. "
    "Or undo your change: git checkout -- {file}"
)
_QUOTES = ("Check the quote marks of this row: a cell in quotes must end with a quote mark, and a quote mark "
           "inside it is written twice (\"He said \"\"no\"\"\"). Or undo your change: git checkout -- {file}")


def _undo(path: Path) -> str:
    return (f"If you changed this file, undo your change (git checkout -- {_display_path(path)}); otherwise "
            "download a fresh copy of the collection.")


@dataclasses.dataclass
class _Records:
    """A CSV file read and checked as a whole (its header and the shape of its rows), cells as text."""

    header: list[str]
    rows: list[dict[str, str]]  # rows[0] is row 2 of the file, as a spreadsheet counts
    _ids: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)

    def ids(self, column: str) -> frozenset[str]:
        """The values of one column (e.g. every source_id), for the tables that refer to it."""
        if column not in self._ids:
            self._ids[column] = frozenset(row[column] for row in self.rows if row.get(column))
        return self._ids[column]


def _decode(path: Path) -> str:
    if not path.is_file():
        raise DataPackageError("the file is missing.", path=path)
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark (Excel's "CSV UTF-8") is UTF-8 too
    except UnicodeDecodeError as exc:
        raise _not_utf8(path, raw, exc) from None


def _not_utf8(path: Path, raw: bytes, exc: UnicodeDecodeError) -> DataPackageError:
    """The error for a file saved in another encoding (Windows-1252, say), naming the first row it breaks."""
    fix = _SAVE_AS_UTF8.format(file=_display_path(path))
    text = raw.decode("utf-8-sig", errors="surrogateescape")  # a byte that is not UTF-8 becomes \udc80-\udcff
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        records = []
    for number, cells in enumerate(records, start=1):
        for i, cell in enumerate(cells):
            bad = next((j for j, ch in enumerate(cell) if "\udc80" <= ch <= "\udcff"), None)
            if bad is None:
                continue
            shown = cell[max(0, bad - 30):bad + 30].encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            column = records[0][i] if number > 1 and i < len(records[0]) else None
            return DataPackageError(f"the file is not saved as UTF-8 text, so some letters cannot be read "
                                    f"(here: '{shown}').", path=path, row=number, column=column, fix=fix)
    line = raw[:exc.start].count(b"\n") + 1
    return DataPackageError(f"the file is not saved as UTF-8 text, so some letters cannot be read (line {line}).",
                            path=path, row=line, fix=fix)


def _csv_records(path: Path, text: str) -> list[list[str]]:
    """Every record of the file, parsed as a whole: line breaks inside quoted cells stay in the cell."""
    records: list[list[str]] = []
    try:
        for cells in csv.reader(io.StringIO(text, newline=""), strict=True):
            records.append(cells)
    except csv.Error as exc:
        row = len(records) + 1  # the record that could not be read starts on this row
        reason = str(exc)
        fix = _QUOTES.format(file=_display_path(path))
        if "unexpected end of data" in reason:
            message = ("a cell that starts with a quote mark (\") is not closed: the file ends before its "
                       "closing quote. The file may have been cut short, or a quote mark is missing.")
        elif "expected after" in reason:
            message = ("the quote marks of this row do not pair up: a cell in quotes has more text after its "
                       "closing quote, or a quote mark is missing so that the cell runs on into the next rows.")
        elif "NUL" in reason:
            message, fix = "the row holds an invisible NUL character: the file is damaged.", _undo(path)
        elif "field limit" in reason:
            message = "a cell is far too long: a quote mark is probably missing, so the cell runs on over many rows."
        else:
            message = f"this row could not be read as CSV ({reason})."
        raise DataPackageError(message, path=path, row=row, fix=fix) from None
    return records


def _check_header(path: Path, header: list[str], names: list[str]) -> None:
    for separator, word in ((";", "semicolons (;)"), ("\t", "tabs")):
        if any(separator in cell and set(cell.split(separator)) & set(names) for cell in header):
            shown = separator.join(header)
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            raise DataPackageError(f"the file is separated by {word}, not commas: its first row is read as one "
                                   f"cell '{shown}'.", path=path, row=1,
                                   fix=_SAVE_WITH_COMMAS.format(file=_display_path(path)))
    seen: dict[str, int] = {}
    for i, cell in enumerate(header, start=1):
        if cell in seen:
            raise DataPackageError(f"the column '{cell}' appears twice in the header (columns {seen[cell]} and "
                                   f"{i}).", path=path, row=1, column=cell, fix=_undo(path))
        seen[cell] = i
    missing = [n for n in names if n not in header]
    extra = [h for h in header if h not in names]
    if missing:
        hints = [f"'{h}' should be '{n}'" for n in missing for h in extra if h.strip().lower() == n.lower()]
        hint = f" (the header has {', '.join(hints)})" if hints else ""
        raise DataPackageError(f"the column(s) {', '.join(missing)} are missing from the header{hint}.",
                               path=path, row=1, column=missing[0], fix=_undo(path))
    if extra:
        raise DataPackageError(f"the column(s) {', '.join(extra)} are not in the table's schema.",
                               path=path, row=1, column=extra[0], fix=_undo(path))
    if header != names:
        i = next(i for i, (h, n) in enumerate(zip(header, names, strict=True)) if h != n)
        raise DataPackageError(f"the columns are not in the order of the table's schema: column {i + 1} is "
                               f"'{header[i]}', but it should be '{names[i]}'.", path=path, row=1,
                               column=header[i], fix=f"Put the columns back in this order: {', '.join(names)}. "
                                                     f"Or undo your change: git checkout -- {_display_path(path)}")


def _read_records(table: str, path: Path, names: list[str]) -> _Records:
    records = _csv_records(path, _decode(path))
    if not records:
        raise DataPackageError("the file is empty.", path=path, fix=_undo(path))
    header = records[0]
    _check_header(path, header, names)
    if len(records) == 1:
        raise DataPackageError(f"the file has no rows, only its header: the {table} table must have at least one row.",
                               path=path, row=1, fix=_undo(path))
    rows = []
    width = len(header)
    for number, cells in enumerate(records[1:], start=2):  # row 1 is the header, as in a spreadsheet
        if len(cells) != width:
            if not any(cell.strip() for cell in cells):
                raise DataPackageError("this row is empty (a blank line); the tests refuse empty rows too.",
                                       path=path, row=number,
                                       fix=f"Delete row {number} of {_display_path(path)}, save the file and "
                                           "run this cell again.")
            hint = " A cell with a comma in it must be in quotes (\"like, this\")." if len(cells) > width else ""
            raise DataPackageError(f"the row has {len(cells)} cells but the header has {width}.{hint}",
                                   path=path, row=number, fix=_undo(path))
        if not any(cells):
            raise DataPackageError("this row is empty (only commas); the tests refuse empty rows too.",
                                   path=path, row=number,
                                   fix=f"Delete row {number} of {_display_path(path)}, save the file and run "
                                       "this cell again.")
        rows.append(dict(zip(header, cells, strict=True)))
    return _Records(header, rows)


@cache
def _records_at(root: str, table: str, stamp: tuple[int, int]) -> _Records:
    resource = _resource(table)
    path = Path(root) / resource["path"]
    return _read_records(table, path, [f["name"] for f in resource["schema"]["fields"]])


def _records(table: str) -> _Records:
    """The table's file read as text cells; read again whenever the file changes (its time or size)."""
    path = data_dir() / _resource(table)["path"]
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = (0, -1)  # missing: _decode says so
    return _records_at(str(data_dir()), table, stamp)


def _parse(table: str) -> pd.DataFrame:
    resource = _resource(table)
    path = data_dir() / resource["path"]
    schema = resource["schema"]
    records = _records(table)

    def known(other: str, column: str) -> frozenset[str]:
        return frozenset() if other == table else _records(other).ids(column)

    def where(other: str) -> str:
        return _display_path(data_dir() / _resource(other)["path"])

    columns, problems = typed_columns(table, records.rows, schema, known=known, where=where, first_row=2)
    if problems:
        raise _problems_error(path, problems)
    return typed_frame(columns, schema["fields"])


def _problems_error(path: Path, problems: list[Problem]) -> DataPackageError:
    """The first problem of a file as an error, with the number and places of the others."""
    first, more = problems[0], problems[1:]
    message = first.message
    if more:
        listed = "; ".join(f"row {p.row}, column '{p.column}'" for p in more[:3])
        listed += "; ..." if len(more) > 3 else ""
        message += f" (The file has {len(more)} more problem{'s' if len(more) > 1 else ''}: {listed}.)"
    shown = _display_path(path)
    fix = (f"Correct the cell in {shown} (row {first.row}, column '{first.column}'), save the file and run this "
           f"cell again. To undo all your changes to the file instead: git checkout -- {shown}")
    return DataPackageError(message, path=path, row=first.row, column=first.column, fix=fix, problems=problems)


def typed_frame(columns: dict[str, list[Any]], fields: list[dict[str, Any]]) -> pd.DataFrame:
    """A DataFrame of already-converted cell values, with each column's dtype set from its schema field."""
    frame = pd.DataFrame(columns)
    for field in fields:
        name, kind = field["name"], field.get("type", "string")
        enum = field.get("constraints", {}).get("enum")
        if kind == "date":
            frame[name] = pd.to_datetime(frame[name])
        elif kind == "integer":
            frame[name] = frame[name].astype("Int64")
        elif kind == "number":
            frame[name] = frame[name].astype("Float64")
        elif enum is not None:
            frame[name] = pd.Categorical(frame[name], categories=enum)
        else:
            frame[name] = frame[name].astype("string")
    return frame


@cache
def _cached_key(root: str, table: str) -> pd.DataFrame:
    return _parse(table)


def _cached(table: str) -> pd.DataFrame:
    return _cached_key(str(data_dir()), table)


def load_table(table: str) -> pd.DataFrame:
    """Load one table of the data package by name, typed from its schema (a fresh copy each call)."""
    return _cached(table).copy()


def clear_cache() -> None:
    """Forget tables loaded earlier in this kernel (after editing a CSV file)."""
    _package.cache_clear()
    _records_at.cache_clear()
    _cached_key.cache_clear()


def load_events() -> pd.DataFrame:
    """Every dated event of the dispute, March 2014 – April 2018 (data/events.csv)."""
    return load_table("events")


def load_sources() -> pd.DataFrame:
    """The sources every row cites, with publisher, URL and kind (data/sources.csv)."""
    return load_table("sources")


def load_facilities() -> pd.DataFrame:
    """Embassies, consulates, annexes and compounds involved, with coordinates (data/facilities.csv)."""
    return load_table("facilities")


def load_sanctions() -> pd.DataFrame:
    """Sanctions instruments: executive orders, laws and decrees (data/sanctions.csv)."""
    return load_table("sanctions")


def load_staffing() -> pd.DataFrame:
    """Mission sizes, caps and cuts as dated, attributed measurements (data/staffing.csv)."""
    return load_table("staffing")


def load_people() -> pd.DataFrame:
    """The people named in the story, with role and term dates (data/people.csv)."""
    return load_table("people")


def load_claims() -> pd.DataFrame:
    """The source article's factual claims with our verdicts (data/claims.csv)."""
    return load_table("claims")


def split_ids(value: object) -> list[str]:
    """Split a list cell such as 'wh_factsheet;toner_stmt' into ['wh_factsheet', 'toner_stmt']."""
    if is_missing(value):
        return []
    return [part.strip() for part in str(value).split(LIST_SEPARATOR) if part.strip()]


def explode_ids(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """One row per id in a list column (e.g. one row per source an event cites).

    >>> frame = pd.DataFrame({"event_id": ["a", "b"], "source_ids": ["wh;toner", None]})
    >>> explode_ids(frame, "source_ids")
      event_id source_ids
    0        a         wh
    1        a      toner
    """
    out = frame.copy()
    out[column] = out[column].map(split_ids)
    out = out.explode(column)
    out = out[out[column].notna()]
    out[column] = out[column].astype("string")
    return out.reset_index(drop=True)
