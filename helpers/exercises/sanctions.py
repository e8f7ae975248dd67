"""Exercises of notebook 02 (sanctions): the instruments, the step chart, CAATSA and the counter-sanctions.

What a student reads (titles, hints, options, the sentence for each typical mistake) is in sanctions.toml;
this module computes: each expected answer, the value of each typical mistake, the test of the figure, and
the numbers an option's reason quotes.
"""

from __future__ import annotations

from typing import Any

from helpers.analysis.sanctions import TRIGGER_LABELS, cumulative_instruments, group_label
from helpers.data import load_events, load_sanctions
from helpers.exercises import Verdict, declare, phrases
from helpers.exercises.compare import country_label

# Words the reasons choose by what the data say: the [phrases] of sanctions.toml.
PHRASES = phrases(__name__)


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


def us_instruments() -> int:
    """A mistake of 2.1: every instrument of the United States, laws and designations too."""
    return _count(issuer="USA")


def all_instruments() -> int:
    """A mistake of 2.1: every instrument in the table."""
    return len(load_sanctions())


def us_designations() -> int:
    """A mistake of 2.1: the Treasury's lists of names (kind 'designation') instead of the orders."""
    return _count(kind="designation", issuer="USA")


def matched_nothing(value: Any, expected: Any) -> bool:
    """A mistake of 2.1: a count of zero, as a misspelt 'executive_order' gives."""
    return value == 0 and expected != 0


# --- 2.2 criticise a number -------------------------------------------------------------------------------

def how_to_report_counts() -> str:
    """Reference solution of 2.2: the data record several counts from named sources for 20 March 2014."""
    row = load_sanctions().set_index("sanction_id").loc["ofac_designations_2014_03_20"]
    text = f"{row['note']}".lower()
    ok = sum(name in text for name in ("upi", "lexology", "morgan lewis")) >= 2
    return "C" if ok else "the data no longer record differing counts"


# --- 2.3 read a chart ----------------------------------------------------------------------------------

# The options are the chart's own legend labels, so that a student can match them with the lines.
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


def _ends_by_label() -> dict[str, int]:
    return {group_label("trigger", k): int(v) for k, v in _trigger_totals().items()}


def trigger_end(letter: str) -> int:
    """For 2.3's reasons: the height at which the line of option ``letter``'s trigger ends (0 if it has none)."""
    return _ends_by_label().get(TRIGGER_OPTIONS[letter], 0)


def trigger_place(letter: str) -> str:
    """For 2.3's reasons: where the line of option ``letter``'s trigger ends among the others (its phrase)."""
    totals = _ends_by_label()
    order = sorted(totals, key=totals.__getitem__, reverse=True)
    label = TRIGGER_OPTIONS[letter]
    place = order.index(label) + 1 if label in order else 0
    return PHRASES.get(f"place_{place}", PHRASES["lower_down"])


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


def one_line_per_trigger(fig: Any, expected: dict[str, int]) -> bool:
    """A mistake of 2.4: the chart's default, one line per trigger instead of per issuer."""
    names = set(_ends(fig))
    return bool(names) and names <= set(TRIGGER_LABELS.values())


def shows_issuer_totals(fig: Any, expected: dict[str, int]) -> Verdict:
    """The test of 2.4's figure: one line per issuer, each ending on that issuer's total."""
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


# --- 2.5 compute with dates -------------------------------------------------------------------------------

SENATE_VOTE = "2017-07-27-senate-passes-hr3364"
HOUSE_VOTE = "2017-07-25-house-passes-hr3364"
SIGNED = "2017-08-02-trump-signs-caatsa"


def _days_to_signature(event_id: str) -> int:
    dates = load_events().set_index("event_id")["date"]
    return int((dates.loc[SIGNED] - dates.loc[event_id]).days)


def days_vote_to_signature() -> int:
    """Reference solution of 2.5: days from the Senate's vote on the bill to the president's signature."""
    return _days_to_signature(SENATE_VOTE)


def days_counting_both_ends() -> int:
    """A mistake of 2.5: both end days counted, the day of the vote and the day of the signature."""
    return days_vote_to_signature() + 1


def days_from_house_vote() -> int:
    """A mistake of 2.5: the days from the House's vote instead of the Senate's."""
    return _days_to_signature(HOUSE_VOTE)


# --- 2.6 choose among options: a law and an order ---------------------------------------------------------

def law_versus_order() -> str:
    """Reference solution of 2.6: the option that the CAATSA row of the sanctions table supports."""
    row = load_sanctions().set_index("sanction_id").loc["caatsa"]
    text = f"{row['targets']} {row['note']}".lower()
    ok = str(row["kind"]) == "law" and "congressional review" in text and "codifies" in text
    return "B" if ok else "the data no longer describe the review"


declare(__name__)
