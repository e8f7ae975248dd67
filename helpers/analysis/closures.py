"""Analysis of notebook 04 (closures): which building was in use on a day, what closed when, in answer to what.

The chain behind the closures is :func:`closure_table`: a facility's ``closed_by`` event (when the sending
state's use ended), the decision that ordered it (the latest ``closure`` event on or before that day which
names the same building and says what it ``responds_to``), and the event it answered.

>>> short_name("Pioneer Point compound (Eastern Shore of Maryland)")
'Pioneer Point compound'
>>> len(slider_days("2017-09-01", "2017-09-03"))
3

With the project's data (:func:`helpers.data.load_facilities`, :func:`helpers.data.load_events`):

>>> from helpers.data import load_events, load_facilities
>>> facilities, events = load_facilities(), load_events()
>>> status = facility_status_on(facilities, events, "2016-12-31")
>>> sorted(status.loc[~status["is_open"], "facility_id"])
['norwich_house', 'pioneer_point']
>>> table = closure_table(facilities, events).set_index("facility_id")
>>> table.loc["ru_cg_san_francisco", ["ordered_on", "closed_on", "responds_to"]].tolist()
[Timestamp('2017-08-31 00:00:00'), Timestamp('2017-09-02 00:00:00'), '2017-07-28-russia-caps-us-mission-455']
>>> round(km_between(facilities, "killenworth", "norwich_house"))
8
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime

import pandas as pd

from helpers.data import split_ids
from helpers.errors import require_columns
from helpers.vocabulary import COUNTRY_COLOURS

__all__ = [
    "SCOPE_HOSTS",
    "as_day",
    "facility_status_on",
    "select_open_facilities",
    "status_summary",
    "short_name",
    "closure_table",
    "open_counts",
    "slider_days",
    "EARTH_RADIUS_KM",
    "km_between",
]

# Which facilities a map of each scope shows: those hosted by this country (None = all).
SCOPE_HOSTS: dict[str, str | None] = {"world": None, "usa": "USA", "russia": "RUS"}

TABLE_COLUMNS = ["facility_id", "facility", "owner", "city", "kind", "decision_id", "ordered_on", "closed_by",
                 "closed_on", "responds_to", "answer_to_date", "answer_to_actor", "answer_to",
                 "days_to_answer"]


def as_day(day: object) -> pd.Timestamp:
    """A day as a Timestamp at midnight ('2017-09-03', a date or a Timestamp); ValueError otherwise."""
    if isinstance(day, str | date | datetime | pd.Timestamp):
        try:
            stamp = pd.Timestamp(day)
        except (ValueError, TypeError):
            stamp = pd.NaT
        if not pd.isna(stamp):
            return stamp.normalize()
    raise ValueError(f"day must be a date such as '2017-09-03'; got {day!r}.")


def facility_status_on(facilities: pd.DataFrame, events: pd.DataFrame, day: object = None) -> pd.DataFrame:
    """Each facility with columns closed_on, status ('open'/'closed') and is_open on ``day`` (None = end of the data).

    A facility is closed from the date of its closing event (``closed_by`` -> ``events.event_id``) on, that
    day included; a facility with no closing event is open throughout. Returns a new frame (input untouched).
    """
    require_columns(facilities, "facilities", ["facility_id", "closed_by"], "facility_status_on")
    require_columns(events, "events", ["event_id", "date"], "facility_status_on")
    frame = facilities.copy()
    dates = events.drop_duplicates("event_id").set_index("event_id")["date"]
    closed_by = frame["closed_by"].astype("string")
    unknown = sorted(set(closed_by.dropna()) - set(dates.index.astype(str)))
    if unknown:
        raise ValueError(f"closed_by names events that are not in events: {', '.join(unknown)}.")
    frame["closed_on"] = pd.to_datetime(closed_by.map(dates.to_dict()).astype("object"))
    if day is None:
        closed = frame["closed_on"].notna()
    else:
        closed = frame["closed_on"].notna() & (frame["closed_on"] <= as_day(day))
    frame["is_open"] = ~closed.astype(bool)
    frame["status"] = frame["is_open"].map({True: "open", False: "closed"})
    return frame


def select_open_facilities(facilities: pd.DataFrame, events: pd.DataFrame, day: object) -> pd.DataFrame:
    """The facilities still in use on ``day`` (a new frame; a building is closed from its closed_by day on)."""
    status = facility_status_on(facilities, events, day)
    return status[status["is_open"]].reset_index(drop=True)


def status_summary(facilities: pd.DataFrame, events: pd.DataFrame, day: object, scope: str = "world") -> str:
    """One line for a day and map: how many of its facilities are in use, and how many each side has lost."""
    status = facility_status_on(facilities, events, day)
    host = SCOPE_HOSTS.get(scope)
    if host is not None:
        status = status[status["host"].astype(str) == host]
    closed = status[~status["is_open"]]
    lost = [f"{int((closed['owner'].astype(str) == owner).sum())} {name}"
            for owner, name in (("RUS", "Russian"), ("USA", "American"))
            if host is None or (status["owner"].astype(str) == owner).any()]
    return f"{int(status['is_open'].sum())} of {len(status)} facilities in use; closed so far: {', '.join(lost)}"


def short_name(name: object) -> str:
    """A facility's name without its bracketed detail: 'Pioneer Point compound (Eastern Shore ...)' -> 'Pioneer Point compound'."""
    return str(name).split(" (")[0].strip()


