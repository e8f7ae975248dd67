"""Analysis of the capstone notebook (07): rounds of the dispute and who did what in each.

A *round* runs from the first measure of one side to the last step of the other side's answer. Each
round is defined by two event ids of data/events.csv (its first and its last event), so its dates come
from the data. :func:`who_did_what` counts, for each actor, what it did in a round.

>>> list(ROUNDS)
['Dec 2016', 'Jul–Oct 2017', 'Mar–Apr 2018']

With the project's data (:func:`helpers.data.load_events`):

>>> from helpers.data import load_events, load_facilities
>>> events = load_events()
>>> [f"{day:%Y-%m-%d}" for day in round_dates(events, "Mar–Apr 2018")]
['2018-03-26', '2018-04-25']
>>> round_table(events)[["round", "days"]].values.tolist()
[['Dec 2016', 4], ['Jul–Oct 2017', 67], ['Mar–Apr 2018', 30]]
>>> who_did_what(events, "Mar–Apr 2018").loc[["USA", "RUS"], "people expelled"].tolist()
[60, 60]
>>> len(unlisted_closures(load_facilities(), events))
0
"""

from __future__ import annotations

import pandas as pd

from helpers.data import split_ids
from helpers.errors import require_columns
from helpers.vocabulary import COUNTRY_COLOURS, DYAD

__all__ = ["ROUNDS", "MEASURES", "round_dates", "round_events", "round_table", "who_did_what", "rounds_summary",
           "unlisted_closures"]

# First and last event of each round (event ids are stable; their dates are read from the data).
ROUNDS: dict[str, tuple[str, str]] = {
    "Dec 2016": ("2016-12-28-us-eo-13757", "2017-01-01-expelled-35-depart"),
    "Jul–Oct 2017": ("2017-07-27-senate-passes-hr3364", "2017-10-02-mfa-protests-building-seizures"),
    "Mar–Apr 2018": ("2018-03-26-us-expels-60", "2018-04-25-us-enters-seattle-residence"),
}

MEASURES: list[str] = ["people expelled", "staff cut by a cap", "facilities ordered shut", "sanctions and laws",
                       "statements and protests"]

_SANCTIONS = {"sanctions", "countersanctions", "legislation"}
_WORDS = {"statement", "protest"}


def _date_of(events: pd.DataFrame, event_id: str) -> pd.Timestamp:
    match = events.loc[events["event_id"].astype(str) == event_id, "date"]
    if len(match):
        return pd.Timestamp(match.iloc[0])
    return pd.Timestamp(event_id[:10])  # the id starts with the event's date


def round_dates(events: pd.DataFrame, name: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of a round (a key of ROUNDS), read from the events table."""
    first, last = ROUNDS[name]
    return _date_of(events, first), _date_of(events, last)


def round_events(events: pd.DataFrame, name: str) -> pd.DataFrame:
    """The events of a round (a key of ROUNDS), in date order; a new frame."""
    start, end = round_dates(events, name)
    inside = events[(events["date"] >= start) & (events["date"] <= end)]
    return inside.sort_values("date").reset_index(drop=True)


def round_table(events: pd.DataFrame) -> pd.DataFrame:
    """One row per round: its first and last event, their dates, and the days from the first to the last.

    >>> toy = pd.DataFrame({"event_id": ["2016-12-28-us-eo-13757", "2017-01-01-expelled-35-depart"],
    ...                     "date": pd.to_datetime(["2016-12-28", "2017-01-01"])})
    >>> row = round_table(toy).iloc[0]
    >>> row["round"], int(row["days"])
    ('Dec 2016', 4)
    """
    rows = []
    for name, (first, last) in ROUNDS.items():
        start, end = round_dates(events, name)
        rows.append({"round": name, "first event": first, "last event": last, "start": start, "end": end})
    table = pd.DataFrame(rows)
    table["days"] = (table["end"] - table["start"]).dt.days
    return table


def unlisted_closures(facilities: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Closed facilities whose closing event (``closed_by``) does not list them in its ``facility_ids``.

    Each such row is a gap between the two tables. Returns facility_id, name and closed_by (a new frame).

    >>> toy_f = pd.DataFrame({"facility_id": ["a", "b", "c"], "name": ["A", "B", "C"],
    ...                       "closed_by": ["e1", "e1", None]})
    >>> toy_e = pd.DataFrame({"event_id": ["e1"], "facility_ids": ["a"]})
    >>> unlisted_closures(toy_f, toy_e)["facility_id"].tolist()
    ['b']
    """
    require_columns(facilities, "facilities", ["facility_id", "name", "closed_by"], "unlisted_closures")
    require_columns(events, "events", ["event_id", "facility_ids"], "unlisted_closures")
    listed = {str(e): set(split_ids(cell)) for e, cell in zip(events["event_id"], events["facility_ids"], strict=True)}
    closed = facilities[facilities["closed_by"].notna()]
    gaps = [str(f) not in listed.get(str(e), set()) for f, e in zip(closed["facility_id"], closed["closed_by"],
                                                                    strict=True)]
    return closed.loc[gaps, ["facility_id", "name", "closed_by"]].reset_index(drop=True)


def _shut_by_order(rows: pd.DataFrame) -> int:
    """Distinct facilities named by closure orders (closure rows with a CAMEO code, not later steps)."""
    orders = rows[(rows["category"].astype(str) == "closure") & rows["cameo_code"].notna()]
    return len({fid for cell in orders["facility_ids"] for fid in split_ids(cell)})


def who_did_what(events: pd.DataFrame, name: str) -> pd.DataFrame:
    """One row per actor of a round: people expelled, staff cut by a cap, facilities ordered shut, ..."""
    require_columns(events, "events", ["event_id", "date", "actor", "category", "people", "cameo_code",
                                       "facility_ids"], "who_did_what")
    rows = round_events(events, name)
    actors = [a for a in COUNTRY_COLOURS if a in set(rows["actor"].astype(str))]
    table = []
    for actor in actors:
        own = rows[rows["actor"].astype(str) == actor]
        category = own["category"].astype(str)
        people = own["people"].astype("Float64").fillna(0)
        table.append({
            "actor": actor,
            "events": len(own),
            "people expelled": int(people[category == "expulsion"].sum()),
            "staff cut by a cap": int(people[category == "staff_cap"].sum()),
            "facilities ordered shut": _shut_by_order(own),
            "sanctions and laws": int(category.isin(_SANCTIONS).sum()),
            "statements and protests": int(category.isin(_WORDS).sum()),
        })
    return pd.DataFrame(table, columns=["actor", "events", *MEASURES]).set_index("actor")


def rounds_summary(events: pd.DataFrame, actors: tuple[str, ...] = DYAD) -> pd.DataFrame:
    """who_did_what for every round, stacked: columns round, actor and the measures (missing actors = 0)."""
    parts = []
    for name in ROUNDS:
        table = who_did_what(events, name).reindex(list(actors), fill_value=0)
        parts.append(table.reset_index().assign(round=name))
    summary = pd.concat(parts, ignore_index=True)
    return summary[["round", "actor", "events", *MEASURES]]
