"""Self-checking exercises: ``check("3.2", answer)``, ``hint("3.2")``, ``solution("3.2")``, ``progress()``.

Each exercise is declared once, in the wording table of its notebook (``helpers/exercises/expulsions.toml``
for notebook 03, read by :mod:`helpers.exercises.wording`): the kind of answer (how it is read and judged,
see :mod:`helpers.exercises.compare`), a ladder of hints, the typical mistakes with one sentence each, and
the names of the functions, in ``expulsions.py``, that compute the expected answer and each mistake's value
from the data. ``declare(__name__)`` at the end of the Python module registers them through
:func:`register_count`, :func:`register_share`, :func:`register_choice`, ... (which a test can call too).

The worked solution a student can ask for is the solution cell of ``notebooks/solutions/NN-*.ipynb`` —
the same cell the student notebook is generated from (``make exercises``), so an exercise and its
solution have one source.

In a student's notebook :func:`check` never raises: whatever it is given, it shows one reply (Correct /
Not yet / Saved for your teacher / Not answered yet / Could not check) and returns a :class:`CheckResult`.
A written answer is never "correct": it is saved for the teacher, with feedback on what it covers. In
solutions mode (the first cell of every solution notebook calls :func:`solutions_mode`), a check that is
neither correct nor saved raises :class:`ExerciseFailed`, so the test run fails.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from helpers.exercises import feedback, kernel
from helpers.exercises.answers import is_unanswered
from helpers.exercises.compare import (
    Aspect,
    Choice,
    Count,
    Custom,
    Day,
    FigureOf,
    Ids,
    Kind,
    Mistake,
    Number,
    Option,
    Share,
    Verdict,
    Weekday,
    Written,
)
from helpers.exercises.record import answer_repr, record_check, record_hint, records
from helpers.exercises.wording import WordingError, declare, phrases
from helpers.notebooks import SOLUTIONS_DIR, NotebookReadError, exercise_of_cell, read_notebook, tags

__all__ = [
    "Exercise",
    "CheckResult",
    "ExerciseFailed",
    "Mistake",
    "Option",
    "Aspect",
    "Verdict",
    "declare",
    "phrases",
    "WordingError",
    "register",
    "register_count",
    "register_number",
    "register_share",
    "register_day",
    "register_weekday",
    "register_ids",
    "register_choice",
    "register_figure",
    "register_written",
    "register_custom",
    "check",
    "hint",
    "solution",
    "progress",
    "solutions_mode",
    "student_mode",
    "exercise_ids",
    "get_exercise",
    "options_markdown",
]

_REGISTRY: dict[str, Exercise] = {}
_LOADED = False
_MODE = {"solutions": os.environ.get("TITFORTAT_MODE", "") == "solutions"}
_HINTS_GIVEN: dict[str, int] = {}

# The modules of this package that are not a notebook's exercises.
_MACHINERY = {"answers", "compare", "feedback", "kernel", "record", "wording"}


@dataclass(frozen=True)
class Exercise:
    """One exercise: where it lives, what it asks, how its answer is computed, read and judged, and its hints."""

    id: str
    notebook: str
    title: str
    kind: Kind
    expected: Callable[[], Any]
    hints: tuple[str, ...]
    answer_name: str = ""
    mistakes: tuple[Mistake, ...] = ()
    uses: tuple[str, ...] = ()
    options: Mapping[str, Option] = field(default_factory=dict)

    @property
    def written(self) -> bool:
        """True for an answer a person reads (never judged correct by the check)."""
        return isinstance(self.kind, Written)


class ExerciseFailed(AssertionError):
    """Raised in solutions mode when a solution does not pass its own check."""


@dataclass(frozen=True)
class CheckResult:
    """What :func:`check` found: ``status`` is correct, incorrect, saved, unanswered or error."""

    exercise_id: str
    status: str
    message: str

    def __bool__(self) -> bool:
        return self.status == "correct"

    def __repr__(self) -> str:
        return f"<check {self.exercise_id}: {self.status}>"

    def _ipython_display_(self) -> None:
        """The reply was shown by check(); show nothing more in a notebook."""


def _hints(hints: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return (hints,) if isinstance(hints, str) else tuple(hints)


def register(exercise_id: str, *, notebook: str, title: str, kind: Kind, expected: Callable[[], Any],
             hints: str | tuple[str, ...], answer_name: str = "", mistakes: tuple[Mistake, ...] = (),
             uses: tuple[str, ...] = (), options: Mapping[str, Option] | None = None) -> Exercise:
    """Add an exercise to the registry (the ``register_*`` functions call this with their kind)."""
    if exercise_id in _REGISTRY and _REGISTRY[exercise_id].notebook != notebook:
        raise ValueError(f"exercise {exercise_id} is registered twice")
    exercise = Exercise(exercise_id, notebook, title, kind, expected, _hints(hints), answer_name, tuple(mistakes),
                        tuple(uses), dict(options or {}))
    _REGISTRY[exercise_id] = exercise
    return exercise


def register_count(exercise_id: str, **spec: Any) -> Exercise:
    """A whole-number answer (a count of rows, people or days)."""
    return register(exercise_id, kind=Count(), **spec)


def register_number(exercise_id: str, *, rel_tol: float = 0.005, abs_tol: float = 0.0, **spec: Any) -> Exercise:
    """A number, accepted within ``rel_tol`` (relative) or ``abs_tol`` (absolute)."""
    return register(exercise_id, kind=Number(rel_tol=rel_tol, abs_tol=abs_tol), **spec)


def register_share(exercise_id: str, *, rel_tol: float = 0.01, **spec: Any) -> Exercise:
    """A share of a total, as a fraction between 0 and 1 (percentages and upside-down divisions get a tip)."""
    return register(exercise_id, kind=Share(rel_tol=rel_tol), **spec)


def register_day(exercise_id: str, **spec: Any) -> Exercise:
    """A calendar day (a date in any reasonable form)."""
    return register(exercise_id, kind=Day(), **spec)


def register_weekday(exercise_id: str, **spec: Any) -> Exercise:
    """A day of the week, by name."""
    return register(exercise_id, kind=Weekday(), **spec)


def register_ids(exercise_id: str, *, column: str, names: Callable[[], Mapping[str, str]] | None = None,
                 **spec: Any) -> Exercise:
    """A set of ids from ``column`` (order and container free); ``names`` recognises names given instead of ids."""
    return register(exercise_id, kind=Ids(column=column, names=names), **spec)


def register_choice(exercise_id: str, *, options: Mapping[str, Option], answer: Callable[[], str],
                    **spec: Any) -> Exercise:
    """A multiple-choice question: every option has its text and why it is (not) the answer.

    ``answer`` computes the right letter from the data (so a change in the data that breaks the question
    is noticed); the reason shown by ``solution()`` is the right option's ``why``.
    """
    return register(exercise_id, kind=Choice(options=dict(options)), expected=answer, options=options, **spec)


def _right_option_why(exercise: Exercise) -> str:
    """For a choice, why the option the data make right is the answer ('' otherwise, or if it cannot be said)."""
    try:
        option = exercise.options.get(exercise.expected()) if exercise.options else None
    except Exception:
        return ""
    return option.explain() if option else ""


def register_figure(exercise_id: str, *, test: Callable[[Any, Any], Verdict], **spec: Any) -> Exercise:
    """A figure the student builds, judged by ``test(fig, expected)`` on what it shows."""
    return register(exercise_id, kind=FigureOf(test=test), **spec)


def register_written(exercise_id: str, *, aspects: tuple[Aspect, ...], min_words: int = 12,
                     expected: Callable[[], Any] | None = None, **spec: Any) -> Exercise:
    """A written answer: saved for the teacher, with formative feedback on the ``aspects`` it covers."""
    return register(exercise_id, kind=Written(aspects=tuple(aspects), min_words=min_words),
                    expected=expected or (lambda: None), **spec)


def register_custom(exercise_id: str, *, compare: Callable[[Any, Any], Verdict], **spec: Any) -> Exercise:
    """An answer judged by a comparison written for this one exercise."""
    return register(exercise_id, kind=Custom(compare=compare), **spec)


def _load_all() -> None:
    """Import every notebook's exercises; a module that cannot be loaded is remembered, not fatal to the others."""
    global _LOADED
    if _LOADED:
        return
    _BROKEN.clear()
    for info in pkgutil.iter_modules(__path__):
        if info.name not in _MACHINERY:
            try:
                importlib.import_module(f"{__name__}.{info.name}")
            except Exception as exc:  # a wording file or module edited into a broken state
                _BROKEN[info.name] = exc if isinstance(exc, WordingError) else f"{info.name}.py: {exc!r}"
    _LOADED = not _BROKEN


