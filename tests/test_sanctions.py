"""Notebook 02 (sanctions): its analysis, charts and explorer."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
import pytest

from helpers import load_sanctions
from helpers.analysis.sanctions import (
    KIND_LABELS,
    TRIGGER_LABELS,
    caatsa_votes,
    cumulative_instruments,
    select_instruments,
)
from helpers.charts.sanctions import cumulative_instruments_figure, instruments_by_issuer_figure, votes_figure
from helpers.vocabulary import ALL
from helpers.widgets.sanctions import sanctions_explorer, sanctions_view

# --- from test_charts_sanctions.py ------------------------------------------------------------------

def _sanctions() -> pd.DataFrame:
    return pd.DataFrame({
        "sanction_id": ["eo_1", "ofac_1", "ru_1", "caatsa", "ru_2"],
        "short_name": ["EO 1", "OFAC 1", "Decree 1", "CAATSA", "Decree 2"],
        "date_signed": pd.to_datetime(["2014-03-06", "2014-03-17", "2014-08-06", "2017-08-02", "2015-06-24"]),
        "date_note": [None, None, None, "passed the House 419-3 on Tue 25 Jul and the Senate 98-2 on Thu 27 Jul",
                      None],
        "issuer": pd.Categorical(["USA", "USA", "RUS", "USA", "RUS"], categories=["USA", "RUS", "UKR", "GBR", "EU"]),
        "kind": pd.Categorical(["executive_order", "designation", "decree", "law", "decree"],
                               categories=list(KIND_LABELS)),
        "trigger": pd.Categorical(["ukraine_crimea", "ukraine_crimea", "sanctions_response", "multiple",
                                   "sanctions_response"], categories=list(TRIGGER_LABELS)),
        "targets": ["a", "b", "c", "d", "e"],
    })


def test_instruments_by_issuer_figure_stacks_kinds():
    frame = _sanctions()
    before = frame.copy()
    fig = instruments_by_issuer_figure(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert fig.layout.barmode == "stack"
    assert {t.name for t in fig.data} == {"executive order", "designation (a list of names)", "law", "decree"}
    totals = {}
    for t in fig.data:
        for y, x in zip(t.y, t.x, strict=True):
            totals[y] = totals.get(y, 0) + x
    assert totals == {"United States": 3, "Russia": 2}


def test_cumulative_instruments_counts_per_group_in_date_order():
    steps = cumulative_instruments(_sanctions())
    ru = steps[steps["group"] == "sanctions_response"]
    assert ru["count"].tolist() == [1, 2] and ru["date"].is_monotonic_increasing
    assert cumulative_instruments(_sanctions(), by="issuer").groupby("group")["count"].max().to_dict() == \
        {"RUS": 2, "USA": 3}
    with pytest.raises(ValueError):
        cumulative_instruments(_sanctions(), by="kind")


def test_cumulative_instruments_figure_is_a_step_chart_from_zero():
    frame = _sanctions()
    before = frame.copy()
    fig = cumulative_instruments_figure(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert [t.name for t in fig.data] == ["Ukraine / Crimea", "several reasons", "answer to sanctions"]
    for t in fig.data:
        assert t.line.shape == "hv" and t.y[0] == 0
        assert pd.Timestamp(t.x[-1]) == pd.Timestamp("2017-08-02")  # every line runs to the last instrument
    assert max(fig.data[0].y) == 2 and max(fig.data[2].y) == 2
    by_issuer = cumulative_instruments_figure(frame, by="issuer")
    assert [t.name for t in by_issuer.data] == ["United States", "Russia"]
    assert fig.layout.xaxis.tickformat == "%b %Y"


def test_cumulative_instruments_figure_of_nothing_is_an_empty_figure():
    fig = cumulative_instruments_figure(_sanctions().iloc[0:0])
    assert isinstance(fig, go.Figure) and not fig.data


def test_caatsa_votes_are_read_from_the_date_note():
    votes = caatsa_votes(_sanctions())
    assert votes[["chamber", "yes", "no"]].values.tolist() == [["House", 419, 3], ["Senate", 98, 2]]
    assert votes["share_yes"].iloc[1] == pytest.approx(0.98)


def test_votes_figure_draws_shares_and_the_two_thirds_line():
    votes = caatsa_votes(_sanctions())
    fig = votes_figure(votes)
    assert list(fig.data[0].x) == ["House", "Senate"]
    assert fig.data[0].y[1] == pytest.approx(98.0)
    assert fig.layout.shapes[0].y0 == pytest.approx(200 / 3)


def test_charts_work_on_the_real_data():
    from helpers import load_sanctions

    sanctions = load_sanctions()
    assert len(caatsa_votes(sanctions)) == 2
    for fig in (instruments_by_issuer_figure(sanctions), cumulative_instruments_figure(sanctions),
                votes_figure(caatsa_votes(sanctions))):
        assert isinstance(fig, go.Figure) and fig.data


# --- from test_widgets_sanctions.py -----------------------------------------------------------------

def test_instruments_of_filters_by_issuer_and_trigger():
    sanctions = load_sanctions()
    assert len(select_instruments(sanctions)) == len(sanctions)
    russian = select_instruments(sanctions, "RUS")
    assert len(russian) == int((sanctions["issuer"] == "RUS").sum()) and len(russian)
    crimea = select_instruments(sanctions, "USA", "ukraine_crimea")
    assert len(crimea) and (crimea["trigger"] == "ukraine_crimea").all() and (crimea["issuer"] == "USA").all()
    assert crimea["date_signed"].is_monotonic_increasing


def test_sanctions_view_shows_step_chart_and_table_of_the_same_instruments():
    sanctions = load_sanctions()
    before = sanctions.copy()
    fig = sanctions_view(sanctions, "RUS", ALL)
    pd.testing.assert_frame_equal(sanctions, before)
    assert isinstance(fig, go.Figure)
    chosen = select_instruments(sanctions, "RUS")
    lines = [t for t in fig.data if t.type == "scatter"]
    table = [t for t in fig.data if t.type == "table"]
    assert lines and all(t.line.shape == "hv" for t in lines)
    assert sum(max(t.y) for t in lines) == len(chosen)
    assert len(table) == 1 and len(table[0].cells.values[0]) == len(chosen)
    assert fig.layout.title.text.startswith(f"{len(chosen)} instrument")


def test_sanctions_view_says_so_when_nothing_matches():
    fig = sanctions_view(load_sanctions(), "EU", "cyber")
    assert not [t for t in fig.data if t.type == "scatter"]
    assert any("No instrument" in a.text for a in fig.layout.annotations)


def _shown(box) -> go.Figure:
    """The figure an explorer's output area shows now."""
    (output,) = box.output.outputs
    return go.Figure(output["data"]["application/vnd.plotly.v1+json"])


