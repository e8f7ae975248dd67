"""validate_new_rows: good rows pass; each kind of mistake is named with its row and column; odd input never raises.

The checks run against the real data package (the ids used here are stable), so a test also fails if
a schema or the data change in a way that would break the capstone notebook's checks.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import load_events
from helpers.contribute import (
    Problem,
    ValidationReport,
    blank_row,
    example_rows,
    practice_rows,
    validate_new_rows,
    with_new_rows,
)

GOOD_SOURCE = {
    "source_id": "test_new_source",
    "title": "A new source",
    "publisher": "A publisher",
    "date": "2018-03-29",
    "url": "https://example.org/a-new-source",
    "kind": "secondary",
    "language": "en",
}


def _event(**changes) -> dict:
    row = dict(example_rows()[0])
    row.update(changes)
    return row


def _report(table: str, rows, **kwargs) -> ValidationReport:
    return validate_new_rows(table, rows, quiet=True, **kwargs)


def _problems(report: ValidationReport) -> list[tuple]:
    return [(p.row, p.column) for p in report.problems]


# --- good rows ------------------------------------------------------------------------------------------

def test_example_rows_pass_as_list_and_as_frame():
    assert _report("events", example_rows()).ok
    report = _report("events", pd.DataFrame(example_rows()))
    assert report.ok and report.rows == 2 and report.problems == []


def test_typed_values_are_accepted():
    row = _event(date=pd.Timestamp("2018-03-29"), people=3, goldstein=None, source_ids=["haaretz", "armenpress"])
    assert _report("events", [row]).ok
    assert _report("events", pd.DataFrame([_event(people=3.0)])).ok  # pandas turns ints with gaps into floats


def test_a_single_dict_is_one_row():
    assert _report("events", _event()).rows == 1


def test_new_source_can_be_cited_together_with_it():
    event = _event(source_ids="test_new_source;haaretz")
    alone = _report("events", [event])
    assert _problems(alone) == [(1, "source_ids")] and "test_new_source" in alone.problems[0].message
    assert _report("events", [event], together_with={"sources": [GOOD_SOURCE]}).ok
    assert _report("sources", [GOOD_SOURCE]).ok


def test_responds_to_a_new_row_of_the_same_batch():
    first = _event()
    second = _event(event_id="2018-03-30-test-answer", date="2018-03-30",
                    responds_to="2018-03-29-ryabkov-summons-huntsman")
    assert _report("events", [first, second]).ok


def test_other_tables_use_their_own_schema():
    facility = {"facility_id": "test_new_facility", "name": "A building", "owner": "RUS", "host": "USA",
                "city": "Seattle, WA", "lat": 47.6, "lon": -122.3, "coord_precision": "city",
                "kind": "residence", "source_ids": "haaretz", "confidence": "low"}
    assert _report("facilities", [facility]).ok
    assert _problems(_report("facilities", [dict(facility, lat=123)])) == [(1, "lat")]


# --- each kind of mistake, with row and column -----------------------------------------------------------

@pytest.mark.parametrize(("changes", "column", "words"), [
    ({"date": "29/03/2018"}, "date", "is not a date like 2018-03-30"),
    ({"date": "2018-3-29"}, "date", "is not a date"),
    ({"actor": "Russia"}, "actor", "Did you mean 'RUS'"),
    ({"category": "Expulsion"}, "category", "Did you mean 'expulsion'"),
    ({"confidence": "sure"}, "confidence", "allowed values"),
    ({"people": "sixty"}, "people", "is not a whole number"),
    ({"people": "1,000"}, "people", "without commas"),
    ({"people": -1}, "people", "smallest allowed value is 0"),
    ({"goldstein": 12}, "goldstein", "largest allowed value is 10"),
    ({"summary": ""}, "summary", "every row needs a value"),
    ({"summary": None}, "summary", "every row needs a value"),
    ({"source_ids": "haaretz; armenpress"}, "source_ids", "separated by ; with no spaces"),
    ({"source_ids": "haaretz;no_such_source"}, "source_ids", "'no_such_source' is not a source_id"),
    ({"facility_ids": "no_such_building"}, "facility_ids", "is not a facility_id"),
    ({"responds_to": "2018-03-26-no-such-event"}, "responds_to", "is not an event_id"),
    ({"responds_to": "2018-04-25-us-enters-seattle-residence"}, "responds_to", "earlier or same-day"),
    ({"event_id": "2018-03-28-wrong-date"}, "event_id", "must start with the date"),
    ({"event_id": "2018-03-29 with spaces"}, "event_id", "an id like"),
    ({"event_id": "2018-03-29-russia-expels-60"}, "event_id", "already in data/events.csv"),
    ({"date": "2019-01-01", "event_id": "2019-01-01-late"}, "date", "after the period"),
    ({"cameo_code": "161", "goldstein": -3.0}, "goldstein", "has the Goldstein weight -4.0"),
    ({"goldstein": -4.0}, "goldstein", "cameo_code is empty"),
    ({"actor": " RUS"}, "actor", "spaces at the start or end"),
    ({"actor": True}, "actor", "yes/no value"),
    ({"note": {"a": 1}}, "note", "give a single value"),
])
def test_each_mistake_is_reported_with_row_and_column(changes, column, words):
    rows = [_event(event_id="2018-03-29-test-first"), _event(**changes)]
    report = _report("events", rows)
    assert not report.ok
    assert (2, column) in _problems(report), report.text()
    message = next(str(p) for p in report.problems if (p.row, p.column) == (2, column))
    assert message.startswith(f"Row 2, column '{column}': ") and words in message, message
    assert 1 not in report.rows_with_problems()


def test_the_example_message_of_the_brief():
    report = _report("events", [_event(event_id="2018-03-30-x", date="2018-03-30"), _event(date="30/03/2018")])
    assert "Row 2, column 'date': '30/03/2018' is not a date like 2018-03-30" in report.text()


def test_duplicate_ids_within_the_new_rows():
    report = _report("events", [_event(), _event()])
    assert _problems(report) == [(2, "event_id")] and "row 1" in report.problems[0].message


def test_source_url_already_in_the_data():
    sources_url = "https://europediplomatic.com/2018/03/30/us-russia-diplomatic-expulsions-quid-pro-quo/"
    report = _report("sources", [dict(GOOD_SOURCE, url=sources_url)])
    assert _problems(report) == [(1, "url")] and "europediplomatic_0330" in report.problems[0].message


def test_missing_and_unknown_columns_are_named():
    row = _event()
    del row["confidence"]
    row["Date"] = "2018-03-29"
    report = _report("events", [row])
    assert (None, "confidence") in _problems(report)
    unknown = next(p for p in report.problems if p.column == "Date")
    assert "Did you mean 'date'" in unknown.message


def test_practice_rows_have_exactly_three_mistakes():
    report = _report("events", practice_rows())
    assert _problems(report) == [(1, "date"), (2, "actor"), (2, "source_ids")]


def test_unknown_table_and_bad_together_with():
    report = _report("event", example_rows())
    assert not report.ok and "Did you mean 'events'" in report.text()
    report = _report("events", example_rows(), together_with={"nope": []})
    assert not report.ok and "nope" in report.text()
    assert not _report("events", example_rows(), together_with=5).ok


# --- the report ---------------------------------------------------------------------------------------

def test_report_prints_one_block_and_displays_nothing_more(capsys):
    report = validate_new_rows("events", practice_rows())
    out = capsys.readouterr().out
    assert out.startswith("❌ 2 new rows for the events table: 3 problems to fix.")
    assert out.count("\n  - Row ") == 3
    assert report._ipython_display_() is None and capsys.readouterr().out == ""
    assert repr(report) == "<ValidationReport events: 2 rows, 3 problems>"
    frame = report.to_frame()
    assert list(frame.columns) == ["row", "column", "problem"] and len(frame) == 3
    validate_new_rows("events", example_rows())
    assert "no problems found" in capsys.readouterr().out
    validate_new_rows("events", [], quiet=True)
    assert capsys.readouterr().out == ""


def test_problem_text():
    assert str(Problem(2, "date", "x")) == "Row 2, column 'date': x"
    assert str(Problem(None, "date", "x")) == "Column 'date': x"
    assert str(Problem(3, None, "x")) == "Row 3: x"
    assert str(Problem(None, None, "x")) == "x"


def test_empty_input_is_not_ok_but_not_a_problem_list():
    report = _report("events", [])
    assert not report.ok and report.rows == 0 and "add at least one row" in report.text()


# --- odd input never raises ---------------------------------------------------------------------------

ODD = [None, ..., "text", b"bytes", 5, 3.5, math.nan, True, {}, {"a": 1}, {"a": [1, 2], "b": [3, 4]},
       [1, 2], [None], [[]], [{"date": object()}], pd.DataFrame(), pd.DataFrame({"x": [1, 2]}),
       pd.DataFrame({"event_id": [None, 3], "date": [pd.NaT, "x"]}), pd.DataFrame([[1, 2]], columns=["a", "a"]),
       pd.Series({"event_id": "x"}), go.Figure(), ValueError("boom"), object(), print, iter([{"a": 1}]),
       (x for x in range(3)), {1, 2}, [pd.NA], [{"people": float("inf"), "goldstein": "nan"}]]


@pytest.mark.parametrize("rows", ODD, ids=[type(o).__name__ for o in ODD])
def test_odd_rows_never_raise(rows, capsys):
    report = validate_new_rows("events", rows)
    assert isinstance(report, ValidationReport) and not report.ok
    assert capsys.readouterr().out.strip()


@pytest.mark.parametrize("table", [None, 3, "", "EVENTS", ["events"]])
def test_odd_table_names_never_raise(table):
    assert not _report(table, example_rows()).ok


cell = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12),
                 st.sampled_from([pd.NA, pd.NaT, pd.Timestamp("2018-03-29 10:00"), [], ["a"], {}, object()]))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.dictionaries(st.sampled_from([*blank_row("events"), "other"]), cell, max_size=6),
                     max_size=3))
def test_random_rows_never_raise_and_never_pass(rows):
    report = _report("events", rows)
    assert isinstance(report, ValidationReport)
    assert not report.ok  # random cells never make a complete, sourced event


def test_data_that_cannot_be_read_is_reported(tmp_path, monkeypatch):
    from helpers import data

    monkeypatch.setenv("TITFORTAT_DATA", str(tmp_path))
    data.clear_cache()
    try:
        report = _report("events", example_rows())
        assert not report.ok and "could not be read" in report.text()
    finally:
        monkeypatch.delenv("TITFORTAT_DATA")
        data.clear_cache()


# --- with_new_rows, blank_row --------------------------------------------------------------------------

def test_with_new_rows_adds_good_rows_typed_like_the_table(capsys):
    events = load_events()
    combined = with_new_rows("events", example_rows())
    assert len(combined) == len(events) + 2 and combined["is_new"].sum() == 2
    for column in events.columns:
        assert combined[column].dtype == events[column].dtype, column
    assert len(load_events()) == len(events)  # the data themselves are not changed


def test_with_new_rows_leaves_out_bad_rows(capsys):
    combined = with_new_rows("events", [example_rows()[0], _event(event_id="2018-03-29-x", date="bad")])
    assert combined["is_new"].sum() == 1
    assert "Left out your row(s) 2" in capsys.readouterr().out


@pytest.mark.parametrize("rows", [None, "x", [], pd.DataFrame({"x": [1]}), [1]])
def test_with_new_rows_never_raises(rows, capsys):
    combined = with_new_rows("events", rows)
    assert combined["is_new"].sum() == 0 and len(combined) == len(load_events())
    assert with_new_rows("nope", example_rows()).empty


def test_blank_row():
    row = blank_row("events")
    assert list(row)[:2] == ["event_id", "date"] and set(row.values()) == {""}
    assert blank_row("nope") == {}


def test_as_csv_gives_lines_the_loader_reads_back(tmp_path, monkeypatch):
    import shutil

    from helpers import data
    from helpers.contribute import as_csv

    text = as_csv("events", example_rows())
    assert text.count("\n") == 2 and text.startswith("2018-03-29-ryabkov-summons-huntsman,2018-03-29,")
    copy = tmp_path / "data"
    shutil.copytree(data.data_dir(), copy)
    with open(copy / "events.csv", "a", encoding="utf-8") as f:
        f.write(text)
    monkeypatch.setenv("TITFORTAT_DATA", str(copy))
    data.clear_cache()
    try:
        events = data.load_events()
        assert "2018-04-25-antonov-protests-seattle-entry" in set(events["event_id"])
        assert events["date"].max() >= pd.Timestamp("2018-04-25")
    finally:
        monkeypatch.delenv("TITFORTAT_DATA")
        data.clear_cache()


def test_as_csv_refuses_rows_with_problems(capsys):
    from helpers.contribute import as_csv

    assert as_csv("events", practice_rows()) == ""
    assert "3 problems" in capsys.readouterr().out
    assert as_csv("events", None) == ""


@pytest.mark.parametrize(("changes", "words"), [
    ({"kind": "primary", "url": "https://www.mid.ru/en/press/1"}, "names its issuer"),
    ({"kind": "primary", "issuer": "ru_mfa", "url": "https://tass.com/politics/1"}, "tass.com is not a site of ru_mfa"),
    ({"kind": "primary", "issuer": "no_such_body", "url": "https://www.mid.ru/en/press/1"}, "not an issuer"),
    ({"kind": "secondary", "issuer": "ru_mfa"}, "a secondary source names no issuer"),
])
def test_a_new_source_follows_the_primary_source_rule_of_the_data_tests(changes, words):
    """validate_new_rows refuses a source row that test_data_package would refuse once pasted into sources.csv."""
    report = _report("sources", [dict(GOOD_SOURCE, **changes)])
    assert _problems(report) == [(1, "issuer")] and words in report.problems[0].message


def test_a_primary_source_on_its_issuers_own_site_is_accepted():
    assert _report("sources", [dict(GOOD_SOURCE, kind="primary", issuer="ru_mfa",
                                    url="https://www.mid.ru/en/press_service/test")]).ok
