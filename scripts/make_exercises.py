"""Generate the student notebooks (notebooks/NN-*.ipynb) from the solution notebooks.

The solution notebooks in notebooks/solutions/ are the one source of truth. In them:

- a code cell tagged ``solution`` starts with a line ``# Exercise N.M`` and holds a worked answer;
  in the student notebook it becomes the same leading comment lines followed by ONE line,
  ``answer_name = ...`` (the last name the solution assigns: the answer its check cell checks), or,
  for a written answer, an invitation to write between triple quotes;
- the options of a choice exercise are written once, in its registration
  (helpers/exercises/<notebook>.py); a markdown cell holds them between the lines
  ``<!-- options N.M -->`` and ``<!-- /options -->``, and this script rewrites what is between them
  in the solution notebook too, so the two never drift;
- a cell tagged ``solutions-only`` (the banner and the ``solutions_mode()`` cell) is dropped.

Everything else is copied, with outputs and execution counts removed; a cell's ``jupyter``
metadata (``source_hidden``: the code of a prose cell shipped collapsed) is kept.

    python scripts/make_exercises.py           # write the notebooks
    python scripts/make_exercises.py --check   # exit 1 if any notebook is stale
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the helpers package of this checkout, installed or not
    sys.path.insert(0, str(ROOT))

from helpers.exercises import get_exercise, options_markdown  # noqa: E402
from helpers.notebooks import cell_source, read_notebook  # noqa: E402

SOLUTIONS = ROOT / "notebooks" / "solutions"
STUDENTS = ROOT / "notebooks"
OPTIONS = re.compile(r"<!-- options (\d+\.\d+) -->\n?(.*?)\n?<!-- /options -->", re.S)


class AuthoringError(Exception):
    """A solution notebook breaks the authoring rules above."""


def _source(cell: dict) -> str:
    return cell_source(cell)


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def student_source(solution_src: str, where: str) -> str:
    """The student version of a solution cell: its leading comments, then ``name = ...`` lines."""
    lines = solution_src.splitlines()
    if not lines or not lines[0].strip().startswith("# Exercise "):
        raise AuthoringError(f"{where}: a solution cell must start with '# Exercise N.M'")
    header = []
    for line in lines:
        if line.strip().startswith("#"):
            header.append(line.rstrip())
        else:
            break
    try:
        tree = ast.parse(solution_src)
    except SyntaxError as exc:
        raise AuthoringError(f"{where}: the solution does not parse: {exc}") from None
    names: list[str] = []
    for node in tree.body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Name) and target.id not in names:
                names.append(target.id)
    if not names:
        raise AuthoringError(f"{where}: a solution cell must assign the answer to a name (answer = ...)")
    answer = names[-1]
    exercise_id = lines[0].split()[2].rstrip(":")
    try:
        exercise = get_exercise(exercise_id)
    except KeyError:
        raise AuthoringError(f"{where}: exercise {exercise_id} is not registered in helpers/exercises/") from None
    if exercise.answer_name and exercise.answer_name != answer:
        raise AuthoringError(f"{where}: the solution stores its answer in {answer!r}, but exercise {exercise_id} is "
                             f"registered with answer_name={exercise.answer_name!r}")
    if exercise.written:
        if len(header) == 1:
            header = [header[0] + ": write your answer between the triple quotes (your teacher reads it)"]
        body = [f'{answer} = """', "", '"""']
    else:
        body = [f"{answer} = ...  # your answer here"]
    return "\n".join(header + body)


def sync_options(nb: dict) -> dict:
    """The notebook with every options block rewritten from the exercise's registration (a new dict)."""
    out = copy.deepcopy(nb)
    for cell in out.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        text = _source(cell)
        new = OPTIONS.sub(lambda m: f"<!-- options {m.group(1)} -->\n{options_markdown(m.group(1))}\n"
                                    "<!-- /options -->", text)
        if new != text:
            cell["source"] = _lines(new)
    return out


def _clean(cell: dict) -> dict:
    cell = copy.deepcopy(cell)
    if cell.get("cell_type") == "code":
        cell["outputs"] = []
        cell["execution_count"] = None
    meta = cell.get("metadata", {})
    for key in ("execution", "collapsed", "scrolled"):
        meta.pop(key, None)
    jupyter = {k: v for k, v in meta.pop("jupyter", {}).items() if k == "source_hidden" and v}
    if jupyter:
        meta["jupyter"] = jupyter
    cell["metadata"] = meta
    src = _source(cell)
    cell["source"] = _lines(src)
    return cell


def make_student(nb: dict, name: str) -> dict:
    """The student notebook for a solution notebook (a new dict; the input is not changed)."""
    out = copy.deepcopy(nb)
    cells = []
    for i, cell in enumerate(nb.get("cells", [])):
        tags = cell.get("metadata", {}).get("tags", [])
        if "solutions-only" in tags:
            continue
        cell = _clean(cell)
        if "solution" in tags:
            if cell.get("cell_type") != "code":
                raise AuthoringError(f"{name} cell {i}: only code cells can be tagged 'solution'")
            cell["source"] = _lines(student_source(_source(cell), f"{name} cell {i}"))
            cell["metadata"]["tags"] = [t for t in tags if t != "solution"] + ["answer"]
        cells.append(cell)
    out["cells"] = cells
    meta = out.get("metadata", {})
    meta.pop("widgets", None)
    out["metadata"] = meta
    return out


def dumps(nb: dict) -> str:
    """Notebook JSON as nbformat writes it (indent 1, sorted keys), with a final newline."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale student notebooks")
    args = parser.parse_args(argv)
    stale = []
    solutions = sorted(SOLUTIONS.glob("*.ipynb"))
    if not solutions:
        print(f"no solution notebooks in {SOLUTIONS}", file=sys.stderr)
        return 1
    expected_names = set()
    for path in solutions:
        nb = read_notebook(path)
        try:
            synced = sync_options(nb)
            text = dumps(make_student(synced, path.name))
        except (AuthoringError, KeyError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        solution_text = dumps(synced)
        if solution_text != path.read_text(encoding="utf-8"):
            stale.append(path)
            if not args.check:
                path.write_text(solution_text, encoding="utf-8")
        target = STUDENTS / path.name
        expected_names.add(path.name)
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != text:
            stale.append(target)
            if not args.check:
                target.write_text(text, encoding="utf-8")
    orphans = [p for p in STUDENTS.glob("*.ipynb") if p.name not in expected_names]
    if args.check:
        for p in stale:
            print(f"stale: {p.relative_to(ROOT)} (run `make exercises`: it rewrites the options blocks and the "
                  "student notebooks)")
        for p in orphans:
            print(f"orphan: {p.relative_to(ROOT)} has no solution notebook in notebooks/solutions/")
        return 1 if stale or orphans else 0
    for p in stale:
        print(f"wrote {p.relative_to(ROOT)}")
    for p in orphans:
        print(f"warning: {p.relative_to(ROOT)} has no solution notebook", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
