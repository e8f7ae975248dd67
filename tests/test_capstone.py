"""Notebook 07 (capstone): its analysis (rounds, who did what), charts and explorer."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import plotly.graph_objects as go
import pytest

from helpers import load_events, load_facilities, load_sources, load_table
from helpers.analysis import capstone
from helpers.analysis.capstone import (
    MEASURES,
    ROUNDS,
    round_dates,
    round_events,
    round_table,
    rounds_summary,
    unlisted_closures,
    who_did_what,
)
from helpers.charts.capstone import (
    measures_figure,
    new_rows_timeline_figure,
    round_timeline_figure,
    rounds_compared_figure,
)
from helpers.contribute import example_rows, validate_new_rows, with_new_rows
from helpers.data import split_ids
from helpers.widgets.capstone import round_view, rounds_explorer


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return load_events()


def _toy() -> pd.DataFrame:
    """A tiny events table with one round of each kind of act (ids match ROUNDS['Mar–Apr 2018'])."""
    first, last = ROUNDS["Mar–Apr 2018"]
    rows = [
        (first, "2018-03-26", "USA", "RUS", "expulsion", 60, "a;b", "161"),
        ("2018-03-26-close", "2018-03-26", "USA", "RUS", "closure", None, "c;d", "161"),
        ("2018-03-29-out", "2018-03-29", "RUS", "USA", "expulsion", 60, "e", "161"),
        ("2018-03-29-close", "2018-03-29", "RUS", "USA", "closure", None, "f", "161"),
        ("2018-03-31-step", "2018-03-31", "USA", None, "closure", None, "f;g", None),  # a later step
        ("2018-04-01-words", "2018-04-01", "RUS", "USA", "protest", None, None, "111"),
        (last, "2018-04-25", "USA", "RUS", "closure", None, "c", None),
        ("2018-05-01-after", "2018-05-01", "RUS", "USA", "expulsion", 9, None, "161"),
    ]
    frame = pd.DataFrame(rows, columns=["event_id", "date", "actor", "target", "category", "people",
                                         "facility_ids", "cameo_code"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["people"] = frame["people"].astype("Int64")
    frame["actor"] = pd.Categorical(frame["actor"], categories=["USA", "RUS", "UKR", "GBR", "EU"])
    return frame


def test_round_dates_come_from_the_data(events):
    for name, (first, last) in ROUNDS.items():
        start, end = round_dates(events, name)
        assert start == events.loc[events["event_id"] == first, "date"].iloc[0]
        assert end == events.loc[events["event_id"] == last, "date"].iloc[0]
        assert start <= end


def test_every_round_id_is_in_the_events_table(events):
    ids = set(events["event_id"].astype(str))
    assert {i for pair in ROUNDS.values() for i in pair} <= ids


def test_round_events_keeps_the_window_and_does_not_mutate():
    toy = _toy()
    before = toy.copy()
    inside = round_events(toy, "Mar–Apr 2018")
    assert "2018-05-01-after" not in set(inside["event_id"]) and len(inside) == 7
    pd.testing.assert_frame_equal(toy, before)


def test_who_did_what_counts_orders_not_later_steps():
    table = who_did_what(_toy(), "Mar–Apr 2018")
    assert list(table.index) == ["USA", "RUS"] and list(table.columns) == ["events", *MEASURES]
    assert table.loc["USA", "people expelled"] == 60 and table.loc["RUS", "people expelled"] == 60
    assert table.loc["USA", "facilities ordered shut"] == 2  # c;d, not the uncoded steps f;g or c
    assert table.loc["RUS", "facilities ordered shut"] == 1
    assert table.loc["RUS", "statements and protests"] == 1 and table.loc["USA", "events"] == 4


def test_the_real_rounds(events):
    summary = rounds_summary(events).set_index(["round", "actor"])
    assert summary.loc[("Dec 2016", "USA"), "people expelled"] == 35
    assert summary.loc[("Dec 2016", "RUS"), "people expelled"] == 0
    assert summary.loc[("Jul–Oct 2017", "RUS"), "staff cut by a cap"] == 755
    assert summary.loc[("Mar–Apr 2018", "USA"), "people expelled"] == 60
    assert summary.loc[("Mar–Apr 2018", "RUS"), "people expelled"] == 60
    assert list(dict.fromkeys(summary.index.get_level_values("round"))) == list(ROUNDS)
    # Notebook 07 says (in words, under its chart) that only in March 2018 are the two sides' bars equal in
    # every panel, and that in December 2016 only the US acted: keep the data and that sentence in step.
    panels = ["people expelled", "staff cut by a cap", "facilities ordered shut"]
    equal = {name: all(summary.loc[(name, "USA"), m] == summary.loc[(name, "RUS"), m] for m in panels)
             for name in ROUNDS}
    assert equal == {"Dec 2016": False, "Jul–Oct 2017": False, "Mar–Apr 2018": True}
    assert all(summary.loc[("Dec 2016", "RUS"), m] == 0 for m in panels)


def test_round_view_is_a_figure_with_a_trace_per_actor_and_measure(events):
    fig = round_view(events, "Mar–Apr 2018")
    assert isinstance(fig, go.Figure)
    assert len(fig.data) == 2 * len(MEASURES)
    assert {t.name for t in fig.data} == {"United States", "Russia"}
    assert "26 Mar 2018" in fig.layout.title.text


def test_explorer_starts_on_march_2018_and_redraws(events):
    box = rounds_explorer(events)
    dropdown = box.controls["name"]
    assert dropdown.value == "Mar–Apr 2018" and list(dropdown.options) == list(ROUNDS)
    dropdown.value = "Dec 2016"  # the callback runs without a browser
    shown = box.output.outputs[0]["data"]["application/vnd.plotly.v1+json"]["layout"]["title"]["text"]
    assert "Dec 2016" in shown
    box.redraw()
    assert rounds_explorer(events, start="no such round").controls["name"].value == list(ROUNDS)[-1]


def test_module_exports_are_documented():
    for name in capstone.__all__:
        obj = getattr(capstone, name)
        if callable(obj):
            assert obj.__doc__, name


# --- charts --------------------------------------------------------------------------------

def test_round_timeline_figure_shades_the_round():
    events = load_events()
    before = events.copy()
    fig = round_timeline_figure(events, pd.Timestamp("2018-03-26"), pd.Timestamp("2018-04-25"), "Mar–Apr 2018")
    assert isinstance(fig, go.Figure)
    pd.testing.assert_frame_equal(events, before)
    shapes = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(shapes) == 1 and pd.Timestamp(shapes[0].x0) < pd.Timestamp("2018-03-26")
    assert any(a.text == "Mar–Apr 2018" for a in fig.layout.annotations)
    assert sum(len(t.x) for t in fig.data) == len(events)


def test_rounds_compared_figure_has_a_bar_per_round_and_actor():
    summary = rounds_summary(load_events())
    before = summary.copy()
    measures = ["people expelled", "staff cut by a cap", "facilities ordered shut"]
    fig = rounds_compared_figure(summary, measures)
    pd.testing.assert_frame_equal(summary, before)
    assert len(fig.data) == 2 * len(measures) and all(t.type == "bar" for t in fig.data)
    expelled_usa = next(t for t in fig.data if t.name == "United States" and t.xaxis == "x")
    assert list(expelled_usa.x) == list(dict.fromkeys(summary["round"]))
    assert list(expelled_usa.y) == list(summary.loc[summary["actor"] == "USA", "people expelled"].astype(float))
    assert sum(t.showlegend is not False for t in fig.data) == 2  # one legend entry per actor


def test_measures_figure_takes_the_who_did_what_table():
    table = who_did_what(load_events(), "Dec 2016")
    fig = measures_figure(table, MEASURES, title="T")
    assert fig.layout.title.text == "T" and len(fig.data) == 2 * len(MEASURES)
    assert "actor" not in table.columns  # the input (indexed by actor) is not changed


def test_new_rows_timeline_figure_circles_the_new_rows():
    combined = with_new_rows("events", example_rows())
    fig = new_rows_timeline_figure(combined)
    circles = [t for t in fig.data if t.name == "your new rows"]
    assert len(circles) == 1 and len(circles[0].x) == 2
    plain = new_rows_timeline_figure(load_events())
    assert all(t.name != "your new rows" for t in plain.data)


# --- what notebook 07 says, kept true by the data ------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def _assigned_literal(notebook: str, name: str):
    """The literal value a code cell of a solution notebook assigns to ``name`` (e.g. the example rows)."""
    nb = json.loads((ROOT / "notebooks" / "solutions" / notebook).read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        for node in ast.parse("".join(cell["source"])).body:
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == name for t in node.targets):
                return ast.literal_eval(node.value)
    raise AssertionError(f"no cell of {notebook} assigns {name}")


def test_round_table_has_a_row_per_round_with_its_days(events):
    table = round_table(events)
    assert list(table["round"]) == list(ROUNDS)
    for row in table.itertuples():
        start, end = round_dates(events, row.round)
        assert (row.start, row.end, row.days) == (start, end, (end - start).days)


def test_unlisted_closures_finds_a_facility_its_closing_event_forgets(events):
    facilities = load_facilities()
    assert unlisted_closures(facilities, events).empty  # the two tables agree today
    closing = facilities.loc[facilities["facility_id"] == "pioneer_point", "closed_by"].iloc[0]
    broken = events.copy()
    broken.loc[broken["event_id"] == closing, "facility_ids"] = "norwich_house"
    assert unlisted_closures(facilities, broken)["facility_id"].tolist() == ["pioneer_point"]


def test_the_months_before_march_2018_paused_expulsions_and_closures_but_not_the_quarrel(events):
    """Notebook 07 computes this in words: no expulsion, cap or closure order between the summer-2017 round and
    March 2018, yet calls, the flags and a media exchange (category media) in between; then a silence."""
    end_2017 = round_dates(events, "Jul–Oct 2017")[1]
    between = events[(events["date"] > end_2017) & (events["date"] < "2018-03-01")]
    coded = between["cameo_code"].notna()
    assert between[coded & between["category"].isin(["expulsion", "staff_cap", "closure"])].empty
    kinds = set(between["category"].astype(str))
    assert {"media", "diplomacy", "closure", "protest"} <= kinds
    media = between[between["category"] == "media"]
    assert set(media["actor"].astype(str)) == {"USA", "RUS"}  # each side answered the other
    first_2018 = events.loc[events["date"] >= "2018-03-01", "date"].min()
    assert (first_2018 - between["date"].max()).days > 60  # the record's one real silence


def test_the_sources_of_exercise_7_5_are_still_cited_by_their_row(events):
    from helpers.exercises.capstone import ROW_7_5, SOURCE_OPTIONS

    cited = set(split_ids(events.set_index("event_id").loc[ROW_7_5, "source_ids"]))
    assert set(SOURCE_OPTIONS.values()) <= cited


def test_the_worked_example_source_row_is_a_valid_primary_source():
    """The capstone's example source must pass validate_new_rows and the data's own rule for primary sources:
    an issuer of official_domains.csv, and an address on one of that issuer's domains (validate_new_rows does not
    check the second part; the data tests would refuse the row once pasted into sources.csv)."""
    my_sources = _assigned_literal("07-capstone.ipynb", "my_sources")
    assert validate_new_rows("sources", my_sources, quiet=True).ok
    domains = load_table("official_domains")
    for row in my_sources:
        if row["kind"] != "primary":
            assert not row.get("issuer"), row["source_id"]
            continue
        assert row.get("issuer") in set(domains["issuer"].astype(str)), row["source_id"]
        host = urlparse(row["url"]).hostname or ""
        own = domains.loc[domains["issuer"].astype(str) == row["issuer"], "domain"].astype(str)
        assert any(host == d or host.endswith("." + d) for d in own), (row["source_id"], host)
    my_events = _assigned_literal("07-capstone.ipynb", "my_events")
    assert validate_new_rows("events", my_events, together_with={"sources": my_sources}, quiet=True).ok
    assert set(load_sources()["source_id"]).isdisjoint({r["source_id"] for r in my_sources})
