"""Each way a data file could be silently lost or changed, or pass the notebooks while `make test` refuses it
(issue #14), now stops the loader with one plain message naming the file, the row and the column.

Every test breaks a copy of the real data package (``data/`` copied to a temporary folder, pointed at
with ``TITFORTAT_DATA``) the way a teacher or a student could, by hand or with a spreadsheet.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from data_copy import read_rows as read
from data_copy import write_rows as write

from helpers import data
from helpers.data import DataPackageError

DATA = Path(__file__).resolve().parent.parent / "data"





def set_cell(pkg: Path, table: str, row: int, column: str, text: str) -> None:
    """Put ``text`` in a cell, ``row`` counted as a spreadsheet shows it (the header is row 1)."""
    rows = read(pkg / f"{table}.csv")
    rows[row - 1][rows[0].index(column)] = text
    write(pkg / f"{table}.csv", rows)


def refused(table: str = "events") -> DataPackageError:
    data.clear_cache()
    with pytest.raises(DataPackageError) as info:
        data.load_table(table)
    return info.value


# --- data silently lost or changed -----------------------------------------------------------------------

def test_a_file_cut_inside_a_quoted_cell_is_refused_at_the_row_where_the_cell_starts(pkg):
    path = pkg / "events.csv"
    text = path.read_text(encoding="utf-8")
    rows = read(path)
    cut = text.rindex('"Not CAMEO-coded: appointment') + len('"Not CAMEO-coded: appoint')
    path.write_text(text[:cut], encoding="utf-8")
    err = refused()
    assert err.row == len(rows)  # the last row, where the open quote starts
    assert "quote" in err.plain and "not closed" in err.plain, err.plain


def test_line_breaks_inside_a_quoted_cell_are_kept(pkg):
    note = "First line of the note.\nSecond line.\r\nThird line, after a Windows line break.\u2028Fourth."
    set_cell(pkg, "events", 3, "note", note)
    events = data.load_events()
    assert len(events) == len(read(pkg / "events.csv")) - 1
    assert events.loc[1, "note"] == note


def test_an_integer_with_an_underscore_is_refused(pkg):
    set_cell(pkg, "events", 5, "people", "1_0")
    err = refused()
    assert (err.row, err.column) == (5, "people") and "'1_0' is not a whole number" in err.plain


def test_a_header_only_file_is_refused(pkg):
    path = pkg / "events.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    err = refused()
    assert "has no rows" in err.plain and "events.csv" in err.plain


# --- the loader applies every rule of the schemas and the references between tables ----------------------

@pytest.mark.parametrize(("table", "column", "bad", "words"), [
    ("events", "source_ids", "haaretz;no_such_source", "'no_such_source' is not a source_id in data/sources.csv"),
    ("events", "facility_ids", "no_such_building", "'no_such_building' is not a facility_id in data/facilities.csv"),
    ("claims", "event_ids", "2017-08-31-no-such-event", "is not an event_id in data/events.csv"),
    ("sanctions", "source_ids", "no_such_source", "is not a source_id"),
    ("people", "source_ids", "no_such_source", "is not a source_id"),
    ("staffing", "source_ids", "no_such_source", "is not a source_id"),
    ("facilities", "source_ids", "no_such_source", "is not a source_id"),
])
def test_unknown_ids_in_list_columns_are_refused(pkg, table, column, bad, words):
    set_cell(pkg, table, 2, column, bad)
    err = refused(table)
    assert (err.row, err.column) == (2, column) and words in err.plain, err.plain


def test_an_event_id_with_spaces_appended_by_hand_is_refused(pkg):
    rows = read(pkg / "events.csv")
    new = list(rows[-1])
    new[0] = "Ryabkov summons Huntsman"
    write(pkg / "events.csv", [*rows, new])
    err = refused()
    assert (err.row, err.column) == (len(rows) + 1, "event_id") and "an id like" in err.plain, err.plain


@pytest.mark.parametrize(("table", "column", "bad", "words"), [
    ("facilities", "lat", "450", "largest allowed value is 90"),
    ("facilities", "lon", "-181", "smallest allowed value is -180"),
    ("events", "goldstein", "nan", "'nan' is not a number"),
    ("events", "goldstein", "inf", "'inf' is not a number"),
    ("events", "goldstein", "450", "largest allowed value is 10"),
    ("events", "people", "-1", "smallest allowed value is 0"),
    ("events", "date", "2017-W09-4", "is not a date like"),
    ("events", "date", "2017-3-1", "is not a date like"),
    ("events", "date", "2019-01-01", "after the period"),
    ("events", "actor", "Russia", "Did you mean 'RUS'"),
    ("events", "cameo_code", "16a", "CAMEO code"),
    ("claims", "order", "0", "smallest allowed value is 1"),
    ("claims", "phrase", "a phrase of far more than six words", "one to six words"),
    ("sources", "url", "www.example.org", "web address"),
    ("sources", "url", "https://example.org/a page", "space"),
    ("staffing", "value", "755 staff", "is not a whole number"),
    ("people", "term_start", "31/12/2016", "is not a date like"),
])
def test_every_rule_of_the_schemas_is_applied(pkg, table, column, bad, words):
    set_cell(pkg, table, 2, column, bad)
    err = refused(table)
    assert (err.row, err.column) == (2, column) and words in err.plain, err.plain
    assert err.fix.startswith(f"Correct the cell in data/{table}.csv (row 2, column '{column}')"), err.fix


def test_several_problems_are_counted_and_the_first_is_named(pkg):
    set_cell(pkg, "events", 2, "people", "-1")
    set_cell(pkg, "events", 4, "date", "2017-W09-4")
    set_cell(pkg, "events", 9, "goldstein", "nan")
    err = refused()
    assert (err.row, err.column) == (2, "people")
    assert [(p.row, p.column) for p in err.problems] == [(2, "people"), (4, "date"), (9, "goldstein")]
    assert "2 more problems" in err.plain and "row 4, column 'date'" in err.plain


def test_a_row_with_too_many_cells_is_refused(pkg):
    rows = read(pkg / "events.csv")
    width = len(rows[0])
    rows[4].append("extra")
    write(pkg / "events.csv", rows)
    err = refused()
    assert err.row == 5 and f"{width + 1} cells" in err.plain and str(width) in err.plain


def test_a_blank_line_is_refused_as_make_test_refuses_it(pkg):
    path = pkg / "events.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    err = refused()
    assert err.row == len(read(pkg / "events.csv")) and "empty" in err.plain


def test_text_after_a_closing_quote_is_refused(pkg):
    path = pkg / "events.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    assert ",Russian Foreign Ministry," in lines[9]
    lines[9] = lines[9].replace(",Russian Foreign Ministry,", ',"Russian" Foreign Ministry,', 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    err = refused()
    assert err.row == 10 and "quote" in err.plain, err.plain


# --- messages that mislead ------------------------------------------------------------------------------

def test_a_file_saved_with_a_byte_order_mark_loads_as_utf8(pkg):
    original = data.load_events()
    path = pkg / "events.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    data.clear_cache()
    pd.testing.assert_frame_equal(data.load_events(), original)


def test_a_file_saved_with_semicolons_says_so(pkg):
    path = pkg / "events.csv"
    rows = read(path)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    err = refused()
    assert err.row == 1 and "separated by semicolons (;), not commas" in err.plain, err.plain
    assert "missing" not in err.plain and "comma" in err.fix, err.fix


def test_a_file_saved_with_tabs_says_so(pkg):
    path = pkg / "sources.csv"
    rows = read(path)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter="\t", lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    err = refused("sources")
    assert "separated by tabs, not commas" in err.plain, err.plain


def test_a_windows_1252_file_names_the_row_and_says_save_as_utf8(pkg):
    set_cell(pkg, "events", 7, "note", "Talks in Köln \u2013 \u201cquoted\u201d by the press.")
    path = pkg / "events.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))  # what Excel's "CSV (Comma delimited)" does
    err = refused()
    assert (err.row, err.column) == (7, "note"), err.plain
    assert "not saved as UTF-8" in err.plain and "CSV UTF-8" in err.fix, (err.plain, err.fix)
    assert "byte" not in err.plain


def test_columns_out_of_order_are_refused_as_make_test_refuses_them(pkg):
    rows = read(pkg / "events.csv")
    write(pkg / "events.csv", [[row[1], row[0], *row[2:]] for row in rows])
    err = refused()
    assert err.row == 1 and "order" in err.plain and "event_id, date, date_note" in err.fix, (err.plain, err.fix)


def test_a_column_twice_in_the_header_is_refused(pkg):
    rows = read(pkg / "sources.csv")
    write(pkg / "sources.csv", [[*row, row[1]] for row in rows])
    err = refused("sources")
    assert (err.row, err.column) == (1, "title") and "twice" in err.plain, err.plain


def test_a_broken_message_still_shows_two_lines_in_a_notebook(pkg):
    set_cell(pkg, "events", 5, "people", "1_0")
    lines = refused()._render_traceback_()
    assert len(lines) == 2 and lines[0].startswith("DataPackageError: Problem in the data (file data/events.csv, "
                                                   "row 5, column 'people')")
