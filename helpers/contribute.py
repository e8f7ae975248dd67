"""Check new rows before they join the data: ``validate_new_rows("events", my_rows)``.

A student (or a teacher) who extends the story writes new rows as a list of dicts, one per row, or
as a DataFrame. :func:`validate_new_rows` checks them against the table's Frictionless schema in
``data/schemas/`` — types, required cells, allowed values, id patterns, ids not already taken — and
against the rest of the data: every ``source_id`` must be in ``data/sources.csv`` (or among new
source rows given with ``together_with``), every ``facility_id`` in ``data/facilities.csv``, and
``responds_to`` must name an earlier or same-day event. It prints what is wrong row by row, in plain
words ("Row 2, column 'date': '30/03/2018' is not a date like 2018-03-30"), and never raises,
whatever it is given.

The rules of the schema and the references between tables are checked by :mod:`helpers.validate`,
the validator the loader uses for the CSV files: a row refused here is refused with the same words
if it is pasted into ``data/<table>.csv``. Only what concerns new rows is checked here on top: ids
not already taken, rows given ``together_with``, an event id starting with its date, answers to
earlier events, Goldstein weights that match their CAMEO code, sources already listed.

:func:`with_new_rows` then returns the table with the good new rows added (typed like
``load_table``), ready for a chart.
"""

from __future__ import annotations

import csv
import io
import math
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pandas as pd

from helpers.data import (
    LIST_SEPARATOR,
    DataPackageError,
    _resource,
    load_table,
    table_names,
    typed_frame,
)
from helpers.validate import (
    TYPE_WORDS,
    Problem,
    convert,
    did_you_mean,
    references,
    source_issuer_problem,
    typed_columns,
)
from helpers.vocabulary import is_missing

__all__ = [
    "Problem",
    "ValidationReport",
    "validate_new_rows",
    "with_new_rows",
    "blank_row",
    "as_csv",
    "practice_rows",
    "example_rows",
]


def _list_columns() -> set[str]:
    """Columns that hold several ids separated by ; (source_ids, ...), as the schemas declare them."""
    return {ref.column for table in table_names() for ref in references(table, _resource(table)["schema"])
            if ref.separator is not None}


