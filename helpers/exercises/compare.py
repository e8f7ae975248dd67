"""Kinds of answer and how each is judged: read every reasonable form, then compare, then explain.

A *kind* (:class:`Count`, :class:`Number`, :class:`Share`, :class:`Day`, :class:`Weekday`, :class:`Ids`,
:class:`Choice`, :class:`FigureOf`, :class:`Written`, :class:`Custom`) turns a student's answer into a
plain value with :mod:`helpers.exercises.answers`, decides whether it is the expected one, and, when it is
not, says something that teaches: first what is wrong with the *form* ("that is a time span: add
.days"), then a typical mistake the exercise declared ("you counted both end days"), then what is *near*
("close — keep more decimals"), and only then a general line. A kind never raises, whatever it is given.

>>> Count().judge(35.0, 35).ok, Count().judge("35", 35).ok
(True, True)
>>> Share().judge(73, 0.7302).feedback
'That looks like a percentage. Give the share as a fraction between 0 and 1: 0.73, not 73.'
>>> Share().judge(0.7, 0.7302).feedback
'Close, but rounded too much: keep at least 2 decimals (or do not round at all).'
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from helpers.errors import describe_value
from helpers.exercises.answers import (
    FormProblem,
    as_day,
    as_ids,
    as_number,
    as_text,
    as_weekday,
    unwrap,
)
from helpers.vocabulary import COUNTRY_NAMES, country_code

__all__ = [
    "Verdict",
    "Mistake",
    "Option",
    "Kind",
    "Count",
    "Number",
    "Share",
    "Day",
    "Weekday",
    "Ids",
    "Choice",
    "FigureOf",
    "Written",
    "Aspect",
    "Custom",
    "figure_names",
    "country_label",
]


@dataclass(frozen=True)
class Verdict:
    """What a kind found: ``ok``, the feedback for the student, a tip shown even when ok, and flags."""

    ok: bool
    feedback: str = ""
    note: str = ""
    saved: bool = False  # a written answer, kept for a teacher to read (never "correct")
    mistake: str = ""  # the declared mistake the answer matched ("" if none)


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer and the sentence that explains it.

    ``value`` computes the wrong answer from the data (never typed in), or ``test`` recognises it from the
    answer as read by the kind (``test(value, expected) -> bool``).
    """

    message: str
    value: Callable[[], Any] | None = None
    test: Callable[[Any, Any], bool] | None = None


@dataclass(frozen=True)
class Option:
    """One option of a choice question: its text, and why it is (or is not) the answer, in one sentence.

    ``why`` may be a function that computes the sentence from the data when it is shown.
    """

    text: str
    why: str | Callable[[], str]

    def explain(self) -> str:
        """The sentence saying why (computed now if ``why`` is a function; '' if that fails)."""
        try:
            return self.why() if callable(self.why) else self.why
        except Exception:
            return ""


class Kind:
    """How one kind of answer is read and judged (see the module docstring)."""

    label = "answer"
    # Reads an answer, and the expected value, into the plain value compared (None: compared as given).
    reader: Callable[[Any], Any] | None = None

    def read(self, answer: Any) -> tuple[Any, str]:
        """The answer as a plain value, and a tip about its form ('' if none); FormProblem if unreadable."""
        return (answer if self.reader is None else self.reader(answer)), ""

    def same(self, value: Any, expected: Any) -> bool:
        """True if the read value is the expected answer (read the same way)."""
        return bool(value == (expected if self.reader is None else self.reader(expected)))

    def near(self, value: Any, expected: Any) -> str:
        """A sentence for an answer that is almost right ('' if it is not)."""
        return ""

    # The general line for a wrong answer; {value} is the answer as read (a format spec may follow its name).
    wrong_line = "That is not the answer the data give."

    def wrong(self, value: Any, expected: Any) -> str:
        """The general line for a wrong answer, when nothing more specific applies."""
        return self.wrong_line.format(value=value)

    def judge(self, answer: Any, expected: Any, mistakes: tuple[Mistake, ...] = ()) -> Verdict:
        """Read, compare and explain; never raises."""
        try:
            value, note = self.read(answer)
        except FormProblem as problem:
            return Verdict(False, str(problem))
        except Exception as exc:  # a truly odd value
            return Verdict(False, f"Your answer could not be read ({type(exc).__name__}): give "
                                  f"{self._article()} {self.label}.")
        try:
            if self.same(value, expected):
                return Verdict(True, note=note)
        except Exception:
            return Verdict(False, f"Your answer could not be compared: give {self._article()} {self.label}.")
        for mistake in mistakes:
            try:
                if mistake.test is not None:
                    hit = mistake.test(value, expected)
                else:
                    wrong_value = mistake.value() if mistake.value is not None else None
                    hit = wrong_value is not None and self.same(value, wrong_value)
            except Exception:
                hit = False
            if hit:
                return Verdict(False, mistake.message, note=note, mistake=mistake.message)
        try:
            near = self.near(value, expected)
        except Exception:
            near = ""
        try:
            wrong = self.wrong(value, expected)
        except Exception:
            wrong = "That is not the answer the data give."
        return Verdict(False, near or wrong, note=note)

    def __call__(self, answer: Any, expected: Any) -> Verdict:
        return self.judge(answer, expected)

    def _article(self) -> str:
        return "an" if self.label[:1] in "aeiou" else "a"


