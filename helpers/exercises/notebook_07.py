"""Exercises of notebook 07 (capstone): the March 2018 round, new rows, the rounds compared, sources."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from helpers.contribute import example_rows, validate_new_rows
from helpers.data import load_events, load_sources
from helpers.exercises import register
from helpers.exercises.compare import Comparator, Verdict, choice, describe, figure, integer, text_keywords
from helpers.widgets.capstone import ROUNDS, rounds_summary

NOTEBOOK = "07-capstone"


# --- 7.1 compute with pandas: Russians expelled in 2018 -------------------------------------------------

def russians_expelled_2018() -> int:
    """Reference solution of 7.1: people expelled in 2018 by acts aimed at Russia (any actor)."""
    events = load_events()
    rows = events[(events["date"].dt.year == 2018) & (events["category"] == "expulsion")
                  & (events["target"] == "RUS")]
    return int(rows["people"].sum())


register(
    "7.1",
    notebook=NOTEBOOK,
    question="How many Russian officials were expelled in 2018, by all the countries in the events table "
             "together?",
    expected=russians_expelled_2018,
    compare=integer(),
    hint="Keep the rows of 2018 (events['date'].dt.year == 2018) whose category is 'expulsion' and whose "
         "target is 'RUS' (combine the conditions with &), then add up their 'people' column with .sum().",
)


# --- 7.2 read a chart: the round of the staff cap ------------------------------------------------------------

ROUND_OPTIONS = {letter: name for letter, name in zip("ABC", ROUNDS, strict=True)}


def staff_cap_round() -> str:
    """Reference solution of 7.2: the round in which Russia cut staff by a cap and expelled no one."""
    summary = rounds_summary(load_events())
    russia = summary[(summary["actor"] == "RUS") & (summary["staff cut by a cap"] > 0)
                     & (summary["people expelled"] == 0)]
    name = russia["round"].iloc[0]
    return next(letter for letter, option in ROUND_OPTIONS.items() if option == name)


register(
    "7.2",
    notebook=NOTEBOOK,
    question="In which round did Russia answer with a cap on the other side's staff rather than by "
             "expelling people?",
    expected=staff_cap_round,
    compare=choice(ROUND_OPTIONS),
    hint="In the 'three rounds compared' chart, find the round where Russia's bar is tall in 'staff cut by "
         "a cap' and zero in 'people expelled'.",
)


# --- 7.3 build a chart: people expelled in the two rounds ---------------------------------------------------

TWO_ROUNDS = ("Dec 2016", "Mar–Apr 2018")


def expelled_in_two_rounds() -> list[float]:
    """What the 7.3 chart must show: the non-zero numbers of people each side expelled in the two rounds."""
    summary = rounds_summary(load_events())
    values = summary.loc[summary["round"].isin(TWO_ROUNDS), "people expelled"].astype(float)
    return sorted(v for v in values if v > 0)


def _bar_values(fig: Any, expected: list[float]) -> Verdict:
    values, bars = [], 0
    for trace in fig.data:
        if getattr(trace, "type", None) != "bar":
            continue
        bars += 1
        raw = trace.x if getattr(trace, "orientation", None) == "h" else trace.y
        for v in [] if raw is None else list(raw):
            try:
                number = float(v)
            except (TypeError, ValueError):
                continue
            if math.isfinite(number) and number > 0:
                values.append(number)
    if not bars:
        return Verdict(False, "Your figure has no bars: draw it with px.bar (or go.Bar).")
    if sorted(values) == sorted(expected):
        return Verdict(True)
    shown = ", ".join(f"{v:g}" for v in sorted(values)) or "nothing above zero"
    return Verdict(False, f"Your bars show {shown}. Show only the people each side expelled in "
                          f"{TWO_ROUNDS[0]} and {TWO_ROUNDS[1]}.")


register(
    "7.3",
    notebook=NOTEBOOK,
    question="Draw a bar chart of the people each side expelled in the Dec 2016 and Mar–Apr 2018 rounds "
             "(one bar per round and actor).",
    expected=expelled_in_two_rounds,
    compare=figure(_bar_values),
    hint="Keep the two rounds: two = summary[summary['round'].isin(['Dec 2016', 'Mar–Apr 2018'])]; then "
         "px.bar(two, x='round', y='people expelled', color='actor', barmode='group').",
)


# --- 7.4 write: how did the answers differ? -----------------------------------------------------------------

def answers_compared() -> dict[str, int]:
    """The numbers a good 7.4 answer uses (a written answer has no single literal solution)."""
    summary = rounds_summary(load_events()).set_index(["round", "actor"])
    return {name: int(summary.loc[(name, "RUS"), "people expelled"]) for name in TWO_ROUNDS}


register(
    "7.4",
    notebook=NOTEBOOK,
    question="In two or three sentences: how did Russia's answer in March 2018 differ from its answer in "
             "December 2016? Use numbers from the data.",
    expected=answers_compared,
    compare=text_keywords([
        ["60", "sixty", "same number", "equal", "in kind", "mirror", "parity", "matched", "reciproc"],
        ["2016", "december", "putin", "declin", "did not", "didn't", "no one", "nobody", "none", "held back",
         "refrain", "waited"],
    ], min_words=15),
    hint="Look at Russia's bars in the two rounds: how many people did it expel each time, and how soon? "
         "Mention 2016 and the number of March 2018.",
)


# --- 7.5 criticise sources: which one is primary? ---------------------------------------------------------

SOURCE_OPTIONS = {
    "A": "armenpress",
    "B": "sputnik_0401",
    "C": "usemb_by_0329",
    "D": "gazeta_0329",
}
SOURCE_LABELS = {
    "A": "Armenpress (a TASS report)",
    "B": "Sputnik",
    "C": "US Embassy in Belarus: statements of the White House and the State Department",
    "D": "Gazeta.ru",
}


def primary_option() -> str:
    """Reference solution of 7.5: the option whose source is primary in data/sources.csv."""
    kinds = load_sources().set_index("source_id")["kind"].astype(str)
    return next(letter for letter, sid in SOURCE_OPTIONS.items() if kinds.get(sid) == "primary")


register(
    "7.5",
    notebook=NOTEBOOK,
    question="Four sources of the row 2018-03-29-russia-expels-60. Which one is a primary source?",
    expected=primary_option,
    compare=choice(SOURCE_LABELS),
    hint="A primary source is a document of the government body that acted or spoke, or a faithful copy of "
         "it. Russian state media report on the government; they are not the government's own text. Check the "
         "'kind' column of sources.",
)


# --- 7.6 fix new rows so that they pass the checks --------------------------------------------------------

def fixed_practice_rows() -> list[dict[str, str]]:
    """Reference solution of 7.6: the practice rows with their mistakes corrected."""
    return example_rows()


def _rows_as_records(answer: Any) -> list[dict[str, Any]] | None:
    if isinstance(answer, pd.DataFrame):
        return [{str(k): v for k, v in r.items()} for r in answer.to_dict("records")]
    if isinstance(answer, list) and all(isinstance(r, dict) for r in answer):
        return answer
    return None


def fixed_rows() -> Comparator:
    """The rows must pass validate_new_rows and keep the ids, dates and actors of the intended events."""

    def compare(answer: Any, expected: list[dict[str, str]]) -> Verdict:
        records = _rows_as_records(answer)
        if records is None:
            return Verdict(False, f"Give the rows as a DataFrame (or a list of dicts), but got {describe(answer)}.")
        report = validate_new_rows("events", answer, quiet=True)
        if not report.ok:
            first = str(report.problems[0]) if report.problems else "there are no rows."
            return Verdict(False, f"The rows do not pass the checks yet: {first}")
        got = {str(r.get("event_id")): r for r in records}
        if set(got) != {r["event_id"] for r in expected}:
            return Verdict(False, "Keep the two rows (same event_id values); fix them, do not remove or add rows.")
        for want in expected:
            have = got[want["event_id"]]
            for column in ("date", "actor", "source_ids"):
                if str(pd.Timestamp(have[column]).date() if column == "date" else have[column]).strip() \
                        != want[column]:
                    return Verdict(False, f"The rows pass the checks, but the {column} of "
                                          f"{want['event_id']} is not what the sources say: keep its meaning.")
        return Verdict(True)

    return compare


register(
    "7.6",
    notebook=NOTEBOOK,
    question="The practice rows have three mistakes. Fix them so that validate_new_rows('events', ...) finds "
             "no problem, without changing what the rows say.",
    expected=fixed_practice_rows,
    compare=fixed_rows(),
    hint="Copy the rows (fixed_rows = practice.copy()), then change one cell at a time with "
         "fixed_rows.loc[row_index, 'column'] = 'new value'. Row 1 of the report is index 0. Re-run "
         "validate_new_rows after each fix.",
)
