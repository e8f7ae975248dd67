"""Exercises of notebook 05 (tit for tat): answer lags, the long pause, Goldstein weights, counting rules, parity."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from helpers.analysis.links import answer_links
from helpers.analysis.tit_for_tat import (
    dyad_events,
    goldstein_rows,
    goldstein_totals,
    lag_summary,
    measure_events,
    mission_losses,
    pauses,
)
from helpers.data import load_events, load_staffing
from helpers.exercises import (
    Aspect,
    Mistake,
    Option,
    Verdict,
    register_choice,
    register_count,
    register_figure,
    register_number,
    register_written,
)

NOTEBOOK = "05-tit-for-tat"

EXPEL_ID = "2016-12-29-us-expels-35"
CAP_ID = "2017-07-28-russia-caps-us-mission-455"


def _links() -> pd.DataFrame:
    return answer_links(load_events())


def _us_lags(*, across_only: bool = True) -> pd.Series:
    links = _links()
    keep = links["answer_actor"] == "USA"
    if across_only:
        keep &= links["across"]
    return links.loc[keep, "lag_days"].astype(float)


# --- 5.1 compute with pandas: the median US answer lag -------------------------------------------------

def median_us_lag() -> float:
    """Reference solution of 5.1: median days the US took to answer a Russian act."""
    lags = lag_summary(_links())
    return float(lags.loc[lags["actor"] == "USA", "median_days"].iloc[0])


register_number(
    "5.1",
    notebook=NOTEBOOK,
    title="The median number of days the US took to answer Russia",
    answer_name="us_median_lag",
    uses=("events",),
    rel_tol=0.0,
    abs_tol=0.01,
    expected=median_us_lag,
    hints=("Two conditions pick the rows: the answer is American (answer_actor is 'USA') and it answers the other "
           "side (across is True). Combine them with &.",
           "Each row's lag in days is in the column lag_days (the same as answer_date minus answered_date, with "
           ".dt.days). Take .median() of it for the rows you kept."),
    mistakes=(
        Mistake("That is the median of every US answer, including answers to acts recorded under the US's own "
                "name. Keep only the answers to the other side (across is True).",
                value=lambda: float(_us_lags(across_only=False).median())),
        Mistake("That is the mean (the average). The question asks for the median, the middle value: "
                ".median(), not .mean().", value=lambda: float(_us_lags().mean())),
        Mistake("That is the longest lag, not the middle one: use .median(), not .max().",
                value=lambda: float(_us_lags().max())),
        Mistake("The lags are negative: subtract the earlier date (answered_date) from the later one "
                "(answer_date).", test=lambda value, expected: expected != 0 and math.isclose(value, -expected)),
        Mistake("Each lag is one day too long: the days between two dates are their difference, with no day "
                "added for the first one.", value=lambda: float((_us_lags() + 1).median())),
    ),
)


# --- 5.2 build a chart: each side's median lag ---------------------------------------------------------

def median_lags() -> dict[str, float]:
    """What 5.2's chart must show: the median answer lag of each side."""
    lags = lag_summary(_links())
    return {str(a): float(m) for a, m in zip(lags["actor"], lags["median_days"], strict=True)}


def _numbers(values: Any) -> list[float]:
    out = []
    for v in [] if values is None else list(values):
        if isinstance(v, bool):
            continue
        try:
            f = float(v)
        except (TypeError, ValueError):
            continue
        if math.isfinite(f):
            out.append(f)
    return out


def _bar_values(fig: Any) -> list[float]:
    values: list[float] = []
    for t in fig.data:
        if getattr(t, "type", "") == "bar":
            values += _numbers(t.x if getattr(t, "orientation", None) == "h" else t.y)
    return values