def _quoted_number_tip(answer: Any) -> str:
    """For a number given as text ("35"): the difference between 35 and "35", told with the student's own value."""
    raw = unwrap(answer)
    if not isinstance(raw, str):
        return ""
    return f"Tip: written without quotes, {raw.strip()} is a number; with quotes, \"{raw.strip()}\" is text."


class Count(Kind):
    """A whole number (a count of rows, people, days); 35, 35.0, numpy 35, a one-value Series and "35" all count."""

    label = "whole number"
    wrong_line = "{value:,} is not the number the data give."

    def read(self, answer: Any) -> tuple[Any, str]:
        note = _quoted_number_tip(answer)
        value = as_number(answer)
        if not math.isclose(value, round(value), abs_tol=1e-9):
            raise FormProblem(f"{value:g} is not a whole number; this question asks for a count.")
        return int(round(value)), note

    def near(self, value: int, expected: int) -> str:
        if value == -expected and expected:
            return "The sign is the wrong way round: subtract the earlier date (or value) from the later one."
        return ""


@dataclass
class Number(Kind):
    """A number close to the expected one (default within 0.5 %, or ``abs_tol``)."""

    rel_tol: float = 0.005
    abs_tol: float = 0.0
    label: str = "number"
    wrong_line = "{value:g} is not the number the data give."

    def read(self, answer: Any) -> tuple[Any, str]:
        return as_number(answer), _quoted_number_tip(answer)

    def same(self, value: float, expected: Any) -> bool:
        return math.isclose(value, float(expected), rel_tol=self.rel_tol, abs_tol=self.abs_tol)

    def near(self, value: float, expected: Any) -> str:
        want = float(expected)
        for decimals in range(0, 4):
            if round(want, decimals) == value and not self.same(value, want):
                keep = decimals + 1
                return (f"Close, but rounded too much: keep at least {keep} decimal{'s' if keep > 1 else ''} "
                        "(or do not round at all).")
        return ""


@dataclass
class Share(Number):
    """A share of a total, as a fraction between 0 and 1 (default within 1 %); a percentage gets a tip."""

    rel_tol: float = 0.01
    label: str = "share (a fraction between 0 and 1)"
    wrong_line = "{value:g} is not the share the data give: which part, and which whole?"

    def near(self, value: float, expected: Any) -> str:
        want = float(expected)
        if 1 < value <= 100 and math.isclose(value / 100, want, rel_tol=self.rel_tol):
            return (f"That looks like a percentage. Give the share as a fraction between 0 and 1: "
                    f"{round(want, 2):g}, not {value:g}.")
        if want and math.isclose(value, 1 / want, rel_tol=self.rel_tol):
            return ("You divided the wrong way round: a share is the part divided by the whole, so it is "
                    "between 0 and 1.")
        if want < 1 and math.isclose(value, 1 - want, rel_tol=self.rel_tol):
            return "That is the other part of the whole: the share the question asks about is the rest."
        rounded = super().near(value, want)
        if rounded:
            return rounded
        if value > 1 or value < 0:
            return "A share of a total lies between 0 and 1: divide the part by the whole."
        return ""


