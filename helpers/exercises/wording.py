"""Read a notebook's exercise wording (``<notebook module>.toml``) and declare its exercises.

Each notebook's exercises live in two files side by side:

- ``helpers/exercises/expulsions.toml``: the wording (titles, hints, options and why each is or is not the
  answer, the sentence for each typical mistake, what a written answer should cover). A teacher can reword
  or translate it without touching Python.
- ``helpers/exercises/expulsions.py``: the computations, each a named function (the expected answer, the
  value of a typical mistake, the test of a figure). The wording names them: ``expected = "implied_total"``.
  The replies of a figure's or a custom check's test (what the figure lacks) are still written in the
  test itself, beside the condition that picks them.

The last line of the Python module, ``declare(__name__)``, reads the wording and registers every exercise.

A choice's option has a ``why`` (one sentence on why it is or is not the answer), or, when which option is
right depends on the data, a ``why_if_right`` and a ``why_if_wrong``: the reason shown follows the answer the
data give now.

A ``[phrases]`` table holds words that a computation picks by what the data say (the module reads them
with ``PHRASES = phrases(__name__)``: ``PHRASES["stayed_open"]``), so they are in the wording too.

A text may show a value from the module: ``{name}`` is the module's constant ``name``, or ``name()`` when
it is a function; ``{name[key]}`` is ``name(key)``; ``{name:.0%}`` formats the value. In an option's ``why``
the value is computed from the data each time the reason is shown; in every other text it must be a
constant (so importing the exercises never reads the data). ``{{`` and ``}}`` stand for literal braces.

>>> fill("Cut to {cap}, {{not this}}", {"cap": 455})
'Cut to 455, {not this}'
>>> fill("{share[US]:.0%} of its staff", {"share": lambda side: 0.6})
'60% of its staff'
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from helpers.validate import did_you_mean

__all__ = ["WordingError", "WhyByAnswer", "declare", "phrases", "read_wording", "fill", "KINDS"]


class WordingError(ValueError):
    """A wording file that cannot be read or names something its module does not have (said in one line)."""


# kind -> the fields it takes besides the common ones (see the register_* functions).
KINDS: dict[str, frozenset[str]] = {
    "count": frozenset(),
    "number": frozenset({"rel_tol", "abs_tol"}),
    "share": frozenset({"rel_tol"}),
    "day": frozenset(),
    "weekday": frozenset(),
    "ids": frozenset({"column", "names"}),
    "choice": frozenset({"options", "answer"}),
    "figure": frozenset({"test"}),
    "written": frozenset({"aspects", "min_words"}),
    "custom": frozenset({"compare"}),
}
_COMMON = frozenset({"id", "kind", "title", "answer_name", "uses", "expected", "hints", "mistakes"})
_REQUIRED = ("id", "kind", "title", "hints")
_FUNCTIONS = frozenset({"expected", "answer", "test", "compare", "names"})  # fields naming a Python function
_MISTAKE_FIELDS = frozenset({"message", "value", "test"})
_OPTION_FIELDS = frozenset({"text", "why", "why_if_right", "why_if_wrong"})
_ASPECT_FIELDS = frozenset({"name", "words", "invite"})

_PLACE = re.compile(r"\{\{|\}\}|\{([A-Za-z_]\w*)(?:\[([^\]\s{}]+)\])?(?::([^{}]*))?\}")


def fill(text: str, namespace: Mapping[str, Any], *, compute: bool = True) -> str:
    """``text`` with each ``{name}``, ``{name[key]}`` or ``{name:spec}`` filled from ``namespace``.

    With ``compute=False`` a function may not be named (WordingError): the text must not need the data.
    """
    def one(match: re.Match[str]) -> str:
        if match.group(0) in ("{{", "}}"):
            return match.group(0)[0]
        name, key, spec = match.groups()
        if name not in namespace:
            raise WordingError(f"{{{name}}} names nothing in the exercises' Python module."
                               f"{did_you_mean(name, namespace)}")
        value = namespace[name]
        if callable(value):
            if not compute:
                raise WordingError(f"{{{name}}} is computed from the data, which only an option's why may do: "
                                   "write the value into a constant of the Python module, or move the sentence "
                                   "into a why.")
            value = value(int(key) if key and key.isdigit() else key) if key is not None else value()
        elif key is not None:
            value = value[int(key) if key.isdigit() else key]
        return format(value, spec or "")

    return _PLACE.sub(one, text)


def _names(text: Any) -> list[str]:
    """The names a text's placeholders use."""
    return [m.group(1) for m in _PLACE.finditer(text) if m.group(1)] if isinstance(text, str) else []