_BROKEN: dict[str, Any] = {}


def _no_such_exercise(key: str) -> str:
    """The reply for an id that is not registered: the known ids, or why some exercises could not be loaded."""
    if _BROKEN:
        problems = " ".join(str(problem) for problem in _BROKEN.values())
        return (f"This exercise could not be loaded: {problems} Ask your teacher: the wording of the exercises "
                "is in helpers/exercises/*.toml.")
    return f"There is no exercise called {key!r}. Exercises are: {', '.join(exercise_ids()) or 'none'}."


def exercise_ids(notebook: str | None = None) -> list[str]:
    """Every registered exercise id in notebook order (only those of ``notebook`` if given)."""
    _load_all()
    ids = [i for i, ex in _REGISTRY.items() if notebook is None or ex.notebook.startswith(notebook)]
    return sorted(ids, key=_sort_key)


def _sort_key(exercise_id: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in re.split(r"[.]", exercise_id))


def get_exercise(exercise_id: Any) -> Exercise:
    """The registered exercise with this id (KeyError if there is none)."""
    _load_all()
    return _REGISTRY[_clean_id(exercise_id)]


def _clean_id(exercise_id: Any) -> str:
    try:
        text = str(exercise_id).strip()
    except Exception:
        return "?"
    if isinstance(exercise_id, float):
        text = f"{exercise_id:g}"  # check(3.1, ...) with a number
    return text