@dataclass
class ValidationReport:
    """What :func:`validate_new_rows` found; ``ok`` is True when the rows can join the table."""

    table: str
    rows: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True if there is at least one row and nothing to fix."""
        return self.rows > 0 and not self.problems

    def __bool__(self) -> bool:
        return self.ok

    def rows_with_problems(self) -> list[int]:
        """Numbers (from 1) of the rows that have at least one problem."""
        return sorted({p.row for p in self.problems if p.row is not None})

    def text(self) -> str:
        """The report in plain words, one problem per line."""
        rows = f"{self.rows} new row{'s' if self.rows != 1 else ''}"
        if self.ok:
            return f"✅ {rows} for the {self.table} table: no problems found. They are ready to add."
        if not self.problems:
            return f"✏️ No rows to check yet for the {self.table} table: add at least one row."
        n = len(self.problems)
        lines = [f"❌ {rows} for the {self.table} table: {n} problem{'s' if n != 1 else ''} to fix."]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)

    def to_frame(self) -> pd.DataFrame:
        """The problems as a small table (row, column, problem)."""
        return pd.DataFrame([{"row": p.row, "column": p.column, "problem": p.message} for p in self.problems],
                            columns=["row", "column", "problem"])

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return f"<ValidationReport {self.table}: {self.rows} rows, {len(self.problems)} problems>"

    def _ipython_display_(self) -> None:
        """validate_new_rows() printed the report already; print(report) shows it again."""


# --- reading what the student gave -------------------------------------------------------------------

def _as_records(rows: Any) -> tuple[list[Any], str | None]:
    """The rows as a list (of dicts, normally), or an explanation of why they cannot be read."""
    how = "Give a list of rows (one dict per row, e.g. [{\"event_id\": ..., \"date\": ...}]) or a DataFrame."
    if rows is None or rows is ...:
        return [], f"There are no rows to check (got {'None' if rows is None else '...'}). {how}"
    if isinstance(rows, pd.DataFrame):
        if rows.columns.duplicated().any():
            dup = [str(c) for c in rows.columns[rows.columns.duplicated()]]
            return [], f"Your table has the column(s) {', '.join(dup)} twice; keep one of each."
        return [{str(k): v for k, v in rec.items()} for rec in rows.to_dict("records")], None
    if isinstance(rows, pd.Series):
        return [rows.to_dict()], None
    if isinstance(rows, Mapping):
        values = list(rows.values())
        if values and all(isinstance(v, list | tuple) for v in values) and len({len(v) for v in values}) == 1 \
                and not any(k in _list_columns() for k in map(str, rows)):
            n = len(values[0])
            return [{str(k): v[i] for k, v in rows.items()} for i in range(n)], None
        return [rows], None
    if isinstance(rows, str | bytes):
        return [], f"Got a piece of text, not rows. {how}"
    if isinstance(rows, Iterable):
        try:
            items = []
            for n, item in enumerate(rows):
                if n >= 10_000:
                    return [], "That is more than 10,000 rows; check a smaller batch."
                items.append(item)
            return items, None
        except Exception as exc:  # an iterable that fails while we read it
            return [], f"The rows could not be read ({type(exc).__name__}). {how}"
    return [], f"Got {_kind(rows)}, not rows. {how}"


def _kind(value: Any) -> str:
    if value is None:
        return "empty (None)"
    if isinstance(value, BaseException):
        return f"an error object ({type(value).__name__})"
    name = type(value).__name__
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


def _as_row(item: Any) -> dict[str, Any] | None:
    if isinstance(item, pd.Series):
        item = item.to_dict()
    if isinstance(item, Mapping):
        return {str(k): v for k, v in item.items()}
    return None


def _raw(value: Any, column: str, kind: str) -> tuple[str, str | None]:
    """The cell as the text it would be in the CSV file, or a message saying why it cannot be."""
    if is_missing(value):
        return "", None
    if isinstance(value, bool):
        return "", f"{value} is a yes/no value; write {TYPE_WORDS.get(kind, 'text')} instead."
    if isinstance(value, str):
        return value, None
    if isinstance(value, pd.Timestamp | datetime):
        stamp = pd.Timestamp(value)
        if stamp == stamp.normalize():
            return stamp.strftime("%Y-%m-%d"), None
        return str(value), None
    if isinstance(value, date):
        return value.isoformat(), None
    if isinstance(value, numbers.Integral):
        return str(int(value)), None
    if isinstance(value, numbers.Real):
        number = float(value)
        if not math.isfinite(number):
            return str(number), None
        if number.is_integer() and kind in {"integer", "string"}:
            return str(int(number)), None
        return repr(number), None
    if isinstance(value, list | tuple | set) and column in _list_columns() \
            and all(isinstance(v, str) for v in value):
        return LIST_SEPARATOR.join(value), None
    if isinstance(value, list | tuple | set | dict):
        return "", f"holds {_kind(value)}; give a single value (lists of ids are written a;b;c)."
    return "", f"holds {_kind(value)}; give text or a number."


# --- the rest of the data ---------------------------------------------------------------------------------

def _existing_ids(table: str, column: str) -> set[str]:
    frame = load_table(table)  # a broken data file raises: validate_new_rows reports it plainly
    if column not in frame.columns:
        return set()
    return set(frame[column].dropna().astype(str))


def _ids_in(rows: Any, column: str) -> set[str]:
    records, _ = _as_records(rows)
    ids = set()
    for item in records:
        row = _as_row(item)
        if row is None:
            continue
        value = row.get(column)
        if isinstance(value, str) and value.strip():
            ids.add(value.strip())
    return ids


def _event_dates(together: dict[str, Any]) -> dict[str, pd.Timestamp]:
    dates: dict[str, pd.Timestamp] = {}
    events = load_table("events")
    dates.update(zip(events["event_id"].astype(str), events["date"], strict=True))
    records, _ = _as_records(together.get("events"))
    for item in records:
        row = _as_row(item)
        if row is None:
            continue
        raw, _ = _raw(row.get("date"), "date", "date")
        try:
            dates.setdefault(str(row.get("event_id")), convert(raw, {"type": "date"}))
        except (ValueError, TypeError):
            continue
    return dates


def _goldstein_of_codes() -> dict[str, float]:
    """The Goldstein weight each CAMEO code has in the events table (codes with one weight only)."""
    events = load_table("events")
    coded = events.dropna(subset=["cameo_code", "goldstein"])
    weights = coded.groupby(coded["cameo_code"].astype(str))["goldstein"].agg(lambda s: sorted(set(s.astype(float))))
    return {code: values[0] for code, values in weights.items() if len(values) == 1}


# --- the check ---------------------------------------------------------------------------------------------

def _validate(table: str, rows: Any, together_with: Any) -> ValidationReport:
    names = table_names()
    if not isinstance(table, str) or table not in names:
        hint = did_you_mean(str(table), names) if isinstance(table, str) else ""
        return ValidationReport(str(table), 0, [Problem(None, None, f"There is no table called {table!r}. "
                                                                     f"Tables are: {', '.join(names)}.{hint}")])
    schema = _resource(table)["schema"]
    fields: list[dict[str, Any]] = schema["fields"]
    specs = {f["name"]: f for f in fields}
    problems: list[Problem] = []

    together: dict[str, Any] = {}
    if together_with is not None:
        if not isinstance(together_with, Mapping):
            problems.append(Problem(None, None, "together_with must be a dict of other tables' new rows, "
                                                "e.g. together_with={\"sources\": my_sources}."))
        else:
            for other, other_rows in together_with.items():
                if other not in names:
                    problems.append(Problem(None, None, f"together_with names a table {other!r} that does not "
                                                        f"exist. Tables are: {', '.join(names)}."))
                else:
                    together[other] = other_rows

    records, reason = _as_records(rows)
    if reason is not None:
        return ValidationReport(table, 0, [*problems, Problem(None, None, reason)])
    report = ValidationReport(table, len(records), problems)
    if not records:
        return report

    parsed: list[dict[str, str] | None] = []
    columns_seen: set[str] = set()
    for number, item in enumerate(records, start=1):
        row = _as_row(item)
        if row is None:
            what = _kind(item) if item is None else f"{_kind(item)}, not a dict of column: value"
            problems.append(Problem(number, None, f"this row is {what}."))
            parsed.append(None)
            continue
        columns_seen.update(row)
        parsed.append(row)

    unknown = sorted(c for c in columns_seen if c not in specs)
    for column in unknown:
        problems.append(Problem(None, column, f"there is no such column in the {table} table."
                                              f"{did_you_mean(column, specs)} Columns are: {', '.join(specs)}."))
    missing_required = [n for n, f in specs.items() if f.get("constraints", {}).get("required")
                        and n not in columns_seen] if any(r is not None for r in parsed) else []
    if len(missing_required) == 1:
        problems.append(Problem(None, missing_required[0], "this column is missing; every row needs a value "
                                                           "in it."))
    elif missing_required:
        listed = ", ".join(f"'{c}'" for c in missing_required)
        problems.append(Problem(None, None, f"Your rows have no column {listed}: every row needs a value in each "
                                            f"(blank_row({table!r}) gives a row with all the columns)."))

    raws: list[dict[str, str]] = []  # each row's cells as the text they would have in the CSV file
    for number, row in enumerate(parsed, start=1):
        raw_row: dict[str, str] = {}
        raws.append(raw_row)
        if row is None:
            continue
        for name, spec in specs.items():
            if name not in row:
                if name not in missing_required:
                    raw_row[name] = ""
                continue
            raw, bad = _raw(row[name], name, spec.get("type", "string"))
            if bad is not None:
                problems.append(Problem(number, name, bad))
                continue
            raw_row[name] = raw

    def known(other: str, column: str) -> set[str]:
        return _existing_ids(other, column) | _ids_in(together.get(other), column)

    def where(other: str) -> str:
        if other in together or other == table:
            return f"data/{other}.csv or in your new rows"
        return (f"data/{other}.csv (if it is new, check it together with your new {other} rows: "
                f"together_with={{\"{other}\": ...}})")

    # The rules of the schema and the references: the same validator as the loader's (helpers.validate).
    columns, found = typed_columns(table, raws, schema, known=known, where=where)
    typed = [{name: values[i] for name, values in columns.items() if values[i] is not None}
             for i in range(len(raws))]
    taken = _check_taken(table, schema, raws, typed, problems)
    problems.extend(p for p in found if (p.row, p.column) not in taken)
    if table == "events":
        _check_events(raws, typed, problems)
    if table == "sources":
        _check_source_urls(raws, typed, problems)
    problems.sort(key=lambda p: (p.row is not None, p.row or 0, list(specs).index(p.column)
                                 if p.column in specs else len(specs)))
    return report


def _check_taken(table: str, schema: dict[str, Any], raws: list[dict[str, str]], typed: list[dict[str, Any]],
                 problems: list[Problem]) -> set[tuple[int, str]]:
    """New ids already used in the data; returns their (row, column) (twice in the new rows is the validator's)."""
    unique = [f["name"] for f in schema["fields"] if f.get("constraints", {}).get("unique")]
    key = schema.get("primaryKey")
    keys = [key] if isinstance(key, str) else list(key or [])
    if len(keys) == 1 and keys[0] not in unique:
        unique.append(keys[0])
    taken: set[tuple[int, str]] = set()
    for column in unique:
        existing = _existing_ids(table, column)
        for number, (raw_row, typed_row) in enumerate(zip(raws, typed, strict=True), start=1):
            if column in typed_row and raw_row[column] in existing:
                problems.append(Problem(number, column, f"'{raw_row[column]}' is already in data/{table}.csv; ids "
                                                        "must be unique (if it is the same thing, it is in the data "
                                                        "already; if not, choose a new id)."))
                taken.add((number, column))
    return taken


def _check_source_urls(raws: list[dict[str, str]], typed: list[dict[str, Any]], problems: list[Problem]) -> None:
    sources = load_table("sources")
    known = dict(zip(sources["url"].astype(str), sources["source_id"].astype(str), strict=True))
    domains: dict[str, list[str]] = {}
    official = load_table("official_domains")
    for issuer, domain in zip(official["issuer"].astype(str), official["domain"].astype(str), strict=True):
        domains.setdefault(issuer, []).append(domain)
    for number, (raw_row, row) in enumerate(zip(raws, typed, strict=True), start=1):
        url = raw_row.get("url", "")
        if "url" in row and url in known:
            problems.append(Problem(number, "url", f"this address is already in data/sources.csv as "
                                                   f"'{known[url]}'; cite that source_id instead of adding it "
                                                   "again."))
        if "kind" in row and "url" in row:  # the same rule the data tests apply to data/sources.csv
            issue = source_issuer_problem(raw_row.get("kind", ""), raw_row.get("issuer", ""), url, domains)
            if issue:
                problems.append(Problem(number, "issuer", issue))


def _check_events(raws: list[dict[str, str]], typed: list[dict[str, Any]], problems: list[Problem]) -> None:
    dates = _event_dates({"events": [{"event_id": r.get("event_id"), "date": r.get("date")} for r in raws]})
    weights = _goldstein_of_codes()
    for number, (raw_row, row) in enumerate(zip(raws, typed, strict=True), start=1):
        when = row.get("date")
        event_id = row.get("event_id")
        if event_id is not None and when is not None and not str(event_id).startswith(f"{when:%Y-%m-%d}-"):
            problems.append(Problem(number, "event_id", f"the id starts with {str(event_id)[:10]} but the row's "
                                                        f"date is {when:%Y-%m-%d}; the id must start with the "
                                                        "date."))
        answered = row.get("responds_to")
        if answered is not None and when is not None:
            if answered == event_id:
                problems.append(Problem(number, "responds_to", "an event cannot respond to itself."))
            elif answered in dates and dates[answered] > when:
                problems.append(Problem(number, "responds_to", f"'{answered}' happened on "
                                                               f"{dates[answered]:%Y-%m-%d}, after this event "
                                                               f"({when:%Y-%m-%d}); an event can only respond to "
                                                               "an earlier or same-day event."))
        code, weight = row.get("cameo_code"), row.get("goldstein")
        if weight is not None and code is None and raw_row.get("cameo_code", "") == "":
            problems.append(Problem(number, "goldstein", "has a Goldstein weight but cameo_code is empty; the "
                                                         "weight belongs to a CAMEO code (leave both empty, or "
                                                         "fill both)."))
        elif code is not None and weight is not None and code in weights and weights[code] != float(weight):
            problems.append(Problem(number, "goldstein", f"CAMEO code {code} has the Goldstein weight "
                                                         f"{weights[code]} in the rest of the data "
                                                         f"(source goldstein_scale), not {weight}."))


def validate_new_rows(table: str, rows: Any, *, together_with: Mapping[str, Any] | None = None,
                      quiet: bool = False) -> ValidationReport:
    """Check new rows for a table against its schema and the data; prints the problems row by row.

    ``rows`` is a list of dicts (one per row) or a DataFrame; rows are numbered from 1. New rows of
    other tables that these rows refer to (e.g. new sources) go in ``together_with={"sources": ...}``.
    Never raises: whatever it is given, it returns a :class:`ValidationReport` (``report.ok``).
    """
    try:
        report = _validate(table, rows, together_with)
    except DataPackageError as exc:
        report = ValidationReport(str(table), 0, [Problem(None, None, f"The data itself could not be read, so "
                                                                      f"the rows were not checked. {exc.plain}")])
    except Exception as exc:  # a truly odd value: say so, never crash a student's notebook
        report = ValidationReport(str(table), 0, [Problem(None, None, f"The rows could not be checked "
                                                                      f"({type(exc).__name__}). Give a list of "
                                                                      "dicts, one per row, or a DataFrame.")])
    if not quiet:
        print(report.text())
    return report


# --- using the new rows ----------------------------------------------------------------------------------

def _typed_frame(table: str, raws: list[dict[str, str]]) -> pd.DataFrame:
    """New rows typed exactly as helpers.data types a table read from its CSV file."""
    fields = _resource(table)["schema"]["fields"]
    columns: dict[str, list[Any]] = {f["name"]: [] for f in fields}
    for raw_row in raws:
        for spec in fields:
            raw = raw_row.get(spec["name"], "")
            columns[spec["name"]].append(convert(raw, spec) if raw != "" else None)
    frame = typed_frame(columns, fields)
    return frame


def with_new_rows(table: str, rows: Any, *, together_with: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """The table with your good new rows added (typed like load_table) and a column ``is_new``.

    Rows with problems are left out, and a line says which; run :func:`validate_new_rows` to see why.
    Never raises: with nothing usable it returns the table as it is (or an empty frame for an unknown
    table).
    """
    try:
        existing = load_table(table)
    except Exception:
        print(f"There is no table called {table!r}; nothing to add to.")
        return pd.DataFrame()
    existing = existing.assign(is_new=False)
    try:
        report = validate_new_rows(table, rows, together_with=together_with, quiet=True)
        if report.rows == 0 or any(p.row is None for p in report.problems):
            print(f"None of your rows were added: run validate_new_rows({table!r}, ...) to see what to fix.")
            return existing
        bad = set(report.rows_with_problems())
        records, _ = _as_records(rows)
        raws = []
        for number, item in enumerate(records, start=1):
            row = _as_row(item)
            if number in bad or row is None:
                continue
            fields = _resource(table)["schema"]["fields"]
            raws.append({f["name"]: _raw(row.get(f["name"]), f["name"], f.get("type", "string"))[0]
                         for f in fields})
        if bad:
            listed = ", ".join(str(n) for n in sorted(bad))
            print(f"Left out your row(s) {listed}: they have problems (see validate_new_rows).")
        if not raws:
            return existing
        new = _typed_frame(table, raws).assign(is_new=True)
        for column in new.columns:
            if column in existing.columns and new[column].dtype != existing[column].dtype:
                new[column] = new[column].astype(existing[column].dtype)
        return pd.concat([existing, new], ignore_index=True)
    except Exception as exc:  # never break the notebook over a chart's input
        print(f"Your rows could not be added ({type(exc).__name__}); check them with validate_new_rows.")
        return existing


def as_csv(table: str, rows: Any, *, together_with: Mapping[str, Any] | None = None) -> str:
    """The rows as CSV lines in the table's column order, to paste at the end of data/<table>.csv.

    Only if every row passes :func:`validate_new_rows`; otherwise it prints the problems and returns "".
    It never writes a file: adding the lines is a deliberate step (then run `make test`).
    """
    report = validate_new_rows(table, rows, together_with=together_with, quiet=True)
    if not report.ok:
        print(report.text())
        return ""
    fields = _resource(table)["schema"]["fields"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    records, _ = _as_records(rows)
    for item in records:
        row = _as_row(item) or {}
        writer.writerow([_raw(row.get(f["name"]), f["name"], f.get("type", "string"))[0] for f in fields])
    return buffer.getvalue()


def blank_row(table: str) -> dict[str, str]:
    """A dict with every column of a table and empty values: a start for a new row."""
    try:
        return {f["name"]: "" for f in _resource(table)["schema"]["fields"]}
    except Exception:
        print(f"There is no table called {table!r}. Tables are: {', '.join(table_names())}.")
        return {}


# --- rows for the capstone notebook ------------------------------------------------------------------------

def example_rows() -> list[dict[str, str]]:
    """Two well-formed new event rows (facts the data mention only in notes), as a model to copy."""
    return [
        {
            "event_id": "2018-03-29-ryabkov-summons-huntsman",
            "date": "2018-03-29",
            "date_note": "29 Mar 2018, the day Russia announced its answer",
            "actor": "RUS",
            "target": "USA",
            "actor_body": "Deputy Foreign Minister Ryabkov (Russian Foreign Ministry)",
            "category": "protest",
            "responds_to": "2018-03-26-us-expels-60",
            "summary": "The Russian Foreign Ministry summoned US Ambassador Huntsman, and Deputy Foreign Minister "
                       "Ryabkov told him of Russia's answer to the expulsions and the Seattle closure.",
            "source_ids": "europediplomatic_0330;armenpress",
            "confidence": "medium",
            "note": "Mentioned in the note of 2018-03-29-russia-expels-60; Lavrov announced the summons in "
                    "public.",
        },
        {
            "event_id": "2018-04-25-antonov-protests-seattle-entry",
            "date": "2018-04-25",
            "date_note": "remarks to reporters on 25 Apr 2018",
            "actor": "RUS",
            "target": "USA",
            "actor_body": "Ambassador Antonov",
            "category": "protest",
            "facility_ids": "ru_cg_seattle_residence",
            "responds_to": "2018-04-25-us-enters-seattle-residence",
            "summary": "Russia's ambassador Antonov called the US entry into the Seattle residence unfriendly "
                       "and said it broke international conventions.",
            "source_ids": "xebersaati_tass;newsweek_seattle",
            "confidence": "medium",
            "note": "Mentioned in the summary of 2018-04-25-us-enters-seattle-residence.",
        },
    ]


def practice_rows() -> pd.DataFrame:
    """The two example rows with three typical mistakes in them, for exercise 7.6."""
    rows = pd.DataFrame(example_rows())
    rows.loc[0, "date"] = "29/03/2018"
    rows.loc[1, "actor"] = "Russia"
    rows.loc[1, "source_ids"] = "xebersaati_tass; newsweek_seattle"
    return rows