def _decision(events: pd.DataFrame, closed_by: str, facility_id: str) -> pd.Series | None:
    """The closure event that ordered a closure: the latest on or before ``closed_by`` with a responds_to
    that names the facility or a facility of the closing event (a residence closed with its consulate)."""
    by_id = events.drop_duplicates("event_id").set_index("event_id")
    if closed_by not in by_id.index:
        return None
    closing = by_id.loc[closed_by]
    wanted = {facility_id, *split_ids(closing["facility_ids"])}
    candidates = events[(events["category"].astype(str) == "closure") & (events["date"] <= closing["date"])
                        & events["responds_to"].notna()]
    candidates = candidates[candidates["facility_ids"].map(lambda v: bool(wanted & set(split_ids(v))))]
    if candidates.empty:
        return None
    return candidates.sort_values(["date", "event_id"]).iloc[-1]


def closure_table(facilities: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """One row per closed facility: when it was ordered and closed, and what the order answered (a new frame)."""
    status = facility_status_on(facilities, events)
    closed = status[status["closed_on"].notna()]
    by_id = events.drop_duplicates("event_id").set_index("event_id")
    rows = []
    for _, fac in closed.iterrows():
        decision = _decision(events, str(fac["closed_by"]), str(fac["facility_id"]))
        row = {"facility_id": fac["facility_id"], "facility": short_name(fac["name"]), "owner": str(fac["owner"]),
               "city": fac["city"], "kind": str(fac["kind"]), "closed_by": fac["closed_by"],
               "closed_on": fac["closed_on"], "decision_id": pd.NA, "ordered_on": pd.NaT, "responds_to": pd.NA,
               "answer_to_date": pd.NaT, "answer_to_actor": pd.NA, "answer_to": pd.NA}
        if decision is not None:
            row.update(decision_id=decision["event_id"], ordered_on=decision["date"],
                       responds_to=decision["responds_to"])
            answered = str(decision["responds_to"])
            if answered in by_id.index:
                row.update(answer_to_date=by_id.loc[answered, "date"],
                           answer_to_actor=str(by_id.loc[answered, "actor"]),
                           answer_to=by_id.loc[answered, "summary"])
        rows.append(row)
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS[:-1])
    for col in ("ordered_on", "closed_on", "answer_to_date"):
        table[col] = pd.to_datetime(table[col])
    for col in ("facility_id", "facility", "city", "kind", "owner", "decision_id", "closed_by", "responds_to",
                "answer_to_actor", "answer_to"):
        table[col] = table[col].astype("string")
    table["days_to_answer"] = (table["ordered_on"] - table["answer_to_date"]).dt.days.astype("Int64")
    return table.sort_values(["closed_on", "owner", "facility_id"]).reset_index(drop=True)


def open_counts(facilities: pd.DataFrame, events: pd.DataFrame,
                kinds: Sequence[str] = ("consulate_general",)) -> pd.DataFrame:
    """How many facilities of the given kinds each owner had in use, from each closure on (owner, date, open)."""
    status = facility_status_on(facilities, events)
    status = status[status["kind"].astype(str).isin(list(kinds))]
    rows = []
    for owner in [o for o in COUNTRY_COLOURS if o in set(status["owner"].astype(str))]:
        part = status[status["owner"].astype(str) == owner]
        changes = sorted(part["closed_on"].dropna().unique())
        rows.append({"owner": owner, "date": pd.NaT, "open": len(part)})
        for day in changes:
            rows.append({"owner": owner, "date": pd.Timestamp(day),
                         "open": int((part["closed_on"].isna() | (part["closed_on"] > day)).sum())})
    frame = pd.DataFrame(rows, columns=["owner", "date", "open"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["open"] = frame["open"].astype("Int64")
    return frame


def slider_days(start: object = "2016-12-01", end: object = "2018-05-31") -> list[pd.Timestamp]:
    """Every day from ``start`` to ``end`` (both included): the positions of the date slider."""
    return list(pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq="D"))


EARTH_RADIUS_KM = 6371.0  # mean radius of the Earth


def km_between(facilities: pd.DataFrame, a: str, b: str) -> float:
    """Great-circle distance in km between two facilities (by ``facility_id``), from their lat and lon.

    As precise as the rougher of the two positions: see their ``coord_precision`` (``site`` or ``city``).

    >>> toy = pd.DataFrame({"facility_id": ["x", "y"], "lat": [0.0, 0.0], "lon": [0.0, 1.0]})
    >>> round(km_between(toy, "x", "y"), 1)  # one degree along the equator
    111.2
    >>> km_between(toy, "x", "x")
    0.0
    """
    require_columns(facilities, "facilities", ["facility_id", "lat", "lon"], "km_between")
    where = facilities.drop_duplicates("facility_id").set_index("facility_id")
    missing = [f for f in (a, b) if f not in where.index]
    if missing:
        raise ValueError(f"km_between: no facility called {', '.join(map(repr, missing))} in facilities.")
    lat1, lon1, lat2, lon2 = (math.radians(float(where.loc[f, c])) for f in (a, b) for c in ("lat", "lon"))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))

