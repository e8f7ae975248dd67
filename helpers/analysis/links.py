"""Links between an act and its answer: the ``responds_to`` column of the events table, as a table.

>>> import pandas as pd
>>> events = pd.DataFrame({
...     "event_id": ["a", "b", "c"], "date": pd.to_datetime(["2017-07-27", "2017-07-28", "2017-08-31"]),
...     "actor": ["USA", "RUS", "USA"], "category": ["legislation", "staff_cap", "closure"],
...     "summary": ["Senate vote", "Russian cap", "US closures"], "responds_to": [None, "a", "b"]})
>>> answer_links(events)[["answer_id", "answered_id", "lag_days", "across"]]
  answer_id answered_id  lag_days  across
0         b           a         1    True
1         c           b        34    True
"""

from __future__ import annotations

import pandas as pd

from helpers.data import split_ids
from helpers.errors import require_columns

__all__ = ["LINK_COLUMNS", "answer_links"]

LINK_COLUMNS = ["answer_id", "answer_date", "answer_actor", "answer_category", "answer_summary",
                "answered_id", "answered_date", "answered_actor", "answered_category", "answered_summary",
                "lag_days", "across"]


def answer_links(events: pd.DataFrame) -> pd.DataFrame:
    """One row per answer: the event, the event it answered (``responds_to``) and the lag in days.

    ``across`` is True when one side answered the other (a Russian act answered by the US, or the
    reverse); False when an actor answered an event recorded under its own name (for example US
    sanctions answering the US finding of election interference). Only pairs whose two events are
    both in ``events`` are kept.
    """
    require_columns(events, "events", ["event_id", "date", "actor", "category", "summary", "responds_to"],
                    "answer_links")
    by_id = events.set_index(events["event_id"].astype(str))
    rows = []
    for ev in events.itertuples(index=False):
        for answered_id in split_ids(ev.responds_to):
            if answered_id not in by_id.index:
                continue
            old = by_id.loc[answered_id]
            if isinstance(old, pd.DataFrame):  # a duplicated id: take the first
                old = old.iloc[0]
            rows.append({
                "answer_id": str(ev.event_id), "answer_date": ev.date, "answer_actor": str(ev.actor),
                "answer_category": str(ev.category), "answer_summary": str(ev.summary),
                "answered_id": answered_id, "answered_date": old["date"], "answered_actor": str(old["actor"]),
                "answered_category": str(old["category"]), "answered_summary": str(old["summary"]),
            })
    links = pd.DataFrame(rows, columns=LINK_COLUMNS[:-2])
    links["answer_date"] = pd.to_datetime(links["answer_date"])
    links["answered_date"] = pd.to_datetime(links["answered_date"])
    links["lag_days"] = (links["answer_date"] - links["answered_date"]).dt.days.astype("Int64")
    links["across"] = links["answer_actor"] != links["answered_actor"]
    return links.sort_values(["answer_date", "answer_id"]).reset_index(drop=True)
