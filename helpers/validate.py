"""One set of rules for the rows of a table, wherever they come from: a CSV file or a student's new rows.

:func:`check_rows` takes rows as the text of their CSV cells (one dict per row) and the table's
Frictionless schema, and returns every :class:`Problem` it finds, each with its row, its column and a
message in plain words. It applies every rule the schema states —

- the type, strictly written: a whole number is digits only (``-3``, not ``1_0`` or ``1,000``), a
  number is finite (not ``nan`` or ``inf``), a date is ``2017-08-31`` (not ``31/08/2017`` or ``2017-W35-4``);
- ``required``, ``enum`` (allowed values), ``pattern``, ``minimum``/``maximum``, ``unique`` and ``primaryKey``;
- the references between tables: ``foreignKeys`` (a cell holds one id of a table) and the package's own
  ``listForeignKeys`` (a cell such as ``source_ids`` holds several ids separated by ``;``).

The loader (:mod:`helpers.data`) checks a whole file with it and :func:`helpers.contribute.validate_new_rows`
a student's rows, so a bad row is refused with the same words wherever it enters. Like the data layer it
belongs to, it imports nothing of ``helpers`` but :mod:`helpers.vocabulary`.

>>> schema = {"fields": [
...     {"name": "id", "type": "string", "constraints": {"required": True, "pattern": "^[a-z0-9_]+$"}},
...     {"name": "people", "type": "integer", "constraints": {"minimum": 0}}],
...     "primaryKey": "id"}
>>> rows = [{"id": "cut_755", "people": "755"}, {"id": "Cut 455", "people": "1_0"}, {"id": "cut_755", "people": "-1"}]
>>> for problem in check_rows("staff", rows, schema):
...     print(problem)
Row 2, column 'id': 'Cut 455' is not one id in lower-case letters, digits and _ (no spaces), e.g. rollcall_0326.
Row 2, column 'people': '1_0' is not a whole number (write it without commas, spaces or _).
Row 3, column 'id': 'cut_755' appears twice: row 1 has it too; each id must be unique.
Row 3, column 'people': -1 is outside the allowed range (the smallest allowed value is 0).
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from helpers.vocabulary import country_code

__all__ = [
    "LIST_SEPARATOR",
    "KNOWN_TYPES",
    "KNOWN_CONSTRAINTS",
    "PATTERN_WORDS",
    "TYPE_WORDS",
    "Problem",
    "Reference",
    "references",
    "convert",
    "check_cell",
    "check_rows",
    "typed_columns",
    "did_you_mean",
    "published_host",
    "on_domain",
    "source_issuer_problem",
]

# The separator of the list columns (source_ids, facility_ids, event_ids); the schemas state it too.
LIST_SEPARATOR = ";"

# What this module knows how to check; tests/test_validate.py fails if a schema uses anything else.
KNOWN_TYPES = frozenset({"string", "integer", "number", "date"})
KNOWN_CONSTRAINTS = frozenset({"required", "unique", "enum", "pattern", "minimum", "maximum"})

TYPE_WORDS: dict[str, str] = {
    "date": "a date like 2018-03-30 (year-month-day)",
    "integer": "a whole number",
    "number": "a number",
}

# The id patterns of the schemas, said in words a student can act on.
PATTERN_WORDS: dict[str, str] = {
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9_-]+$":
        "an id like 2018-03-29-russia-expels-60: the date, then a short name in lower-case letters, "
        "digits, - or _ (no spaces)",
    r"^[a-z0-9_]+(;[a-z0-9_]+)*$":
        "a list of ids in lower-case letters, digits and _, separated by ; with no spaces "
        "(e.g. haaretz;usemb_by_0329)",
    r"^[a-z0-9_-]+(;[a-z0-9_-]+)*$":
        "a list of event ids separated by ; with no spaces "
        "(e.g. 2017-08-31-us-orders-three-closures;2017-09-02-us-takes-over-three-facilities)",
    r"^[a-z0-9_]+$": "one id in lower-case letters, digits and _ (no spaces), e.g. rollcall_0326",
    r"^[a-z0-9_-]+$": "one id in lower-case letters, digits, - and _ (no spaces)",
    r"^[0-9]{2,4}$": "a CAMEO code of 2 to 4 digits, e.g. 161 (written as text, so 010 keeps its 0)",
    r"^https?://.+": "a web address starting with http:// or https://",
    r"^[a-z]{2}$": "a two-letter language code such as en or ru",
    r"^c[0-9]{2}[a-z]?$": "a claim id like c07 or c09a",
    r"^\S+(\s+\S+){0,5}$": "a quote of one to six words (no spaces at the start or end)",
}

_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NOT_IN_A_WEB_ADDRESS = re.compile(r'[\s<>"{}|\\^`]')
_INT64 = 2**63 - 1


@dataclass(frozen=True)
class Problem:
    """One thing to fix: the row, the column, and what is wrong, in plain words."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"Row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'" if where else f"Column '{self.column}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass(frozen=True)
