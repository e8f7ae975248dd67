"""Exercises of notebook 07 (capstone): the March 2018 round, new rows, the rounds compared, sources."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from helpers.analysis.capstone import ROUNDS, rounds_summary
from helpers.contribute import example_rows, validate_new_rows
from helpers.data import load_events, load_sources, split_ids
from helpers.errors import describe_value
from helpers.exercises import (
    Aspect,
    Mistake,
    Option,
    Verdict,
    register_choice,
    register_count,
    register_custom,
    register_figure,
    register_written,
)

NOTEBOOK = "07-capstone"


# --- 7.1 compute with pandas: Russians expelled in 2018 -------------------------------------------------

def russians_expelled_2018() -> int:
    """Reference solution of 7.1: people expelled in 2018 by acts aimed at Russia (any actor)."""
    events = load_events()
    rows = events[(events["date"].dt.year == 2018) & (events["category"] == "expulsion")
                  & (events["target"] == "RUS")]
    return int(rows["people"].sum())


def _expulsion_rows_2018() -> pd.DataFrame:
    events = load_events()
    return events[(events["date"].dt.year == 2018) & (events["category"] == "expulsion")
                  & (events["target"] == "RUS")]


register_count(
    "7.1",
    notebook=NOTEBOOK,
    title="Russian officials expelled in 2018, by every country",
    answer_name="russians_expelled",
    uses=("events",),
    expected=russians_expelled_2018,
    hints=("Three conditions: the year is 2018, the category is 'expulsion', the target is 'RUS'. Combine them "
           "with &.",
           "The number of people expelled is in the people column: add it up with .sum() (counting the rows "
           "counts decisions, not people)."),
    mistakes=(
        Mistake("That is the number of expulsion decisions (rows), not of people. Add up the people column "
                "with .sum().", value=lambda: len(_expulsion_rows_2018())),
        Mistake("That counts the people Russia expelled too (its target was the US and others). Keep the rows "
                "whose target is 'RUS'.", value=lambda: int(load_events().pipe(
                    lambda e: e[(e["date"].dt.year == 2018) & (e["category"] == "expulsion")])["people"].sum())),
    ),
)


# --- 7.2 read a chart: the round of the staff cap ------------------------------------------------------------

ROUND_OPTIONS = {letter: name for letter, name in zip("ABC", ROUNDS, strict=True)}


def _round_why(name: str) -> str:
    summary = rounds_summary(load_events())
    russia = summary[(summary["actor"] == "RUS") & (summary["round"] == name)].iloc[0]
    return (f"in this round Russia expelled {int(russia['people expelled'])} people and cut "
            f"{int(russia['staff cut by a cap'])} staff by a cap.")


def staff_cap_round() -> str:
    """Reference solution of 7.2: the round in which Russia cut staff by a cap and expelled no one."""
    summary = rounds_summary(load_events())
    russia = summary[(summary["actor"] == "RUS") & (summary["staff cut by a cap"] > 0)
                     & (summary["people expelled"] == 0)]
    name = russia["round"].iloc[0]
    return next(letter for letter, option in ROUND_OPTIONS.items() if option == name)


register_choice(
    "7.2",
    notebook=NOTEBOOK,
    title="The round in which Russia capped staff instead of expelling",
    answer_name="cap_round",
    options={letter: Option(name, lambda name=name: _round_why(name)) for letter, name in ROUND_OPTIONS.items()},
    answer=staff_cap_round,
    hints=("In the 'three rounds compared' chart, look at Russia's bars in two panels: 'people expelled' and "
           "'staff cut by a cap'.",
           "Find the round where Russia's bar is tall in 'staff cut by a cap' and zero in 'people expelled'."),
)


# --- 7.3 build a chart: people expelled in the two rounds ---------------------------------------------------

TWO_ROUNDS = ("Dec 2016", "Mar–Apr 2018")


def expelled_in_two_rounds() -> list[float]:
    """What the 7.3 chart must show: the non-zero numbers of people each side expelled in the two rounds."""
    summary = rounds_summary(load_events())
    values = summary.loc[summary["round"].isin(TWO_ROUNDS), "people expelled"].astype(float)
    return sorted(v for v in values if v > 0)


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


def _bar_values(fig: Any, expected: list[float]) -> Verdict:
    bars = sum(getattr(trace, "type", None) == "bar" for trace in fig.data)
    values = _positive_bar_values(fig)
    if not bars:
        return Verdict(False, "Your figure has no bars: draw it with px.bar (or go.Bar).")
    if sorted(values) == sorted(expected):
        return Verdict(True)
    shown = ", ".join(f"{v:g}" for v in sorted(values)) or "nothing above zero"
    return Verdict(False, f"Your bars show {shown}. Show only the people each side expelled in "
                          f"{TWO_ROUNDS[0]} and {TWO_ROUNDS[1]}.")


def _all_three_rounds(fig: Any, expected: list[float]) -> bool:
    summary = rounds_summary(load_events())
    every = sorted(v for v in summary["people expelled"].astype(float) if v > 0)
    return sorted(_positive_bar_values(fig)) == every and every != sorted(expected)


register_figure(
    "7.3",
    notebook=NOTEBOOK,
    title="People expelled in the two rounds of expulsions",
    answer_name="comparison_fig",
    expected=expelled_in_two_rounds,
    test=_bar_values,
    hints=("Keep the rows of `summary` of the two rounds: .isin(['Dec 2016', 'Mar–Apr 2018']) on its round "
           "column.",
           "Then px.bar(two, x='round', y='people expelled', color='actor', barmode='group')."),
    mistakes=(Mistake("Your chart shows all three rounds; the question asks for the two rounds of expulsions, Dec "
                      "2016 and Mar–Apr 2018 (keep them with .isin).", test=_all_three_rounds),),
)


# --- 7.4 write: how did the answers differ? -----------------------------------------------------------------

def answers_compared() -> dict[str, int]:
    """The numbers a good 7.4 answer uses (a written answer has no single literal solution)."""
    summary = rounds_summary(load_events()).set_index(["round", "actor"])
    return {name: int(summary.loc[(name, "RUS"), "people expelled"]) for name in TWO_ROUNDS}


register_written(
    "7.4",
    notebook=NOTEBOOK,
    title="How Russia's answers of 2016 and 2018 differed",
    answer_name="answers_differ",
    expected=answers_compared,
    aspects=(
        Aspect("the December 2016 answer", ("2016", "december", "declin", "did not", "didn't", "no one", "nobody",
                                            "none", "held back", "refrain", "waited", "chose not"),
               "What did Russia do, or not do, in answer to the expulsions of December 2016?"),
        Aspect("the March 2018 answer", ("2018", "march", "60", "sixty", "mirror", "same number", "equal",
                                         "matched", "in kind"),
               "How many did Russia expel in March 2018, and how soon after the US?"),
        Aspect("numbers from the data", ("0", "35", "60", "sixty", "thirty-five", "none"),
               "Which numbers from the rounds chart show the difference?"),
    ),
    min_words=15,
    hints=("Look at Russia's bars for 'people expelled' in the two rounds.",
           "How many people did Russia expel each time, and how soon after the US acted?"),
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


register_choice(
    "7.5",
    notebook=NOTEBOOK,
    title="Which source is primary?",
    answer_name="primary_letter",
    options={
        "A": Option(SOURCE_LABELS["A"], "TASS is Russia's state news agency: it reports on the government, but it is "
                                        "not the government's own text."),
        "B": Option(SOURCE_LABELS["B"], "Sputnik is a state-owned news outlet: a report about the decision, not "
                                        "the decision's own text."),
        "C": Option(SOURCE_LABELS["C"], "it reproduces the White House's and State Department's own statements: "
                                        "the kind column marks it primary."),
        "D": Option(SOURCE_LABELS["D"], "Gazeta.ru is a newspaper: a secondary report."),
    },
    answer=primary_option,
    hints=("A primary source is a document of the government body that acted or spoke.",
           "Check the kind column of the four source_ids in the sources table."),
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


def _fixed_rows(answer: Any, expected: list[dict[str, str]]) -> Verdict:
    """The rows must pass validate_new_rows and keep the ids, dates, actors and sources of the intended events."""
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
    if set(got) != {r["event_id"] for r in expected}:
        return Verdict(False, "Keep the two rows (same event_id values); fix them, do not remove or add rows.")
    for want in expected:
        have = got[want["event_id"]]
        for column in ("date", "actor", "source_ids"):
            if not _same_cell(column, have.get(column), want[column]):
                return Verdict(False, f"The rows pass the checks, but the {column} of {want['event_id']} no longer "
                                      "says what the sources say: fix the form, keep the meaning.")
    return Verdict(True)


register_custom(
    "7.6",
    notebook=NOTEBOOK,
    title="Fix the practice rows",
    answer_name="fixed_rows",
    expected=fixed_practice_rows,
    compare=_fixed_rows,
    hints=("Run validate_new_rows('events', practice) and read its three problems, one per line. Row 1 of the "
           "report is index 0 of the table.",
           "Copy the rows (fixed_rows = practice.copy()) and change one cell at a time: "
           "fixed_rows.loc[row_index, 'column'] = 'new value'. Re-run validate_new_rows after each fix."),
)
