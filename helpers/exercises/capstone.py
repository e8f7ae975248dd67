"""Exercises of notebook 07 (capstone): the March 2018 round, new rows, the rounds compared, sources.

What a student reads (titles, hints, options, the sentence for each typical mistake) is in capstone.toml;
this module computes: each expected answer, the value or test of each typical mistake, the values the reasons
of 7.2 and 7.5 show, the test of the figure of 7.3 and the comparison of the rows of 7.6.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from helpers.analysis.capstone import ROUNDS, rounds_summary
from helpers.contribute import ValidationReport, example_rows, practice_rows, validate_new_rows
from helpers.data import load_events, load_sources, load_table, split_ids
from helpers.errors import describe_value
from helpers.exercises import Verdict, declare
from helpers.vocabulary import country_name

# --- 7.1 compute with pandas: Russians expelled in 2018 -------------------------------------------------

def _expulsions(year: int | None = 2018, target: str | None = "RUS", actor: str | None = None,
                category: str | None = "expulsion") -> pd.DataFrame:
    events = load_events()
    keep = pd.Series(True, index=events.index)
    if year is not None:
        keep &= events["date"].dt.year == year
    if category is not None:
        keep &= events["category"] == category
    if target is not None:
        keep &= events["target"] == target
    if actor is not None:
        keep &= events["actor"] == actor
    return events[keep]


def _people(**conditions: Any) -> int:
    return int(_expulsions(**conditions)["people"].sum())


def russians_expelled_2018() -> int:
    """Reference solution of 7.1: people expelled in 2018 by acts aimed at Russia (any actor)."""
    return _people()


def expulsion_decisions_2018() -> int:
    """A mistake of 7.1: the number of expulsion decisions (rows) instead of the people expelled."""
    return len(_expulsions())


def expelled_by_both_sides_2018() -> int:
    """A mistake of 7.1: the people expelled in 2018 whatever the target, so Russia's expulsions too."""
    return _people(target=None)


def russians_expelled_every_year() -> int:
    """A mistake of 7.1: the Russians expelled in every year, not only in 2018."""
    return _people(year=None)


def russians_expelled_by_usa_2018() -> int:
    """A mistake of 7.1: the Russians the US alone expelled in 2018."""
    return _people(actor="USA")


def expelled_by_russia_2018() -> int:
    """A mistake of 7.1: actor and target swapped, the people Russia expelled in 2018."""
    return _people(target=None, actor="RUS")


def russians_expelled_by_britain_2018() -> int:
    """A mistake of 7.1: the Russians Britain alone expelled in 2018."""
    return _people(actor="GBR")


# --- 7.2 read a chart: the round of the staff cap ------------------------------------------------------------

ROUND_OPTIONS = {letter: name for letter, name in zip("ABC", ROUNDS, strict=True)}


def _russia_in_round(letter: str) -> pd.Series:
    summary = rounds_summary(load_events())
    return summary[(summary["actor"] == "RUS") & (summary["round"] == ROUND_OPTIONS[letter])].iloc[0]


def russia_expelled(letter: str) -> int:
    """Shown in the reason of a 7.2 option: the people Russia expelled in that option's round."""
    return int(_russia_in_round(letter)["people expelled"])


def russia_capped(letter: str) -> int:
    """Shown in the reason of a 7.2 option: the staff Russia cut by a cap in that option's round."""
    return int(_russia_in_round(letter)["staff cut by a cap"])


def staff_cap_round() -> str:
    """Reference solution of 7.2: the round in which Russia cut staff by a cap and expelled no one."""
    summary = rounds_summary(load_events())
    russia = summary[(summary["actor"] == "RUS") & (summary["staff cut by a cap"] > 0)
                     & (summary["people expelled"] == 0)]
    name = russia["round"].iloc[0]
    return next(letter for letter, option in ROUND_OPTIONS.items() if option == name)


# --- 7.3 build a chart: people expelled in the two rounds ---------------------------------------------------