def solutions_mode() -> None:
    """From now on in this kernel, a check that is not correct (or saved) raises (used by solution notebooks)."""
    _MODE["solutions"] = True


def student_mode() -> None:
    """From now on in this kernel, checks only show their reply (the default)."""
    _MODE["solutions"] = False


def _finish(exercise: Exercise | None, key: str, status: str, message: str, answer: Any = None,
            mistake: str = "") -> CheckResult:
    title = f"Exercise {key}"
    feedback.show(status, title, message)
    if exercise is not None:
        record_check(key, exercise.notebook, exercise.title, status,
                     answer_repr(answer, full_text=exercise.written) if answer is not None else "", message, mistake)
    if _MODE["solutions"] and status not in {"correct", "saved"}:
        raise ExerciseFailed(f"solution for exercise {key} failed its check: {message}")
    return CheckResult(key, status, message)


def _stuck(key: str, exercise: Exercise) -> str:
    given = _HINTS_GIVEN.get(key, 0)
    if given < len(exercise.hints):
        return f'Stuck? hint("{key}") gives {"a first" if not given else "the next"} step.'
    return f'Still stuck? solution("{key}") shows one way to do it.'


def check(exercise_id: Any, answer: Any = ...) -> CheckResult:
    """Check an answer and show one reply (Correct / Not yet / Saved / Not answered yet); never raises."""
    key = _clean_id(exercise_id)
    try:
        try:
            exercise = get_exercise(key)
        except KeyError:
            return _finish(None, key, "error", _no_such_exercise(key))
        failed = kernel.answer_cell_failed(key)
        if failed:
            name = f"`{exercise.answer_name}`" if exercise.answer_name else "your answer"
            return _finish(exercise, key, "error",
                           f"The answer cell above raised an error ({failed}) when it last ran, so {name} is not "
                           "your latest answer. Fix that cell, run it, then run this check again.")
        if is_unanswered(answer):
            place = "between the triple quotes" if exercise.written else "in place of the ..."
            return _finish(exercise, key, "unanswered",
                           f"Write your answer {place} in the cell above, run it, then run this cell again. "
                           f"{_stuck(key, exercise) if exercise.hints else ''}".strip(), answer)
        warnings = kernel.overwritten_tables(exercise.uses)
        try:
            expected = exercise.expected()
        except Exception as exc:  # the data itself is broken: say so plainly
            plain = getattr(exc, "plain", f"{type(exc).__name__}: {exc}")
            return _finish(exercise, key, "error", f"The expected answer could not be computed from the data "
                                                   f"({plain}).", answer)
        verdict = exercise.kind.judge(answer, expected, exercise.mistakes)
        extra = [w for w in [verdict.note, *warnings] if w]
        if verdict.saved:
            message = " ".join([verdict.feedback, "Your teacher will read it."])
            return _finish(exercise, key, "saved", "\n".join([message, *extra]), answer)
        if verdict.ok:
            return _finish(exercise, key, "correct", "\n".join(["Well done.", *extra]), answer)
        message = " ".join(p for p in [verdict.feedback or "Not quite.", _stuck(key, exercise)] if p)
        return _finish(exercise, key, "incorrect", "\n".join([message, *extra]), answer, verdict.mistake)
    except ExerciseFailed:
        raise
    except Exception as exc:  # a truly odd value that got through: say so, never crash the notebook
        return _finish(None, key, "error", f"Your answer could not be checked ({type(exc).__name__}). Check that "
                                           "it is the kind of value the question asks for.")


