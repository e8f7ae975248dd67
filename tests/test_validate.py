"""One validator (helpers.validate) for every row, wherever it enters: the loader and validate_new_rows refuse a
bad row with the same words, the loader refuses whatever Frictionless (`make test`) refuses, and every rule
the schemas state is one the validator knows how to check.
"""

from __future__ import annotations

import doctest
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from data_copy import read_rows as _rows
from data_copy import write_rows as _write
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import helpers.data
import helpers.validate
import helpers.vocabulary
from helpers import data
from helpers.contribute import example_rows, validate_new_rows
from helpers.data import DataPackageError
from helpers.validate import (
    KNOWN_CONSTRAINTS,
    KNOWN_TYPES,
    LIST_SEPARATOR,
    PATTERN_WORDS,
    check_rows,
    references,
)

DATA = Path(__file__).resolve().parent.parent / "data"
TABLES = ["events", "sources", "facilities", "sanctions", "staffing", "people", "claims"]


def _schema(table: str) -> dict:
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == table)
    return json.loads((DATA / resource["schema"]).read_text(encoding="utf-8"))





def _loader_problems(table: str = "events"):
    data.clear_cache()
    try:
        data.load_table(table)
    except DataPackageError as err:
        return err.problems or [err]
    return []


# --- the loader and validate_new_rows: one validator, the same words ---------------------------------------

@pytest.mark.parametrize(("column", "bad"), [
    ("event_id", "Ryabkov summons Huntsman"),
    ("date", "2017-W09-4"),
    ("date", "29/03/2018"),
    ("date", "2019-01-01"),
    ("actor", "Russia"),
    ("actor", " RUS"),
    ("category", "Expulsion"),
    ("people", "1_0"),
    ("people", "-1"),
    ("goldstein", "nan"),
    ("goldstein", "450"),
    ("cameo_code", "16a"),
    ("summary", ""),
    ("source_ids", "europediplomatic_0330; armenpress"),
    ("source_ids", "europediplomatic_0330;no_such_source"),
    ("facility_ids", "no_such_building"),
    ("responds_to", "2018-03-26-no-such-event"),
])
def test_the_loader_and_validate_new_rows_refuse_a_bad_row_with_the_same_words(pkg, column, bad):
    row = dict(example_rows()[0], **{column: bad})
    report = validate_new_rows("events", [row], quiet=True)
    student = [p for p in report.problems if (p.row, p.column) == (1, column)]

    rows = _rows(pkg / "events.csv")
    _write(pkg / "events.csv", [*rows, [row.get(name, "") for name in rows[0]]])
    loader = _loader_problems()

    assert len(student) == 1 and len(loader) == 1, (report.text(), loader)
    assert (loader[0].row, loader[0].column) == (len(rows) + 1, column)
    if " in data/" in loader[0].message:  # a reference: validate_new_rows adds how to give new rows with it
        assert loader[0].message.endswith(".") and student[0].message.startswith(loader[0].message[:-1])
    else:
        assert student[0].message == loader[0].message


def test_the_example_rows_pass_both(pkg):
    assert validate_new_rows("events", example_rows(), quiet=True).ok
    rows = _rows(pkg / "events.csv")
    _write(pkg / "events.csv", [*rows, *([r.get(name, "") for name in rows[0]] for r in example_rows())])
    assert _loader_problems() == []
    assert len(data.load_events()) == len(rows) + 1


# --- the loader refuses what Frictionless refuses ------------------------------------------------------------

def _frictionless_refuses(root: Path, table: str) -> bool:
    from frictionless import Package, system

    with system.use_context(trusted=True):
        report = Package(str(root / "datapackage.json")).get_resource(table).validate()
    return not report.valid


def _set(root: Path, table: str, row: int, column: str, text: str) -> None:
    rows = _rows(root / f"{table}.csv")
    rows[row - 1][rows[0].index(column)] = text
    _write(root / f"{table}.csv", rows)


SECOND_SOURCE = _rows(DATA / "sources.csv")[1][0]

# (table, row, column, text, does Frictionless refuse it too?)
CORRUPTIONS = [
    ("events", 2, "event_id", "Ryabkov summons Huntsman", True),
    ("events", 2, "date", "2017-W09-4", True),
    ("events", 2, "date", "2014-02-28", True),
    ("events", 2, "people", "-1", True),
    ("events", 2, "people", "sixty", True),
    ("events", 2, "goldstein", "nan", True),
    ("events", 2, "goldstein", "inf", True),
    ("events", 2, "goldstein", "450", True),
    ("events", 2, "actor", "Russia", True),
    ("events", 2, "summary", "", True),
    ("events", 2, "cameo_code", "16a", True),
    ("events", 3, "responds_to", "2014-01-01-no-such-event", True),
    ("facilities", 2, "lat", "450", True),
    ("facilities", 2, "closed_by", "2017-09-02-no-such-event", True),
    ("sanctions", 2, "amends", "no_such_sanction", True),
    ("sanctions", 2, "event_id", "2014-03-06-no-such-event", True),
    ("staffing", 2, "part_of", "no_such_measurement", True),
    ("staffing", 2, "value", "755 staff", True),
    ("people", 2, "term_start", "31/12/2016", True),
    ("claims", 2, "order", "0", True),
    ("claims", 2, "phrase", "a phrase of far more than six words", True),
    ("sources", 2, "url", "www.example.org", True),
    ("sources", 3, "source_id", SECOND_SOURCE, True),
    # Stricter than Frictionless, on purpose (the data write these one way only):
    ("events", 2, "people", "1_0", False),  # Frictionless reads Python's int syntax: 10
    ("events", 2, "people", " 12", False),  # Frictionless strips the spaces
    ("events", 2, "date", "2017-3-1", False),  # Frictionless reads it as 2017-03-01
    ("sources", 2, "url", "https://example.org/a page", False),  # a space breaks the link
    # List columns: Frictionless cannot check them (tests/test_data_package.py does, and now the loader):
    ("events", 2, "source_ids", "haaretz;no_such_source", False),
    ("events", 2, "facility_ids", "no_such_building", False),
    ("claims", 2, "event_ids", "2017-08-31-no-such-event", False),
]