TWO_ROUNDS = ("Dec 2016", "Mar–Apr 2018")


def _two_rounds_values(measure: str) -> list[float]:
    summary = rounds_summary(load_events())
    values = summary.loc[summary["round"].isin(TWO_ROUNDS), measure].astype(float)
    return sorted(v for v in values if v > 0)


def expelled_in_two_rounds() -> list[float]:
    """What the 7.3 chart must show: the non-zero numbers of people each side expelled in the two rounds."""
    return _two_rounds_values("people expelled")


def _positive_bar_values(fig: Any) -> list[float]:
    values = []
    for trace in fig.data:
        if getattr(trace, "type", None) != "bar":
            continue
        raw = trace.x if getattr(trace, "orientation", None) == "h" else trace.y
        for v in [] if raw is None else list(raw):
            try:
                number = float(v)
            except (TypeError, ValueError):
                continue
            if math.isfinite(number) and number > 0:
                values.append(number)
    return values


def shows_expelled_in_two_rounds(fig: Any, expected: list[float]) -> Verdict:
    """The test of 7.3's figure: bars showing exactly the people each side expelled in the two rounds."""
    bars = sum(getattr(trace, "type", None) == "bar" for trace in fig.data)
    values = _positive_bar_values(fig)
    if not bars:
        return Verdict(False, "Your figure has no bars: draw it with px.bar (or go.Bar).")
    if sorted(values) == sorted(expected):
        return Verdict(True)
    shown = ", ".join(f"{v:g}" for v in sorted(values)) or "nothing above zero"
    return Verdict(False, f"Your bars show {shown}. Show only the people each side expelled in "
                          f"{TWO_ROUNDS[0]} and {TWO_ROUNDS[1]}.")


def _bar_axis_labels(fig: Any) -> set[str]:
    labels: set[str] = set()
    for trace in fig.data:
        if getattr(trace, "type", None) != "bar":
            continue
        raw = trace.y if getattr(trace, "orientation", None) == "h" else trace.x
        labels.update(str(v) for v in ([] if raw is None else list(raw)))
    return labels


def shows_all_three_rounds(fig: Any, expected: list[float]) -> bool:
    """A mistake of 7.3: bars for all three rounds instead of the two rounds of expulsions."""
    return set(ROUNDS) <= _bar_axis_labels(fig)


def one_bar_per_round(fig: Any, expected: list[float]) -> bool:
    """A mistake of 7.3: one bar per round, the two sides stacked together."""
    return sum(getattr(trace, "type", None) == "bar" for trace in fig.data) == 1


def _shows_other_measure(fig: Any, expected: list[float], measure: str) -> bool:
    shown = _two_rounds_values(measure)
    return bool(shown) and shown != sorted(expected) and sorted(_positive_bar_values(fig)) == shown


def shows_facilities_shut(fig: Any, expected: list[float]) -> bool:
    """A mistake of 7.3: bars of the facilities ordered shut instead of the people expelled."""
    return _shows_other_measure(fig, expected, "facilities ordered shut")


def shows_all_events(fig: Any, expected: list[float]) -> bool:
    """A mistake of 7.3: bars counting all events of each side instead of the people expelled."""
    return _shows_other_measure(fig, expected, "events")


# --- 7.4 write: how did the answers differ? -----------------------------------------------------------------

def answers_compared() -> dict[str, int]:
    """The numbers a good 7.4 answer uses (a written answer has no single literal solution)."""
    summary = rounds_summary(load_events()).set_index(["round", "actor"])
    return {name: int(summary.loc[(name, "RUS"), "people expelled"]) for name in TWO_ROUNDS}


# --- 7.5 criticise sources: which one is primary? ---------------------------------------------------------

ROW_7_5 = "2018-03-29-russia-expels-60"
SOURCE_OPTIONS = {
    "A": "armenpress",
    "B": "sputnik_0401",
    "C": "usemb_by_0329",
    "D": "gazeta_0329",
}


