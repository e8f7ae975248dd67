"""The loader types every table and turns every broken file into one clear error.

Uses a tiny fixture package (tests/fixtures/mini), copied and broken on purpose.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers import data
from helpers.data import DataPackageError

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def pkg(tmp_path, monkeypatch):
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    monkeypatch.setenv("TITFORTAT_DATA", str(target))
    data.clear_cache()
    yield target
    data.clear_cache()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_types_from_schema(pkg):
    events = data.load_table("events")
    assert str(events["date"].dtype).startswith("datetime64")
    assert str(events["people"].dtype) == "Int64" and events["people"].isna().sum() == 1
    assert str(events["goldstein"].dtype) == "Float64"
    assert isinstance(events["actor"].dtype, pd.CategoricalDtype)
    assert list(events["actor"].cat.categories) == ["USA", "RUS"]
    assert str(events["event_id"].dtype) == "string"


def test_each_call_returns_a_fresh_copy(pkg):
    first = data.load_table("events")
    del first["people"]
    assert "people" in data.load_table("events").columns


def _error(pkg) -> DataPackageError:
    with pytest.raises(DataPackageError) as info:
        data.load_table("events")
    return info.value


def test_missing_file(pkg):
    (pkg / "events.csv").unlink()
    err = _error(pkg)
    assert "events.csv" in str(err) and "missing" in str(err) and "What to do" in str(err)


def test_missing_column(pkg):
    csv = pkg / "events.csv"
    csv.write_text("\n".join(",".join(line.split(",")[:-1]) for line in csv.read_text().splitlines()) + "\n")
    err = _error(pkg)
    assert err.column == "source_id" and err.row == 1 and "events.csv" in str(err)


def test_bad_date(pkg):
    _edit(pkg / "events.csv", "2016-12-30", "30/12/2016")
    err = _error(pkg)
    assert (err.row, err.column) == (3, "date") and "30/12/2016" in str(err)


def test_bad_integer_and_enum(pkg):
    _edit(pkg / "events.csv", ",755,", ",755 staff,")
    assert (_error(pkg).row, _error(pkg).column) == (4, "people")
    data.clear_cache()
    _edit(pkg / "events.csv", ",755 staff,", ",755,")
    _edit(pkg / "events.csv", "RUS,755", "USSR,755")
    err = _error(pkg)
    assert (err.row, err.column) == (4, "actor") and "USA, RUS" in str(err)


def test_required_cell_empty(pkg):
    _edit(pkg / "events.csv", ",s2", ",")
    err = _error(pkg)
    assert (err.row, err.column) == (4, "source_id") and "empty" in str(err)


def test_dangling_ids(pkg):
    _edit(pkg / "events.csv", "755,-4.0,a", "755,-4.0,zzz")
    err = _error(pkg)
    assert (err.row, err.column) == (4, "responds_to") and "zzz" in str(err)
    data.clear_cache()
    _edit(pkg / "events.csv", "755,-4.0,zzz,s2", "755,-4.0,a,s9")
    err = _error(pkg)
    assert (err.row, err.column) == (4, "source_id") and "sources" in str(err)


def test_duplicate_id(pkg):
    _edit(pkg / "events.csv", "b,2016-12-30", "a,2016-12-30")
    err = _error(pkg)
    assert (err.row, err.column) == (3, "event_id") and "twice" in str(err)


def test_ragged_row_and_not_utf8(pkg):
    _edit(pkg / "events.csv", "c,2017-07-28", "c,extra,2017-07-28")
    assert _error(pkg).row == 4
    data.clear_cache()
    (pkg / "events.csv").write_bytes("event_id\nK\xf6ln\n".encode("latin-1"))
    assert "UTF-8" in str(_error(pkg))


def test_corrupted_datapackage(pkg):
    (pkg / "datapackage.json").write_text("{ not json")
    err = _error(pkg)
    assert "datapackage.json" in str(err) and "JSON" in str(err)


def test_unknown_table(pkg):
    with pytest.raises(DataPackageError, match="no table called 'event'"):
        data.load_table("event")


def test_notebook_shows_message_not_traceback(pkg):
    (pkg / "events.csv").unlink()
    lines = _error(pkg)._render_traceback_()
    assert len(lines) == 2 and lines[0].startswith("DataPackageError: ") and "Traceback" not in "".join(lines)


def test_split_and_explode_ids():
    assert data.split_ids("a;b; c") == ["a", "b", "c"]
    assert data.split_ids(None) == [] and data.split_ids(pd.NA) == [] and data.split_ids("") == []
    frame = pd.DataFrame({"k": ["x", "y"], "ids": ["a;b", None]})
    out = data.explode_ids(frame, "ids")
    assert out["ids"].tolist() == ["a", "b"] and out["k"].tolist() == ["x", "x"]
