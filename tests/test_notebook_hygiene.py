"""Notebooks are committed clean and share one skeleton; student notebooks are not stale."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT, solution_notebooks, student_notebooks
from notebook_rules import absolute_paths, load, skeleton_problems, source

ALL = student_notebooks() + solution_notebooks()
IDS = [str(p.relative_to(ROOT)) for p in ALL]


def test_there_are_notebooks():
    assert student_notebooks(), "no student notebooks"
    assert [p.name for p in student_notebooks()] == [p.name for p in solution_notebooks()]
    assert (ROOT / "notebooks" / "00-start-here.ipynb").exists()


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_no_outputs_or_execution_counts(path):
    nb = load(path)
    dirty = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"
             and (c.get("outputs") or c.get("execution_count") is not None)]
    assert not dirty, f"cells {dirty} have outputs or execution counts; clear them before committing"
    assert "widgets" not in nb.get("metadata", {}), "widget state is saved in the metadata; clear it"


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_standard_kernelspec(path):
    spec = load(path)["metadata"].get("kernelspec", {})
    assert spec.get("name") == "python3" and spec.get("language") == "python", spec


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_no_absolute_paths(path):
    hits = [hit for c in load(path)["cells"] for hit in absolute_paths(source(c))]
    assert not hits, f"absolute paths in cells (they exist only on the author's machine): {hits}"


@pytest.mark.parametrize("text", [
    'pd.read_csv("/home/ana/events.csv")', "open('/srv/class/data.csv')", 'Path("/mnt/usb/x.csv")',
    'read("/data/events.csv")', "(/Users/ana/notes.md)", 'p = "C:/Users/ana/events.csv"',
    'p = r"C:\\Users\\ana\\events.csv"', 'p = "C:\\\\Users\\\\ana"', 'open("~/events.csv")',
    "see ~/Downloads/events.csv", "/tmp/x.csv at the start",
])
def test_absolute_path_rule_catches(text):
    assert absolute_paths(text), text


@pytest.mark.parametrize("text", [
    'load_table("../data/events.csv")', "[glossary](glossary.md)", "https://example.org/data/x.csv",
    "a ratio of 35/755", "the ~30 staff", "ratio: 2/3", "notebooks/solutions/03-expulsions.ipynb",
    "config={'topojsonURL': '/files/topojson/'}",
])
def test_absolute_path_rule_spares(text):
    assert absolute_paths(text) == [], text


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_skeleton(path):
    assert skeleton_problems(load(path)) == []


@pytest.mark.parametrize("path", solution_notebooks(), ids=[p.name for p in solution_notebooks()])
def test_solution_notebook_runs_in_solutions_mode(path):
    cells = load(path)["cells"]
    first_code = next(c for c in cells if c["cell_type"] == "code")
    assert "solutions-only" in first_code["metadata"].get("tags", [])
    assert "solutions_mode()" in source(first_code)


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_every_check_follows_its_answer_cell(path):
    """An exercise is: answer cell, then check cell `check("N.M", name)` naming what the answer assigns."""
    cells = [c for c in load(path)["cells"] if c["cell_type"] == "code"]
    for i, cell in enumerate(cells):
        m = re.search(r"""check\(\s*["']([\d.]+[a-z]?)["']\s*,\s*(\w+)""", source(cell))
        if not m:
            continue
        prev = cells[i - 1]
        tags = prev["metadata"].get("tags", [])
        assert {"solution", "answer"} & set(tags), f"check('{m.group(1)}') is not right after its answer cell"
        assert source(prev).lstrip().startswith(f"# Exercise {m.group(1)}")
        assert re.search(rf"^{m.group(2)}\s*=", source(prev), re.M)


def test_student_notebooks_are_up_to_date():
    result = subprocess.run([sys.executable, "scripts/make_exercises.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", student_notebooks(), ids=[p.name for p in student_notebooks()])
def test_links_to_the_glossary(path):
    text = "\n".join(source(c) for c in load(path)["cells"] if c["cell_type"] == "markdown")
    assert "(glossary.md" in text, "link the glossary page: [glossary](glossary.md)"
    assert (ROOT / "notebooks" / "glossary.md").exists()


def test_readme_lists_every_notebook_with_its_time():
    """The README's map of notebooks names each notebook and the time it states (kept true as notebooks change)."""
    from helpers.collection import notebook_map

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for row in notebook_map().itertuples():
        line = next((ln for ln in readme.splitlines() if f"(notebooks/{row.notebook})" in ln), None)
        assert line, f"README.md does not link notebooks/{row.notebook}"
        assert f"| {row.minutes} min |" in line, f"README.md's time for {row.notebook} differs from the notebook's"


def test_the_notebook_template_follows_the_skeleton():
    """CONTRIBUTING.md tells a teacher to copy templates/solution-notebook.ipynb: it must be a good start."""
    nb = load(ROOT / "templates" / "solution-notebook.ipynb")
    assert not skeleton_problems(nb)
    tags = [t for c in nb["cells"] for t in c.get("metadata", {}).get("tags", [])]
    assert "solution" in tags and "solutions-only" in tags and "hide-input" in tags
    assert any("progress()" in source(c) for c in nb["cells"] if c["cell_type"] == "code")


OPTIONS_BLOCK = re.compile(r"<!-- options (\d+\.\d+) -->\n?(.*?)\n?<!-- /options -->", re.S)


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_every_choice_shows_its_registered_options(path):
    """Options are written once, in the exercise's registration; each notebook shows exactly those."""
    from helpers.exercises import exercise_ids, get_exercise, options_markdown

    text = "\n".join(source(c) for c in load(path)["cells"] if c["cell_type"] == "markdown")
    blocks = {m.group(1): m.group(2).strip() for m in OPTIONS_BLOCK.finditer(text)}
    notebook = path.name.removesuffix(".ipynb")
    choices = [i for i in exercise_ids() if get_exercise(i).notebook == notebook and get_exercise(i).options]
    for exercise_id in choices:
        assert exercise_id in blocks, f"exercise {exercise_id} has no <!-- options {exercise_id} --> block"
        assert blocks[exercise_id] == options_markdown(exercise_id).strip(), \
            f"the options of {exercise_id} differ from its registration: run `make exercises`"


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_students_read_pandas_not_plumbing(path):
    """At most 10 % of the code lines a student sees build prose (Markdown(f"...")): such cells are collapsed
    (jupyter.source_hidden, tag hide-input) or replaced by a table; no regex or string surgery is visible."""
    from notebook_rules import hidden, prose_share, surgery

    nb = load(path)
    prose, lines = prose_share(nb)
    assert prose <= 0.10 * lines, f"{prose} of {lines} visible code lines build prose; collapse or replace them"
    assert not surgery(nb), f"regular expressions or string surgery in visible cells: {surgery(nb)}"
    collapsed = [i for i, c in enumerate(nb["cells"]) if hidden(c) and "hide-input" not in c["metadata"].get("tags", [])]
    assert not collapsed, f"cells {collapsed} are collapsed but not tagged hide-input (the site hides by the tag)"
