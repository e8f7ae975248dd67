"""Exercises of notebook 02 (sanctions): the instruments, the step chart, CAATSA and the counter-sanctions."""

from __future__ import annotations

from typing import Any

from helpers.analysis.sanctions import TRIGGER_LABELS, cumulative_instruments, group_label
from helpers.data import load_events, load_sanctions
from helpers.exercises import Mistake, Option, Verdict, register_choice, register_count, register_figure
from helpers.exercises.compare import country_label

NOTEBOOK = "02-sanctions"


# --- 2.1 compute with pandas ---------------------------------------------------------------------------

def _count(**where: str) -> int:
    sanctions = load_sanctions()
    keep = True
    for column, value in where.items():
        keep = keep & (sanctions[column].astype(str) == value)
    return int(keep.sum())


def executive_orders() -> int:
    """Reference solution of 2.1: how many instruments in the table are US executive orders."""
    return _count(kind="executive_order", issuer="USA")


register_count(
    "2.1",
    notebook=NOTEBOOK,
    title="How many instruments are US executive orders",
    answer_name="n_orders",
    uses=("sanctions",),
    expected=executive_orders,
    hints=("The kind column says what legal form each instrument has; 'executive_order' is one of its values. "
           "Keep the rows of that kind and count them.",
           "Compare sanctions['kind'] with 'executive_order' and count the True values: "
           "(sanctions['kind'] == ...).sum()."),
    mistakes=(
        Mistake("That counts every instrument of the United States, laws and designations too. Keep only the "
                "kind 'executive_order'.", value=lambda: _count(issuer="USA")),
        Mistake("That counts every instrument in the table. Keep only the rows whose kind is 'executive_order'.",
                value=lambda: len(load_sanctions())),
        Mistake("That counts the Treasury's lists of names (kind 'designation'). An order says who MAY be "
                "sanctioned; count the rows whose kind is 'executive_order'.",
                value=lambda: _count(kind="designation", issuer="USA")),
        Mistake("No instrument matched. Check the spelling of the value: 'executive_order', with an underscore, "
                "as the kind column writes it.", test=lambda value, expected: value == 0 and expected != 0),
    ),
)


# --- 2.2 criticise a number -------------------------------------------------------------------------------

def how_to_report_counts() -> str:
    """Reference solution of 2.2: the data record several counts from named sources for 20 March 2014."""
    row = load_sanctions().set_index("sanction_id").loc["ofac_designations_2014_03_20"]
    text = f"{row['note']}".lower()
    ok = sum(name in text for name in ("upi", "lexology", "morgan lewis")) >= 2
    return "C" if ok else "the data no longer record differing counts"


register_choice(
    "2.2",
    notebook=NOTEBOOK,
    title="How to report a number the sources disagree on",
    answer_name="how_to_report",
    options={
        "A": Option("Pick the largest count, because more names means more complete.",
                    "a larger count may simply count something else (another day, or the bank as well)."),
        "B": Option("Average the counts and report that.",
                    "an average of counts of different things is a number nobody counted."),
        "C": Option("Give the approximate number and say who counted what, because the sources count different "
                    "things (days, kinds of people, the bank).",
                    "the note shows UPI, Lexology and Morgan Lewis counting different things (one day or two, "
                    "officials with or without the inner circle and the bank): a careful account says who "
                    "counted what."),
        "D": Option("Leave the designations out of the story, since nobody knows how many there were.",
                    "the order of magnitude is known and matters; the disagreement can be told."),
    },
    answer=how_to_report_counts,
    hints=("Read the note of the row 'ofac_designations_2014_03_20': do the sources count the same thing?",
           "A careful account tells the reader who counted what."),
)


# --- 2.3 read a chart ----------------------------------------------------------------------------------

TRIGGER_OPTIONS = {"A": "Ukraine / Crimea", "B": "answer to sanctions", "C": "several reasons",
                   "D": "cyber activity"}


def _trigger_totals() -> Any:
    totals = cumulative_instruments(load_sanctions(), by="trigger").groupby("group")["count"].max()
    return totals.sort_values(ascending=False)


def second_trigger() -> str:
    """Reference solution of 2.3: the option naming the trigger whose line ends second highest."""
    totals = _trigger_totals()
    if len(totals) < 3 or totals.iloc[1] == totals.iloc[2] or totals.iloc[0] == totals.iloc[1]:
        return "no single second line (a tie)"
    label = group_label("trigger", totals.index[1])
    return next((k for k, v in TRIGGER_OPTIONS.items() if v == label), "none of the options")


def _trigger_why(label: str) -> str:
    totals = {group_label("trigger", k): int(v) for k, v in _trigger_totals().items()}
    order = sorted(totals, key=totals.get, reverse=True)
    place = order.index(label) + 1 if label in order else 0
    if place == 1:
        return f"its line ends at {totals.get(label, 0)}, the highest of all; the question asks for the one below it."
    words = {2: "the second highest", 3: "the third highest", 4: "the fourth highest"}
    return f"its line ends at {totals.get(label, 0)}: {words.get(place, 'lower down')}."


register_choice(
    "2.3",
    notebook=NOTEBOOK,
    title="The trigger whose line ends second highest",
    answer_name="second_line",
    options={k: Option(v, lambda v=v: _trigger_why(v)) for k, v in TRIGGER_OPTIONS.items()},
    answer=second_trigger,
    hints=("Follow each line to the right edge of the chart and read its height there.",
           "The highest line is first; the next one down is second. Hover over the last step of a line to read "
           "its exact value."),
)