def _bar_of_medians(fig: Any, expected: dict[str, float]) -> Verdict:
    if not any(getattr(t, "type", "") == "bar" for t in fig.data):
        return Verdict(False, "Your figure has no bars: draw it with px.bar(lags, x=..., y=...).")
    values = _bar_values(fig)
    want = sorted(expected.values())
    if len(values) != len(want):
        return Verdict(False, f"Your chart has {len(values)} bar(s); draw one bar per side ({len(want)}), from "
                              "the table lags.")
    if all(math.isclose(a, b, abs_tol=0.01) for a, b in zip(sorted(values), want, strict=True)):
        title = getattr(getattr(fig.layout, "title", None), "text", None)
        note = "" if title else "Tip: give your chart a title (title=\"...\"), so a reader knows what it shows."
        return Verdict(True, note=note)
    return Verdict(False, "The bar heights are not the median lags: use the column median_days for the height.")


def _column_bars(column: str) -> Any:
    def test(fig: Any, expected: dict[str, float]) -> bool:
        lags = lag_summary(_links())
        values = sorted(_bar_values(fig))
        return values == sorted(float(m) for m in lags[column]) and values != sorted(expected.values())
    return test


register_figure(
    "5.2",
    notebook=NOTEBOOK,
    title="A bar chart of each side's median answer lag",
    answer_name="lag_bars",
    uses=("events",),
    expected=median_lags,
    test=_bar_of_medians,
    hints=("The table lags has one row per side: one bar per row. Which column holds the median?",
           "px.bar(lags, x=..., y=..., title=...) draws it: x is the column of the sides, y the column of "
           "the medians."),
    mistakes=(
        Mistake("Those bars are the mean lags. The question asks for the median: y='median_days'.",
                test=_column_bars("mean_days")),
        Mistake("Those bars are the longest lags. The question asks for the median: y='median_days'.",
                test=_column_bars("longest_days")),
        Mistake("Those bars count the answers. The question asks how long they took: y='median_days'.",
                test=_column_bars("answers")),
    ),
)


# --- 5.3 compute with pandas: the longest pause --------------------------------------------------------

def longest_pause_days() -> int:
    """Reference solution of 5.3: the longest gap in days between two consecutive measures."""
    return int(pauses(measure_events(load_events()))["days"].iloc[0])


def _label_of_longest_gap() -> int:
    measures = measure_events(load_events())
    return int(measures["date"].sort_values().diff().dt.days.idxmax())


register_count(
    "5.3",
    notebook=NOTEBOOK,
    title="The longest pause between two measures",
    answer_name="longest_pause",
    uses=("events",),
    expected=longest_pause_days,
    hints=("Sort measures by date; .diff() on the date column gives, for each measure, the time since the one "
           "before.",
           "Add .dt.days to turn those time spans into days, then .max() for the longest; int(...) makes it a "
           "whole number."),
    mistakes=(
        Mistake("That is the longest pause between any two events, statements and calls included. The question is "
                "about the measures (expulsions, caps, visa measures, closures): use the table measures.",
                value=lambda: int(pauses(load_events())["days"].iloc[0])),
        Mistake("That is the label of the row after the pause (what .idxmax() gives), not its length: use .max().",
                value=_label_of_longest_gap),
        Mistake("One day too many: the days between two dates are their difference, with no day added.",
                value=lambda: longest_pause_days() + 1),
        Mistake("That is the second-longest pause. Which gap is the longest of all?",
                value=lambda: int(pauses(measure_events(load_events()))["days"].iloc[1])),
    ),
)


# --- 5.4 write: why the longest pause ------------------------------------------------------------------

