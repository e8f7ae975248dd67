"""Charts of notebook 04 (closures): the closure chain, and figures that leave their inputs alone."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers import load_events, load_facilities
from helpers.charts import closures as charts

OWNERS = ["USA", "RUS", "UKR", "GBR", "EU"]


def _events() -> pd.DataFrame:
    rows = [
        # event_id, date, actor, category, facility_ids, responds_to, summary
        ("cause", "2017-07-28", "RUS", "staff_cap", None, None, "the cause"),
        ("order", "2017-08-31", "USA", "closure", "cg_a;annex_b", "cause", "the order"),
        ("done", "2017-09-02", "USA", "closure", "cg_a;annex_b", None, "the keys"),
        ("later", "2017-10-02", "USA", "closure", "cg_a", None, "the residence"),
        ("ru_order", "2017-09-10", "RUS", "closure", "us_c", "order", "an answer"),
        ("ru_done", "2017-09-12", "RUS", "closure", "us_c", None, "done"),
    ]
    frame = pd.DataFrame(rows, columns=["event_id", "date", "actor", "category", "facility_ids", "responds_to",
                                        "summary"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["actor"] = pd.Categorical(frame["actor"], categories=OWNERS)
    for col in ("event_id", "facility_ids", "responds_to", "summary"):
        frame[col] = frame[col].astype("string")
    return frame


def _facilities() -> pd.DataFrame:
    rows = [
        # facility_id, name, owner, host, kind, closed_by
        ("cg_a", "Consulate A (big city)", "RUS", "USA", "consulate_general", "done"),
        ("annex_b", "Trade office B (State Department term: 'annex')", "RUS", "USA", "consular_annex", "done"),
        ("res_a", "Residence A", "RUS", "USA", "residence", "later"),
        ("cg_d", "Consulate D", "RUS", "USA", "consulate_general", None),
        ("us_c", "US consulate C", "USA", "RUS", "consulate_general", "ru_done"),
        ("us_e", "US consulate E", "USA", "RUS", "consulate_general", None),
    ]
    frame = pd.DataFrame(rows, columns=["facility_id", "name", "owner", "host", "kind", "closed_by"])
    for col in ("owner", "host"):
        frame[col] = pd.Categorical(frame[col], categories=OWNERS)
    frame["kind"] = frame["kind"].astype("category")
    for col in ("facility_id", "name", "closed_by"):
        frame[col] = frame[col].astype("string")
    frame["city"] = "somewhere"
    frame["lat"], frame["lon"] = 40.0, -74.0
    frame["coord_precision"] = "city"
    return frame


def _unchanged(fn, facilities, events, **kwargs) -> go.Figure:
    before_f, before_e = facilities.copy(), events.copy()
    fig = fn(facilities, events, **kwargs)
    pd.testing.assert_frame_equal(facilities, before_f)
    pd.testing.assert_frame_equal(events, before_e)
    assert isinstance(fig, go.Figure)
    return fig


def test_short_name_drops_the_bracket():
    assert charts.short_name("Pioneer Point compound (Eastern Shore of Maryland)") == "Pioneer Point compound"
    assert charts.short_name("Plain") == "Plain"


def test_closure_table_follows_the_chain_to_the_order_and_its_cause():
    table = charts.closure_table(_facilities(), _events()).set_index("facility_id")
    assert set(table.index) == {"cg_a", "annex_b", "res_a", "us_c"}  # open facilities are not in it
    assert table.loc["cg_a", "decision_id"] == "order" and table.loc["cg_a", "responds_to"] == "cause"
    # a residence closed later, by an event that names only its consulate, still finds the order
    assert table.loc["res_a", "decision_id"] == "order"
    assert table.loc["res_a", "closed_on"] == pd.Timestamp("2017-10-02")
    assert table.loc["cg_a", "days_to_answer"] == 34
    assert table.loc["us_c", "answer_to"] == "the order" and table.loc["us_c", "answer_to_actor"] == "USA"


def test_closure_table_leaves_unknown_decisions_empty():
    events = _events()
    events.loc[events["event_id"] == "order", "responds_to"] = pd.NA
    table = charts.closure_table(_facilities(), events).set_index("facility_id")
    assert pd.isna(table.loc["cg_a", "decision_id"]) and pd.isna(table.loc["cg_a", "days_to_answer"])


def test_timeline_figure_one_row_per_closed_facility():
    fig = _unchanged(charts.closures_timeline_figure, _facilities(), _events())
    closed = [t for t in fig.data if t.name and t.name.endswith("closed")]
    assert sorted(y for t in closed for y in t.y) == sorted(["Consulate A", "Trade office B", "Residence A",
                                                             "US consulate C"])
    assert fig.layout.xaxis.tickformat == "%b %Y"


def test_by_round_figure_counts_per_side_and_month_of_the_order():
    fig = _unchanged(charts.closures_by_round_figure, _facilities(), _events())
    bars = {t.name: dict(zip(t.x, t.y, strict=True)) for t in fig.data}
    assert bars[charts.LOST_BY["RUS"]] == {"Aug 2017": 3}  # the residence counts with its order's month
    assert bars[charts.LOST_BY["USA"]] == {"Sep 2017": 1}


def test_open_counts_and_figure_step_down_on_closure_days():
    counts = charts.open_counts(_facilities(), _events())
    rus = counts[counts["owner"] == "RUS"]
    assert rus["open"].tolist() == [2, 1]  # two consulates, one closed on 2 Sep
    assert rus["date"].iloc[1] == pd.Timestamp("2017-09-02")
    fig = _unchanged(charts.open_count_figure, _facilities(), _events(), start="2017-08-01", end="2017-12-31")
    lines = {t.name: list(t.y) for t in fig.data}
    assert lines[charts.OWNER_LABELS["RUS"]] == [2, 1, 1] and lines[charts.OWNER_LABELS["USA"]] == [2, 1, 1]
    assert all(t.line.shape == "hv" for t in fig.data)


def test_real_data_chain_and_consulate_parity():
    facilities, events = load_facilities(), load_events()
    table = charts.closure_table(facilities, events)
    assert table["closed_on"].notna().all() and (table["ordered_on"] <= table["closed_on"]).all()
    assert table["decision_id"].notna().all(), "every closed facility should lead to an order"
    for fn in (charts.closures_timeline_figure, charts.closures_by_round_figure, charts.open_count_figure):
        assert _unchanged(fn, facilities, events).data
