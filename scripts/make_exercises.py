"""Generate the student notebooks (notebooks/NN-*.ipynb) from the solution notebooks.

The solution notebooks in notebooks/solutions/ are the one source of truth. In them:

- a code cell tagged ``solution`` starts with a line ``# Exercise N.M`` and holds a worked answer;
  in the student notebook it becomes the same leading comment lines followed by ``name = ...``
  for every name the solution assigns at top level (the answer the check cell then checks);
- a cell tagged ``solutions-only`` (the banner and the ``solutions_mode()`` cell) is dropped.

Everything else is copied, with outputs and execution counts removed.

    python scripts/make_exercises.py           # write the student notebooks
    python scripts/make_exercises.py --check   # exit 1 if any student notebook is stale
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "notebooks" / "solutions"
STUDENTS = ROOT / "notebooks"


class AuthoringError(Exception):
    """A solution notebook breaks the authoring rules above."""


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


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
    body = [f"{name} = ..." for name in names[:-1]] + [f"{answer} = ...  # your answer here"]
    return "\n".join(header + body)


def _clean(cell: dict) -> dict:
    cell = copy.deepcopy(cell)
    if cell.get("cell_type") == "code":
        cell["outputs"] = []
        cell["execution_count"] = None
    meta = cell.get("metadata", {})
    for key in ("execution", "collapsed", "scrolled", "jupyter"):
        meta.pop(key, None)
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
        nb = json.loads(path.read_text(encoding="utf-8"))
        try:
            text = dumps(make_student(nb, path.name))
        except AuthoringError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
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
            print(f"stale: {p.relative_to(ROOT)} (run `make exercises`)")
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