class Reference:
    """A column whose cells name rows of a table: one id each, or several separated by ``separator``."""

    column: str
    table: str
    field: str
    separator: str | None = None

    def ids(self, text: str) -> list[str]:
        """The ids a (non-empty) cell of this column names."""
        if self.separator is None:
            return [text]
        return [part.strip() for part in text.split(self.separator) if part.strip()]


def _one(names: str | Sequence[str], where: str) -> str:
    if isinstance(names, str):
        return names
    if len(names) != 1:
        raise ValueError(f"{where}: only references of one column are supported, not {list(names)}")
    return names[0]


def references(table: str, schema: Mapping[str, Any]) -> list[Reference]:
    """The columns of a table that name rows of a table: its ``foreignKeys`` and ``listForeignKeys``.

    >>> schema = {"foreignKeys": [{"fields": "responds_to", "reference": {"resource": "", "fields": "event_id"}}],
    ...           "listForeignKeys": [{"fields": "source_ids", "delimiter": ";",
    ...                                "reference": {"resource": "sources", "fields": "source_id"}}]}
    >>> [(r.column, r.table, r.field, r.separator) for r in references("events", schema)]
    [('responds_to', 'events', 'event_id', None), ('source_ids', 'sources', 'source_id', ';')]
    """
    found = []
    for key, is_list in (("foreignKeys", False), ("listForeignKeys", True)):
        for fk in schema.get(key, []):
            ref = fk["reference"]
            found.append(Reference(
                column=_one(fk["fields"], f"{table} {key}"),
                table=ref.get("resource") or table,
                field=_one(ref["fields"], f"{table} {key}"),
                separator=fk.get("delimiter", LIST_SEPARATOR) if is_list else None,
            ))
    return found


