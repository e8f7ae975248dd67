"""Analysis of notebook 01 (causes): events per quarter, readable event labels, the events an explorer picks.

>>> event_label("2014-03-16-crimea-referendum")
'Crimea referendum'
>>> event_label("2016-10-07-dhs-odni-attribute-election-hacking")
'DHS ODNI attribute election hacking'
"""

from __future__ import annotations

import pandas as pd

from helpers.errors import require_columns
from helpers.vocabulary import ALL, category_family

__all__ = ["event_label", "events_per_quarter", "select_events"]

# Words of an event_id slug that are abbreviations and keep their capitals in a label.
_UPPER = {"us", "eu", "eo", "uk", "ofac", "gru", "fsb", "mfa", "dhs", "odni", "cg", "sf", "hr3364", "dc", "rt",
          "voa", "rfe", "rl"}
# Words of a slug that are names and take a capital letter.
_NAMES = {"ukraine", "crimea", "russia", "russian", "rossiya", "putin", "lavrov", "trump", "obama", "tillerson",
          "medvedev", "peskov", "tefft", "zakharova", "godfrey", "antonov", "huntsman", "kislyak", "nauert",
          "skripal", "salisbury", "seattle", "petersburg", "st", "xiamen", "manila", "new", "york", "caatsa",
          "senate", "house", "bedminster", "kremlin", "cnn", "america", "washington", "moscow", "san",
          "francisco"}


def event_label(event_id: object) -> str:
    """A short readable label from an event_id: '2014-03-16-crimea-referendum' -> 'Crimea referendum'."""
    text = str(event_id)
    parts = text.split("-")
    if len(parts) > 3 and all(p.isdigit() for p in parts[:3]):
        parts = parts[3:]
    words = [p.upper() if p in _UPPER else p.capitalize() if p in _NAMES else p for p in parts if p]
    if not words:
        return text
    label = " ".join(words)
    return label[0].upper() + label[1:]


def events_per_quarter(events: pd.DataFrame) -> pd.DataFrame:
    """Count events per calendar quarter and family: columns quarter ('2014 Q1'), start, family, events."""
    require_columns(events, "events", ["date", "category"], "events_per_quarter")
    frame = pd.DataFrame({
        "start": events["date"].dt.to_period("Q").dt.start_time,
        "family": events["category"].astype(str).map(category_family),
    })
    counts = frame.groupby(["start", "family"]).size().rename("events").reset_index()
    counts["quarter"] = counts["start"].dt.year.astype(str) + " Q" + counts["start"].dt.quarter.astype(str)
    return counts[["quarter", "start", "family", "events"]].sort_values(["start", "family"]).reset_index(drop=True)


def select_events(events: pd.DataFrame, family: str = ALL, actor: str = ALL) -> pd.DataFrame:
    """The events of one family ('causes', 'sanctions', ...) and one actor ('USA', 'RUS', ...), by date."""
    require_columns(events, "events", ["event_id", "date", "category", "actor"], "select_events")
    keep = pd.Series(True, index=events.index)
    if family != ALL:
        keep &= events["category"].astype(str).map(category_family) == family
    if actor != ALL:
        keep &= events["actor"].astype(str) == actor
    return events[keep].sort_values(["date", "event_id"])
