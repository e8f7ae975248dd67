"""Notebook 01 (causes): its analysis, charts and explorer."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from helpers import load_events
from helpers.analysis.causes import DHS_ODNI, event_label, events_per_quarter, finding_replies, select_events
from helpers.analysis.links import answer_links
from helpers.charts.causes import answer_lag_figure, event_strip_figure, events_per_quarter_figure
from helpers.vocabulary import ALL, CATEGORY_FAMILIES
from helpers.widgets.causes import causes_explorer, causes_view

# --- from test_charts_causes.py ---------------------------------------------------------------------

def _events() -> pd.DataFrame:
    cats = list(CATEGORY_FAMILIES)
    return pd.DataFrame({
        "event_id": ["2014-03-16-crimea-referendum", "2014-03-17-ofac-first-ukraine-designations",
                     "2014-03-20-russia-bans-nine-us-officials", "2016-12-29-us-expels-35",
                     "2016-12-30-putin-declines-to-retaliate"],
        "date": pd.to_datetime(["2014-03-16", "2014-03-17", "2014-03-20", "2016-12-29", "2016-12-30"]),
        "actor": pd.Categorical(["RUS", "USA", "RUS", "USA", "RUS"], categories=["USA", "RUS", "UKR", "GBR", "EU"]),
        "actor_body": ["Crimean authorities", "OFAC", "MFA", "State Department", "President Putin"],
        "category": pd.Categorical(["annexation", "sanctions", "countersanctions", "expulsion", "statement"],
                                   categories=cats),
        "responds_to": pd.array([None, "2014-03-16-crimea-referendum", "2014-03-17-ofac-first-ukraine-designations",
                                 None, "2016-12-29-us-expels-35"], dtype="string"),
        "summary": ["one", "two", "three", "four", "five"],
    })


def test_event_label_is_readable():
    assert event_label("2014-03-16-crimea-referendum") == "Crimea referendum"
    assert event_label("2016-12-29-us-expels-35") == "US expels 35"
    assert event_label("not-a-dated-id") == "Not a dated id"
    assert event_label("") == ""


def test_events_per_quarter_counts_by_family():
    counts = events_per_quarter(_events())
    assert counts["events"].sum() == 5
    q1 = counts[counts["quarter"] == "2014 Q1"].set_index("family")["events"]
    assert q1.to_dict() == {"causes": 1, "sanctions": 2}


def test_events_per_quarter_figure_stacks_families_and_keeps_empty_quarters():
    events = _events()
    before = events.copy()
    fig = events_per_quarter_figure(events)
    assert isinstance(fig, go.Figure)
    pd.testing.assert_frame_equal(events, before)
    assert fig.layout.barmode == "stack"
    assert {t.name for t in fig.data} == {"causes", "sanctions", "people", "words"}
    # 2014 Q1 .. 2016 Q4 is 12 quarters, quiet ones included, and the bars add up to every event
    assert all(len(t.x) == 12 for t in fig.data)
    assert sum(sum(t.y) for t in fig.data) == 5
    assert list(fig.data[0].x[:2]) == ["2014 Q1", "2014 Q2"]


def test_event_strip_figure_one_row_per_event_coloured_by_actor():
    events = _events()
    before = events.copy()
    fig = event_strip_figure(events, title="T")
    pd.testing.assert_frame_equal(events, before)
    assert {t.name for t in fig.data} == {"United States", "Russia"}
    assert sum(len(t.x) for t in fig.data) == 5
    order = list(fig.layout.yaxis.categoryarray)
    assert order[-1].startswith("16 Mar") and order[0].startswith("30 Dec")  # earliest at the top
    assert fig.layout.xaxis.tickformat == "%d %b %Y"


def test_answer_links_computes_days_between_act_and_answer():
    links = answer_links(_events())
    assert len(links) == 3
    assert links["lag_days"].tolist() == [1, 3, 1]
    assert links.loc[1, "answer_actor"] == "RUS" and links.loc[1, "answered_actor"] == "USA"


def test_answer_links_ignores_links_to_unknown_events():
    events = _events()
    events.loc[0, "responds_to"] = "no-such-event"
    assert len(answer_links(events)) == 3


def test_answer_lag_figure_has_a_bar_per_link():
    links = answer_links(_events())
    before = links.copy()
    fig = answer_lag_figure(links)
    pd.testing.assert_frame_equal(links, before)
    assert all(t.type == "bar" and t.orientation == "h" for t in fig.data)
    assert sorted(x for t in fig.data for x in t.x) == [1, 1, 3]
    assert {t.name for t in fig.data} == {"United States", "Russia"}


def test_charts_work_on_the_real_data():
    from helpers import load_events

    events = load_events()
    for fig in (events_per_quarter_figure(events), event_strip_figure(events),
                answer_lag_figure(answer_links(events))):
        assert isinstance(fig, go.Figure) and fig.data


# --- from test_widgets_causes.py --------------------------------------------------------------------

def test_events_of_filters_by_family_and_actor():
    events = load_events()
    causes = select_events(events, "causes")
    assert len(causes) and set(causes["category"].astype(str)) <= {"annexation", "election_interference", "incident"}
    russian = select_events(events, ALL, "RUS")
    assert len(russian) == int((events["actor"] == "RUS").sum())
    both = select_events(events, "sanctions", "USA")
    assert len(both) and (both["actor"] == "USA").all()
    assert len(select_events(events)) == len(events)
    assert both["date"].is_monotonic_increasing


def test_causes_view_shows_timeline_and_table_of_the_same_events():
    events = load_events()
    before = events.copy()
    fig = causes_view(events, "causes", ALL)
    pd.testing.assert_frame_equal(events, before)
    assert isinstance(fig, go.Figure)
    chosen = select_events(events, "causes")
    scatter = [t for t in fig.data if t.type == "scatter"]
    table = [t for t in fig.data if t.type == "table"]
    assert sum(len(t.x) for t in scatter) == len(chosen)
    assert len(table) == 1 and len(table[0].cells.values[0]) == len(chosen)
    assert str(len(chosen)) in fig.layout.title.text


def test_causes_view_says_so_when_nothing_matches():
    events = load_events()
    fig = causes_view(events, "buildings", "EU")
    assert not [t for t in fig.data if t.type == "scatter"]
    assert any("No event" in a.text for a in fig.layout.annotations)


def _shown(box) -> go.Figure:
    """The figure an explorer's output area shows now."""
    (output,) = box.output.outputs
    return go.Figure(output["data"]["application/vnd.plotly.v1+json"])


