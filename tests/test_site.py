"""The static site (``make site``): every page there, links that resolve, no network, no solutions for students.

The site is built once for the test session (tests/site_build.py, teachers' versions included); the browser
checks (every figure drawn, every explorer's control working, offline) are in
tests/browser/test_site_in_chromium.py; the parts (twins, text alternatives, provenance) are checked on their
own, without a build, in tests/test_site_parts.py.
"""

from __future__ import annotations

import inspect
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from site_build import built_site

from helpers import widgets as widgets_package
from helpers.exercises import get_exercise
from helpers.notebooks import (
    ROOT,
    cell_source,
    code_cells,
    read_notebook,
    solution_notebooks,
    student_notebooks,
    tags,
)
from helpers.site import twins
from helpers.site.config import load_config
from helpers.site.links import check_site, read_page

STUDENT_PAGES = [f"notebooks/{p.stem}.html" for p in student_notebooks()]
TEACHER_PAGES = [f"notebooks/solutions/{p.stem}.html" for p in solution_notebooks()]
OTHER_PAGES = ["index.html", "notebooks/glossary.html", "instructors/README.html", "instructors/capstone.html",
               "data/README.html"]


@pytest.fixture(scope="module")
def site() -> tuple[Path, dict[str, Any]]:
    return built_site()


