"""Analysis of notebook 06 (reading the news): the article's claims, the records that settle them, dates compared.

>>> claim_label("c09a", "on July 31")
'c09a · “on July 31”'
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.data import split_ids
from helpers.errors import require_columns

__all__ = ["VERDICTS", "WRITTEN", "ARTICLE_DATES", "claim_label", "dates_agree", "article_dates", "claim_evidence"]

VERDICTS: list[str] = ["accurate", "imprecise", "wrong", "unverifiable"]

# The day the article was written (about 31 August or 1 September 2017): its "Friday" is the next Friday.
WRITTEN = "2017-08-31"

# The article's dates in words: the claim, its words, the first and last day the words allow, and the event
# that settles it. "friday" is the first Friday after the day of writing; "friday+1" the day after it.
ARTICLE_DATES: list[tuple[str, str, str, str, str]] = [
    ("c06", "last December", "2016-12-01", "2016-12-31", "2016-12-29-us-expels-35"),
    ("c09a", "on July 31", "2017-07-31", "2017-07-31", "2017-07-30-putin-announces-755-cut"),
    ("c11", "until Friday", "friday", "friday", "2017-09-01-us-mission-cap-deadline"),
    ("c12", "one day before the closures", "friday+1", "friday+1", "2017-09-02-us-takes-over-three-facilities"),
    ("c18", "in September", "2017-09-01", "2017-09-30", "2017-09-17-tillerson-lavrov-meet-new-york"),
]


def claim_label(claim_id: object, phrase: object) -> str:
    """'c09a · “on July 31 Putin announced”': a claim's id and the article's own words."""
    return f"{claim_id} · “{phrase}”"


def dates_agree(table: pd.DataFrame) -> pd.Series:
    """True where the record's date falls inside the range of days the article's words allow.

    >>> table = pd.DataFrame({"article_from": pd.to_datetime(["2016-12-01", "2017-07-31"]),
    ...                       "article_to": pd.to_datetime(["2016-12-31", "2017-07-31"]),
    ...                       "record_date": pd.to_datetime(["2016-12-29", "2017-07-30"])})
    >>> dates_agree(table).tolist()
    [True, False]
    """
    return (table["record_date"] >= table["article_from"]) & (table["record_date"] <= table["article_to"])


def _article_day(text: str, friday: pd.Timestamp) -> pd.Timestamp:
    if text == "friday":
        return friday
    if text == "friday+1":
        return friday + pd.Timedelta(days=1)
    return pd.Timestamp(text)


def article_dates(events: pd.DataFrame, written: str = WRITTEN) -> pd.DataFrame:
    """The article's dates (:data:`ARTICLE_DATES`) as days, next to the record's date of the event that settles each.

    Columns ``claim_id``, ``article_says``, ``article_from`` and ``article_to`` (the first and last day the words
    allow), ``record_event``, ``record_date`` and ``label`` (for the chart). ``written`` is the day the article
    was written: its "Friday" is the first Friday after it.

    >>> events = pd.DataFrame({"event_id": ["2017-09-01-us-mission-cap-deadline"],
    ...                        "date": pd.to_datetime(["2017-09-01"])})
    >>> row = article_dates(events).set_index("claim_id").loc["c11"]
    >>> row["article_from"].day_name(), row["record_date"].day_name()
    ('Friday', 'Friday')
    """
    require_columns(events, "events", ["event_id", "date"], "article_dates")
    friday = pd.Timestamp(written) + pd.offsets.Week(weekday=4)
    table = pd.DataFrame(
        [(claim, words, _article_day(first, friday), _article_day(last, friday), event)
         for claim, words, first, last, event in ARTICLE_DATES],
        columns=["claim_id", "article_says", "article_from", "article_to", "record_event"])
    dates = events.set_index(events["event_id"].astype(str))["date"]
    table["record_date"] = pd.to_datetime(table["record_event"].map(dates))
    table["label"] = table["claim_id"] + " · " + table["article_says"]
    return table


def claim_evidence(claims: pd.DataFrame, events: pd.DataFrame, sources: pd.DataFrame,
                   claim_id: str) -> dict[str, Any]:
    """The claim's row, the events it cites (date, weekday, actor, summary) and its sources, in a dict.

    Keys: ``claim`` (a Series), ``events`` and ``sources`` (DataFrames, in the order the claim lists them).
    Raises KeyError if there is no such claim.
    """
    require_columns(claims, "claims", ["claim_id", "event_ids", "source_ids"], "claim_evidence")
    rows = claims[claims["claim_id"].astype(str) == str(claim_id)]
    if rows.empty:
        raise KeyError(f"no claim with id {claim_id!r}")
    claim = rows.iloc[0]
    event_ids = split_ids(claim["event_ids"])
    by_event = events.set_index(events["event_id"].astype(str))
    found = [e for e in event_ids if e in by_event.index]
    cited = by_event.loc[found, ["date", "actor", "summary"]].reset_index(names="event_id")
    cited.insert(2, "weekday", cited["date"].dt.day_name())
    source_ids = split_ids(claim["source_ids"])
    by_source = sources.set_index(sources["source_id"].astype(str))
    known = [s for s in source_ids if s in by_source.index]
    cited_sources = by_source.loc[known, ["publisher", "title", "url", "kind"]].reset_index(names="source_id")
    return {"claim": claim, "events": cited, "sources": cited_sources}
