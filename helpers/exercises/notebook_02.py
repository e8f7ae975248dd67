"""Exercises of notebook 02 (sanctions): the instruments, the step chart, CAATSA and the counter-sanctions."""

from __future__ import annotations

from typing import Any

from helpers.charts.sanctions import cumulative_instruments, group_label
from helpers.data import load_events, load_sanctions
from helpers.exercises import register
from helpers.exercises.compare import Verdict, choice, figure, integer

NOTEBOOK = "02-sanctions"


# --- 2.1 compute with pandas ---------------------------------------------------------------------------

def executive_orders() -> int:
    """Reference solution of 2.1: how many instruments in the table are US executive orders."""
    sanctions = load_sanctions()
    return int(((sanctions["kind"] == "executive_order") & (sanctions["issuer"] == "USA")).sum())


register(
    "2.1",
    notebook=NOTEBOOK,
    question="How many of the instruments in the sanctions table are US executive orders?",
    expected=executive_orders,
    compare=integer(),
    hint="Keep the rows where sanctions['kind'] == 'executive_order' (and, to be safe, issuer == 'USA'), "
         "then count them.",
)


# --- 2.2 criticise a number ---------------------------------------------------------------------------------

COUNT_OPTIONS = {
    "A": "Pick the largest count, because more names means more complete.",
    "B": "Average the counts and report that.",
    "C": "Give the approximate number and say who counted what, because the sources count different "
         "things (days, kinds of people, the bank).",
    "D": "Leave the designations out of the story, since nobody knows how many there were.",
}


def how_to_report_counts() -> str:
    """Reference solution of 2.2: the data record several counts from named sources for 20 March 2014."""
    row = load_sanctions().set_index("sanction_id").loc["ofac_designations_2014_03_20"]
    text = f"{row['note']}".lower()
    ok = sum(name in text for name in ("upi", "lexology", "morgan lewis")) >= 2
    return "C" if ok else "the data no longer record differing counts"


register(
    "2.2",
    notebook=NOTEBOOK,
    question="The note of the row 'ofac_designations_2014_03_20' records different counts of the people "
             "designated on 20 March 2014. How should a historian report the number? "
             + " ".join(f"{k}: {v}" for k, v in COUNT_OPTIONS.items()),
    expected=how_to_report_counts,
    compare=choice(COUNT_OPTIONS),
    hint="Read the note: do the sources count the same thing (the same day, the same kinds of people)? "
         "A careful account tells the reader who counted.",
)


# --- 2.3 read a chart ----------------------------------------------------------------------------------

TRIGGER_OPTIONS = {"A": "Ukraine / Crimea", "B": "answer to sanctions", "C": "several reasons",
                   "D": "cyber activity"}


def second_trigger() -> str:
    """Reference solution of 2.3: the option naming the trigger whose line ends second highest."""
    totals = cumulative_instruments(load_sanctions(), by="trigger").groupby("group")["count"].max()
    totals = totals.sort_values(ascending=False)
    if len(totals) < 3 or totals.iloc[1] == totals.iloc[2] or totals.iloc[0] == totals.iloc[1]:
        return "no single second line (a tie)"
    label = group_label("trigger", totals.index[1])
    return next((k for k, v in TRIGGER_OPTIONS.items() if v == label), "none of the options")


register(
    "2.3",
    notebook=NOTEBOOK,
    question="Read the step chart: at the right-hand end, which trigger's line is the SECOND highest? "
             + " ".join(f"{k}: {v}." for k, v in TRIGGER_OPTIONS.items()),
    expected=second_trigger,
    compare=choice(TRIGGER_OPTIONS),
    hint="Follow each line to the right edge of the chart and read its height on the vertical axis; the "
         "highest is first, the next one down is second. Hover to read exact values.",
)


# --- 2.4 change a chart --------------------------------------------------------------------------------------