class Day(Kind):
    """A calendar day: a Timestamp, datetime64, date, or text such as '2017-09-01' (with or without a time)."""

    label = "date"
    wrong_line = "{value:%Y-%m-%d} is not the day the data give."
    reader = staticmethod(as_day)

    def near(self, value: date, expected: Any) -> str:
        gap = (value - as_day(expected)).days
        if abs(gap) == 1:
            return f"One day {'late' if gap > 0 else 'early'}: check which row's date you took."
        return ""


class Weekday(Kind):
    """A day of the week by name ('Friday', 'friday', 'Fri', or from .day_name())."""

    label = "day of the week"
    reader = staticmethod(as_weekday)

    def wrong(self, value: str, expected: Any) -> str:
        return f"Not {value.capitalize()}: check the date you took it from."


@dataclass
class Ids(Kind):
    """A collection of ids from one column, in any order and any container (list, set, Series, ...).

    ``names`` gives, for the ids' table, a mapping from names people write (lower-case) to ids, so that an
    answer made of names is recognised and answered.
    """

    column: str = ""
    names: Callable[[], Mapping[str, str]] | None = None
    label: str = "list of ids"

    def read(self, answer: Any) -> tuple[Any, str]:
        names = None
        if self.names is not None:
            try:
                names = self.names()
            except Exception:
                names = None
        return as_ids(answer, self.column, names), ""

    def same(self, value: set[str], expected: Any) -> bool:
        return value == {str(e) for e in expected}

    def wrong(self, value: set[str], expected: Any) -> str:
        want = {str(e) for e in expected}
        missing, extra = sorted(want - value), sorted(value - want)
        parts = []
        if missing:
            parts.append(f"{len(missing)} missing")
        if extra:
            parts.append(f"{len(extra)} that should not be there ({', '.join(extra[:3])}"
                         f"{', ...' if len(extra) > 3 else ''})")
        return "Not the right set: " + " and ".join(parts) + "."


