"""Explorer of notebook 06 (claims): the callback logic is plain functions, tested without a browser."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import pytest

from helpers import load_claims, load_events, load_sources
from helpers.data import split_ids
from helpers.widgets import claims as explorer


@pytest.fixture(scope="module")
def tables():
    return load_claims(), load_events(), load_sources()


def test_claim_evidence_gathers_the_claims_events_and_sources(tables):
    claims, events, sources = tables
    before = claims.copy()
    found = explorer.claim_evidence(claims, events, sources, "c09a")
    pd.testing.assert_frame_equal(claims, before)
    row = claims.set_index("claim_id").loc["c09a"]
    assert found["claim"]["verdict"] == row["verdict"]
    assert list(found["events"]["event_id"]) == split_ids(row["event_ids"])
    assert list(found["sources"]["source_id"]) == split_ids(row["source_ids"])
    assert set(found["events"]["weekday"]) <= {"Friday", "Sunday", "Monday"}


def test_claim_evidence_refuses_an_unknown_claim(tables):
    with pytest.raises(KeyError):
        explorer.claim_evidence(*tables, "c99")


def test_claim_view_shows_verdict_explanation_events_and_sources(tables):
    claims, events, sources = tables
    card = explorer.claim_view(claims, events, sources, "c15").data
    row = claims.set_index("claim_id").loc["c15"]
    assert str(row["verdict"]) in card and "Check it yourself" in card
    for event_id in split_ids(row["event_ids"]):
        assert event_id in card
    assert card.count("<li>") == len(split_ids(row["source_ids"]))


def test_claim_view_escapes_text():
    claims = pd.DataFrame({"claim_id": ["c01"], "order": [1], "phrase": ["<b>x</b>"], "paraphrase": ["p & q"],
                           "verdict": ["wrong"], "explanation": ["e"], "event_ids": [None],
                           "source_ids": ["s1"], "check_hint": ["h"]})
    events = pd.DataFrame({"event_id": ["e1"], "date": pd.to_datetime(["2017-01-01"]), "actor": ["USA"],
                           "summary": ["s"]})
    sources = pd.DataFrame({"source_id": ["s1"], "publisher": ["P"], "title": ["T"], "url": ["u"],
                            "kind": ["primary"]})
    card = explorer.claim_view(claims, events, sources, "c01").data
    assert "<b>x</b>" not in card and "&lt;b&gt;x&lt;/b&gt;" in card and "No event" in card


def test_explorer_starts_on_the_wrong_date_and_redraws(tables):
    box = explorer.claim_explorer(*tables)
    assert isinstance(box, widgets.VBox)
    (dropdown,) = box.children[1].children
    assert dropdown.value == "c09a"
    assert len(dropdown.options) == len(tables[0])
    for _, value in dropdown.options:  # every claim renders
        dropdown.value = value
    box.redraw()
