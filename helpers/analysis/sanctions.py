"""Analysis of notebook 02 (sanctions): instruments piling up, the CAATSA votes, the instruments an explorer picks.

>>> import pandas as pd
>>> sanctions = pd.DataFrame({"date_signed": pd.to_datetime(["2014-03-06", "2014-03-16", "2014-08-06"]),
...                           "trigger": ["ukraine_crimea", "ukraine_crimea", "sanctions_response"],
...                           "issuer": ["USA", "USA", "RUS"], "short_name": ["EO 13660", "EO 13661", "Decree 560"]})
>>> cumulative_instruments(sanctions, by="issuer")[["group", "short_name", "count"]]
  group  short_name  count
0   USA    EO 13660      1
1   USA    EO 13661      2
2   RUS  Decree 560      1
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.errors import require_columns
from helpers.vocabulary import ALL, country_name

__all__ = ["TRIGGER_LABELS", "KIND_LABELS", "group_label", "cumulative_instruments", "caatsa_votes",
           "select_instruments"]

TRIGGER_LABELS: dict[str, str] = {
    "ukraine_crimea": "Ukraine / Crimea",
    "cyber": "cyber activity",
    "election_interference": "election interference",
    "multiple": "several reasons",
    "sanctions_response": "answer to sanctions",
}

KIND_LABELS: dict[str, str] = {
    "executive_order": "executive order",
    "designation": "designation (a list of names)",
    "law": "law",
    "decree": "decree",
    "resolution": "resolution or Council decision",
}


def group_label(by: str, value: object) -> str:
    """The readable name of a trigger ('Ukraine / Crimea') or an issuer ('Russia').

    >>> group_label("trigger", "sanctions_response"), group_label("issuer", "RUS")
    ('answer to sanctions', 'Russia')
    """
    if by == "trigger":
        return TRIGGER_LABELS.get(str(value), str(value))
    return country_name(value)


def cumulative_instruments(sanctions: pd.DataFrame, by: str = "trigger") -> pd.DataFrame:
    """Running count of instruments per group ('trigger' or 'issuer'): date, group, short_name, count."""
    if by not in {"trigger", "issuer"}:
        raise ValueError("by must be 'trigger' or 'issuer'")
    require_columns(sanctions, "sanctions", ["date_signed", by, "short_name"], "cumulative_instruments")
    frame = sanctions[["date_signed", by, "short_name"]].rename(columns={"date_signed": "date", by: "group"})
    frame = frame.assign(group=frame["group"].astype(str)).sort_values(["date", "short_name"])
    frame["count"] = frame.groupby("group").cumcount() + 1
    return frame.reset_index(drop=True)


_VOTE = re.compile(r"(House|Senate)\D{0,12}?(\d+)\s*[-–]\s*(\d+)")


def caatsa_votes(sanctions: pd.DataFrame) -> pd.DataFrame:
    """The House and Senate votes on CAATSA, read from the date_note of the 'caatsa' row: chamber, yes, no, share_yes.

    >>> row = pd.DataFrame({"sanction_id": ["caatsa"],
    ...                     "date_note": ["passed the House 419-3 on Tue 25 Jul and the Senate 98-2 on Thu 27 Jul"]})
    >>> caatsa_votes(row)
      chamber  yes  no  share_yes
    0   House  419   3   0.992891
    1  Senate   98   2   0.980000
    """
    require_columns(sanctions, "sanctions", ["sanction_id", "date_note"], "caatsa_votes")
    rows = sanctions.loc[sanctions["sanction_id"].astype(str) == "caatsa", "date_note"].dropna()
    votes = [{"chamber": chamber, "yes": int(yes), "no": int(no)}
             for note in rows.astype(str) for chamber, yes, no in _VOTE.findall(note)]
    frame = pd.DataFrame(votes, columns=["chamber", "yes", "no"]).drop_duplicates("chamber")
    frame["share_yes"] = frame["yes"] / (frame["yes"] + frame["no"])
    return frame.reset_index(drop=True)


def select_instruments(sanctions: pd.DataFrame, issuer: str = ALL, trigger: str = ALL) -> pd.DataFrame:
    """The instruments of one issuer ('USA', 'RUS', 'EU') and one trigger ('cyber', ...), by date.

    >>> sanctions = pd.DataFrame({"short_name": ["Decree 560", "EO 13660", "EO 13694"],
    ...                           "date_signed": pd.to_datetime(["2014-08-06", "2014-03-06", "2015-04-01"]),
    ...                           "issuer": ["RUS", "USA", "USA"],
    ...                           "trigger": ["sanctions_response", "ukraine_crimea", "cyber"]})
    >>> select_instruments(sanctions, issuer="USA")["short_name"].tolist()
    ['EO 13660', 'EO 13694']
    >>> select_instruments(sanctions, trigger="sanctions_response")["short_name"].tolist()
    ['Decree 560']
    """
    require_columns(sanctions, "sanctions", ["issuer", "trigger", "date_signed", "short_name"], "select_instruments")
    keep = pd.Series(True, index=sanctions.index)
    if issuer != ALL:
        keep &= sanctions["issuer"].astype(str) == issuer
    if trigger != ALL:
        keep &= sanctions["trigger"].astype(str) == trigger
    return sanctions[keep].sort_values(["date_signed", "short_name"])
