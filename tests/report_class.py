"""Synthetic student submissions for the teacher's report, built from the notebooks as they are now.

Every submission starts from a student notebook (``notebooks/NN-*.ipynb``) and fills its answer cells
from the solution cells (``solution_source``) or with a typical wrong value computed from the exercise's
registration (its declared mistakes, another option, a count off by one), so the submissions follow the
notebooks and exercises when their wording changes.

    python tests/report_class.py FOLDER [--students 30]   # a class of 30 files, as collected from a hub
    python tests/report_class.py --screenshot PNG REPORT/summary.html [--section nb-03-expulsions]

Kinds: complete (every answer the solution's), half (the first half), mistakes (typical wrong answers; the
written one too short), written_only, broken_json, infinite_loop, deleted (an answer cell and a check cell
removed), reordered (a check moved above its answer; an exercise moved to the end), no_answers (every answer
cell removed).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from helpers.exercises import exercise_ids, get_exercise, solution_source  # noqa: E402
from helpers.exercises.compare import Choice, Count, Day, Ids, Number, Share, Weekday  # noqa: E402
from helpers.notebooks import cell_source, exercise_of_cell, read_notebook, student_notebooks  # noqa: E402

NOTEBOOKS = {p.stem: p for p in student_notebooks()}
# A written answer with markup in it: the pages must show it, never run it.
MARKUP_ANSWER = ('The headline is wrong: the 755 were staff, most of them Russians employed locally, not '
                 'diplomats. <b>Bold?</b> </script><script>window.__reportInjected = 1</script> & that matters.')


def notebook(stem: str) -> dict[str, Any]:
    """A fresh copy of the student notebook ``stem`` ('03-expulsions')."""
    return copy.deepcopy(read_notebook(NOTEBOOKS[stem]))


def answer_cells(nb: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Exercise id → its answer cell (the same dict, to edit in place)."""
    return {e: cell for cell in nb["cells"] if (e := exercise_of_cell(cell))}


def check_cell_index(nb: dict[str, Any], exercise: str) -> int:
    """Index of the cell that checks ``exercise``."""
    for index, cell in enumerate(nb["cells"]):
        if cell.get("cell_type") == "code" and f'check("{exercise}"' in cell_source(cell):
            return index
    raise LookupError(f"no check cell for {exercise}")


def _set(cell: dict[str, Any], source: str) -> None:
    cell["source"] = source.splitlines(keepends=True)


def _literal(value: Any) -> str | None:
    """Python source for a plain value (numpy and pandas values made plain); None if it has none."""
    if hasattr(value, "item") and not isinstance(value, list | tuple | set | dict):
        try:
            value = value.item()
        except (ValueError, AttributeError):
            pass
    if hasattr(value, "strftime"):
        return repr(value.strftime("%Y-%m-%d"))
    if isinstance(value, bool | int | float | str):
        return repr(value)
    if isinstance(value, list | tuple | set):
        items = [_literal(v) for v in (sorted(value) if isinstance(value, set) else value)]
        return None if None in items else "[" + ", ".join(items) + "]"  # type: ignore[arg-type]
    return None


def wrong_answer(exercise: str) -> str | None:
    """Source of a typical wrong answer: a declared mistake's value, else a near miss of the right kind."""
    ex = get_exercise(exercise)
    for mistake in ex.mistakes:
        if mistake.value is not None:
            try:
                text = _literal(mistake.value())
            except Exception:
                text = None
            if text is not None:
                return text
    kind = ex.kind
    try:
        expected = ex.expected()
    except Exception:
        return None
    if isinstance(kind, Choice):
        return repr(next(letter for letter in ex.options if letter != expected))
    if isinstance(kind, Count):
        return repr(int(expected) + 1)
    if isinstance(kind, Share):
        return repr(float(expected) / 2)
    if isinstance(kind, Number):
        return repr(float(expected) * 1.5 + 1)
    if isinstance(kind, Day):
        day = dt.date.fromisoformat(str(expected)[:10]) + dt.timedelta(days=1)
        return repr(day.isoformat())
    if isinstance(kind, Weekday):
        return repr("Sunday" if str(expected).lower() != "sunday" else "Monday")
    if isinstance(kind, Ids):
        ids = sorted(expected)
        return _literal(ids[:-1]) if len(ids) > 1 else None
    return None


