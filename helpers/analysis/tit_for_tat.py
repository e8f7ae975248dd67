"""Analysis of notebook 05 (tit for tat): who answered what, how fast, and how hostile the acts were.

Plain functions on the tables of :mod:`helpers.data`; they never change their input.

- **Answers** come from ``events.responds_to``: the event a cited source says this event answered.
  :func:`helpers.analysis.links.answer_links` puts each answer next to what it answered and measures
  the lag in days; :func:`chain_of` follows answers back to the act that started a chain.
- **Pauses** are gaps between consecutive events (:func:`pauses`).
- **Escalation** uses ``events.goldstein``: the conflict-cooperation weight of the event's CAMEO code,
  from -10 (most hostile) to +10 (most cooperative). The weights for CAMEO codes were assigned by the
  KEDS project (Schrodt and colleagues) after Goldstein's 1992 scale for WEIS codes, and are distributed
  by GDELT. A weight belongs to the *kind* of act, not its size, and it is empty for events with no
  CAMEO code (:func:`goldstein_coverage` counts them).
- **Counting rules** decide which coded rows are added up (:data:`RULES`, :func:`goldstein_rows`): every
  coded row, or one row per decision (``events.decision_id``), with or without the orders and laws that
  named no one that day (``events.authority_only``). See data/README.md, "Adding up the weights".
- **Parity**: :func:`mission_losses` puts each mission's loss next to its size, from the staffing rows.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.analysis.links import answer_links
from helpers.data import split_ids
from helpers.errors import require_columns
from helpers.vocabulary import ALL, DYAD, is_missing

__all__ = [
    "CAMEO_NAMES",
    "MEASURE_CATEGORIES",
    "PERIODS",
    "RULES",
    "LOSS_ROWS",
    "cameo_name",
    "dyad_events",
    "measure_events",
    "lag_summary",
    "chain_of",
    "chain_roots",
    "chain_table",
    "pauses",
    "goldstein_coverage",
    "uncoded_events",
    "uncoded_reason",
    "goldstein_rows",
    "goldstein_cumulative",
    "goldstein_curves",
    "goldstein_totals",
    "goldstein_monthly",
    "mission_losses",
    "select_chains",
]

# Kinds of event that act on people or buildings: the measures of the tit for tat.
MEASURE_CATEGORIES = ["expulsion", "staff_cap", "visas", "closure"]

# Named periods of the dispute (first and last day, inclusive).
PERIODS: dict[str, tuple[str, str]] = {
    "2014: Crimea and the first sanctions": ("2014-03-01", "2014-12-31"),
    "Oct 2016 – Jan 2017: the election and the December measures": ("2016-10-01", "2017-01-31"),
    "Jul – Oct 2017: the staff cap and the closures": ("2017-07-01", "2017-10-31"),
    "Nov – Dec 2017: the media chain": ("2017-11-01", "2017-12-31"),
    "Mar – Apr 2018: after the Salisbury poisoning": ("2018-03-01", "2018-04-30"),
    "The whole dispute, 2014 – 2018": ("2014-01-01", "2018-12-31"),
}

# Names of the CAMEO 1.1b3 codes used in events.csv, as the codebook gives them (source cameo_codebook).
CAMEO_NAMES: dict[str, str] = {
    "010": "Make statement",
    "016": "Deny responsibility",
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
    "1721": "Impose restrictions on political freedoms",
}


# How the weights are added up: which coded rows count (data/README.md, "Adding up the weights").
RULES: dict[str, str] = {
    "every_row": "Every coded row counts",
    "one_decision": "One decision, one weight",
    "named_only": "One decision, one weight, only decisions that named someone",
}

# Each mission's loss and the staffing row that gives its size: (lost, size, what the size row counts).
LOSS_ROWS: dict[str, tuple[str, str, str]] = {
    "Russia's missions in the US, Dec 2016": ("ru_2016_us_expelled", "ru_2017_mfa_total", "after"),
    "US mission in Russia, Jul 2017": ("us_2017_putin_cut", "us_2017_inferred_total", "before"),
}


def cameo_name(code: object) -> str:
    """The codebook name of a CAMEO code ('161' -> 'Reduce or break diplomatic relations'), or '' if blank.

    >>> cameo_name("161"), cameo_name(None)
    ('Reduce or break diplomatic relations', '')
    """
    if is_missing(code):
        return ""
    text = str(code).strip()
    return CAMEO_NAMES.get(text, f"CAMEO code {text}") if text else ""


def dyad_events(events: pd.DataFrame, dyad: tuple[str, str] = DYAD) -> pd.DataFrame:
    """The events one side of ``dyad`` aimed at the other (US acts towards Russia and back), by date.

    >>> toy = pd.DataFrame({"event_id": ["b", "a", "c"], "date": pd.to_datetime(["2017-01-03", "2017-01-01",
    ...                     "2017-01-02"]), "actor": ["RUS", "USA", "GBR"], "target": ["USA", "RUS", "RUS"]})
    >>> dyad_events(toy)["event_id"].tolist()
    ['a', 'b']
    """
    require_columns(events, "events", ["event_id", "date", "actor", "target"], "dyad_events")
    a, b = dyad
    actor, target = events["actor"].astype(str), events["target"].astype(str)
    keep = ((actor == a) & (target == b)) | ((actor == b) & (target == a))
    return events[keep].sort_values(["date", "event_id"])


def measure_events(events: pd.DataFrame) -> pd.DataFrame:
    """US–Russia events that act on people or buildings (expulsions, staff caps, visas, closures), by date."""
    dyad = dyad_events(events)
    return dyad[dyad["category"].astype(str).isin(MEASURE_CATEGORIES)]


def lag_summary(links: pd.DataFrame, actors: tuple[str, ...] = DYAD) -> pd.DataFrame:
    """Per answering actor: how many answers to the other side, and the median, mean and longest lag in days.

    ``links`` is :func:`helpers.analysis.links.answer_links`.

    >>> links = pd.DataFrame({"answer_actor": ["RUS", "RUS", "USA", "USA"], "across": [True, True, True, False],
    ...                       "lag_days": [1, 5, 34, 83]})
    >>> lag_summary(links)
      actor  answers  median_days  mean_days  longest_days
    0   USA        1         34.0       34.0          34.0
    1   RUS        2          3.0        3.0           5.0
    """
    require_columns(links, "answer links", ["across", "answer_actor", "lag_days"], "lag_summary")
    across = links[links["across"] & links["answer_actor"].isin(actors)]
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
    links = answer_links(events)
    involved = set(links["answer_id"]) | set(links["answered_id"])
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

    >>> toy = pd.DataFrame({"event_id": ["a", "b", "c"],
    ...                     "date": pd.to_datetime(["2017-01-01", "2017-07-28", "2017-08-31"])})
    >>> pauses(toy)[["before_id", "after_id", "days"]]
      before_id after_id  days
    0         a        b   208
    1         b        c    34
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


_REASON = re.compile(r"Not CAMEO-coded[^:.]*:\s*([^.]*)")


def uncoded_reason(note: object) -> str:
    """Why an event has no CAMEO code, as its note says ('Not CAMEO-coded: ...'), or '' if not said.

    >>> uncoded_reason("Deadline. Not CAMEO-coded: implementation of an act already coded.")
    'implementation of an act already coded'
    >>> uncoded_reason("Not CAMEO-coded and responds_to left empty: a repetition of a statement already coded.")
    'a repetition of a statement already coded'
    """
    if is_missing(note):
        return ""
    match = _REASON.search(str(note))
    return match.group(1).strip() if match else ""


def uncoded_events(events: pd.DataFrame) -> pd.DataFrame:
    """The events without a Goldstein weight, with the reason their note gives (or '' if none)."""
    blank = events[events["goldstein"].isna()]
    out = blank[["event_id", "date", "actor", "category"]].copy()
    out["reason"] = blank["note"].map(uncoded_reason).astype("string")
    return out.sort_values(["date", "event_id"]).reset_index(drop=True)


def goldstein_rows(events: pd.DataFrame, rule: str = "every_row") -> pd.DataFrame:
    """The coded events (those with a Goldstein weight) that count under a counting ``rule``, a key of :data:`RULES`.

    - ``"every_row"``: every coded row, so a law counts at each vote and again at its signing;
    - ``"one_decision"``: one row per decision, the row that records the decision itself (its ``event_id``
      equals its ``decision_id``); not ``groupby("decision_id").first()``, which would keep a law's first vote;
    - ``"named_only"``: as ``"one_decision"``, without the orders and laws that named no one that day
      (``authority_only == "yes"``: their designations are rows of their own).

    >>> toy = pd.DataFrame({"event_id": ["vote", "sign", "order"], "goldstein": [-5.8, -8.0, -8.0],
    ...                     "decision_id": ["sign", "sign", "order"], "authority_only": [None, None, "yes"]})
    >>> goldstein_rows(toy)["event_id"].tolist()
    ['vote', 'sign', 'order']
    >>> goldstein_rows(toy, "one_decision")["event_id"].tolist()
    ['sign', 'order']
    >>> goldstein_rows(toy, "named_only")["event_id"].tolist()
    ['sign']
    """
    if rule not in RULES:
        raise ValueError(f"rule must be one of {', '.join(repr(r) for r in RULES)}; got {rule!r}.")
    require_columns(events, "events", ["event_id", "goldstein"], "goldstein_rows")
    coded = events[events["goldstein"].notna()]
    if rule == "every_row":
        return coded
    require_columns(events, "events", ["decision_id"], "goldstein_rows")
    one = coded[coded["event_id"].astype(str) == coded["decision_id"].astype(str)]
    if rule == "one_decision":
        return one
    require_columns(events, "events", ["authority_only"], "goldstein_rows")
    return one[one["authority_only"].astype(str) != "yes"]


def goldstein_cumulative(events: pd.DataFrame, actors: tuple[str, ...] = DYAD,
                         rule: str = "every_row") -> pd.DataFrame:
    """The running total of Goldstein weights of each actor's coded events, event by event, under ``rule``.

    One row per coded event of an actor in ``actors`` that counts under ``rule`` (see :func:`goldstein_rows`):
    date, actor, event_id, summary, cameo_code, goldstein and ``cumulative`` (that actor's total so far).
    Blank weights are left out, not zero.
    """
    coded = goldstein_rows(events, rule)
    coded = coded[coded["actor"].astype(str).isin(actors)].sort_values(["date", "event_id"])
    out = pd.DataFrame({
        "date": coded["date"], "actor": coded["actor"].astype(str), "event_id": coded["event_id"].astype(str),
        "summary": coded["summary"].astype(str), "cameo_code": coded["cameo_code"].astype("string"),
        "goldstein": coded["goldstein"].astype(float),
    })
    out["cumulative"] = out.groupby("actor")["goldstein"].cumsum()
    return out.reset_index(drop=True)


def goldstein_curves(events: pd.DataFrame, rules: tuple[str, ...] | list[str] = ("every_row", "one_decision"),
                     actors: tuple[str, ...] = DYAD) -> pd.DataFrame:
    """:func:`goldstein_cumulative` under each of ``rules``, one below the other, with a column ``rule``.

    The table :func:`helpers.charts.tit_for_tat.rules_figure` draws, one panel per rule.
    """
    parts = [goldstein_cumulative(events, actors, rule).assign(rule=rule) for rule in rules]
    return pd.concat(parts, ignore_index=True)


def goldstein_totals(events: pd.DataFrame, rules: tuple[str, ...] | list[str] = tuple(RULES),
                     actors: tuple[str, ...] = DYAD) -> pd.DataFrame:
    """Each actor's sum of Goldstein weights under each counting rule: a row per rule, a column per actor.

    >>> toy = pd.DataFrame({"event_id": ["vote", "sign", "order", "law"], "actor": ["USA", "USA", "USA", "RUS"],
    ...                     "goldstein": [-5.8, -8.0, -8.0, -5.0], "decision_id": ["sign", "sign", "order", "law"],
    ...                     "authority_only": [None, None, "yes", "yes"]})
    >>> goldstein_totals(toy)  # doctest: +NORMALIZE_WHITESPACE
                   USA  RUS
    rule
    every_row    -21.8 -5.0
    one_decision -16.0 -5.0
    named_only    -8.0  0.0
    """
    rows = {}
    for rule in rules:
        coded = goldstein_rows(events, rule)
        sums = coded.groupby(coded["actor"].astype(str))["goldstein"].sum()
        rows[rule] = {actor: round(float(sums.get(actor, 0.0)), 1) for actor in actors}
    table = pd.DataFrame.from_dict(rows, orient="index", columns=list(actors))
    table.index.name = "rule"
    return table


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


def mission_losses(staffing: pd.DataFrame) -> pd.DataFrame:
    """Each mission's loss next to its size before it, from the staffing rows of :data:`LOSS_ROWS`.

    Columns ``mission``, ``lost``, ``before`` (the mission's size before the loss: the stated size, or the
    size after plus the loss), ``lost_id`` and ``size_id`` (the staffing rows used). KeyError if a row is
    missing.

    >>> toy = pd.DataFrame({"measurement_id": ["ru_2016_us_expelled", "ru_2017_mfa_total", "us_2017_putin_cut",
    ...                     "us_2017_inferred_total"], "value": [35, 455, 755, 1210]})
    >>> mission_losses(toy)[["lost", "before"]]
       lost  before
    0    35     490
    1   755    1210
    """
    by_id = staffing.set_index(staffing["measurement_id"].astype(str))["value"]
    missing = [m for ids in LOSS_ROWS.values() for m in ids[:2] if m not in by_id.index]
    if missing:
        raise KeyError(f"staffing.csv has no row(s) {', '.join(missing)}; mission_losses needs them.")
    rows = []
    for mission, (lost_id, size_id, counts) in LOSS_ROWS.items():
        lost, size = int(by_id[lost_id]), int(by_id[size_id])
        rows.append({"mission": mission, "lost": lost, "before": size + lost if counts == "after" else size,
                     "lost_id": lost_id, "size_id": size_id})
    return pd.DataFrame(rows)


def select_chains(events: pd.DataFrame, actor: str = ALL, period: str = "Jul – Oct 2017: the staff cap and the closures",
                  category: str = ALL) -> pd.DataFrame:
    """Whole chains of answers holding at least one event of ``actor`` and ``category`` dated in ``period``.

    Returns the events of those chains (with the columns of :func:`chain_table`), including their members
    outside the period, so that a chain is never cut in half. ``period`` is a key of :data:`PERIODS`.
    """
    table = chain_table(events)
    start, end = (pd.Timestamp(d) for d in PERIODS.get(period, PERIODS["The whole dispute, 2014 – 2018"]))
    hit = table["date"].between(start, end)
    if actor != ALL:
        hit &= table["actor"].astype(str) == actor
    if category != ALL:
        hit &= table["category"].astype(str) == category
    chains = set(table.loc[hit, "chain"])
    return table[table["chain"].isin(chains)].reset_index(drop=True)