def convert(text: str, field: Mapping[str, Any]) -> Any:
    """The value of a non-empty cell by its field's type; ValueError unless strictly written.

    >>> convert("755", {"type": "integer"}), convert("-4.0", {"type": "number"})
    (755, -4.0)
    >>> convert("2017-08-31", {"type": "date"})
    Timestamp('2017-08-31 00:00:00')
    >>> convert("1_0", {"type": "integer"})
    Traceback (most recent call last):
    ValueError: 1_0
    """
    kind = field.get("type", "string")
    if kind == "integer":
        if _INTEGER.fullmatch(text) is None or abs(int(text)) > _INT64:
            raise ValueError(text)
        return int(text)
    if kind == "number":
        if _NUMBER.fullmatch(text) is None:
            raise ValueError(text)
        value = float(text)
        if not math.isfinite(value):  # 1e999
            raise ValueError(text)
        return value
    if kind == "date":
        if _DATE.fullmatch(text) is None:
            raise ValueError(text)
        return pd.Timestamp(date.fromisoformat(text))
    return text


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' Did you mean 'x'?' for the choice closest to a word (same letters, other case, or a typo), else ''.

    >>> did_you_mean("Expulsion", ["expulsion", "closure"]), did_you_mean("closur", ["expulsion", "closure"])
    (" Did you mean 'expulsion'?", " Did you mean 'closure'?")
    """
    choices = list(choices)
    lowered = {c.lower(): c for c in choices}
    if word.strip().lower() in lowered:
        return f" Did you mean '{lowered[word.strip().lower()]}'?"
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.75)
    return f" Did you mean '{close[0]}'?" if close else ""


def _bound(field: Mapping[str, Any], name: str) -> Any:
    limit = field.get("constraints", {}).get(name)
    if limit is None:
        return None
    return convert(str(limit), field) if field.get("type") == "date" else float(limit)


def _cell_checker(field: Mapping[str, Any]) -> Callable[[str], tuple[Any, str | None]]:
    """A function checking a non-empty cell of this field: (value, None) or (None, what is wrong)."""
    kind = field.get("type", "string")
    constraints = field.get("constraints", {})
    enum = constraints.get("enum")
    allowed = frozenset(enum) if enum is not None else None
    pattern = constraints.get("pattern")
    matcher = re.compile(pattern) if pattern is not None else None
    low, high = _bound(field, "minimum"), _bound(field, "maximum")
    is_uri = field.get("format") == "uri"
    coded = kind != "string" or enum is not None or pattern is not None or is_uri
    type_words = TYPE_WORDS.get(kind, kind)

    if not coded:
        return _free_text  # any text is allowed

    def check(raw: str) -> tuple[Any, str | None]:
        if raw != raw.strip():
            return None, f"'{raw}' has spaces at the start or end; remove them."
        if kind == "string":
            value: Any = raw
        else:
            try:
                value = convert(raw, field)
            except (ValueError, OverflowError):
                if kind == "integer" and _INTEGER.fullmatch(raw):
                    return None, f"'{raw}' is too large a number."
                return None, f"'{raw}' is not {type_words}{_type_hint(raw, kind)}."
        if allowed is not None and raw not in allowed:
            code = country_code(raw)
            hint = f" Did you mean '{code}'?" if code in allowed else did_you_mean(raw, enum)
            return None, f"'{raw}' is not one of the allowed values ({', '.join(enum)}).{hint}"
        if matcher is not None and matcher.fullmatch(raw) is None:
            words = PATTERN_WORDS.get(pattern)
            if words is None:
                return None, f"'{raw}' is not written the way this column needs: {field.get('description', '')}"
            return None, f"'{raw}' is not {words}."
        if is_uri and (bad := _NOT_IN_A_WEB_ADDRESS.search(raw)) is not None:
            what = "a space" if bad.group().isspace() else f"the character {bad.group()}"
            return None, f"'{raw}' is not a web address: it has {what} in it (copy the address from the browser)."
        if low is not None and value < low:
            return None, _out_of_range(raw, field, "minimum")
        if high is not None and value > high:
            return None, _out_of_range(raw, field, "maximum")
        return value, None

    return check


def _free_text(raw: str) -> tuple[str, None]:
    return raw, None


def _type_hint(raw: str, kind: str) -> str:
    if kind == "integer":
        if _INTEGER.fullmatch(raw.replace(",", "").replace(" ", "").replace("_", "")):
            return " (write it without commas, spaces or _)"
        if _NUMBER.fullmatch(raw) and float(raw).is_integer() and abs(float(raw)) <= _INT64:
            return f" (write {int(float(raw))})"
    if kind == "number" and _NUMBER.fullmatch(raw.replace(",", ".", 1)):
        return " (use a point for decimals, e.g. -4.0)"
    if kind == "number" and _NUMBER.fullmatch(raw.replace(" ", "").replace("_", "")):
        return " (write it without spaces or _)"
    if kind == "date":
        parts = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", raw.strip())
        if parts:
            a, b, year = int(parts.group(1)), int(parts.group(2)), parts.group(3)
            readings = sorted({(m, d) for d, m in ((a, b), (b, a)) if 1 <= m <= 12 and 1 <= d <= 31})
            if len(readings) == 1:
                month, day = readings[0]
                return f": write it {year}-{month:02d}-{day:02d}"
            if readings:
                options = " or ".join(f"{year}-{m:02d}-{d:02d}" for m, d in readings)
                return f": write it {options}, whichever it is"
    return ""


def _out_of_range(raw: str, field: Mapping[str, Any], bound: str) -> str:
    constraints = field.get("constraints", {})
    if field.get("type") == "date":
        side = "before" if bound == "minimum" else "after"
        return (f"{raw} is {side} the period this table covers "
                f"({constraints.get('minimum', '?')} to {constraints.get('maximum', '?')}).")
    side = "smallest" if bound == "minimum" else "largest"
    return f"{raw} is outside the allowed range (the {side} allowed value is {constraints[bound]})."


def check_cell(raw: str, field: Mapping[str, Any]) -> tuple[Any, str | None]:
    """The value of one non-empty cell, or what is wrong with it: (value, None) or (None, message).

    >>> check_cell("USA", {"name": "actor", "constraints": {"enum": ["USA", "RUS"]}})
    ('USA', None)
    >>> check_cell("Russia", {"name": "actor", "constraints": {"enum": ["USA", "RUS"]}})
    (None, "'Russia' is not one of the allowed values (USA, RUS). Did you mean 'RUS'?")
    """
    return _cell_checker(field)(raw)


def _key_columns(schema: Mapping[str, Any]) -> list[tuple[str, ...]]:
    """The columns (or column groups) whose values must not repeat: unique fields and the primary key."""
    keys = [(f["name"],) for f in schema["fields"] if f.get("constraints", {}).get("unique")]
    primary = schema.get("primaryKey")
    if primary:
        primary = (primary,) if isinstance(primary, str) else tuple(primary)
        if primary not in keys:
            keys.append(primary)
    return keys


def typed_columns(
    table: str,
    rows: Sequence[Mapping[str, str]],
    schema: Mapping[str, Any],
    *,
    known: Callable[[str, str], Collection[str]] | None = None,
    where: Callable[[str], str] | None = None,
    first_row: int = 1,
) -> tuple[dict[str, list[Any]], list[Problem]]:
    """The rows' typed values, column by column (None where empty or wrong), and the problems found.

    This is :func:`check_rows` keeping the values it read, so that a caller that needs both (the loader)
    reads every cell once. A column a row does not have is not checked (the caller says it is missing).
    """
    fields = schema["fields"]
    missing = set(schema.get("missingValues", [""]))
    names = [f["name"] for f in fields]
    position = {name: i for i, name in enumerate(names)}
    checkers = [(f["name"], bool(f.get("constraints", {}).get("required")), _cell_checker(f)) for f in fields]
    columns: dict[str, list[Any]] = {name: [] for name in names}
    problems: list[Problem] = []

    for number, row in enumerate(rows, start=first_row):
        for name, required, check in checkers:
            raw = row.get(name)
            value = None
            if raw is None:
                pass
            elif raw in missing:
                if required:
                    problems.append(Problem(number, name, "this cell is empty, but every row needs a value here."))
            else:
                value, message = check(raw)
                if message is not None:
                    problems.append(Problem(number, name, message))
            columns[name].append(value)

    for key in _key_columns(schema):
        first_use: dict[tuple[Any, ...], int] = {}
        for i, values in enumerate(zip(*(columns[c] for c in key), strict=True)):
            if any(v is None for v in values):
                continue
            if values in first_use:
                shown = ", ".join(str(rows[i][c]) for c in key)
                problems.append(Problem(i + first_row, key[0], f"'{shown}' appears twice: row {first_use[values]} "
                                                               f"has it too; each {' and '.join(key)} must be "
                                                               "unique."))
            else:
                first_use[values] = i + first_row

    where = where or (lambda other: f"the {other} table")
    for ref in references(table, schema):
        if ref.column not in columns:
            continue
        valid = set(known(ref.table, ref.field)) if known is not None else set()
        if ref.table == table:
            valid.update(rows[i][ref.field] for i, v in enumerate(columns[ref.field]) if v is not None)
        elif known is None:
            continue  # nothing to compare with: references to other tables need ``known``
        for i, value in enumerate(columns[ref.column]):
            if value is None:
                continue
            for one in ref.ids(rows[i][ref.column]):
                if one not in valid:
                    article = "an" if ref.field[0] in "aeiou" else "a"
                    hint = did_you_mean(one, valid) if len(valid) < 5000 else ""
                    problems.append(Problem(i + first_row, ref.column,
                                            f"'{one}' is not {article} {ref.field} in {where(ref.table)}.{hint}"))

    problems.sort(key=lambda p: (p.row or 0, position.get(p.column or "", len(names))))
    return columns, problems


def check_rows(table: str, rows: Sequence[Mapping[str, str]], schema: Mapping[str, Any],
               **options: Any) -> list[Problem]:
    """Every problem of these rows of ``table`` against its schema and the ids they refer to, row by row.

    The options are those of :func:`typed_columns` (``known``, ``where``, ``first_row``).

    ``rows`` hold the text of their cells, as in the CSV file (one dict per row, "" for an empty cell);
    they are numbered from ``first_row``. ``known(table, column)`` gives the ids other rows already have
    (the rest of the data); ``where(table)`` says where those are, for the message. References inside
    the rows themselves (an event answering another) are checked against the rows too.

    >>> schema = {"fields": [{"name": "event_id", "type": "string", "constraints": {"required": True}},
    ...                      {"name": "date", "type": "date", "constraints": {"required": True}},
    ...                      {"name": "source_ids", "type": "string"}],
    ...           "listForeignKeys": [{"fields": "source_ids", "delimiter": ";",
    ...                                "reference": {"resource": "sources", "fields": "source_id"}}]}
    >>> rows = [{"event_id": "a", "date": "2016-12-29", "source_ids": "wh;toner"},
    ...         {"event_id": "b", "date": "30/12/2016", "source_ids": "wh;tass"}]
    >>> sources = {"wh", "toner"}
    >>> for problem in check_rows("events", rows, schema, known=lambda table, column: sources,
    ...                           where=lambda table: f"data/{table}.csv", first_row=2):
    ...     print(problem)
    Row 3, column 'date': '30/12/2016' is not a date like 2018-03-30 (year-month-day): write it 2016-12-30.
    Row 3, column 'source_ids': 'tass' is not a source_id in data/sources.csv.
    """
    return typed_columns(table, rows, schema, **options)[1]


# --- primary sources: the issuing body's own page ------------------------------------------------------
# A page captured by a web archive was published where the captured address says.
WEB_ARCHIVES = ("cybercemetery.unt.edu", "web.archive.org")


def published_host(url: str) -> str:
    """The host a page was published on, without 'www.'; for a web-archive capture, the captured page's host.

    >>> published_host("https://web.archive.org/web/2017/https://www.state.gov/r/pa/prs/ps/2017/08/273.htm")
    'state.gov'
    """
    from urllib.parse import urlparse

    def host_of(address: str) -> str:
        host = (urlparse(address).hostname or "").lower()
        return host[4:] if host.startswith("www.") else host

    host = host_of(str(url))
    if host in WEB_ARCHIVES:
        inner = re.search(r"https?://(?!.*https?://).*", str(url)[len("https://" + host):])
        return host_of(inner.group(0)) if inner else host
    return host


def on_domain(host: str, domain: str) -> bool:
    """True if ``host`` is ``domain`` or one of its sub-domains ('en.kremlin.ru' is on 'kremlin.ru')."""
    return host == domain or host.endswith("." + domain)


def source_issuer_problem(kind: str, issuer: str, url: str, domains: Mapping[str, Sequence[str]]) -> str | None:
    """What is wrong with a source's kind, issuer and address together (None if nothing).

    ``primary`` is only for the issuing body's own publication: its ``issuer`` is named and its address is on
    one of that issuer's domains (``domains``: issuer -> domains, from data/official_domains.csv); a copy
    elsewhere is ``secondary`` and names no issuer.

    >>> domains = {"ru_mfa": ["mid.ru"], "us_state": ["state.gov"]}
    >>> source_issuer_problem("primary", "ru_mfa", "https://www.mid.ru/en/press/1", domains) is None
    True
    >>> print(source_issuer_problem("primary", "", "https://www.mid.ru/en/press/1", domains))
    a primary source names its issuer, the body that published it (one of: ru_mfa, us_state).
    >>> print(source_issuer_problem("primary", "ru_mfa", "https://tass.com/politics/1", domains))
    tass.com is not a site of ru_mfa (mid.ru): a primary source is the issuing body's own page; a copy elsewhere is secondary.
    """
    if kind == "primary":
        if not issuer:
            return (f"a primary source names its issuer, the body that published it "
                    f"(one of: {', '.join(sorted(domains))}).")
        if issuer not in domains:
            return f"'{issuer}' is not an issuer in data/official_domains.csv.{did_you_mean(issuer, domains)}"
        host = published_host(url)
        if not any(on_domain(host, d) for d in domains[issuer]):
            return (f"{host} is not a site of {issuer} ({', '.join(domains[issuer])}): a primary source is the "
                    "issuing body's own page; a copy elsewhere is secondary.")
    elif kind == "secondary" and issuer:
        return "a secondary source names no issuer (only the issuing body's own page is primary)."
    return None
