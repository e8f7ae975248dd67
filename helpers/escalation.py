"""Measuring tit for tat (notebook 05): who answered what, how fast, and how hostile the acts were.

Plain functions on the tables of :mod:`helpers.data`; they never change their input.

- **Answers** come from ``events.responds_to``: the event a cited source says this event answered.
  :func:`answer_pairs` puts each answer next to what it answered and measures the lag in days;
  :func:`chain_of` follows answers back to the act that started a chain.
- **Pauses** are gaps between consecutive events (:func:`pauses`).
- **Escalation** uses ``events.goldstein``: the Goldstein (1992) weight of the event's CAMEO code,
  from -10 (most hostile) to +10 (most cooperative). It weights the *kind* of act, not its size, and
  it is empty for events with no CAMEO code (:func:`goldstein_coverage` counts them).
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.data import split_ids

__all__ = [
    "DYAD",
    "CAMEO_NAMES",
    "cameo_name",
    "dyad_events",
    "answer_pairs",
    "lag_summary",
    "chain_of",
    "chain_roots",
    "chain_table",
    "pauses",
    "goldstein_coverage",
    "uncoded_events",
    "uncoded_reason",
    "goldstein_cumulative",
    "goldstein_monthly",
    "parity_table",
    "day_text",
]

DYAD: tuple[str, str] = ("USA", "RUS")

# Names of the CAMEO 1.1b3 codes used in events.csv, as the codebook gives them (source cameo_codebook).
CAMEO_NAMES: dict[str, str] = {
    "010": "Make statement",
    "014": "Consider policy option",
    "041": "Discuss by telephone",
    "042": "Make a visit",
    "044": "Meet at a 'third' location",
    "1053": "Demand release of persons or property",
    "111": "Criticize or denounce",
    "112": "Accuse",
    "114": "Complain officially",
    "1244": "Refuse to ease economic sanctions, boycott, or embargo",
    "1312": "Threaten with sanctions, boycott, embargo",
    "1313": "Threaten to reduce or break relations",
    "160": "Reduce relations",
    "161": "Reduce or break diplomatic relations",
    "163": "Impose embargo, boycott, or sanctions",
}


def cameo_name(code: object) -> str:
    """The codebook name of a CAMEO code ('161' -> 'Reduce or break diplomatic relations'), or '' if blank."""
    if code is None or code is pd.NA or (isinstance(code, float) and pd.isna(code)):
        return ""
    text = str(code).strip()
    return CAMEO_NAMES.get(text, f"CAMEO code {text}") if text else ""


def day_text(day: object, weekday: bool = False) -> str:
    """A date as '30 Jul 2017' (no leading zero), or 'Sunday 30 Jul 2017' with ``weekday=True``."""
    stamp = pd.Timestamp(day)
    text = f"{stamp.day} {stamp:%b %Y}"
    return f"{stamp.day_name()} {text}" if weekday else text


def dyad_events(events: pd.DataFrame, dyad: tuple[str, str] = DYAD) -> pd.DataFrame:
    """The events one side of ``dyad`` aimed at the other (US acts towards Russia and back), by date."""
    a, b = dyad
    actor, target = events["actor"].astype(str), events["target"].astype(str)
    keep = ((actor == a) & (target == b)) | ((actor == b) & (target == a))
    return events[keep].sort_values(["date", "event_id"])


_PAIR_COLUMNS = ["answer_id", "answer_date", "answer_actor", "answer_category", "answer_summary",
                 "answered_id", "answered_date", "answered_actor", "answered_category", "answered_summary",
                 "lag_days", "across"]


def answer_pairs(events: pd.DataFrame) -> pd.DataFrame:
    """One row per answer: the event, the event it answered (``responds_to``) and the lag in days.

    ``across`` is True when one side answered the other (a Russian act answered by the US, or the
    reverse); False when an actor answered an event recorded under its own name (for example US
    sanctions answering the US finding of election interference). Only events both in ``events``
    are paired.
    """
    rows = []
    by_id = events.set_index(events["event_id"].astype(str))
    for _, ev in events.iterrows():
        for answered_id in split_ids(ev.get("responds_to")):
            if answered_id not in by_id.index:
                continue
            old = by_id.loc[answered_id]
            rows.append({
                "answer_id": str(ev["event_id"]), "answer_date": ev["date"],
                "answer_actor": str(ev["actor"]), "answer_category": str(ev["category"]),
                "answer_summary": str(ev["summary"]),
                "answered_id": answered_id, "answered_date": old["date"],
                "answered_actor": str(old["actor"]), "answered_category": str(old["category"]),
                "answered_summary": str(old["summary"]),
            })
    pairs = pd.DataFrame(rows, columns=_PAIR_COLUMNS[:-2])
    pairs["answer_date"] = pd.to_datetime(pairs["answer_date"])
    pairs["answered_date"] = pd.to_datetime(pairs["answered_date"])
    pairs["lag_days"] = (pairs["answer_date"] - pairs["answered_date"]).dt.days.astype("Int64")
    pairs["across"] = pairs["answer_actor"] != pairs["answered_actor"]
    return pairs.sort_values(["answer_date", "answer_id"]).reset_index(drop=True)


def lag_summary(pairs: pd.DataFrame, actors: tuple[str, ...] = DYAD) -> pd.DataFrame:
    """Per answering actor: how many answers to the other side, and the median, mean and longest lag in days."""
    across = pairs[pairs["across"] & pairs["answer_actor"].isin(actors)]
    rows = []
    for actor in actors:
        lags = across.loc[across["answer_actor"] == actor, "lag_days"].astype("float")
        rows.append({"actor": actor, "answers": int(lags.size),
                     "median_days": float(lags.median()) if lags.size else float("nan"),
                     "mean_days": float(lags.mean()) if lags.size else float("nan"),
                     "longest_days": float(lags.max()) if lags.size else float("nan")})
    return pd.DataFrame(rows)


def _parents(events: pd.DataFrame) -> dict[str, list[str]]:
    return {str(e): split_ids(r) for e, r in zip(events["event_id"], events["responds_to"], strict=True)}


def _chain(parent: dict[str, list[str]], event_id: str) -> list[str]:
    chain, current = [], str(event_id)
    while current in parent and current not in chain:
        chain.append(current)
        nxt = parent[current]
        if not nxt:
            break
        current = nxt[0]
    return chain[::-1]


def chain_of(events: pd.DataFrame, event_id: str) -> list[str]:
    """The ids from the act that started a chain down to ``event_id``, following ``responds_to`` back.

    Where an event answered several, the first listed is followed. Stops at a loop or an unknown id.
    """
    return _chain(_parents(events), event_id)


def chain_roots(events: pd.DataFrame) -> pd.Series:
    """For each event (indexed by event_id), the event_id of the act that started its chain."""
    parent = _parents(events)
    ids = events["event_id"].astype(str)
    return pd.Series([(_chain(parent, e) or [e])[0] for e in ids], index=ids.to_numpy(), dtype="string")


def chain_table(events: pd.DataFrame) -> pd.DataFrame:
    """Every event that answers or is answered, with the chain it belongs to (its first act) and its step.

    Columns ``chain`` (event_id of the act that started the chain), ``chain_start`` (its date) and
    ``step`` (0 for the first act, 1 for an answer to it, ...), added to the event's own columns.
    """
    pairs = answer_pairs(events)
    involved = set(pairs["answer_id"]) | set(pairs["answered_id"])
    table = events[events["event_id"].astype(str).isin(involved)].copy()
    parent = _parents(events)
    chains = table["event_id"].astype(str).map(lambda e: _chain(parent, e))
    table["chain"] = chains.map(lambda c: c[0]).astype("string")
    table["step"] = chains.map(lambda c: len(c) - 1).astype("Int64")
    starts = events.set_index(events["event_id"].astype(str))["date"]
    table["chain_start"] = table["chain"].map(starts)
    return table.sort_values(["chain_start", "date", "event_id"]).reset_index(drop=True)


def pauses(events: pd.DataFrame) -> pd.DataFrame:
    """The gap in days before each event since the one before it (events sorted by date), longest first.

    Columns ``before_id``, ``start`` (date of the earlier event), ``after_id``, ``end`` and ``days``.
    """
    ordered = events.sort_values(["date", "event_id"])
    out = pd.DataFrame({
        "before_id": ordered["event_id"].astype(str).shift(1).to_numpy(),
        "start": ordered["date"].shift(1).to_numpy(),
        "after_id": ordered["event_id"].astype(str).to_numpy(),
        "end": ordered["date"].to_numpy(),
    }).iloc[1:]
    out["start"] = pd.to_datetime(out["start"])
    out["end"] = pd.to_datetime(out["end"])
    out["days"] = (out["end"] - out["start"]).dt.days.astype("Int64")
    return out.sort_values(["days", "end"], ascending=[False, True]).reset_index(drop=True)


def goldstein_coverage(events: pd.DataFrame) -> pd.DataFrame:
    """Per actor: how many events carry a Goldstein weight (coded) and how many are blank (uncoded)."""
    coded = events["goldstein"].notna()
    table = pd.DataFrame({"actor": events["actor"].astype(str), "coded": coded})
    out = table.groupby("actor", sort=False)["coded"].agg(coded="sum", events="size")
    out["uncoded"] = out["events"] - out["coded"]
    out["share_coded"] = out["coded"] / out["events"]
    return out[["events", "coded", "uncoded", "share_coded"]].astype(
        {"events": int, "coded": int, "uncoded": int}).reset_index()


_REASON = re.compile(r"Not CAMEO-coded:\s*([^.]*)")


def uncoded_reason(note: object) -> str:
    """Why an event has no CAMEO code, as its note says ('Not CAMEO-coded: ...'), or '' if not said."""
    if note is None or note is pd.NA or (isinstance(note, float) and pd.isna(note)):
        return ""
    match = _REASON.search(str(note))
    return match.group(1).strip() if match else ""


def uncoded_events(events: pd.DataFrame) -> pd.DataFrame:
    """The events without a Goldstein weight, with the reason their note gives (or '' if none)."""
    blank = events[events["goldstein"].isna()]
    out = blank[["event_id", "date", "actor", "category"]].copy()
    out["reason"] = blank["note"].map(uncoded_reason).astype("string")
    return out.sort_values(["date", "event_id"]).reset_index(drop=True)


def goldstein_cumulative(events: pd.DataFrame, actors: tuple[str, ...] = DYAD) -> pd.DataFrame:
    """The running total of Goldstein weights of each actor's coded events, event by event.

    One row per coded event of an actor in ``actors``: date, actor, event_id, summary, cameo_code,
    goldstein and ``cumulative`` (that actor's total so far). Blank weights are left out, not zero.
    """
    coded = events[events["goldstein"].notna() & events["actor"].astype(str).isin(actors)]
    coded = coded.sort_values(["date", "event_id"])
    out = pd.DataFrame({
        "date": coded["date"], "actor": coded["actor"].astype(str), "event_id": coded["event_id"].astype(str),
        "summary": coded["summary"].astype(str), "cameo_code": coded["cameo_code"].astype("string"),
        "goldstein": coded["goldstein"].astype(float),
    })
    out["cumulative"] = out.groupby("actor")["goldstein"].cumsum()
    return out.reset_index(drop=True)


def goldstein_monthly(events: pd.DataFrame, actors: tuple[str, ...] = DYAD) -> pd.DataFrame:
    """Sum of Goldstein weights per calendar month and actor, with every month of the span (0 if none).

    Columns ``month`` (first day of the month), ``actor``, ``goldstein`` (sum of coded weights) and
    ``coded_events`` (how many coded events that month).
    """
    coded = events[events["goldstein"].notna() & events["actor"].astype(str).isin(actors)]
    if coded.empty:
        return pd.DataFrame({"month": pd.Series(dtype="datetime64[s]"), "actor": pd.Series(dtype=str),
                             "goldstein": pd.Series(dtype=float), "coded_events": pd.Series(dtype=int)})
    month = coded["date"].dt.to_period("M").dt.to_timestamp()
    grouped = (pd.DataFrame({"month": month, "actor": coded["actor"].astype(str),
                             "goldstein": coded["goldstein"].astype(float)})
               .groupby(["month", "actor"])["goldstein"].agg(goldstein="sum", coded_events="size"))
    months = pd.date_range(month.min(), month.max(), freq="MS")
    full = pd.MultiIndex.from_product([months, list(actors)], names=["month", "actor"])
    out = grouped.reindex(full, fill_value=0).reset_index()
    out["goldstein"] = out["goldstein"].astype(float)
    out["coded_events"] = out["coded_events"].astype(int)
    return out


_PARITY_ROWS = [
    # (measurement_id, side, part)
    ("us_2013_oig_direct_hire", "US mission in Russia, 2013 (State Dept inspectors)", "American staff"),
    ("us_2013_oig_locally_employed", "US mission in Russia, 2013 (State Dept inspectors)", "Local staff"),
    ("us_2017_mfa_cap", "US mission in Russia after Russia's cap, 2017", "Staff allowed (kinds not published)"),
    ("ru_2017_inferred_bilateral", "Russian missions in the US, 2017 (Russian count)",
     "Embassy and consulates (our arithmetic)"),
    ("ru_2017_putin_un", "Russian missions in the US, 2017 (Russian count)", "UN mission (Putin)"),
]


def parity_table(staffing: pd.DataFrame) -> pd.DataFrame:
    """What each side's count held: one row per part (American / local / UN staff ...) with its value.

    The US 2013 total's unexplained remainder (total minus American and local staff) is its own part.
    Columns: side, part, value, measurement_id, stated_by, basis.
    """
    by_id = staffing.set_index(staffing["measurement_id"].astype(str))
    missing = [m for m, _, _ in _PARITY_ROWS if m not in by_id.index]
    if missing:
        raise KeyError(f"staffing.csv has no row(s) {', '.join(missing)}; parity_table needs them.")
    rows = []
    for measurement_id, side, part in _PARITY_ROWS:
        row = by_id.loc[measurement_id]
        rows.append({"side": side, "part": part, "value": int(row["value"]), "measurement_id": measurement_id,
                     "stated_by": str(row["stated_by"]), "basis": str(row["basis"])})
        if measurement_id == "us_2013_oig_locally_employed" and "us_2013_oig_total" in by_id.index:
            total = int(by_id.loc["us_2013_oig_total", "value"])
            rest = total - sum(r["value"] for r in rows if r["side"] == side)
            if rest > 0:
                rows.append({"side": side, "part": "Not broken down", "value": rest,
                             "measurement_id": "us_2013_oig_total",
                             "stated_by": str(by_id.loc["us_2013_oig_total", "stated_by"]),
                             "basis": "inferred"})
    return pd.DataFrame(rows)