def test_explorer_starts_on_the_causes_and_redraws_when_a_menu_changes():
    events = load_events()
    box = causes_explorer(events)
    assert isinstance(box, widgets.VBox)
    family, actor = box.controls["family"], box.controls["actor"]
    assert family.value == "causes" and actor.value == ALL
    assert "RUS" in [value for _, value in actor.options]
    assert "media" in [value for _, value in family.options]  # every family of the vocabulary is offered
    assert str(len(select_events(events, "causes"))) in _shown(box).layout.title.text
    actor.value = "RUS"  # fires the callback: the output shows the new choice
    family.value = "words"
    title = _shown(box).layout.title.text
    assert title.startswith(f"{len(select_events(events, 'words', 'RUS'))} event") and "Russia" in title
    box.redraw()


# --- the findings and the replies to them (notebook 01, section 3) -----------------------------------

def test_finding_replies_puts_each_russian_reply_next_to_its_finding():
    events = load_events()
    both = finding_replies(events)
    findings = set(events.loc[events["category"] == "election_interference", "event_id"])
    assert set(both["event_id_finding"]) == findings  # every US finding has a recorded reply
    replies = events[(events["actor"] == "RUS") & events["responds_to"].isin(findings)]
    assert sorted(both["event_id_reply"]) == sorted(replies["event_id"])
    assert (both["days_later"] >= 0).all()
    assert (both["days_later"] == (both["date_reply"] - both["date_finding"]).dt.days).all()
    assert "2016-10-12-lavrov-denies-election-interference" in set(both["event_id_reply"])


def test_finding_replies_leaves_out_the_other_sides_answers():
    """The US measures of December 2016 answer the October finding too, but are not Russia's replies."""
    both = finding_replies(load_events())
    assert "2016-12-29-us-expels-35" not in set(both["event_id_reply"])
    us = finding_replies(load_events(), actor="USA")
    assert "2016-12-29-us-expels-35" in set(us["event_id_reply"]) and DHS_ODNI in set(us["event_id_finding"])