register_written(
    "5.4",
    notebook=NOTEBOOK,
    title="Why the longest pause",
    answer_name="pause_explanation",
    aspects=(
        Aspect("Putin's choice not to answer at once", ("declin", "wait", "held off", "hold off", "held back",
                                                         "not to retaliate", "did not retaliate", "didn't retaliate",
                                                         "no retaliation", "refused", "chose not", "did not respond",
                                                         "didn't respond", "no response", "not to respond"),
               "What did Putin decide on 30 December 2016, and what reason did he give?"),
        Aspect("the change of president in Washington", ("trump", "inaugur", "new president", "new administration",
                                                         "incoming", "took office"),
               "Who took office on 20 January 2017, and what might Moscow have hoped for?"),
        Aspect("what ended the pause", ("sanction", "congress", "senate", "bill", "law", "caatsa"),
               "What did Congress pass just before Russia's answer of 28 July 2017?"),
    ),
    min_words=15,
    hints=("Read the events that fall inside the pause, in the table above the exercise.",
           "What did Putin decide on 30 December 2016? Who took office on 20 January 2017? What did Congress "
           "pass just before 28 July 2017?"),
)


# --- 5.5 choose: why an expulsion and a cap weigh the same ---------------------------------------------

def same_weight_reason() -> str:
    """Reference solution of 5.5: the two acts share a CAMEO code, hence a weight (checked in the data)."""
    events = load_events().set_index("event_id")
    a, b = events.loc[EXPEL_ID], events.loc[CAP_ID]
    if str(a["cameo_code"]) != str(b["cameo_code"]) or a["goldstein"] != b["goldstein"]:
        return "the expulsion and the cap no longer share a CAMEO code"
    return "B"


def _staff(measurement_id: str) -> int:
    return int(load_staffing().set_index("measurement_id").loc[measurement_id, "value"])


register_choice(
    "5.5",
    notebook=NOTEBOOK,
    title="Why an expulsion and a staff cap weigh the same",
    answer_name="same_weight",
    options={
        "A": Option("Both acts touched the same number of people.",
                    lambda: f"they did not ({_staff('ru_2016_us_expelled')} people expelled against a cut of "
                            f"{_staff('us_2017_putin_cut')} staff), and the scale does not count people at all."),
        "B": Option("The scale weights the kind of act (both carry the same CAMEO code), not how many people it "
                    "touched.",
                    "both rows carry the same cameo_code, and a weight belongs to a code, whatever the size of "
                    "the act."),
        "C": Option("Russia's cap was the smaller act, and the scale rounds small differences away.",
                    "the scale does not measure size at all, so there is nothing to round."),
        "D": Option("Acts with no CAMEO code get an average weight.",
                    "acts with no code get no weight (they are left out); these two have a code."),
    },
    answer=same_weight_reason,
    hints=("Look at the cameo_code of both events in the table of codes.",
           "What does a Goldstein weight belong to: an act's kind (its code), or its size?"),
)


# --- 5.6 compute with pandas: the US total under "one decision, one weight" ----------------------------

def _coded() -> pd.DataFrame:
    return dyad_events(load_events()).dropna(subset=["goldstein"])


def us_total_one_decision() -> float:
    """Reference solution of 5.6: the US sum of weights, each decision counted once (event_id == decision_id)."""
    return float(goldstein_totals(dyad_events(load_events()), rules=["one_decision"]).loc["one_decision", "USA"])


def _us_sum(rows: pd.DataFrame) -> float:
    return round(float(rows.loc[rows["actor"].astype(str) == "USA", "goldstein"].sum()), 1)


def _first_of_each_decision() -> float:
    coded = _coded()
    first = coded.groupby("decision_id", as_index=False).first()
    return _us_sum(first)


