"""The collection's shared vocabulary: countries, event categories, colours, and how a missing value or a day is said.

This is the bottom layer of the package: it imports nothing of ``helpers`` and only pandas, so data,
analysis, charts, widgets and exercises all speak the same words. Change a name or a colour here and
it changes everywhere.

>>> COUNTRY_NAMES["RUS"]
'Russia'
>>> country_code("the United States")
'USA'
>>> category_family("expulsion")
'people'
>>> is_missing(float("nan")), is_missing(""), is_missing(0)
(True, False, False)
>>> day_text("2017-07-30"), day_text("2017-07-30", long=True, weekday=True)
('30 Jul 2017', 'Sunday 30 July 2017')
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import pandas as pd

__all__ = [
    "ALL",
    "DYAD",
    "PALETTE",
    "COUNTRY_NAMES",
    "COUNTRY_COLOURS",
    "COUNTRY_CODES",
    "CATEGORY_FAMILIES",
    "FAMILY_COLOURS",
    "country_code",
    "country_name",
    "category_family",
    "is_missing",
    "day_text",
]

# The "every value" choice of an explorer's menu or a filter.
ALL = "all"

# The two sides of the dispute, as the tables code them.
DYAD: tuple[str, str] = ("USA", "RUS")

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the common colour-vision deficiencies.
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#7F7F7F",
}

COUNTRY_NAMES: dict[str, str] = {
    "USA": "United States",
    "RUS": "Russia",
    "UKR": "Ukraine",
    "GBR": "United Kingdom",
    "EU": "European Union",
}

COUNTRY_COLOURS: dict[str, str] = {
    "USA": PALETTE["blue"],
    "RUS": PALETTE["vermillion"],
    "UKR": PALETTE["yellow"],
    "GBR": PALETTE["purple"],
    "EU": PALETTE["green"],
}

# What people type for a country, and the code the tables use.
COUNTRY_CODES: dict[str, str] = {
    "russia": "RUS", "russian federation": "RUS", "ru": "RUS", "rus": "RUS",
    "united states": "USA", "united states of america": "USA", "the united states": "USA", "us": "USA",
    "u.s.": "USA", "usa": "USA", "u.s.a.": "USA", "america": "USA",
    "united kingdom": "GBR", "uk": "GBR", "britain": "GBR", "great britain": "GBR", "gbr": "GBR",
    "ukraine": "UKR", "ukr": "UKR",
    "european union": "EU", "eu": "EU",
}

# The event categories fall into seven families; a family shares a colour in charts.
CATEGORY_FAMILIES: dict[str, str] = {
    "annexation": "causes",
    "election_interference": "causes",
    "incident": "causes",
    "sanctions": "sanctions",
    "countersanctions": "sanctions",
    "legislation": "sanctions",
    "expulsion": "people",
    "staff_cap": "people",
    "visas": "people",
    "closure": "buildings",
    "diplomacy": "words",
    "statement": "words",
    "protest": "words",
    "leadership": "context",
    "personnel": "context",
    "media": "media",
}

FAMILY_COLOURS: dict[str, str] = {
    "causes": PALETTE["black"],
    "sanctions": PALETTE["orange"],
    "people": PALETTE["vermillion"],
    "buildings": PALETTE["blue"],
    "words": PALETTE["green"],
    "context": PALETTE["grey"],
    "media": PALETTE["sky"],
}


def is_missing(value: Any) -> bool:
    """True for an empty cell as pandas or Python holds it: None, NA, NaT or a NaN number (not for "")."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isnan(value)
    except (TypeError, ValueError):
        return False


def country_code(name: Any) -> str | None:
    """The table code of a country as people write it ('Russia', 'the US', 'usa' -> 'RUS'/'USA'), else None."""
    if not isinstance(name, str):
        return None
    text = " ".join(name.strip().lower().split())
    if text.upper() in COUNTRY_NAMES:
        return text.upper()
    return COUNTRY_CODES.get(text)


def country_name(code: Any) -> str:
    """The name of a country code ('RUS' -> 'Russia'); anything else is returned as text."""
    return COUNTRY_NAMES.get(str(code), str(code))


def category_family(category: Any) -> str:
    """The family ('sanctions', 'people', ...) an event category belongs to; 'other' if unknown."""
    return CATEGORY_FAMILIES.get(str(category), "other")


def day_text(day: Any, *, long: bool = False, weekday: bool = False) -> str:
    """A date as '5 Sep 2017' (no leading zero); '5 September 2017' with ``long``; weekday first with ``weekday``."""
    stamp = pd.Timestamp(day)
    text = f"{stamp.day} {stamp.strftime('%B' if long else '%b')} {stamp.year}"
    return f"{stamp.day_name()} {text}" if weekday else text