def issuer_totals() -> dict[str, int]:
    """What 2.4's figure must end on: the number of instruments of each issuer, by readable name."""
    counts = load_sanctions()["issuer"].astype(str).value_counts()
    return {group_label("issuer", code): int(n) for code, n in counts.items() if n > 0}


def _issuer_figure_test(fig: Any, expected: dict[str, int]) -> Verdict:
    try:
        ends = {}
        for trace in fig.data:
            ys = getattr(trace, "y", None)
            ys = [] if ys is None else list(ys)
            if ys:
                ends[str(getattr(trace, "name", ""))] = max(float(y) for y in ys)
        if not ends:
            return Verdict(False, "Your figure has no lines. Use cumulative_instruments_figure(sanctions, by=...).")
        if set(ends) != set(expected):
            return Verdict(False, "Draw one line per issuer: cumulative_instruments_figure(sanctions, "
                                  "by=\"issuer\"), with the whole sanctions table.")
        if any(ends[name] != n for name, n in expected.items()):
            return Verdict(False, "The lines do not end on each issuer's total: pass the whole table.")
        return Verdict(True)
    except Exception:
        return Verdict(False, "This figure could not be read; build it with cumulative_instruments_figure(...).")


register(
    "2.4",
    notebook=NOTEBOOK,
    question="Change the step chart so that it draws one line per issuer (United States, Russia, EU) instead "
             "of one per trigger. Store the figure in fig_issuers.",
    expected=issuer_totals,
    compare=figure(_issuer_figure_test),
    hint="The chart function has a parameter for the grouping: cumulative_instruments_figure(sanctions, "
         "by=\"issuer\").",
)


# --- 2.5 compute with dates -------------------------------------------------------------------------------

SENATE_VOTE = "2017-07-27-senate-passes-hr3364"
SIGNED = "2017-08-02-trump-signs-caatsa"


def days_vote_to_signature() -> int:
    """Reference solution of 2.5: days from the Senate's vote on the bill to the president's signature."""
    events = load_events().set_index("event_id")
    return int((events.loc[SIGNED, "date"] - events.loc[SENATE_VOTE, "date"]).days)


register(
    "2.5",
    notebook=NOTEBOOK,
    question=f"How many days passed between the Senate's vote on the sanctions bill ('{SENATE_VOTE}') and "
             f"Trump's signature ('{SIGNED}')?",
    expected=days_vote_to_signature,
    compare=integer(),
    hint="Look up the two dates by event_id (events.set_index('event_id').loc[..., 'date']), subtract them, "
         "and take .days of the difference.",
)


# --- 2.6 choose among options: a law and an order ---------------------------------------------------------

LAW_OPTIONS = {
    "A": "Nothing changed: a president can cancel a law with a new executive order, as with any order.",
    "B": "Before easing or lifting the Russia sanctions it covers, the president must first report to "
         "Congress, which can review and block the step.",
    "C": "CAATSA was passed by the Senate alone, so the House has no say.",
    "D": "CAATSA cancelled the executive orders of 2014 and replaced them.",
}


def law_versus_order() -> str:
    """Reference solution of 2.6: the option that the CAATSA row of the sanctions table supports."""
    row = load_sanctions().set_index("sanction_id").loc["caatsa"]
    text = f"{row['targets']} {row['note']}".lower()
    ok = str(row["kind"]) == "law" and "congressional review" in text and "codifies" in text
    return "B" if ok else "the data no longer describe the review"


register(
    "2.6",
    notebook=NOTEBOOK,
    question="What changed when the Russia sanctions were written into a law (CAATSA) rather than left in "
             "executive orders? " + " ".join(f"{k}: {v}" for k, v in LAW_OPTIONS.items()),
    expected=law_versus_order,
    compare=choice(LAW_OPTIONS),
    hint="Read the 'targets' cell of the row 'caatsa' in the sanctions table, and remember which bodies "
         "voted on the bill (the legislation events).",
)