def _source(letter: str) -> pd.Series:
    return load_sources().set_index("source_id").loc[SOURCE_OPTIONS[letter]]


def _official_domains(letter: str, column: str) -> pd.Series:
    domains = load_table("official_domains")
    return domains.loc[domains["issuer"].astype(str) == source_issuer(letter), column].astype(str)


def source_kind(letter: str) -> str:
    """Shown in the reason of a 7.5 option: the kind (primary, secondary) of the option's source."""
    return str(_source(letter)["kind"])


def source_issuer(letter: str) -> str:
    """Shown in the reason of a 7.5 option: the issuer id of the option's source (empty if none)."""
    issuer = _source(letter)["issuer"]
    return "" if pd.isna(issuer) else str(issuer)


def source_issuer_name(letter: str) -> str:
    """Shown in the reason of a 7.5 option: the name of the source's issuer, as official_domains gives it."""
    names = _official_domains(letter, "issuer_name")
    return str(names.iloc[0]) if len(names) else source_issuer(letter)


def source_issuer_country(letter: str) -> str:
    """Shown in the reason of a 7.5 option: the name of the country of the source's issuer."""
    countries = _official_domains(letter, "country")
    return country_name(countries.iloc[0] if len(countries) else "")


def primary_option() -> str:
    """Reference solution of 7.5: the option whose source is primary in data/sources.csv."""
    kinds = load_sources().set_index("source_id")["kind"].astype(str)
    hits = [letter for letter, sid in SOURCE_OPTIONS.items() if kinds.get(sid) == "primary"]
    return hits[0] if len(hits) == 1 else "none of the options"


# --- 7.6 fix new rows so that they pass the checks --------------------------------------------------------

def fixed_practice_rows() -> list[dict[str, str]]:
    """Reference solution of 7.6: the practice rows with their mistakes corrected."""
    return example_rows()


_GOOD = example_rows()
_BAD = practice_rows().to_dict("records")

# The cells the practice rows get wrong, as they are (PRACTICE_) and as they should be; the messages of
# 7.6's mistakes in capstone.toml show them.
DATE, ACTOR, TARGET, SOURCES = _GOOD[0]["date"], _GOOD[1]["actor"], _GOOD[1]["target"], _GOOD[1]["source_ids"]
PRACTICE_DATE, PRACTICE_ACTOR = _BAD[0]["date"], _BAD[1]["actor"]


def _rows_as_records(answer: Any) -> list[dict[str, Any]] | None:
    if isinstance(answer, pd.DataFrame):
        return [{str(k): v for k, v in r.items()} for r in answer.to_dict("records")]
    if isinstance(answer, list) and all(isinstance(r, dict) for r in answer):
        return answer
    return None


def _cell(answer: Any, row: int, column: str) -> Any:
    """The student's cell for the practice row number ``row`` (found by its event_id), or None."""
    records = _rows_as_records(answer) or []
    wanted = _GOOD[row]["event_id"]
    for record in records:
        if str(record.get("event_id")) == wanted:
            return record.get(column)
    return None


def _text(value: Any) -> str:
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    return "" if value is None else str(value).strip()


def _ids(value: Any) -> list[str]:
    if isinstance(value, list | tuple | set):
        return [str(v).strip() for v in value]
    return [part.strip() for part in _text(value).split(";") if part.strip()]


def _same_cell(column: str, have: Any, want: str) -> bool:
    if column == "date":
        try:
            return str(pd.Timestamp(have).date()) == want
        except (ValueError, TypeError):
            return False
    if column == "source_ids":
        if isinstance(have, list | tuple | set):
            return {str(h).strip() for h in have} == set(split_ids(want))
        return set(split_ids(have)) == set(split_ids(want))
    return str(have).strip() == want


def _ids_of_answer(answer: Any) -> set[str] | None:
    records = _rows_as_records(answer)
    return None if records is None else {str(r.get("event_id")) for r in records}