class _Text(HTMLParser):
    """The text a reader sees on a page (scripts and styles left out), whitespace collapsed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.skip += tag in {"script", "style"}

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in {"script", "style"}

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def page_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", "".join(parser.parts))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def figures_of(path: Path) -> list[dict[str, Any]]:
    """The figure JSON embedded in a page, by id."""
    html = path.read_text(encoding="utf-8")
    return [json.loads(m.group(2).replace("<\\/", "</")) for m in
            re.finditer(r'<script type="application/json" id="(fig-\d+-json)">(.*?)</script>', html, re.DOTALL)]


# --- the build -----------------------------------------------------------------------------------------------

def test_every_page_is_built_with_its_notebook_to_download(site):
    out, report = site
    for page in [*STUDENT_PAGES, *TEACHER_PAGES, *OTHER_PAGES]:
        assert (out / page).is_file(), f"{page} was not built"
    for page in STUDENT_PAGES + TEACHER_PAGES:
        assert (out / page).with_suffix(".ipynb").is_file(), f"{page}: no notebook to download next to it"
    assert sorted(report["pages"]) == sorted([*STUDENT_PAGES, *TEACHER_PAGES, *OTHER_PAGES])


def test_internal_links_resolve_and_external_ones_are_listed_not_fetched(site):
    out, report = site
    broken, external = check_site(out)
    assert broken == [], "\n".join(broken)
    listed = (out / "external-links.txt").read_text(encoding="utf-8").splitlines()
    assert set(external) == {line for line in listed if not line.startswith("#")}
    assert report["external_links"] == external
    # the sources behind the data are among them: a reader can go from a row to its document
    sources = pd.read_csv(ROOT / "data" / "sources.csv")
    assert set(sources["url"]) & set(external)


def test_nothing_is_loaded_from_outside_the_site(site):
    """Scripts, styles and images come from the site itself: no CDN, whatever the page."""
    out, _ = site
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for _tag, url in re.findall(r"<(script|img|link|iframe)\b[^>]*?\b(?:src|href)=\"([^\"]+)\"", html):
            assert not re.match(r"^(https?:)?//", url), f"{page.relative_to(out)} loads {url} from outside"
        assert "cdn.plot.ly" not in html.split('<script src=', 1)[0]


def test_plotly_js_is_served_once_not_inlined(site):
    out, _ = site
    copies = [p for p in out.rglob("*.js") if p.stat().st_size > 1_000_000]
    assert [p.relative_to(out).as_posix() for p in copies] == ["assets/plotly.min.js"]
    for page in out.rglob("*.html"):
        assert page.stat().st_size < 1_500_000, f"{page.name} is {page.stat().st_size} bytes: plotly.js inlined?"
        html = page.read_text(encoding="utf-8")
        if "plotly-figure" in html:
            depth = len(page.relative_to(out).parts) - 1
            assert f'<script src="{"../" * depth}assets/plotly.min.js"></script>' in html


# --- figures and explorers ------------------------------------------------------------------------------------

def _explorer_cells(path: Path) -> list[str]:
    return [twins.explorer_call(cell_source(c))[0] for _, c in code_cells(read_notebook(path))
            if twins.explorer_call(cell_source(c))]


@pytest.mark.parametrize("notebook", student_notebooks(), ids=lambda p: p.stem)
def test_each_explorer_of_a_notebook_is_on_its_page_as_a_kernel_free_twin(site, notebook):
    out, _ = site
    html = (out / f"notebooks/{notebook.stem}.html").read_text(encoding="utf-8")
    shown = re.findall(r'<figure class="figure twin" id="fig-\d+" data-explorer="(\w+)"', html)
    assert shown == _explorer_cells(notebook)
    assert "widget-view" not in html and "a Jupyter kernel" not in html


def test_every_explorer_the_notebooks_can_show_has_a_twin():
    """A new *_explorer in helpers/widgets/ fails here, before a notebook uses it and the build fails."""
    import importlib
    import pkgutil

    explorers = set()
    for info in pkgutil.iter_modules(widgets_package.__path__):
        module = importlib.import_module(f"helpers.widgets.{info.name}")
        explorers |= {name for name, obj in inspect.getmembers(module, inspect.isfunction)
                      if name.endswith("_explorer") and obj.__module__ == module.__name__}
    assert explorers == set(twins.TWINS)


def test_every_figure_has_a_text_alternative_and_its_data_as_csv(site):
    out, _ = site
    for page in STUDENT_PAGES + TEACHER_PAGES:
        path = out / page
        found = read_page(path)
        html = path.read_text(encoding="utf-8")
        blocks = re.findall(r'<figure class="figure[^"]*" id="(fig-\d+)".*?</figure>', html, re.DOTALL)
        figures = re.findall(r'data-figure="(fig-\d+)-json"', html)
        assert len(figures) == len(figures_of(path))
        for ident in figures:
            block = re.search(rf'<figure class="figure[^"]*" id="{ident}".*?</figure>', html, re.DOTALL).group(0)
            alt = re.search(r'<p class="alt" id="[^"]+">(.*?)</p>', block, re.DOTALL)
            assert alt and len(squash(re.sub("<[^>]+>", "", alt.group(1)))) > 40, f"{page} {ident}: no text alternative"
            csv = re.search(r'href="([^"]+\.csv)"', block).group(1)
            table = pd.read_csv((path.parent / csv).resolve())
            assert len(table) > 0, f"{page} {ident}: empty CSV"
        assert blocks and all(b in found.ids for b in blocks)


def test_a_twin_describes_every_choice_in_words(site):
    out, report = site
    for twin in report["twins"]:
        if twin["kind"] != "twin":
            continue
        html = (out / twin["page"]).read_text(encoding="utf-8")
        block = re.search(rf'id="{twin["ident"]}".*?</figure>', html, re.DOTALL).group(0)
        assert f"Every choice in words ({twin['states']})" in block
        assert block.count("<li><strong>") == twin["states"]


def test_points_carry_their_source_ids_and_pages_end_with_their_sources(site):
    out, report = site
    points = sum(f["points"] for f in report["figures"])
    with_ids = sum(f["points_with_sources"] for f in report["figures"])
    assert with_ids / points > 0.6, f"only {with_ids} of {points} points name their sources"
    for twin in report["twins"]:
        if twin["kind"] == "twin":
            assert twin["points_with_sources"] > 0, f"{twin['explorer']}: no point names its sources"
    urls = set(pd.read_csv(ROOT / "data" / "sources.csv")["url"])
    for page in STUDENT_PAGES:
        html = (out / page).read_text(encoding="utf-8")
        tail = html[html.rfind('id="sources"'):]
        assert 'id="sources"' in html, f"{page}: no Sources section"
        assert len(set(re.findall(r'href="([^"]+)"', tail)) & urls) >= 1, f"{page}: its sources are not links"
        assert "sources: " in html  # hover lines carry the ids


# --- exercises: the question and hints, never the solution ------------------------------------------------------

def _solution_lines(path: Path) -> list[str]:
    student = squash("\n".join(cell_source(c) for c in read_notebook(ROOT / "notebooks" / path.name)["cells"]))
    lines = []
    for cell in read_notebook(path)["cells"]:
        if "solution" in tags(cell):
            for line in cell_source(cell).splitlines()[1:]:
                line = squash(line)
                # a line that says something of its own (not a closing bracket with one method, say)
                telling = len(re.findall(r"[A-Za-z_]\w+", line)) >= 2
                if len(line) >= 8 and telling and not line.startswith("#") and line not in student:
                    lines.append(line)
    return lines


@pytest.mark.parametrize("solutions", solution_notebooks(), ids=lambda p: p.stem)
def test_student_pages_never_show_a_solution_but_teacher_pages_do(site, solutions):
    out, _ = site
    lines = _solution_lines(solutions)
    student = page_text(out / f"notebooks/{solutions.stem}.html")
    teacher = page_text(out / f"notebooks/solutions/{solutions.stem}.html")
    shown = [line for line in lines if line in student]
    assert shown == [], f"the students' page shows solution lines: {shown}"
    assert not lines or any(line in teacher for line in lines), "the teacher's page lacks its solutions"


@pytest.mark.parametrize("notebook", student_notebooks(), ids=lambda p: p.stem)
def test_exercises_show_question_and_hints_and_say_checks_run_in_a_notebook(site, notebook):
    out, _ = site
    text = page_text(out / f"notebooks/{notebook.stem}.html")
    checked = sorted({m for _, c in code_cells(read_notebook(notebook))
                      for m in re.findall(r'check\("([\d.]+)"', cell_source(c))})
    for key in checked:
        exercise = get_exercise(key)
        assert f"Exercise {key}: {exercise.title}." in text
        for hint in exercise.hints:
            assert squash(re.sub(r"[`*]", "", hint))[:40] in re.sub(r"[`*]", "", text), f"hint of {key} missing"
    assert text.count("Checks run in a notebook") == len(checked)
    assert "Not answered yet" not in text


def test_launch_bar_opens_binder_a_hub_or_the_download(site):
    out, _ = site
    config = load_config()
    for page in STUDENT_PAGES:
        html = (out / page).read_text(encoding="utf-8")
        name = Path(page).with_suffix(".ipynb").name
        assert f'href="https://mybinder.org/v2/gh/{config.repo}/{config.ref}?urlpath=lab/tree/notebooks/{name}"' in html
        assert f'data-path="{config.repo_name}/notebooks/{name}"' in html
        assert f'data-repo="https://github.com/{config.repo}"' in html
        assert f'href="{name}" download' in html
