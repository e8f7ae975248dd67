"""Exercises of notebook 05 (tit for tat): answer lags, the long pause, Goldstein weights, parity."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from helpers.data import load_events, load_staffing
from helpers.escalation import answer_pairs, dyad_events, lag_summary, pauses
from helpers.exercises import register
from helpers.exercises.compare import Verdict, choice, figure, integer, number, text_keywords

NOTEBOOK = "05-tit-for-tat"

# Kinds of event that act on people or buildings: the measures of the tit for tat.
MEASURE_CATEGORIES = ["expulsion", "staff_cap", "visas", "closure"]

EXPEL_ID = "2016-12-29-us-expels-35"
CAP_ID = "2017-07-28-russia-caps-us-mission-455"


def median_us_lag() -> float:
    """Reference solution of 5.1: median days the US took to answer a Russian act."""
    lags = lag_summary(answer_pairs(load_events()))
    return float(lags.loc[lags["actor"] == "USA", "median_days"].iloc[0])


def median_lags() -> dict[str, float]:
    """Data for 5.2: the median answer lag of each side, by actor code."""
    lags = lag_summary(answer_pairs(load_events()))
    return {str(a): float(m) for a, m in zip(lags["actor"], lags["median_days"], strict=True)}


def _numbers(values: Any) -> list[float]:
    out = []
    for v in list(values):
        if isinstance(v, bool):
            continue
        try:
            f = float(v)
        except (TypeError, ValueError):
            continue
        if math.isfinite(f):
            out.append(f)
    return out


def bar_of_medians(fig: Any, expected: dict[str, float]) -> Verdict:
    """5.2: a bar chart whose bars are the median lags of both sides (any orientation, any order)."""
    try:
        bars = [t for t in fig.data if getattr(t, "type", "") == "bar"]
        if not bars:
            return Verdict(False, "Your figure has no bars: use px.bar(...) or go.Bar(...).")
        values: list[float] = []
        for t in bars:
            horizontal = getattr(t, "orientation", None) == "h"
            raw = t.x if horizontal else t.y
            if raw is None:
                continue
            values += _numbers(raw)
        want = sorted(expected.values())
        if len(values) != len(want):
            return Verdict(False, f"Your chart has {len(values)} bar(s); draw one bar per actor ({len(want)}).")
        if all(math.isclose(a, b, abs_tol=0.01) for a, b in zip(sorted(values), want, strict=True)):
            return Verdict(True)
        return Verdict(False, "The bar heights are not the median lags: use the column median_days.")
    except Exception:
        return Verdict(False, "This figure could not be read; build it with px.bar(lags, x=..., y=...).")


def measure_events(events: pd.DataFrame) -> pd.DataFrame:
    """US–Russia events that act on people or buildings (expulsions, staff caps, visas, closures)."""
    dyad = dyad_events(events)
    return dyad[dyad["category"].astype(str).isin(MEASURE_CATEGORIES)]


def longest_pause_days() -> int:
    """Reference solution of 5.3: the longest gap in days between two consecutive measures."""
    return int(pauses(measure_events(load_events()))["days"].iloc[0])


def pause_explanation_data() -> pd.DataFrame:
    """Data for 5.4 (a written answer): the longest pause, from pauses()."""
    return pauses(measure_events(load_events())).head(1)


GOLDSTEIN_OPTIONS = {
    "A": "Both acts touched the same number of people.",
    "B": "The scale weights the kind of act (both carry the same CAMEO code), not how many people it touched.",
    "C": "Russia's cap was the smaller act, and the scale rounds small differences away.",
    "D": "Acts with no CAMEO code get an average weight.",
}


def same_weight_reason() -> str:
    """Reference solution of 5.5: the two acts share a CAMEO code, hence a weight (checked in the data)."""
    events = load_events().set_index("event_id")
    a, b = events.loc[EXPEL_ID], events.loc[CAP_ID]
    if str(a["cameo_code"]) != str(b["cameo_code"]) or a["goldstein"] != b["goldstein"]:
        raise ValueError("the expulsion and the cap no longer share a CAMEO code; rewrite exercise 5.5")
    return "B"


PARITY_OPTIONS = {
    "A": "Perfectly proportionate: after the cap both sides had exactly the same number of staff.",
    "B": "Equal on paper only: the two counts held different kinds of staff (the Russian one included its "
         "UN mission, the American one local employees), and the cut touched far more people than the "
         "December expulsions.",
    "C": "Milder than the US measures, because nobody was expelled from Russia.",
    "D": "Impossible to judge: the data hold no staff figures for either side.",
}


def parity_judgement() -> str:
    """Reference solution of 5.6: 'B', after checking in the data that its premises hold."""
    staffing = load_staffing().set_index("measurement_id")
    cap, russian = staffing.loc["us_2017_mfa_cap", "value"], staffing.loc["ru_2017_mfa_total", "value"]
    un = staffing.loc["ru_2017_putin_un", "value"]
    local = staffing[(staffing["mission"] == "us_in_russia") & (staffing["measure"] == "locally_employed")]
    cut, expelled = staffing.loc["us_2017_putin_cut", "value"], staffing.loc["ru_2016_us_expelled", "value"]
    if not (cap == russian and un > 0 and len(local) and cut > expelled):
        raise ValueError("the staffing figures no longer support option B; rewrite exercise 5.6")
    return "B"


def options_markdown(options: dict[str, str]) -> str:
    """The options of a choice exercise as a Markdown list ('- **A.** ...')."""
    return "\n".join(f"- **{k}.** {v}" for k, v in options.items())


register(
    "5.1",
    notebook=NOTEBOOK,
    question="What is the median number of days the US took to answer a Russian act?",
    expected=median_us_lag,
    compare=number(rel_tol=0.0, abs_tol=0.01),
    hint="Keep the rows of `pairs` where answer_actor is 'USA' and across is True; subtract answered_date "
         "from answer_date, take .dt.days, then .median().",
)

register(
    "5.2",
    notebook=NOTEBOOK,
    question="Draw a bar chart of the median answer lag of each side, from the table `lags`.",
    expected=median_lags,
    compare=figure(bar_of_medians),
    hint="px.bar(lags, x='actor', y='median_days') draws one bar per row of `lags`; add a title.",
)

register(
    "5.3",
    notebook=NOTEBOOK,
    question="What is the longest gap, in days, between two consecutive measures (expulsions, staff caps, "
             "visa measures, closures) of the US–Russia dispute?",
    expected=longest_pause_days,
    compare=integer(),
    hint="Sort `measures` by date, take measures['date'].diff().dt.days and its .max(); int(...) makes it "
         "a whole number.",
)

register(
    "5.4",
    notebook=NOTEBOOK,
    question="Explain the longest pause in two or three sentences, using the events that fall inside it.",
    expected=pause_explanation_data,
    compare=text_keywords([
        ["trump", "inaugur", "new president", "new administration", "incoming"],
        ["wait", "declin", "held off", "hold off", "held back", "hold back", "did not retaliate",
         "didn't retaliate", "not to retaliate", "no retaliation", "refused"],
        ["sanction", "congress", "senate", "bill", "law", "caatsa"],
    ], min_words=15),
    hint="Read the table of events inside the pause: what did Putin decide on 30 December 2016, and why? "
         "Who took office on 20 January 2017? What did Congress pass just before Russia's answer of 28 July? "
         "Mention all three.",
)

register(
    "5.5",
    notebook=NOTEBOOK,
    question="Why do the US expulsion of December 2016 and Russia's staff cap of July 2017 get the same "
             "Goldstein weight?",
    expected=same_weight_reason,
    compare=choice(GOLDSTEIN_OPTIONS),
    hint="Look at the cameo_code of both events, and remember what the Goldstein scale measures.",
)

register(
    "5.6",
    notebook=NOTEBOOK,
    question="Russia called its cap 'parity'. Which judgement of its proportionality do the data support best?",
    expected=parity_judgement,
    compare=choice(PARITY_OPTIONS),
    hint="Compare what each count held (the parity chart), and the number of people cut with the number "
         "expelled in December 2016.",
)
