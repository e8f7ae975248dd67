"""Out-of-order work in a notebook kernel, noticed and answered in one line.

Students run cells out of order, restart the kernel, or overwrite a table by accident (``events = 5``,
``events = events[...]``). Python then shows an error that does not say why. :func:`install` (called
once by ``import helpers`` in a notebook) adds, after such an error, one line with the way out:

- a ``NameError`` for a name a cell of this notebook defines: run the cells above, or Kernel → Restart
  Kernel and Run All Cells; for a name no cell defines, the closest names that do exist;
- any error while a shared table (``events``, ``staffing``, ...) no longer holds the loaded table: which
  one, what it holds now, and the cell to run again;
- an answer cell (first line ``# Exercise N.M``) that raised: remembered, so that its check says so
  instead of judging the older value still in memory (see :func:`answer_cell_failed`).

The standard error output is kept (tests and teachers still see what happened); the line comes after it.
Outside IPython nothing is installed.
"""

from __future__ import annotations

import ast
import difflib
import os
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["install", "answer_cell_failed", "overwritten_tables", "advice_for", "SHARED_TABLES"]

# The tables notebooks load under these names, and the cell that loads each.
SHARED_TABLES: dict[str, str] = {
    "events": "events = load_events()",
    "staffing": "staffing = load_staffing()",
    "facilities": "facilities = load_facilities()",
    "sanctions": "sanctions = load_sanctions()",
    "sources": "sources = load_sources()",
    "claims": "claims = load_claims()",
    "people": "people = load_people()",
}

_FAILED: dict[str, str] = {}  # exercise id -> the error its answer cell raised when it last ran
_INSTALLED = {"done": False}
_EXERCISE_LINE = re.compile(r"#\s*Exercise\s+(\d+\.\d+)\b")


def answer_cell_failed(exercise_id: str) -> str:
    """The error the answer cell of ``exercise_id`` raised when it last ran ('' if it ran cleanly or not yet)."""
    return _FAILED.get(exercise_id, "")


def _user_ns() -> dict[str, Any] | None:
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    return getattr(shell, "user_ns", None) if shell is not None else None


def overwritten_tables(names: Iterable[str] = tuple(SHARED_TABLES)) -> list[str]:
    """One sentence per shared table (of ``names``) that a notebook variable no longer holds as loaded."""
    namespace = _user_ns()
    if namespace is None:
        return []
    messages = []
    for name in names:
        if name not in namespace or name not in SHARED_TABLES:
            continue
        message = _table_problem(name, namespace[name])
        if message:
            messages.append(message)
    return messages


def _table_problem(name: str, value: Any) -> str:
    import pandas as pd

    from helpers.data import load_table
    from helpers.errors import describe_value

    fix = f"run the cell `{SHARED_TABLES[name]}` again (or Kernel → Restart Kernel and Run All Cells)."
    if not isinstance(value, pd.DataFrame):
        return f"Note: `{name}` now holds {describe_value(value)}, not the {name} table: {fix}"
    try:
        loaded = load_table(name)
    except Exception:  # a broken data file is reported by the loader itself
        return ""
    if list(value.columns) != list(loaded.columns):
        missing = [c for c in loaded.columns if c not in value.columns]
        if missing:
            return f"Note: `{name}` has lost its column(s) {', '.join(missing[:3])}: {fix}"
        return ""
    if len(value) != len(loaded):
        return (f"Note: `{name}` has {len(value)} rows; the table loaded from data/{name}.csv has {len(loaded)} "
                f"(was it overwritten by a filter?): {fix}")
    return ""


def _notebook_path() -> Path | None:
    session = os.environ.get("JPY_SESSION_NAME", "")
    if session.endswith(".ipynb"):
        path = Path(session)
        if not path.is_absolute():
            path = Path.cwd() / path.name
        return path if path.exists() else None
    return None


