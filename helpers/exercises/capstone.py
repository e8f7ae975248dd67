"""Exercises of notebook 07 (capstone): the March 2018 round, new rows, the rounds compared, sources."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from helpers.analysis.capstone import ROUNDS, rounds_summary
from helpers.contribute import ValidationReport, example_rows, practice_rows, validate_new_rows
from helpers.data import load_events, load_sources, load_table, split_ids
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
from helpers.vocabulary import country_name

NOTEBOOK = "07-capstone"


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


register_count(
    "7.1",
    notebook=NOTEBOOK,
    title="Russian officials expelled in 2018, by every country",
    answer_name="russians_expelled",
    uses=("events",),
    expected=russians_expelled_2018,
    hints=("Three conditions: the year is 2018, the category is 'expulsion', the target is 'RUS'. Combine them "
           "with &, each in its own brackets.",
           "The number of people expelled is in the people column: add it up with .sum() (counting the rows "
           "counts decisions, not people)."),
    mistakes=(
        Mistake("That is the number of expulsion decisions (rows), not of people. Add up the people column "
                "with .sum().", value=lambda: len(_expulsions())),
        Mistake("That counts the people Russia expelled too (its target was the US). Keep the rows whose target "
                "is 'RUS'.", value=lambda: _people(target=None)),
        Mistake("That counts the expulsions of every year. Keep the rows of 2018 too: "
                "events['date'].dt.year == 2018.", value=lambda: _people(year=None)),
        Mistake("That is one country's expulsions only: either the US's alone (Britain expelled Russians too), "
                "or the Americans Russia expelled (actor and target swapped). Keep every actor, and the rows whose "
                "target is 'RUS'.", value=lambda: _people(actor="USA")),
        Mistake("Actor and target are swapped: actor 'RUS' are the people Russia expelled. Russians expelled are "
                "the rows whose target is 'RUS'.", value=lambda: _people(target=None, actor="RUS")),
        Mistake("That is the number of Russians Britain expelled. The question asks about every country: keep "
                "every actor.", value=lambda: _people(actor="GBR")),
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


def _bar_axis_labels(fig: Any) -> set[str]:
    labels: set[str] = set()
    for trace in fig.data:
        if getattr(trace, "type", None) != "bar":
            continue
        raw = trace.y if getattr(trace, "orientation", None) == "h" else trace.x
        labels.update(str(v) for v in ([] if raw is None else list(raw)))
    return labels


def _all_three_rounds(fig: Any, expected: list[float]) -> bool:
    return set(ROUNDS) <= _bar_axis_labels(fig)


def _one_bar_per_round(fig: Any, expected: list[float]) -> bool:
    return sum(getattr(trace, "type", None) == "bar" for trace in fig.data) == 1


def _other_measure(measure: str) -> Any:
    def test(fig: Any, expected: list[float]) -> bool:
        summary = rounds_summary(load_events())
        values = summary.loc[summary["round"].isin(TWO_ROUNDS), measure].astype(float)
        shown = sorted(v for v in values if v > 0)
        return bool(shown) and shown != sorted(expected) and sorted(_positive_bar_values(fig)) == shown
    return test


register_figure(
    "7.3",
    notebook=NOTEBOOK,
    title="People expelled in the two rounds of expulsions",
    answer_name="comparison_fig",
    uses=("events",),
    expected=expelled_in_two_rounds,
    test=_bar_values,
    hints=("Keep the rows of `summary` of the two rounds: .isin(['Dec 2016', 'Mar–Apr 2018']) on its round "
           "column.",
           "Then px.bar(two, x='round', y='people expelled', color='actor', barmode='group')."),
    mistakes=(
        Mistake("Your chart shows all three rounds; the question asks for the two rounds of expulsions, Dec "
                "2016 and Mar–Apr 2018 (keep them with .isin).", test=_all_three_rounds),
        Mistake("Your chart has one bar per round, so the two sides are stacked together. Add color='actor' "
                "(and barmode='group'): one bar per round and side.", test=_one_bar_per_round),
        Mistake("Your bars show the facilities ordered shut. The question asks for the people expelled: "
                "y='people expelled'.", test=_other_measure("facilities ordered shut")),
        Mistake("Your bars count all events of each side. The question asks for the people expelled: "
                "y='people expelled'.", test=_other_measure("events")),
    ),
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

ROW_7_5 = "2018-03-29-russia-expels-60"
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
# Why a source of this kind is not the Russian government's own text (shown when the data call it secondary).
_SECONDARY_WHY = {
    "A": "TASS is Russia's state news agency: it reports on the government, but its report is not the "
         "government's own text.",
    "B": "Sputnik is a state-owned news outlet: a report about the decision, not the decision's own text.",
    "C": "The page reproduces the governments' statements on a site that is not the issuer's own.",
    "D": "Gazeta.ru is a newspaper: it reports what the ministry said.",
}


def _source(source_id: str) -> pd.Series:
    return load_sources().set_index("source_id").loc[source_id]


def _issuer_country(issuer: str) -> str:
    domains = load_table("official_domains")
    countries = domains.loc[domains["issuer"].astype(str) == issuer, "country"].astype(str)
    return str(countries.iloc[0]) if len(countries) else ""


def _issuer_name(issuer: str) -> str:
    domains = load_table("official_domains")
    names = domains.loc[domains["issuer"].astype(str) == issuer, "issuer_name"]
    return str(names.iloc[0]) if len(names) else issuer


def _source_why(letter: str) -> str:
    source = _source(SOURCE_OPTIONS[letter])
    kind = str(source["kind"])
    if kind == "primary":
        issuer = str(source["issuer"])
        return (f"its kind is primary: the page is on an official site of its issuer, {_issuer_name(issuer)} "
                f"({issuer}), and gives that body's own statements. Note whose: the {country_name(_issuer_country(issuer))} "
                "government's words about Russia's decision.")
    return f"its kind is {kind}. {_SECONDARY_WHY[letter]}"


def primary_option() -> str:
    """Reference solution of 7.5: the option whose source is primary in data/sources.csv."""
    kinds = load_sources().set_index("source_id")["kind"].astype(str)
    hits = [letter for letter, sid in SOURCE_OPTIONS.items() if kinds.get(sid) == "primary"]
    return hits[0] if len(hits) == 1 else "none of the options"


register_choice(
    "7.5",
    notebook=NOTEBOOK,
    title="Which source is primary?",
    answer_name="primary_letter",
    options={letter: Option(SOURCE_LABELS[letter], lambda letter=letter: _source_why(letter))
             for letter in SOURCE_OPTIONS},
    answer=primary_option,
    hints=("A primary source is the issuing body's own publication, on that body's own website. A report about a "
           "decision, even by state media, is secondary.",
           "Look the four source_ids up in the sources table: their kind column, and for a primary source the "
           "issuer column."),
)


# --- 7.6 fix new rows so that they pass the checks --------------------------------------------------------

def fixed_practice_rows() -> list[dict[str, str]]:
    """Reference solution of 7.6: the practice rows with their mistakes corrected."""
    return example_rows()


_GOOD = example_rows()
_BAD = practice_rows().to_dict("records")


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


def _swapped_day_month(value: Any, want: str) -> bool:
    year, month, day = want.split("-")
    return _text(value) == f"{year}-{day}-{month}" and day != month


def _other_valid_day(value: Any, want: str) -> bool:
    text = _text(value)
    try:
        day = pd.Timestamp(text)
    except (ValueError, TypeError):
        return False
    return not pd.isna(day) and text == f"{day:%Y-%m-%d}" != want


def _ids_of_answer(answer: Any) -> set[str] | None:
    records = _rows_as_records(answer)
    return None if records is None else {str(r.get("event_id")) for r in records}


_DATE, _ACTOR, _SOURCES = _GOOD[0]["date"], _GOOD[1]["actor"], _GOOD[1]["source_ids"]
_PRACTICE_DATE, _PRACTICE_ACTOR = _BAD[0]["date"], _BAD[1]["actor"]

MISTAKES_7_6: tuple[Mistake, ...] = (
    Mistake("That is the report of validate_new_rows, not the rows. Store the corrected table itself: "
            "fixed_rows = practice.copy(), then fix its cells.",
            test=lambda answer, expected: isinstance(answer, ValidationReport)),
    Mistake("Keep the two rows, with the same event_id values: fix them, do not remove or add rows.",
            test=lambda answer, expected: _ids_of_answer(answer) is not None
            and _ids_of_answer(answer) != {r["event_id"] for r in expected}),
    Mistake(f"Row 1's date is still written day/month/year ({_PRACTICE_DATE}). The tables write dates "
            f"year-month-day: {_DATE}.", test=lambda answer, expected: _text(_cell(answer, 0, "date"))
            == _PRACTICE_DATE),
    Mistake(f"Row 1's date has its month and day swapped: year-month-day is {_DATE}.",
            test=lambda answer, expected: _swapped_day_month(_cell(answer, 0, "date"), _DATE)),
    Mistake(f"Row 1's date is a real day, but not the day of the event: its event_id starts with the right one, "
            f"{_DATE}. Fix the form, keep the meaning.",
            test=lambda answer, expected: _other_valid_day(_cell(answer, 0, "date"), _DATE)),
    Mistake(f"Row 2's actor is still a country's name ({_PRACTICE_ACTOR}). The actor column holds codes: "
            f"{_ACTOR} for Russia, USA for the United States.",
            test=lambda answer, expected: _text(_cell(answer, 1, "actor")).lower() in {_PRACTICE_ACTOR.lower(),
                                                                                      "russian federation"}),
    Mistake(f"Codes are written in capitals: {_ACTOR}.",
            test=lambda answer, expected: _text(_cell(answer, 1, "actor")) != _ACTOR
            and _text(_cell(answer, 1, "actor")).upper() == _ACTOR),
    Mistake(f"Row 2's actor is a code, but the wrong side: Russia's ambassador protested, so the actor is "
            f"{_ACTOR} and the target {_GOOD[1]['target']}.",
            test=lambda answer, expected: _text(_cell(answer, 1, "actor")) == _GOOD[1]["target"]),
    Mistake("Row 2's source_ids still have a space after the ;. Ids in a list are separated by ; alone, with "
            f"no spaces: {_SOURCES}.", test=lambda answer, expected: "; " in _text(_cell(answer, 1, "source_ids"))),
    Mistake("Row 2 lost a source. Keep every source the row cites, separated by ; with no space.",
            test=lambda answer, expected: _cell(answer, 1, "source_ids") is not None
            and set(_ids(_cell(answer, 1, "source_ids"))) < set(split_ids(_SOURCES))),
)


def _fixed_rows(answer: Any, expected: list[dict[str, str]]) -> Verdict:
    """The rows must pass validate_new_rows and keep the ids, dates, actors and sources of the intended events.

    The typical mistakes (MISTAKES_7_6) are recognised first, each with its own sentence; the engine's custom
    kind does not read ``mistakes``, so this comparison applies them itself.
    """
    for mistake in MISTAKES_7_6:
        try:
            hit = mistake.test is not None and mistake.test(answer, expected)
        except Exception:
            hit = False
        if hit:
            return Verdict(False, mistake.message, mistake=mistake.message)
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


register_custom(
    "7.6",
    notebook=NOTEBOOK,
    title="Fix the practice rows",
    answer_name="fixed_rows",
    expected=fixed_practice_rows,
    compare=_fixed_rows,
    mistakes=MISTAKES_7_6,
    hints=("Run validate_new_rows('events', practice) and read its three problems, one per line. Row 1 of the "
           "report is index 0 of the table.",
           "Copy the rows (fixed_rows = practice.copy()) and change one cell at a time: "
           "fixed_rows.loc[row_index, 'column'] = 'new value'. Re-run validate_new_rows after each fix."),
)