@pytest.mark.parametrize(("table", "row", "column", "text", "frictionless_too"), CORRUPTIONS)
def test_the_loader_refuses_every_corruption_and_frictionless_agrees(pkg, table, row, column, text,
                                                                     frictionless_too):
    _set(pkg, table, row, column, text)
    problems = _loader_problems(table)
    assert problems and (problems[0].row, problems[0].column) == (row, column), problems
    assert _frictionless_refuses(pkg, table) == frictionless_too


@pytest.fixture(scope="module")
def scratch():
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        root = Path(folder) / "data"
        shutil.copytree(DATA, root)
        patch.setenv("TITFORTAT_DATA", str(root))
        yield root
    data.clear_cache()


CELLS = [("events", "date"), ("events", "people"), ("events", "goldstein"), ("events", "actor"),
         ("events", "event_id"), ("events", "cameo_code"), ("events", "responds_to"), ("events", "summary"),
         ("facilities", "lat"), ("facilities", "lon"), ("claims", "order"), ("sources", "url"),
         ("sources", "language"), ("people", "term_end"), ("staffing", "value"), ("staffing", "bound")]
TRICKY = ["", " ", "0", "-0", "+5", "1e3", "1e0", ".5", "5.", "1_0", "١٢", "NaN", "-inf", "1e999", "10.0", "-10.5",
          "2017-02-29", "2016-02-29", "2017-13-01", "2017-1-1", "20170101", "2017-01-01T00:00", "2017-W01-1",
          "usa", "RUS ", "http://", "https://x", "c01", "x" * 40, "9" * 25, "450", "-181", "91", "-10.01"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cell=st.sampled_from(CELLS),
       text=st.one_of(st.sampled_from(TRICKY), st.text(alphabet="0123456789-_.;,+eE aUSR\t/:", max_size=12)))
@example(cell=("events", "goldstein"), text="nan")
@example(cell=("facilities", "lat"), text="450")
@example(cell=("events", "event_id"), text="Ryabkov summons Huntsman")
def test_whatever_frictionless_refuses_the_loader_refuses(scratch, cell, text):
    table, column = cell
    original = (DATA / f"{table}.csv").read_bytes()
    try:
        _set(scratch, table, 2, column, text)
        if _frictionless_refuses(scratch, table):
            assert _loader_problems(table), f"Frictionless refuses {text!r} in {table}.{column}, the loader does not"
    finally:
        (scratch / f"{table}.csv").write_bytes(original)
        data.clear_cache()


# --- the validator knows every rule the schemas use --------------------------------------------------------

@pytest.mark.parametrize("table", TABLES)
def test_every_rule_of_the_schemas_is_one_the_validator_checks(table):
    schema = _schema(table)
    assert set(schema) <= {"name", "title", "description", "fields", "primaryKey", "foreignKeys",
                           "listForeignKeys", "missingValues"}, set(schema)
    assert schema.get("missingValues", [""]) == [""]
    for field in schema["fields"]:
        assert set(field) <= {"name", "type", "format", "description", "constraints"}, field["name"]
        assert field.get("type", "string") in KNOWN_TYPES, field["name"]
        assert field.get("format", "default") in {"default", "uri"}, field["name"]
        assert set(field.get("constraints", {})) <= KNOWN_CONSTRAINTS, field["name"]
        pattern = field.get("constraints", {}).get("pattern")
        assert pattern is None or pattern in PATTERN_WORDS, f"say {pattern} in words in helpers/validate.py"
    references(table, schema)  # one column each, or it raises


@pytest.mark.parametrize("table", TABLES)
def test_every_list_column_is_declared_with_its_table(table):
    schema = _schema(table)
    declared = {r.column: r for r in references(table, schema) if r.separator is not None}
    described = {f["name"] for f in schema["fields"] if "semicolon-separated" in f.get("description", "").lower()}
    assert set(declared) == described, "declare each list column in the schema's listForeignKeys"
    for ref in declared.values():
        assert ref.separator == LIST_SEPARATOR == data.LIST_SEPARATOR
        assert ref.table in TABLES and ref.field in {f["name"] for f in _schema(ref.table)["fields"]}


def test_check_rows_numbers_rows_from_first_row_and_never_checks_absent_columns():
    schema = _schema("events")
    problems = check_rows("events", [{"event_id": "x y"}, {"people": "-1"}], schema, first_row=5)
    assert [(p.row, p.column) for p in problems] == [(5, "event_id"), (6, "people")]


# --- doctests: the examples in the docstrings are true --------------------------------------------------------

@pytest.mark.parametrize("module", [helpers.validate, helpers.data, helpers.vocabulary],
                         ids=lambda m: m.__name__)
def test_doctests(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0, f"{result.failed} doctest(s) of {module.__name__} failed"