# --- 2.4 change a chart --------------------------------------------------------------------------------------

def issuer_totals() -> dict[str, int]:
    """What 2.4's figure must end on: the number of instruments of each issuer, by readable name."""
    counts = load_sanctions()["issuer"].astype(str).value_counts()
    return {group_label("issuer", code): int(n) for code, n in counts.items() if n > 0}


def _ends(fig: Any) -> dict[str, float]:
    """The height each line of a step chart reaches, by its readable name."""
    ends: dict[str, float] = {}
    for trace in fig.data:
        ys = getattr(trace, "y", None)
        ys = [] if ys is None else [y for y in ys if y is not None]
        if ys:
            name = country_label(getattr(trace, "name", ""))
            ends[name] = max(ends.get(name, 0.0), max(float(y) for y in ys))
    return ends


def _one_line_per_trigger(fig: Any, expected: dict[str, int]) -> bool:
    names = set(_ends(fig))
    return bool(names) and names <= set(TRIGGER_LABELS.values())


def _issuer_figure_test(fig: Any, expected: dict[str, int]) -> Verdict:
    ends = _ends(fig)
    if not ends:
        return Verdict(False, "Your figure has no lines. Draw it with cumulative_instruments_figure(sanctions, by=...).")
    if set(ends) != set(expected):
        return Verdict(False, "Draw one line per issuer: cumulative_instruments_figure(sanctions, by=\"issuer\"), "
                              "with the whole sanctions table.")
    if any(ends[name] != total for name, total in expected.items()):
        return Verdict(False, "The lines do not end on each issuer's total: pass the whole sanctions table, not "
                              "a part of it.")
    return Verdict(True)


register_figure(
    "2.4",
    notebook=NOTEBOOK,
    title="The step chart with one line per issuer",
    answer_name="fig_issuers",
    uses=("sanctions",),
    expected=issuer_totals,
    test=_issuer_figure_test,
    hints=("The chart function has a parameter that says what one line stands for: help(...) lists it.",
           "Give that parameter the name of the column that says who issued each instrument: "
           "cumulative_instruments_figure(sanctions, by=...)."),
    mistakes=(
        Mistake("Your figure still draws one line per trigger, the chart's default. Ask for one line per issuer "
                "with the by= parameter.", test=_one_line_per_trigger),
    ),
)


# --- 2.5 compute with dates -------------------------------------------------------------------------------

SENATE_VOTE = "2017-07-27-senate-passes-hr3364"
SIGNED = "2017-08-02-trump-signs-caatsa"


def _date(event_id: str) -> Any:
    return load_events().set_index("event_id").loc[event_id, "date"]


def days_vote_to_signature() -> int:
    """Reference solution of 2.5: days from the Senate's vote on the bill to the president's signature."""
    return int((_date(SIGNED) - _date(SENATE_VOTE)).days)


HOUSE_VOTE = "2017-07-25-house-passes-hr3364"


register_count(
    "2.5",
    notebook=NOTEBOOK,
    title="Days from the Senate's vote to Trump's signature",
    answer_name="days_to_sign",
    uses=("events",),
    expected=days_vote_to_signature,
    hints=("Look up the two dates by event_id, and subtract the earlier from the later.",
           "ev (the events indexed by event_id) lets you write ev.loc['2017-08-02-trump-signs-caatsa', 'date']. "
           "The difference of two dates is a time span: .days gives its number of days."),
    mistakes=(
        Mistake("You counted both end days (the day of the vote and the day of the signature). Subtract the "
                "dates: the difference counts the days between.",
                value=lambda: days_vote_to_signature() + 1),
        Mistake("That counts from the House's vote. The question starts from the Senate's vote, "
                "2017-07-27-senate-passes-hr3364.",
                value=lambda: int((_date(SIGNED) - _date(HOUSE_VOTE)).days)),
    ),
)


# --- 2.6 choose among options: a law and an order ---------------------------------------------------------

def law_versus_order() -> str:
    """Reference solution of 2.6: the option that the CAATSA row of the sanctions table supports."""
    row = load_sanctions().set_index("sanction_id").loc["caatsa"]
    text = f"{row['targets']} {row['note']}".lower()
    ok = str(row["kind"]) == "law" and "congressional review" in text and "codifies" in text
    return "B" if ok else "the data no longer describe the review"


register_choice(
    "2.6",
    notebook=NOTEBOOK,
    title="What changed when the sanctions became a law",
    answer_name="law_answer",
    options={
        "A": Option("Nothing changed: a president can cancel a law with a new executive order, as with any order.",
                    "an executive order cannot cancel a law; that is exactly what the change was about."),
        "B": Option("Before easing or lifting the Russia sanctions it covers, the president must first report to "
                    "Congress, which can review and block the step.",
                    "the caatsa row says it codifies the orders and adds a congressional review before they are "
                    "eased."),
        "C": Option("CAATSA was passed by the Senate alone, so the House has no say.",
                    "both chambers voted on the bill, the House first: their votes are events of the table."),
        "D": Option("CAATSA cancelled the executive orders of 2014 and replaced them.",
                    "it wrote the orders into law (codified them); it did not cancel them."),
    },
    answer=law_versus_order,
    hints=("Read the targets and note of the row 'caatsa' in the sanctions table.",
           "Which bodies voted on the bill, and what does 'congressional review' mean for a president?"),
)
