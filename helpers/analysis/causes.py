"""Analysis of notebook 01 (causes): events per quarter, readable event labels, the findings and the replies to them,
the events an explorer picks.

>>> event_label("2014-03-16-crimea-referendum")
'Crimea referendum'
>>> event_label("2016-10-07-dhs-odni-attribute-election-hacking")
'DHS ODNI attribute election hacking'
>>> event_label("2017-12-05-russia-designates-voa-rferl")
'Russia designates VOA RFE/RL'

Each US finding of election interference next to Russia's dated replies (the rows whose ``responds_to`` is
the finding), on a few rows:

>>> events = pd.DataFrame({
...     "event_id": ["f1", "r1", "m1", "r2", "f2", "r3"],
...     "date": pd.to_datetime(["2016-10-07", "2016-10-07", "2016-12-29", "2016-10-12", "2017-01-06",
...                             "2017-01-09"]),
...     "actor": ["USA", "RUS", "USA", "RUS", "USA", "RUS"],
...     "actor_body": ["DHS and ODNI", "Peskov", "State Department", "Lavrov", "ODNI", "Peskov"],
...     "category": ["election_interference", "statement", "expulsion", "statement", "election_interference",
...                  "statement"],
...     "responds_to": [None, "f1", "f1", "f1", None, "f2"],
...     "summary": ["finding 1", "nonsense", "35 expelled", "ridiculous", "finding 2", "unfounded"]})
>>> finding_replies(events)[["event_id_finding", "actor_body_reply", "summary_reply", "days_later"]]
  event_id_finding actor_body_reply summary_reply  days_later
0               f1           Peskov      nonsense           0
1               f1           Lavrov    ridiculous           5
2               f2           Peskov     unfounded           3

In the project's data, the first reply came on the day of the first finding:

>>> from helpers.data import load_events
>>> finding_replies(load_events())[["date_reply", "actor_body_reply", "days_later"]].head(1)
  date_reply          actor_body_reply  days_later
0 2016-10-07  Kremlin spokesman Peskov           0
"""

from __future__ import annotations

import pandas as pd

from helpers.errors import require_columns
from helpers.vocabulary import ALL, category_family

__all__ = ["DHS_ODNI", "FINDING", "event_label", "events_per_quarter", "finding_replies", "select_events"]

# The category of the US findings of election interference, and the first of them (the statement of 7 Oct 2016).
FINDING = "election_interference"
DHS_ODNI = "2016-10-07-dhs-odni-attribute-election-hacking"

# Words of an event_id slug that are abbreviations and keep their capitals in a label.
_UPPER = {"us", "eu", "eo", "uk", "ofac", "gru", "fsb", "mfa", "dhs", "odni", "cg", "sf", "hr3364", "dc", "rt",
          "voa", "rfe", "rl"}
# Words of a slug written another way in a label.
_SPECIAL = {"rferl": "RFE/RL", "caatsa": "CAATSA", "dept": "Dept"}
# Words of a slug that are names and take a capital letter.
_NAMES = {"ukraine", "crimea", "russia", "russian", "rossiya", "putin", "lavrov", "trump", "obama", "tillerson",
          "medvedev", "peskov", "tefft", "zakharova", "godfrey", "antonov", "huntsman", "kislyak", "nauert",
          "skripal", "salisbury", "seattle", "petersburg", "st", "xiamen", "manila", "new", "york",
          "senate", "house", "bedminster", "kremlin", "cnn", "america", "washington", "moscow", "san",
          "francisco"}


def event_label(event_id: object) -> str:
    """A short readable label from an event_id: '2014-03-16-crimea-referendum' -> 'Crimea referendum'."""
    text = str(event_id)
    parts = text.split("-")
    if len(parts) > 3 and all(p.isdigit() for p in parts[:3]):
        parts = parts[3:]
    words = [_SPECIAL.get(p) or (p.upper() if p in _UPPER else p.capitalize() if p in _NAMES else p)
             for p in parts if p]
    if not words:
        return text
    label = " ".join(words)
    return label[0].upper() + label[1:]


def events_per_quarter(events: pd.DataFrame) -> pd.DataFrame:
    """Count events per calendar quarter and family: columns quarter ('2014 Q1'), start, family, events.

    >>> events = pd.DataFrame({"date": pd.to_datetime(["2014-03-16", "2014-03-17", "2014-03-20", "2016-12-29"]),
    ...                        "category": ["annexation", "sanctions", "countersanctions", "expulsion"]})
    >>> events_per_quarter(events)[["quarter", "family", "events"]]
       quarter     family  events
    0  2014 Q1     causes       1
    1  2014 Q1  sanctions       2
    2  2016 Q4     people       1
    """
    require_columns(events, "events", ["date", "category"], "events_per_quarter")
    frame = pd.DataFrame({
        "start": events["date"].dt.to_period("Q").dt.start_time,
        "family": events["category"].astype(str).map(category_family),
    })
    counts = frame.groupby(["start", "family"]).size().rename("events").reset_index()
    counts["quarter"] = counts["start"].dt.year.astype(str) + " Q" + counts["start"].dt.quarter.astype(str)
    return counts[["quarter", "start", "family", "events"]].sort_values(["start", "family"]).reset_index(drop=True)


def finding_replies(events: pd.DataFrame, actor: str = "RUS") -> pd.DataFrame:
    """Each finding of election interference next to the replies of ``actor`` to it, with the days between.

    Columns: event_id, date, actor_body and summary of the finding (suffix ``_finding``) and of the reply
    (suffix ``_reply``), and ``days_later``; one row per reply, in the order of the findings and then the replies.
    """
    require_columns(events, "events", ["event_id", "date", "actor", "actor_body", "category", "responds_to",
                                       "summary"], "finding_replies")
    columns = ["event_id", "date", "actor_body", "summary"]
    findings = events[events["category"].astype(str) == FINDING].sort_values("date")
    replies = events[(events["actor"].astype(str) == actor) & events["responds_to"].isin(findings["event_id"])]
    both = findings[columns].merge(replies[[*columns, "responds_to"]].sort_values(["date", "event_id"]),
                                   left_on="event_id", right_on="responds_to", suffixes=("_finding", "_reply"))
    both["days_later"] = (both["date_reply"] - both["date_finding"]).dt.days
    return both.drop(columns="responds_to").reset_index(drop=True)


def select_events(events: pd.DataFrame, family: str = ALL, actor: str = ALL) -> pd.DataFrame:
    """The events of one family ('causes', 'sanctions', ...) and one actor ('USA', 'RUS', ...), by date.

    >>> events = pd.DataFrame({"event_id": ["b", "a", "c"],
    ...                        "date": pd.to_datetime(["2016-10-12", "2016-10-07", "2016-12-29"]),
    ...                        "category": ["statement", "election_interference", "expulsion"],
    ...                        "actor": ["RUS", "USA", "USA"]})
    >>> select_events(events, "words")["event_id"].tolist()
    ['b']
    >>> select_events(events, actor="USA")["event_id"].tolist()
    ['a', 'c']
    """
    require_columns(events, "events", ["event_id", "date", "category", "actor"], "select_events")
    keep = pd.Series(True, index=events.index)
    if family != ALL:
        keep &= events["category"].astype(str).map(category_family) == family
    if actor != ALL:
        keep &= events["actor"].astype(str) == actor
    return events[keep].sort_values(["date", "event_id"])