def test_explorer_starts_on_every_instrument_and_redraws_when_a_menu_changes():
    sanctions = load_sanctions()
    box = sanctions_explorer(sanctions)
    assert isinstance(box, widgets.VBox)
    issuer, trigger = box.controls["issuer"], box.controls["trigger"]
    assert issuer.value == ALL and trigger.value == ALL
    assert _shown(box).layout.title.text.startswith(f"{len(sanctions)} instrument")
    issuer.value = "RUS"  # fires the callback: the output shows the new choice
    trigger.value = "sanctions_response"
    chosen = select_instruments(sanctions, "RUS", "sanctions_response")
    assert _shown(box).layout.title.text.startswith(f"{len(chosen)} instrument")
    box.redraw()


def test_caatsa_votes_of_the_real_data_match_the_vote_events():
    """The votes read from the date_note are the ones the House and Senate events report."""
    from helpers import load_events

    votes = caatsa_votes(load_sanctions()).set_index("chamber")
    events = load_events().set_index("event_id")
    for chamber, event_id in [("House", "2017-07-25-house-passes-hr3364"),
                              ("Senate", "2017-07-27-senate-passes-hr3364")]:
        summary, yes, no = events.loc[event_id, "summary"], votes.loc[chamber, "yes"], votes.loc[chamber, "no"]
        assert f"by {yes} to {no}" in summary or f"by {yes} votes to {no}" in summary, summary


def test_caatsa_votes_of_a_note_without_votes_is_an_empty_table():
    frame = _sanctions()
    frame["date_note"] = None
    votes = caatsa_votes(frame)
    assert list(votes.columns) == ["chamber", "yes", "no", "share_yes"] and votes.empty
