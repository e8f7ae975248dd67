"""Exercises of notebook 05 (tit for tat): answer lags, the long pause, Goldstein weights, parity."""

from __future__ import annotations

import math
from typing import Any

from helpers.analysis.links import answer_links
from helpers.analysis.tit_for_tat import lag_summary, measure_events, pauses
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


def _median_lag(actor: str) -> float:
    lags = lag_summary(answer_links(load_events()))
    return float(lags.loc[lags["actor"] == actor, "median_days"].iloc[0])


def median_us_lag() -> float:
    """Reference solution of 5.1: median days the US took to answer a Russian act."""
    return _median_lag("USA")


def _all_us_answers_median() -> float:
    links = answer_links(load_events())
    return float(links.loc[links["answer_actor"] == "USA", "lag_days"].astype(float).median())


register_number(
    "5.1",
    notebook=NOTEBOOK,
    title="The median number of days the US took to answer Russia",
    answer_name="us_median_lag",
    uses=("events",),
    rel_tol=0.0,
    abs_tol=0.01,
    expected=median_us_lag,
    hints=("Keep the rows of `links` where the US answered (answer_actor is 'USA') a Russian act (across is True).",
           "Their lag_days column holds the days; .median() gives the middle value."),
    mistakes=(
        Mistake("That is the median of every US answer, including answers to acts recorded under the US's own "
                "name. Keep only the answers across (across == True).", value=_all_us_answers_median),
        Mistake("That is Russia's median. The question asks how long the US took: answer_actor == 'USA'.",
                value=lambda: _median_lag("RUS")),
    ),
)


def median_lags() -> dict[str, float]:
    """What 5.2's chart must show: the median answer lag of each side."""
    lags = lag_summary(answer_links(load_events()))
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


def _bar_of_medians(fig: Any, expected: dict[str, float]) -> Verdict:
    bars = [t for t in fig.data if getattr(t, "type", "") == "bar"]
    if not bars:
        return Verdict(False, "Your figure has no bars: draw it with px.bar(lags, x=..., y=...).")
    values: list[float] = []
    for t in bars:
        values += _numbers(t.x if getattr(t, "orientation", None) == "h" else t.y)
    want = sorted(expected.values())
    if len(values) != len(want):
        return Verdict(False, f"Your chart has {len(values)} bar(s); draw one bar per side ({len(want)}).")
    if all(math.isclose(a, b, abs_tol=0.01) for a, b in zip(sorted(values), want, strict=True)):
        return Verdict(True)
    return Verdict(False, "The bar heights are not the median lags: use the column median_days for the height.")


def _bars_of_means(fig: Any, expected: dict[str, float]) -> bool:
    lags = lag_summary(answer_links(load_events()))
    values = sorted(v for t in fig.data for v in _numbers(getattr(t, "y", None)))
    return values == sorted(float(m) for m in lags["mean_days"]) and values != sorted(expected.values())


register_figure(
    "5.2",
    notebook=NOTEBOOK,
    title="A bar chart of each side's median answer lag",
    answer_name="lag_bars",
    expected=median_lags,
    test=_bar_of_medians,
    hints=("The table `lags` has one row per side: one bar per row.",
           "px.bar(lags, x='actor', y='median_days', title=...) draws it."),
    mistakes=(Mistake("Those bars are the mean lags. The question asks for the median: y='median_days'.",
                      test=_bars_of_means),),
)


def longest_pause_days() -> int:
    """Reference solution of 5.3: the longest gap in days between two consecutive measures."""
    return int(pauses(measure_events(load_events()))["days"].iloc[0])


register_count(
    "5.3",
    notebook=NOTEBOOK,
    title="The longest pause between two measures",
    answer_name="longest_pause",
    uses=("events",),
    expected=longest_pause_days,
    hints=("Sort `measures` by date; .diff() on the date column gives the time since the measure before.",
           "measures['date'].diff().dt.days gives those gaps in days; .max() the longest; int(...) a whole number."),
    mistakes=(
        Mistake("That is the longest pause between any two events, words included. The question is about the "
                "measures (expulsions, caps, visa measures, closures): use the table `measures`.",
                value=lambda: int(pauses(load_events())["days"].iloc[0])),
    ),
)


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


def same_weight_reason() -> str:
    """Reference solution of 5.5: the two acts share a CAMEO code, hence a weight (checked in the data)."""
    events = load_events().set_index("event_id")
    a, b = events.loc[EXPEL_ID], events.loc[CAP_ID]
    if str(a["cameo_code"]) != str(b["cameo_code"]) or a["goldstein"] != b["goldstein"]:
        return "the expulsion and the cap no longer share a CAMEO code"
    return "B"


register_choice(
    "5.5",
    notebook=NOTEBOOK,
    title="Why an expulsion and a staff cap weigh the same",
    answer_name="same_weight",
    options={
        "A": Option("Both acts touched the same number of people.",
                    "they did not, and the scale does not count people at all."),
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
    hints=("Look at the cameo_code of both events.",
           "What does a Goldstein weight belong to: an act's kind (its code), or its size?"),
)


def parity_judgement() -> str:
    """Reference solution of 5.6: 'B', after checking in the data that its premises hold."""
    staffing = load_staffing().set_index("measurement_id")
    cap, russian = staffing.loc["us_2017_mfa_cap", "value"], staffing.loc["ru_2017_mfa_total", "value"]
    un = staffing.loc["ru_2017_putin_un", "value"]
    local = staffing[(staffing["mission"] == "us_in_russia") & (staffing["measure"] == "locally_employed")]
    if not (cap == russian and un > 0 and len(local)):
        return "the staffing figures no longer support option B"
    return "B"


register_choice(
    "5.6",
    notebook=NOTEBOOK,
    title="Was Russia's 'parity' proportionate?",
    answer_name="parity_verdict",
    options={
        "A": Option("Perfectly proportionate: after the cap both sides had exactly the same number of staff.",
                    "the numbers matched on paper, but the two counts held different kinds of staff."),
        "B": Option("Equal on paper only: the two counts held different kinds of staff (the Russian one included "
                    "its UN mission, the American one local employees), so the same number meant different things "
                    "on each side.",
                    "the parity chart shows Russia's count included its UN mission, and the US count local "
                    "employees who were not diplomats at all."),
        "C": Option("Milder than the US measures, because nobody was expelled from Russia.",
                    "no one was declared persona non grata, but hundreds lost their jobs at the mission; "
                    "'nobody expelled' does not make it mild."),
        "D": Option("Impossible to judge: the data hold no staff figures for either side.",
                    "the staffing table holds figures for both sides, with who stated them."),
    },
    answer=parity_judgement,
    hints=("Compare what each side's count held in the parity chart.",
           "Were the people counted on each side the same kind of people?"),
)