def read_wording(path: Path) -> dict[str, Any]:
    """The wording file as a dict; WordingError naming the file and line if it is not valid TOML."""
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise WordingError(f"{path.name} is missing: the wording of these exercises is not in this copy of "
                           "the collection.") from None
    except tomllib.TOMLDecodeError as exc:
        raise WordingError(f"{path.name} is not valid TOML: {exc}. Compare it with the other .toml files in "
                           f"{path.parent.name}/ (a text is written between quotes; a list between [ and ]).") from None
    except UnicodeDecodeError:
        raise WordingError(f"{path.name} is not saved as UTF-8 text: save it again as UTF-8.") from None


def phrases(module_name: str, path: Path | None = None) -> dict[str, str]:
    """The ``[phrases]`` table of a module's wording: words its computations choose by what the data say."""
    module = sys.modules[module_name]
    path = path or Path(module.__file__ or "").with_suffix(".toml")
    table = read_wording(path).get("phrases", {})
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise WordingError(f"{path.name}: [phrases] should hold lines like name = \"a text between quotes\".")
    return dict(table)


def declare(module_name: str, path: Path | None = None) -> list[str]:
    """Register the exercises of one notebook: the wording in ``<module>.toml``, the functions in the module.

    Returns the ids declared. Raises WordingError, naming the file and the exercise, for a wording that
    asks for a field that does not exist or a function the module does not define.
    """
    from helpers import exercises as engine
    from helpers.exercises.compare import Aspect, Mistake, Option

    module = sys.modules[module_name]
    namespace = vars(module)
    path = path or Path(module.__file__ or "").with_suffix(".toml")
    wording = read_wording(path)
    _only(wording, {"notebook", "exercise", "phrases"}, f"{path.name}")
    notebook = wording.get("notebook")
    if not isinstance(notebook, str) or not wording.get("exercise"):
        raise WordingError(f"{path.name} needs a line notebook = \"NN-name\" and at least one [[exercise]].")

    declared = []
    for number, spec in enumerate(wording["exercise"], start=1):
        where = f"{path.name}, exercise {spec.get('id', f'number {number}')}"
        kind = spec.get("kind")
        if kind not in KINDS:
            raise WordingError(f"{where}: kind = {kind!r} is not one of {', '.join(KINDS)}.")
        _only(spec, _COMMON | KINDS[kind], where)
        missing = [key for key in _REQUIRED if key not in spec]
        if missing:
            raise WordingError(f"{where}: the field(s) {', '.join(missing)} are missing.")

        def function(name: Any, field: str, where: str = where) -> Callable[..., Any]:
            found = namespace.get(name) if isinstance(name, str) else None
            if not callable(found):
                raise WordingError(f"{where}: {field} = {name!r} is not a function of {module_name}."
                                   f"{did_you_mean(str(name), [k for k, v in namespace.items() if callable(v)])}")
            return found

        def text(value: Any, field: str, where: str = where) -> str:
            if not isinstance(value, str):
                raise WordingError(f"{where}: {field} should be a text between quotes, not {value!r}.")
            try:
                return fill(value, namespace, compute=False)
            except WordingError as exc:
                raise WordingError(f"{where}, {field}: {exc}") from None

        def why(value: Any, field: str, where: str = where) -> str | Callable[[], str]:
            if not isinstance(value, str):
                raise WordingError(f"{where}: {field} should be a text between quotes, not {value!r}.")
            unknown = [n for n in _names(value) if n not in namespace]
            if unknown:
                raise WordingError(f"{where}, {field}: {{{unknown[0]}}} names nothing in {module_name}."
                                   f"{did_you_mean(unknown[0], namespace)}")
            if not any(callable(namespace[n]) for n in _names(value)):
                return text(value, field)
            return lambda: fill(value, namespace)  # computed from the data each time the reason is shown

        args: dict[str, Any] = {"notebook": notebook}
        for key, value in spec.items():
            if key in {"id", "kind"}:
                continue
            if key in _FUNCTIONS:
                args[key] = function(value, key)
            elif key in {"title", "answer_name"}:
                args[key] = text(value, key)
            elif key in {"hints", "uses"}:
                items = [value] if isinstance(value, str) else value
                args[key] = tuple(text(item, f"{key} {i}") for i, item in enumerate(items, start=1))
            elif key == "mistakes":
                mistakes = []
                for i, m in enumerate(value, start=1):
                    _only(m, _MISTAKE_FIELDS, f"{where}, mistake {i}")
                    mistakes.append(Mistake(text(m.get("message"), f"mistake {i}"),
                                            value=function(m["value"], f"mistake {i} value") if "value" in m else None,
                                            test=function(m["test"], f"mistake {i} test") if "test" in m else None))
                args[key] = tuple(mistakes)
            elif key == "options":
                options = {}
                for letter, o in value.items():
                    _only(o, _OPTION_FIELDS, f"{where}, option {letter}")
                    if ("why" in o) == ("why_if_right" in o or "why_if_wrong" in o) \
                            or ("why_if_right" in o) != ("why_if_wrong" in o):
                        raise WordingError(f"{where}, option {letter}: give it a why, or both a why_if_right and "
                                           "a why_if_wrong (when the data decide whether it is the answer).")
                    if "why" in o:
                        reason = why(o["why"], f"option {letter} why")
                    else:  # the sentence depends on whether the data make this option the answer
                        function(spec.get("answer"), "answer")  # it exists; it is looked up when shown
                        reason = WhyByAnswer(letter, lambda name=spec["answer"]: namespace[name](),
                                             why(o["why_if_right"], f"option {letter} why_if_right"),
                                             why(o["why_if_wrong"], f"option {letter} why_if_wrong"))
                    options[letter] = Option(text(o.get("text"), f"option {letter} text"), reason)
                args[key] = options
            elif key == "aspects":
                args[key] = tuple(Aspect(text(a.get("name"), f"aspect {i} name"),
                                         tuple(text(w, f"aspect {i} words") for w in a.get("words", ())),
                                         text(a.get("invite"), f"aspect {i} invite"))
                                  for i, a in enumerate(value, start=1) if _only(a, _ASPECT_FIELDS, where) is None)
            else:
                args[key] = value
        getattr(engine, f"register_{kind}")(str(spec["id"]), **args)
        declared.append(str(spec["id"]))
    return declared


class WhyByAnswer:
    """An option's reason that the data choose: ``if_right`` when ``answer()`` is this option, else ``if_wrong``."""

    def __init__(self, letter: str, answer: Callable[[], str], if_right: str | Callable[[], str],
                 if_wrong: str | Callable[[], str]) -> None:
        self.letter, self.answer, self.if_right, self.if_wrong = letter, answer, if_right, if_wrong

    def __call__(self) -> str:
        chosen = self.if_right if self.answer() == self.letter else self.if_wrong
        return chosen() if callable(chosen) else chosen


def _only(table: Any, allowed: frozenset[str] | set[str], where: str) -> None:
    if not isinstance(table, dict):
        raise WordingError(f"{where}: expected a table of fields, got {table!r}.")
    for key in table:
        if key not in allowed:
            raise WordingError(f"{where}: {key!r} is not a field here; the fields are {', '.join(sorted(allowed))}."
                               f"{did_you_mean(key, allowed)}")