def hint(exercise_id: Any, level: int | None = None) -> None:
    """Show a hint: the next step each time it is called (or step ``level``); the last points to the solution."""
    key = _clean_id(exercise_id)
    try:
        exercise = get_exercise(key)
    except KeyError:
        feedback.show("error", "", _no_such_exercise(key))
        return
    steps = exercise.hints
    if level is None:
        level = min(_HINTS_GIVEN.get(key, 0) + 1, len(steps))
    try:
        level = max(1, min(int(level), len(steps)))
    except (TypeError, ValueError):
        level = 1
    _HINTS_GIVEN[key] = max(_HINTS_GIVEN.get(key, 0), level)
    record_hint(key, exercise.notebook, exercise.title)
    more = (f'Run hint("{key}") again for the next step.' if level < len(steps)
            else f'That was the last step. Still stuck? solution("{key}") shows one way to do it.')
    feedback.show("hint", f"Exercise {key}, step {level} of {len(steps)}", f"{steps[level - 1]}\n{more}")


def solution_source(exercise_id: Any) -> str | None:
    """The source of the solution cell of an exercise, read from its solution notebook, or None."""
    exercise = get_exercise(exercise_id)
    for path in sorted(SOLUTIONS_DIR.glob(f"{exercise.notebook}*.ipynb")):
        try:
            nb = read_notebook(path)
        except NotebookReadError:
            continue
        for cell in nb["cells"]:
            if "solution" in tags(cell) and exercise_of_cell(cell) == exercise.id:
                from helpers.notebooks import cell_source

                return cell_source(cell)
    return None


def solution(exercise_id: Any) -> None:
    """Print one worked solution of an exercise (try it yourself first!), and for a choice, why."""
    key = _clean_id(exercise_id)
    try:
        exercise = get_exercise(key)
        source = solution_source(key)
    except KeyError:
        print(_no_such_exercise(key))
        return
    except Exception as exc:
        print(f"The solution could not be read ({type(exc).__name__}).")
        return
    if source is None:
        print("The solution is not in this copy of the collection; ask your teacher.")
        return
    print(f"One way to answer exercise {key}:\n\n{source}")
    why = _right_option_why(exercise)
    if why:
        print(f"\nWhy: {why}")
    if exercise.written:
        print("\nThis is one possible answer; yours can say it differently. Your teacher reads it.")


def _current_notebook() -> str | None:
    session = os.environ.get("JPY_SESSION_NAME", "")
    match = re.search(r"(\d\d-[\w-]+)\.ipynb$", session)
    if match:
        return match.group(1)
    done = records()
    return max(done, key=lambda r: r.when).notebook if done else None


_STATUS_WORDS = {"correct": "✅ correct", "incorrect": "❌ not yet", "saved": "✍️ saved for your teacher",
                 "unanswered": "✏️ not answered yet", "error": "⚠️ could not check", "": "· not checked yet"}


def progress(notebook: str | None = None) -> pd.DataFrame:
    """A table of this notebook's exercises and their status in this kernel (checks run since it started)."""
    _load_all()
    notebook = notebook or _current_notebook()
    ids = exercise_ids(notebook) if notebook else []
    if not ids:
        ids = sorted({r.exercise_id for r in records()}, key=_sort_key)
    done = {r.exercise_id: r for r in records()}
    rows = []
    for key in ids:
        ex, rec = _REGISTRY[key], done.get(key)
        rows.append({"exercise": key, "question": ex.title, "status": _STATUS_WORDS[rec.status if rec else ""],
                     "attempts": rec.attempts if rec else 0, "hints": rec.hints if rec else 0})
    return pd.DataFrame(rows, columns=["exercise", "question", "status", "attempts", "hints"]).set_index("exercise")


def options_markdown(exercise_id: str) -> str:
    """The options of a choice exercise as the Markdown list the notebook shows ('- **A**: ...')."""
    exercise = get_exercise(exercise_id)
    return "\n".join(f"- **{letter}**: {option.text}" for letter, option in exercise.options.items())