@cache
def _names_defined_in(paths: tuple[str, ...]) -> frozenset[str]:
    from helpers.notebooks import NotebookReadError, code_cells, read_notebook

    names: set[str] = set()
    for path in paths:
        try:
            nb = read_notebook(path)
        except NotebookReadError:
            continue
        for _, cell in code_cells(nb):
            source = "".join(cell.get("source", []))
            source = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))
            try:
                tree = ast.parse(source)
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    names.add(node.id)
                elif isinstance(node, ast.FunctionDef | ast.ClassDef):
                    names.add(node.name)
                elif isinstance(node, ast.alias):
                    names.add((node.asname or node.name).split(".")[0])
    return frozenset(names)


def _notebook_names() -> frozenset[str]:
    path = _notebook_path()
    if path is not None:
        return _names_defined_in((str(path),))
    from helpers.notebooks import solution_notebooks, student_notebooks

    return _names_defined_in(tuple(str(p) for p in [*student_notebooks(), *solution_notebooks()]))


def _answer_names() -> dict[str, str]:
    from helpers.exercises import _REGISTRY, _load_all

    _load_all()
    return {ex.answer_name: ex.id for ex in _REGISTRY.values() if ex.answer_name}


def advice_for(error: BaseException) -> str:
    """The one line of advice shown after ``error`` in a notebook ('' if there is nothing useful to add)."""
    if hasattr(error, "_render_traceback_"):  # an error of ours: it already says what to do
        return ""
    if isinstance(error, NameError):
        match = re.search(r"name '([^']+)' is not defined", str(error))
        name = match.group(1) if match else getattr(error, "name", None)
        if name:
            answers = _answer_names()
            if name in answers:
                exercise = answers[name]
                if answer_cell_failed(exercise):
                    return (f"💡 The answer cell of exercise {exercise} raised an error, so `{name}` was never "
                            "stored: fix that cell and run it, then run this one.")
                return (f"💡 `{name}` is your answer to exercise {exercise}: run the answer cell above first "
                        "(replace the ... with your answer), then this one.")
            if name in _notebook_names():
                return (f"💡 `{name}` is made by a cell of this notebook that has not run since the kernel started "
                        "(or ran out of order): run the cells above, or use Kernel → Restart Kernel and Run All "
                        "Cells.")
            namespace = _user_ns() or {}
            close = difflib.get_close_matches(name, [n for n in namespace if not n.startswith("_")], n=1, cutoff=0.75)
            if close:
                return f"💡 `{name}` is not defined. Did you mean `{close[0]}`? Python names are case-sensitive."
            return f"💡 `{name}` is not defined: check its spelling (Python names are case-sensitive)."
    tables = overwritten_tables()
    if tables:
        return "💡 " + tables[0].removeprefix("Note: ")
    return ""


def _print_advice(line: str) -> None:
    try:
        print(line)
    except UnicodeEncodeError:
        print(line.encode("ascii", "replace").decode("ascii"))


def _handler(shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: int | None = None) -> Any:
    """IPython's custom exception handler: the usual error output, then one line of advice."""
    shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
    try:
        line = advice_for(value)
    except Exception:  # advice must never turn one error into two
        line = ""
    if line:
        _print_advice(line)
    return None


def _after_cell(result: Any) -> None:
    """Remember, for an answer cell ('# Exercise N.M' first), whether it raised."""
    try:
        source = (result.info.raw_cell or "") if getattr(result, "info", None) is not None else ""
        first = next((line.strip() for line in source.splitlines() if line.strip()), "")
        match = _EXERCISE_LINE.match(first)
        if not match:
            return
        error = result.error_in_exec or result.error_before_exec
        if error is None:
            _FAILED.pop(match.group(1), None)
        else:
            _FAILED[match.group(1)] = type(error).__name__
    except Exception:
        return


def install() -> bool:
    """Install the error advice and the answer-cell watch in this IPython kernel; True if installed."""
    if _INSTALLED["done"]:
        return True
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return False
    shell.set_custom_exc((Exception,), _handler)
    shell.events.register("post_run_cell", _after_cell)
    _INSTALLED["done"] = True
    return True