def _option_key(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


@dataclass
class Choice(Kind):
    """A choice among lettered options: the letter ('B', 'b', 'B)', 'option B') or the option's text."""

    options: dict[str, Option] = field(default_factory=dict)
    label: str = "letter of an option"

    def read(self, answer: Any) -> tuple[Any, str]:
        value = unwrap(answer)
        if not isinstance(value, str):
            raise FormProblem(f"Answer with the letter of an option as text, e.g. \"A\"; got {describe_value(value)}.")
        key = _option_key(value)
        letters = {k.lower(): k for k in self.options}
        if key.startswith("option "):
            key = key[7:]
        if key in letters:
            return letters[key], ""
        for letter, option in self.options.items():
            if key == _option_key(option.text):
                return letter, ""
        starting = [k for k, o in self.options.items() if len(key) >= 12 and _option_key(o.text).startswith(key)]
        if len(starting) == 1:  # the opening words of one option, copied: its letter was meant
            return starting[0], "Tip: the letter alone is enough, e.g. \"A\"."
        if len(key) > 1:
            raise FormProblem(f"\"{value.strip()[:60]}\" is not the wording of an option; answer with the letter "
                              f"of the one you choose: {', '.join(self.options)}.")
        raise FormProblem(f"Choose one of the options: {', '.join(self.options)} (the letter, as text).")

    def wrong(self, value: str, expected: Any) -> str:
        option = self.options.get(value)
        why = option.explain() if option else ""
        return f"Not {value}. {why[:1].upper()}{why[1:]}" if why else f"Not {value}."


def country_label(name: Any) -> str:
    """A trace name with a country written the one way ('USA', 'usa', 'the US' -> 'United States'); else as is."""
    text = str(name or "")
    code = text if text in COUNTRY_NAMES else country_code(text)
    return COUNTRY_NAMES.get(code, text) if code else text


def figure_names(fig: Any) -> set[str]:
    """The names of a figure's traces, with country codes and names made the same ('USA' = 'United States')."""
    return {country_label(getattr(trace, "name", "")) for trace in getattr(fig, "data", ())}


@dataclass
class FigureOf(Kind):
    """A plotly figure, judged by what it shows: ``test(fig, expected) -> Verdict``."""

    test: Callable[[Any, Any], Verdict] = lambda fig, expected: Verdict(False)
    label: str = "plotly figure"

    def read(self, answer: Any) -> tuple[Any, str]:
        from plotly.basedatatypes import BaseFigure

        if answer is None:
            raise FormProblem("Your answer is None: fig.show() draws a figure but gives nothing back. Store the "
                              "figure itself (fig_name = ...) and end the cell with its name.")
        if not isinstance(answer, BaseFigure):
            raise FormProblem(f"Expected a plotly figure, but got {describe_value(answer)}.")
        return answer, ""

    def judge(self, answer: Any, expected: Any, mistakes: tuple[Mistake, ...] = ()) -> Verdict:
        try:
            fig, _ = self.read(answer)
        except FormProblem as problem:
            return Verdict(False, str(problem))
        for mistake in mistakes:
            try:
                if mistake.test is not None and mistake.test(fig, expected):
                    return Verdict(False, mistake.message, mistake=mistake.message)
            except Exception:
                continue
        try:
            verdict = self.test(fig, expected)
        except Exception:
            return Verdict(False, "This figure could not be read: build it with the chart function the "
                                  "question names.")
        return verdict if isinstance(verdict, Verdict) else Verdict(bool(verdict))


@dataclass(frozen=True)
class Aspect:
    """Something a strong written answer often does, the words that show it, and a question that invites it."""

    name: str
    words: tuple[str, ...]
    invite: str


@dataclass
class Written(Kind):
    """A written answer: never judged correct, saved for the teacher, with formative feedback on what it covers."""

    aspects: tuple[Aspect, ...] = ()
    min_words: int = 12
    label: str = "written answer"

    def read(self, answer: Any) -> tuple[Any, str]:
        return as_text(answer), ""

    def judge(self, answer: Any, expected: Any, mistakes: tuple[Mistake, ...] = ()) -> Verdict:
        try:
            text, _ = self.read(answer)
        except FormProblem as problem:
            return Verdict(False, str(problem))
        words = text.split()
        n = len(words)
        if n < min(5, self.min_words):  # not yet a sentence: nothing for the teacher to read
            return Verdict(False, f"Your answer has {n} word{'s' if n != 1 else ''}; write a sentence or two "
                                  f"(about {self.min_words} words or more).")
        found = {a: [m for w in a.words if (m := _word_at(" ".join(words), w))] for a in self.aspects}
        covered = [(a, words_found[0]) for a, words_found in found.items() if words_found]
        missing = [a for a in self.aspects if a not in {a for a, _ in covered}]
        parts = []
        if n < self.min_words:
            parts.append(f"It is short ({n} words): a second sentence would give your reasons room.")
        if covered:  # what the words point to, said as words: only the teacher judges what the answer says
            parts.append("You mention " + _join([f"'{word}' ({a.name})" for a, word in covered]) + ".")
        if missing:
            parts.append("To make it stronger, think about: " + " ".join(a.invite for a in missing))
        else:
            parts.append("Now check every fact in it against the data.")
        return Verdict(False, " ".join(parts), saved=True)


def _word_at(text: str, key: str) -> str:
    """The word of ``text`` that starts with ``key``, in any case ('declin' in 'It Declined.' -> 'Declined'), or ''.

    A key matches at the start of a word only, so '0' finds '0 people' but not '2016'.
    """
    match = re.search(r"(?<![a-z0-9])" + re.escape(key) + r"[\w'-]*", text, flags=re.IGNORECASE)
    return match.group(0) if match else ""


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


@dataclass
class Custom(Kind):
    """An answer judged by a function ``compare(answer, expected) -> Verdict`` written for one exercise."""

    compare: Callable[[Any, Any], Verdict] = lambda answer, expected: Verdict(False)
    label: str = "answer"

    def judge(self, answer: Any, expected: Any, mistakes: tuple[Mistake, ...] = ()) -> Verdict:
        if answer is None:
            return Verdict(False, "Your answer is None (nothing): store the value itself, not print(...) of it.")
        for mistake in mistakes:  # typical mistakes first, as for the other kinds (``test`` sees the answer as given)
            try:
                if mistake.test is not None and mistake.test(answer, expected):
                    return Verdict(False, mistake.message, mistake=mistake.message)
            except Exception:
                continue
        try:
            verdict = self.compare(answer, expected)
        except Exception as exc:
            return Verdict(False, f"Your answer could not be checked ({type(exc).__name__}): check that it is "
                                  "the kind of value the question asks for.")
        return verdict if isinstance(verdict, Verdict) else Verdict(bool(verdict))