def fill(nb: dict[str, Any], answer: Callable[[str], str | None]) -> dict[str, Any]:
    """Replace each answer cell's value with ``answer(exercise)`` (source after the header); None keeps it."""
    for exercise, cell in answer_cells(nb).items():
        source = answer(exercise)
        if source is None:
            continue
        header = next(line for line in cell_source(cell).splitlines() if line.strip())
        name = get_exercise(exercise).answer_name
        if source.lstrip().startswith("# Exercise"):  # a whole solution cell
            _set(cell, source)
        else:
            _set(cell, f"{header}\n{name} = {source}")
    return nb


def _solution(exercise: str) -> str | None:
    return solution_source(exercise)


def complete(stem: str) -> dict[str, Any]:
    """Every exercise answered with its solution."""
    return fill(notebook(stem), _solution)


def half(stem: str) -> dict[str, Any]:
    """The first half of the exercises answered with the solution, the rest left as handed out."""
    ids = exercise_ids(stem)
    done = set(ids[: len(ids) // 2])
    return fill(notebook(stem), lambda e: _solution(e) if e in done else None)


def mistakes(stem: str) -> dict[str, Any]:
    """A typical wrong answer wherever one can be made; a written answer too short; the rest solved."""
    def answer(exercise: str) -> str | None:
        if get_exercise(exercise).written:
            return repr("755 diplomats.")
        return wrong_answer(exercise) or _solution(exercise)

    return fill(notebook(stem), answer)


def written_only(stem: str, text: str = MARKUP_ANSWER) -> dict[str, Any]:
    """Only the written answers given (``text``); every other exercise left as handed out."""
    return fill(notebook(stem), lambda e: repr(text) if get_exercise(e).written else None)


def infinite_loop(stem: str) -> dict[str, Any]:
    """Complete, with a cell that never ends right after the first exercise's check."""
    nb = complete(stem)
    first = exercise_ids(stem)[0]
    at = check_cell_index(nb, first) + 1
    nb["cells"].insert(at, {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                            "source": ["# waiting for the answer...\n", "while True:\n", "    pass"]})
    return nb


def deleted(stem: str) -> dict[str, Any]:
    """Complete, then the answer cell of the second exercise and the check cell of the third deleted."""
    nb = complete(stem)
    ids = exercise_ids(stem)
    del nb["cells"][check_cell_index(nb, ids[2])]
    nb["cells"] = [c for c in nb["cells"] if exercise_of_cell(c) != ids[1]]
    return nb


def reordered(stem: str) -> dict[str, Any]:
    """Complete, then the first exercise's check moved above its answer, the second exercise moved to the end."""
    nb = complete(stem)
    ids = exercise_ids(stem)
    cells = nb["cells"]
    answer_at = next(i for i, c in enumerate(cells) if exercise_of_cell(c) == ids[0])
    check = cells.pop(check_cell_index(nb, ids[0]))
    cells.insert(answer_at, check)
    second_answer = next(c for c in cells if exercise_of_cell(c) == ids[1])
    cells.remove(second_answer)
    second_check = cells.pop(check_cell_index(nb, ids[1]))
    cells.extend([second_answer, second_check])
    return nb


def no_answers(stem: str) -> dict[str, Any]:
    """Every answer cell deleted (the check cells stay)."""
    nb = notebook(stem)
    nb["cells"] = [c for c in nb["cells"] if not exercise_of_cell(c)]
    return nb


def dumps(nb: dict[str, Any]) -> bytes:
    return (json.dumps(nb, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def broken_json(stem: str) -> bytes:
    """A notebook file cut short (an interrupted download)."""
    data = dumps(complete(stem))
    return data[: len(data) // 2]


KINDS: dict[str, Callable[[str], Any]] = {"complete": complete, "half": half, "mistakes": mistakes,
                                          "written_only": written_only, "infinite_loop": infinite_loop,
                                          "deleted": deleted, "reordered": reordered, "no_answers": no_answers,
                                          "broken_json": broken_json}


def write(path: Path, kind: str, stem: str) -> Path:
    """Write one submission of ``kind`` for notebook ``stem`` at ``path`` (folders made)."""
    made = KINDS[kind](stem)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(made if isinstance(made, bytes) else dumps(made))
    return path


STUDENTS = ["ada", "ben", "chloe", "dmitri", "eva", "farid", "gala", "hugo", "ines", "jonas", "kim", "lena"]


def class_plan(n: int = 30) -> list[tuple[str, str, str]]:
    """(student, kind, notebook) for a class of ``n`` files: for each notebook a complete one and two with the
    same typical mistakes, then one of each awkward kind."""
    stems = list(NOTEBOOKS)
    plan: list[tuple[str, str, str]] = []
    for i, stem in enumerate(stems):
        for j, kind in enumerate(["complete", "mistakes", "mistakes"]):
            plan.append((STUDENTS[(i + 4 * j) % len(STUDENTS)], kind, stem))
    specials = [("half", "01-causes"), ("written_only", "07-capstone"), ("broken_json", "05-tit-for-tat"),
                ("infinite_loop", "03-expulsions"), ("deleted", "04-closures"), ("reordered", "06-reading-the-news"),
                ("no_answers", "02-sanctions"), ("half", "00-start-here")]
    taken = {(s, stem) for s, _, stem in plan}
    k = 0
    for kind, stem in specials:
        while (STUDENTS[k % len(STUDENTS)], stem) in taken:
            k += 1
        plan.append((STUDENTS[k % len(STUDENTS)], kind, stem))
        taken.add((STUDENTS[k % len(STUDENTS)], stem))
        k += 1
    return plan[:n]


def make_class(folder: Path, n: int = 30) -> list[tuple[str, str, str, Path]]:
    """Write a class of ``n`` submissions: half the students in a hub's layout, half as flat downloads."""
    written = []
    for student, kind, stem in class_plan(n):
        if STUDENTS.index(student) % 2 == 0:  # collected from the hub: home/jupyter-<name>/<repo>/notebooks/
            path = folder / "home" / f"jupyter-{student}" / "titfortat" / "notebooks" / f"{stem}.ipynb"
        else:  # downloaded from e-mail: "<Name> - 03-expulsions.ipynb"
            path = folder / f"{student.capitalize()} - {stem}.ipynb"
        written.append((student, kind, stem, write(path, kind, stem)))
    return written


def screenshot(page: Path, png: Path, section: str = "") -> Path:
    """A picture of a report page (its ``section`` only, if given) in headless Chromium, network blocked."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1100, "height": 900})
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
        tab = context.new_page()
        tab.goto(page.resolve().as_uri(), wait_until="load")
        tab.wait_for_function("Array.from(document.querySelectorAll('.plotly-graph-div'))"
                              ".every(d => d.querySelector('svg.main-svg'))")
        target = tab.locator(f"#{section}") if section else tab
        target.screenshot(path=str(png))
        browser.close()
    return png


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the class (or, with --screenshot, the page)")
    parser.add_argument("--students", type=int, default=30, help="number of files (default 30)")
    parser.add_argument("--screenshot", type=Path, metavar="PNG", help="picture the report page FOLDER instead")
    parser.add_argument("--section", default="", help="with --screenshot: the id of the part to picture")
    args = parser.parse_args(argv)
    if args.screenshot:
        print(screenshot(args.folder, args.screenshot, args.section))
        return 0
    for student, kind, stem, path in make_class(args.folder, args.students):
        print(f"{student:8} {kind:14} {stem:22} {path.relative_to(args.folder)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
