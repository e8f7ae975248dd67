"""Load the collection's data package (data/datapackage.json) into typed pandas DataFrames.

Each table has its own function (``load_events()``, ``load_sources()``, ...). The types come from
the Frictionless table schemas in ``data/schemas/``: dates become datetimes, integers nullable
``Int64``, closed vocabularies (``enum``) ordered categoricals. A missing or malformed file raises
one :class:`DataPackageError` that names the file, the row and the column, and says what to do.
"""

from __future__ import annotations

import csv
import json
import os
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

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
]

LIST_SEPARATOR = ";"

_FIX = (
    "If you changed this file, undo your change (for example `git checkout -- data/`); "
    "otherwise download a fresh copy of the collection."
)


class DataPackageError(Exception):
    """A data file is missing or does not match its schema; the message says where and what to do."""

    def __init__(self, message: str, *, path: str | Path | None = None, row: int | None = None,
                 column: str | None = None, fix: str = _FIX) -> None:
        self.path = str(path) if path is not None else None
        self.row = row
        self.column = column
        self.fix = fix
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


def _read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    if not path.is_file():
        raise DataPackageError("the file is missing.", path=path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataPackageError(f"the file is not UTF-8 text (byte {exc.start}).", path=path) from None
    try:
        rows = list(csv.reader(text.splitlines()))
    except csv.Error as exc:
        raise DataPackageError(f"the file is not valid CSV ({exc}).", path=path) from None
    if not rows:
        raise DataPackageError("the file is empty.", path=path)
    return rows[0], rows[1:]


def _convert(value: str, field: dict[str, Any]) -> Any:
    kind = field.get("type", "string")
    if kind == "integer":
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "date":
        if len(value) != 10:
            raise ValueError(value)
        return pd.Timestamp(date.fromisoformat(value))
    return value


def _parse(table: str) -> pd.DataFrame:
    resource = _resource(table)
    path = data_dir() / resource["path"]
    schema = resource["schema"]
    fields: list[dict[str, Any]] = schema["fields"]
    header, rows = _read_rows(path)
    names = [f["name"] for f in fields]
    missing = [n for n in names if n not in header]
    if missing:
        raise DataPackageError(f"the column(s) {', '.join(missing)} are missing from the header.",
                               path=path, row=1, column=missing[0])
    extra = [h for h in header if h not in names]
    if extra:
        raise DataPackageError(f"the column(s) {', '.join(extra)} are not in the table's schema.",
                               path=path, row=1, column=extra[0])
    index = {h: i for i, h in enumerate(header)}
    columns: dict[str, list[Any]] = {n: [] for n in names}
    for rownum, row in enumerate(rows, start=2):  # row 1 is the header, as in a spreadsheet
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise DataPackageError(f"the row has {len(row)} cells but the header has {len(header)}.",
                                   path=path, row=rownum)
        for field in fields:
            name = field["name"]
            raw = row[index[name]]
            constraints = field.get("constraints", {})
            if raw == "":
                if constraints.get("required"):
                    raise DataPackageError("this cell must not be empty.", path=path, row=rownum, column=name)
                columns[name].append(None)
                continue
            try:
                value = _convert(raw, field)
            except (ValueError, TypeError, OverflowError):
                expected = {"date": "a date like 2017-08-31", "integer": "a whole number",
                            "number": "a number"}.get(field.get("type", ""), field.get("type"))
                raise DataPackageError(f"'{raw}' is not {expected}.", path=path, row=rownum,
                                       column=name) from None
            enum = constraints.get("enum")
            if enum is not None and raw not in enum:
                raise DataPackageError(f"'{raw}' is not one of the allowed values ({', '.join(enum)}).",
                                       path=path, row=rownum, column=name)
            columns[name].append(value)
    frame = typed_frame(columns, fields)
    key = schema.get("primaryKey")
    if key:
        keys = [key] if isinstance(key, str) else list(key)
        dup = frame.duplicated(subset=keys, keep="first")
        if dup.any():
            first = int(dup.to_numpy().nonzero()[0][0])
            raise DataPackageError(
                f"the id '{frame.loc[first, keys[0]]}' appears twice; ids must be unique.",
                path=path, row=first + 2, column=keys[0])
    return frame


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


def _check_foreign_keys(table: str, frame: pd.DataFrame) -> None:
    resource = _resource(table)
    path = data_dir() / resource["path"]
    for fk in resource["schema"].get("foreignKeys", []):
        column = fk["fields"] if isinstance(fk["fields"], str) else fk["fields"][0]
        ref = fk["reference"]
        ref_table = ref.get("resource") or table
        ref_field = ref["fields"] if isinstance(ref["fields"], str) else ref["fields"][0]
        known = set((frame if ref_table == table else _cached(ref_table))[ref_field].dropna().astype(str))
        for i, value in frame[column].items():
            if pd.notna(value) and str(value) not in known:
                raise DataPackageError(
                    f"'{value}' does not match any {ref_field} in the {ref_table} table.",
                    path=path, row=int(i) + 2, column=column)


@cache
def _cached_key(root: str, table: str) -> pd.DataFrame:
    frame = _parse(table)
    _check_foreign_keys(table, frame)
    return frame


def _cached(table: str) -> pd.DataFrame:
    return _cached_key(str(data_dir()), table)


def load_table(table: str) -> pd.DataFrame:
    """Load one table of the data package by name, typed from its schema (a fresh copy each call)."""
    return _cached(table).copy()


def clear_cache() -> None:
    """Forget tables loaded earlier in this kernel (after editing a CSV file)."""
    _package.cache_clear()
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
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return []
    return [part.strip() for part in str(value).split(LIST_SEPARATOR) if part.strip()]


def explode_ids(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """One row per id in a list column (e.g. one row per source an event cites)."""
    out = frame.copy()
    out[column] = out[column].map(split_ids)
    out = out.explode(column)
    out = out[out[column].notna()]
    out[column] = out[column].astype("string")
    return out.reset_index(drop=True)