register_number(
    "5.6",
    notebook=NOTEBOOK,
    title="The US total when each decision counts once",
    answer_name="us_one_decision",
    uses=("events",),
    rel_tol=0.0,
    abs_tol=0.05,
    expected=us_total_one_decision,
    hints=("A row records the decision itself when its event_id is the same as its decision_id: compare the two "
           "columns of coded with ==, row by row.",
           "Keep the rows where they are equal, then the rows whose actor is 'USA', and add up their goldstein "
           "column with .sum()."),
    mistakes=(
        Mistake("That is the total under the first rule, where every coded row counts. Keep only the rows whose "
                "event_id equals their decision_id.", value=lambda: _us_sum(goldstein_rows(_coded(), "every_row"))),
        Mistake("That is what groupby('decision_id').first() gives: it keeps the first row of each decision, and "
                "for the sanctions law that is the House vote, not the signing. Keep the rows whose event_id "
                "equals their decision_id.", value=_first_of_each_decision),
        Mistake("That is the stricter variant: you also left out the orders that named no one. This question "
                "keeps them; only the extra steps of a decision drop out.",
                value=lambda: _us_sum(goldstein_rows(_coded(), "named_only"))),
        Mistake("That is Russia's total. The question asks about the United States: actor 'USA'.",
                value=lambda: float(goldstein_totals(_coded(), rules=["one_decision"]).loc["one_decision", "RUS"])),
        Mistake("That adds up both sides. Keep only the rows whose actor is 'USA'.",
                value=lambda: round(float(goldstein_rows(_coded(), "one_decision")["goldstein"].sum()), 1)),
        Mistake("That includes US acts aimed at other countries than Russia: start from coded, the US–Russia rows.",
                value=lambda: _us_sum(goldstein_rows(load_events(), "one_decision"))),
        Mistake("That counts the decisions. The question asks for the sum of their weights: .sum() of the "
                "goldstein column, not len(...) or .count().",
                value=lambda: float((goldstein_rows(_coded(), "one_decision")["actor"].astype(str) == "USA").sum())),
        Mistake("Hostile acts have negative weights, so the total is below zero: keep the minus sign.",
                test=lambda value, expected: expected != 0 and math.isclose(value, -expected, abs_tol=0.05)),
    ),
)


# --- 5.7 choose: was "parity" proportionate? -----------------------------------------------------------

def parity_judgement() -> str:
    """Reference solution of 5.7: 'B', after checking in the data that its premises hold."""
    staffing = load_staffing().set_index("measurement_id")
    cap, russian = staffing.loc["us_2017_mfa_cap", "value"], staffing.loc["ru_2017_mfa_total", "value"]
    un = staffing.loc["ru_2017_putin_un", "value"]
    local = staffing[(staffing["mission"] == "us_in_russia") & (staffing["measure"] == "locally_employed")]
    if not (cap == russian and un > 0 and len(local)):
        return "the staffing figures no longer support option B"
    return "B"


def _share_lost(mission_start: str) -> float:
    losses = mission_losses(load_staffing())
    row = losses[losses["mission"].str.startswith(mission_start)].iloc[0]
    return row["lost"] / row["before"]


register_choice(
    "5.7",
    notebook=NOTEBOOK,
    title="Was Russia's 'parity' proportionate?",
    answer_name="parity_verdict",
    options={
        "A": Option("Perfectly proportionate: after the cap both sides had exactly the same number of staff.",
                    "the numbers matched on paper, but the two counts held different kinds of staff: Russia's "
                    "included its UN mission, the American one local employees."),
        "B": Option("Equal on paper only: the two counts held different kinds of staff (the Russian one included "
                    "its UN mission, the American one local employees), so the same number meant different things "
                    "on each side.",
                    lambda: f"Russia's count included {_staff('ru_2017_putin_un')} staff of its UN mission, and "
                            f"the US mission had {_staff('us_2013_oig_locally_employed')} local employees in its "
                            "last published breakdown, who were not diplomats at all."),
        "C": Option("Milder than the US measures, because nobody was expelled from Russia.",
                    lambda: f"Russia declared no one persona non grata in 2017, true; but the US mission lost "
                            f"{_share_lost('US'):.0%} of its staff, most of them local employees who lost their "
                            f"jobs, against {_share_lost('Russia'):.0%} for Russia's missions in December 2016. "
                            "'Nobody expelled' does not make it mild."),
        "D": Option("Impossible to judge: the data hold no staff figures for either side.",
                    "the staffing table holds figures for both sides, with who stated them."),
    },
    answer=parity_judgement,
    hints=("Compare what each side's count held, in the parity chart.",
           "Were the people counted on each side the same kind of people? And what share of each mission was "
           "lost?"),
)
