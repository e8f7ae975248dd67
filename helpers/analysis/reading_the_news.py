"""Analysis of notebook 06 (reading the news): the article's claims, the records that settle them, dates compared.

>>> claim_label("c09a", "on July 31")
'c09a · “on July 31”'
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.data import split_ids
from helpers.errors import require_columns

__all__ = ["VERDICTS", "claim_label", "dates_agree", "claim_evidence"]

VERDICTS: list[str] = ["accurate", "imprecise", "wrong", "unverifiable"]


def claim_label(claim_id: object, phrase: object) -> str:
    """'c09a · “on July 31 Putin announced”': a claim's id and the article's own words."""
    return f"{claim_id} · “{phrase}”"


def dates_agree(table: pd.DataFrame) -> pd.Series:
    """True where the record's date falls inside the range of days the article's words allow."""
    return (table["record_date"] >= table["article_from"]) & (table["record_date"] <= table["article_to"])


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