def is_validation_report(answer: Any, expected: Any) -> bool:
    """A mistake of 7.6: the report of validate_new_rows instead of the rows."""
    return isinstance(answer, ValidationReport)


def rows_removed_or_added(answer: Any, expected: list[dict[str, str]]) -> bool:
    """A mistake of 7.6: rows whose event_id values are not those of the practice rows."""
    ids = _ids_of_answer(answer)
    return ids is not None and ids != {r["event_id"] for r in expected}


def date_still_day_month_year(answer: Any, expected: Any) -> bool:
    """A mistake of 7.6: row 1's date left as the practice row wrote it, day/month/year."""
    return _text(_cell(answer, 0, "date")) == PRACTICE_DATE


def date_month_day_swapped(answer: Any, expected: Any) -> bool:
    """A mistake of 7.6: row 1's date written year-day-month."""
    year, month, day = DATE.split("-")
    return _text(_cell(answer, 0, "date")) == f"{year}-{day}-{month}" and day != month


def date_another_day(answer: Any, expected: Any) -> bool:
    """A mistake of 7.6: row 1's date well written, but another day than the event's."""
    text = _text(_cell(answer, 0, "date"))
    try:
        day = pd.Timestamp(text)
    except (ValueError, TypeError):
        return False
    return not pd.isna(day) and text == f"{day:%Y-%m-%d}" != DATE


def actor_still_country_name(answer: Any, expected: Any) -> bool:
    """A mistake of 7.6: row 2's actor left as a country's name instead of its code."""
    return _text(_cell(answer, 1, "actor")).lower() in {PRACTICE_ACTOR.lower(), "russian federation"}


def actor_not_in_capitals(answer: Any, expected: Any) -> bool:
    """A mistake of 7.6: row 2's actor the right code, but not in capitals."""
    actor = _text(_cell(answer, 1, "actor"))
    return actor != ACTOR and actor.upper() == ACTOR


def actor_wrong_side(answer: Any, expected: Any) -> bool:
    """A mistake of 7.6: row 2's actor the code of the target."""
    return _text(_cell(answer, 1, "actor")) == TARGET


def sources_space_after_semicolon(answer: Any, expected: Any) -> bool:
    """A mistake of 7.6: row 2's source_ids still separated by '; ' with a space."""
    return "; " in _text(_cell(answer, 1, "source_ids"))


def sources_one_lost(answer: Any, expected: Any) -> bool:
    """A mistake of 7.6: row 2's source_ids missing a source the row cites."""
    sources = _cell(answer, 1, "source_ids")
    return sources is not None and set(_ids(sources)) < set(split_ids(SOURCES))


def compare_fixed_rows(answer: Any, expected: list[dict[str, str]]) -> Verdict:
    """The comparison of 7.6: the rows pass validate_new_rows and keep the ids, dates, actors and sources
    of the intended events (the typical mistakes of capstone.toml are recognised before it is called)."""
    records = _rows_as_records(answer)
    if records is None:
        return Verdict(False, f"Give the rows as a DataFrame (or a list of dicts), but got {describe_value(answer)}.")
    report = validate_new_rows("events", answer, quiet=True)
    if not report.ok:
        first = str(report.problems[0]) if report.problems else "there are no rows."
        more = f" ({len(report.problems)} problems in all: run validate_new_rows to see them.)" \
            if len(report.problems) > 1 else ""
        return Verdict(False, f"The rows do not pass the checks yet: {first}{more}")
    got = {str(r.get("event_id")): r for r in records}
    for want in expected:
        have = got[want["event_id"]]
        for column in ("date", "actor", "target", "source_ids"):
            if not _same_cell(column, have.get(column), want[column]):
                return Verdict(False, f"The rows pass the checks, but the {column} of {want['event_id']} no longer "
                                      "says what the sources say: fix the form, keep the meaning.")
    return Verdict(True)


declare(__name__)
