"""Self-checking exercises: ``check("3.2", answer)``, ``hint("3.2")``, ``solution("3.2")``.

Each exercise is registered once, in the module ``helpers/exercises/notebook_NN.py`` of its
notebook, with a reference solution that computes the expected answer from the data, a
comparator (see :mod:`helpers.exercises.compare`) and a hint. The worked solution a student can
ask for is the solution cell of ``notebooks/solutions/NN-*.ipynb`` — the same cell the student
notebook is generated from (``make exercises``), so exercise and solution have one source.

In a student's notebook :func:`check` never raises: whatever it is given, it prints one line and
returns a :class:`CheckResult`. In solutions mode (the first cell of every solution notebook
calls :func:`solutions_mode`), a check that is not correct raises :class:`ExerciseFailed` so the
test run fails.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .compare import Comparator, Verdict

__all__ = [
    "Exercise",
    "CheckResult",
    "ExerciseFailed",
    "register",
    "check",
    "hint",
    "solution",
    "solutions_mode",
    "student_mode",
    "exercise_ids",
    "get_exercise",
    "Verdict",
]

_REGISTRY: dict[str, Exercise] = {}
_LOADED = False
_MODE = {"solutions": os.environ.get("TITFORTAT_MODE", "") == "solutions"}


@dataclass(frozen=True)
class Exercise:
    """One exercise: where it lives, how its answer is computed and compared, and a hint."""

    id: str
    notebook: str
    question: str
    expected: Callable[[], Any]
    compare: Comparator
    hint: str


class ExerciseFailed(AssertionError):
    """Raised in solutions mode when a solution does not pass its own check."""


@dataclass(frozen=True)
class CheckResult:
    """What :func:`check` found: ``status`` is correct, unanswered, incorrect or error."""

    exercise_id: str
    status: str
    message: str

    def __bool__(self) -> bool:
        return self.status == "correct"

    def __repr__(self) -> str:
        return f"<check {self.exercise_id}: {self.status}>"

    def _ipython_display_(self) -> None:
        """The line was printed by check(); show nothing more in a notebook."""


def register(exercise_id: str, *, notebook: str, question: str, expected: Callable[[], Any],
             compare: Comparator, hint: str) -> Exercise:
    """Add an exercise to the registry (called at import by the notebook_NN modules)."""
    if exercise_id in _REGISTRY and _REGISTRY[exercise_id].notebook != notebook:
        raise ValueError(f"exercise {exercise_id} is registered twice")
    exercise = Exercise(exercise_id, notebook, question, expected, compare, hint)
    _REGISTRY[exercise_id] = exercise
    return exercise


def _load_all() -> None:
    global _LOADED
    if _LOADED:
        return
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("notebook_"):
            importlib.import_module(f"{__name__}.{info.name}")
    _LOADED = True


def exercise_ids() -> list[str]:
    """Every registered exercise id, in notebook order."""
    _load_all()
    return sorted(_REGISTRY, key=_sort_key)


def _sort_key(exercise_id: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in re.split(r"[.]", exercise_id))


def get_exercise(exercise_id: str) -> Exercise:
    """The registered exercise with this id (raises KeyError if there is none)."""
    _load_all()
    return _REGISTRY[str(exercise_id).strip()]


def solutions_mode() -> None:
    """From now on in this kernel, a check that is not correct raises (used by solution notebooks)."""
    _MODE["solutions"] = True


def student_mode() -> None:
    """From now on in this kernel, checks only print (the default)."""
    _MODE["solutions"] = False


_ICONS = {"correct": "✅", "unanswered": "✏️", "incorrect": "❌", "error": "⚠️"}


def _finish(result: CheckResult) -> CheckResult:
    print(f"{_ICONS.get(result.status, '')} {result.message}")
    if _MODE["solutions"] and result.status != "correct":
        raise ExerciseFailed(f"solution for exercise {result.exercise_id} failed its check: {result.message}")
    return result


def check(exercise_id: Any, answer: Any = ...) -> CheckResult:
    """Check an answer: prints one line (correct / not answered yet / not quite + hint), never raises."""
    try:
        key = str(exercise_id).strip()
    except Exception:
        key = "?"
    try:
        try:
            exercise = get_exercise(key)
        except KeyError:
            known = ", ".join(exercise_ids()) or "none"
            return _finish(CheckResult(key, "error", f"There is no exercise called {key!r}. "
                                                     f"Exercises are: {known}."))
        if answer is ...:
            return _finish(CheckResult(key, "unanswered",
                                       f"Exercise {key}: not answered yet. Replace the ... with your answer "
                                       f"and run the cell again. Stuck? Run hint({key!r})."))
        try:
            expected = exercise.expected()
        except Exception as exc:  # the data itself is broken: say so plainly
            return _finish(CheckResult(key, "error", f"Exercise {key}: the expected answer could not be "
                                                     f"computed from the data ({type(exc).__name__}: {exc})."))
        verdict = exercise.compare(answer, expected)
        if not isinstance(verdict, Verdict):
            raise TypeError("comparator returned no Verdict")
        if verdict.ok:
            return _finish(CheckResult(key, "correct", f"Exercise {key}: correct. Well done!"))
        feedback = verdict.feedback or "Not quite."
        return _finish(CheckResult(key, "incorrect",
                                   f"Exercise {key}: not quite. {feedback} Hint: hint({key!r})."))
    except ExerciseFailed:
        raise
    except Exception as exc:  # a comparator tripped on a truly odd value
        return _finish(CheckResult(key, "error", f"Exercise {key}: your answer could not be checked "
                                                 f"({type(exc).__name__}). Check that it is the kind of "
                                                 f"value the question asks for."))


def hint(exercise_id: Any) -> None:
    """Print the hint of an exercise."""
    try:
        exercise = get_exercise(str(exercise_id).strip())
    except Exception:
        print(f"There is no exercise called {exercise_id!r}.")
        return
    print(f"💡 Hint for exercise {exercise.id}: {exercise.hint}")


def solutions_dir() -> Path:
    """The folder of solution notebooks (notebooks/solutions/ next to this package's repository)."""
    return Path(__file__).resolve().parents[2] / "notebooks" / "solutions"


def solution_source(exercise_id: str) -> str | None:
    """The source of the solution cell of an exercise, read from its solution notebook, or None."""
    exercise = get_exercise(exercise_id)
    folder = solutions_dir()
    for path in sorted(folder.glob(f"{exercise.notebook}*.ipynb")):
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for cell in nb.get("cells", []):
            if "solution" not in cell.get("metadata", {}).get("tags", []):
                continue
            source = "".join(cell.get("source", []))
            first = source.splitlines()[0] if source else ""
            if re.fullmatch(rf"#\s*Exercise\s+{re.escape(exercise.id)}\b.*", first.strip()):
                return source
    return None


def solution(exercise_id: Any) -> None:
    """Print the worked solution of an exercise (try it yourself first!)."""
    try:
        source = solution_source(str(exercise_id).strip())
    except KeyError:
        print(f"There is no exercise called {exercise_id!r}.")
        return
    except Exception as exc:
        print(f"The solution could not be read ({type(exc).__name__}).")
        return
    if source is None:
        print("The solution is not in this copy of the collection; ask your teacher.")
        return
    print(f"One way to answer exercise {str(exercise_id).strip()}:\n")
    print(source)
