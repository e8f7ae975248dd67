"""Build the static site: every student notebook run and rendered, its explorers as kernel-free twins.

``python -m helpers.site`` (``make site``) writes ``site/``:

* ``index.html`` — the landing page: what the collection is, the notebook map, links to the rest;
* ``notebooks/NN-name.html`` — one page per student notebook, run as a student runs it, with a launch bar
  (Binder, the reader's JupyterHub through nbgitpuller, download) and ``NN-name.ipynb`` to download;
  with ``--teacher`` also ``notebooks/solutions/NN-name.html``, the teacher's versions;
* ``notebooks/glossary.html``, ``instructors/README.html`` (+ ``capstone.html``), ``data/README.html``
  with the data tables as CSV;
* ``figures/*.csv`` — the data behind each figure; ``assets/`` — ONE copy of plotly.js, the style, the
  script; ``external-links.txt`` and ``build-report.json``.

Everything works from ``file://`` and from any static host with no network at all.
"""

from __future__ import annotations

import ast
import json
import posixpath
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd
import plotly

from helpers.collection import notebook_map
from helpers.exercises import get_exercise
from helpers.notebooks import ROOT, cell_source, solution_notebooks, student_notebooks, tags
from helpers.site import twins as twin_builders
from helpers.site.config import SiteConfig, load_config
from helpers.site.describe import Provenance, alt_text, figure_table, plain_text
from helpers.site.execute import execute_notebook
from helpers.site.links import check_site
from helpers.site.render import Markdown, code_css, code_html, page_html

__all__ = ["BuildError", "BuildReport", "build_site", "ASSETS"]

ASSETS = Path(__file__).resolve().parent / "assets"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
_MARK = ".made-by-helpers-site"  # a folder holding it was made by this builder and may be replaced


class BuildError(RuntimeError):
    """The site cannot be built as it should be (a notebook error, an explorer without a twin...)."""


@dataclass
class FigureInfo:
    page: str
    ident: str
    kind: str                    # "figure", "twin" or "cards"
    json_bytes: int
    points: int = 0
    points_with_sources: int = 0
    explorer: str = ""
    states: int = 0
    control: str = ""


@dataclass
class BuildReport:
    out: str
    seconds: float = 0.0
    size_bytes: int = 0
    pages: list[str] = field(default_factory=list)
    figures: list[FigureInfo] = field(default_factory=list)
    executed: dict[str, float] = field(default_factory=dict)
    external_links: list[str] = field(default_factory=list)
    broken_links: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def twins(self) -> list[FigureInfo]:
        return [f for f in self.figures if f.kind in {"twin", "cards"}]

    def summary(self) -> str:
        twins = ", ".join(f"{t.explorer} ({t.states} states, {t.json_bytes / 1024:.0f} KiB)" for t in self.twins)
        pts = sum(f.points for f in self.figures)
        with_src = sum(f.points_with_sources for f in self.figures)
        return (f"site: {self.out}\n{len(self.pages)} pages, {len(self.figures)} figures and explorers, "
                f"{self.size_bytes / 1e6:.1f} MB, built in {self.seconds:.0f} s\n"
                f"kernel-free explorers: {twins}\n"
                f"points whose hover names their sources: {with_src} of {pts}\n"
                f"external links (listed in external-links.txt, not fetched): {len(self.external_links)}\n"
                f"broken internal links: {len(self.broken_links)}")


# --- where each repository file is published ----------------------------------------------------------------

def published_pages(teacher: bool) -> dict[str, str]:
    """Repository path of each source -> site path of its page."""
    pages = {"README.md": "index.html", "notebooks/glossary.md": "notebooks/glossary.html",
             "instructors/README.md": "instructors/README.html", "instructors/capstone.md": "instructors/capstone.html",
             "data/README.md": "data/README.html"}
    for path in student_notebooks():
        rel = path.relative_to(ROOT).as_posix()
        pages[rel] = rel.replace(".ipynb", ".html")
    if teacher:
        for path in solution_notebooks():
            rel = path.relative_to(ROOT).as_posix()
            pages[rel] = rel.replace(".ipynb", ".html")
    return pages


class Site:
    """The state of one build: settings, pages, the provenance index, the report."""

    def __init__(self, out: Path, config: SiteConfig, teacher: bool) -> None:
        self.out = out
        self.config = config
        self.teacher = teacher
        self.pages = published_pages(teacher)
        self.copied: set[str] = set()     # repository files copied as they are (data CSVs, notebooks)
        self.provenance = Provenance.from_data()
        self.report = BuildReport(out=str(out))

    def rewriter(self, source: str, page: str) -> Callable[[str], str]:
        """Rewrite the links of ``source`` (a repository path) for the page at ``page`` (a site path)."""
        here = posixpath.dirname(page)

        def rewrite(url: str) -> str:
            if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.IGNORECASE) or url.startswith("#") or not url:
                return url
            path, _, fragment = url.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
            anchor = f"#{fragment}" if fragment else ""
            if resolved in self.pages:
                return posixpath.relpath(self.pages[resolved], here or ".") + anchor
            if resolved in self.copied:
                return posixpath.relpath(resolved, here or ".") + anchor
            return self.config.source_url(resolved) + anchor

        return rewrite

    def write(self, rel: str, text: str) -> Path:
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path


# --- a notebook page -----------------------------------------------------------------------------------------

def _calls(source: str) -> dict[str, list[str]]:
    """Functions a cell calls (by name) -> the first argument of each call when it is a literal text."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {}
    found: dict[str, list[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            first = node.args[0] if node.args else None
            arg = str(first.value) if isinstance(first, ast.Constant) else ""
            found.setdefault(name, []).append(arg)
    return found


def _json_script(ident: str, data: Any) -> str:
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/json" id="{ident}">{text}</script>'


def _fit_for_page(figure: dict[str, Any]) -> dict[str, Any]:
    layout = figure.setdefault("layout", {})
    layout.pop("width", None)
    layout["autosize"] = True
    figure["config"] = {**(figure.get("config") or {}), "displaylogo": False, "responsive": True}
    return figure


class NotebookPage:
    """Renders one executed notebook as the body of a page."""

    def __init__(self, site: Site, source: str, nb: dict[str, Any], teacher: bool) -> None:
        self.site = site
        self.source = source
        self.page = site.pages[source]
        self.stem = Path(source).stem + ("-teacher" if teacher else "")
        self.nb = nb
        self.teacher = teacher
        self.root = posixpath.relpath(".", posixpath.dirname(self.page)) + "/"
        self.md = Markdown(site.rewriter(source, self.page))
        self.n_figures = 0
        self.noted: set[str] = set()  # exercises whose note this page shows already (one note each)

    def title(self) -> str:
        for cell in self.nb["cells"]:
            if cell.get("cell_type") == "markdown":
                for line in cell_source(cell).splitlines():
                    if line.startswith("# "):
                        return plain_text(line[2:])
        return Path(self.source).stem

    def body(self) -> str:
        parts = []
        for index, cell in enumerate(self.nb["cells"]):
            kind = cell.get("cell_type")
            if kind == "markdown":
                parts.append(f'<section class="md">{self.md(cell_source(cell))}</section>')
            elif kind == "code":
                parts.append(self.code_cell(index, cell))
        return "\n".join(p for p in parts if p)

    def code_cell(self, index: int, cell: dict[str, Any]) -> str:
        source = cell_source(cell)
        hidden = "hide-input" in tags(cell) or bool(cell.get("metadata", {}).get("jupyter", {}).get("source_hidden"))
        calls = _calls(source)
        html = [] if hidden or not source.strip() else [code_html(source)]
        if not self.teacher and "check" in calls:
            html.append(self.exercise_note([a for a in calls["check"] if a]))
        elif not self.teacher and "solution" in calls:
            html.append('<p class="note">In a notebook, <code>solution(...)</code> shows one worked answer. '
                        "This page never does: try the exercise in a notebook first.</p>")
        elif not self.teacher and "progress" in calls:
            html.append('<p class="note">In a notebook, <code>progress()</code> lists this notebook\'s exercises '
                        "and how far you have got with each.</p>")
        else:
            for output in cell.get("outputs", []):
                html.append(self.output(index, source, output))
        inner = "\n".join(h for h in html if h)
        return f'<div class="cell" id="cell-{index}">{inner}</div>' if inner else ""

    def exercise_note(self, ids: list[str]) -> str:
        notes = []
        for key in ids:
            if key in self.noted:  # a second check of the same exercise (notebook 00 shows a wrong try first)
                continue
            try:
                exercise = get_exercise(key)
            except KeyError:
                continue
            self.noted.add(key)
            hints = "".join(f"<li>{self.md(h)}</li>" for h in exercise.hints)
            hint_list = (f"<details><summary>Hints ({len(exercise.hints)})</summary><ol>{hints}</ol></details>"
                         if exercise.hints else "")
            notes.append(
                f'<aside class="exercise-note" aria-label="Exercise {escape(key)}">'
                f"<p><strong>Exercise {escape(key)}: {escape(exercise.title)}.</strong> "
                "Checks run in a notebook: open this notebook with a button at the top of the page, write your "
                "answer in the cell above and run this cell to check it.</p>"
                f"{hint_list}</aside>")
        return "\n".join(notes)

    def output(self, index: int, source: str, output: dict[str, Any]) -> str:
        kind = output.get("output_type")
        if kind == "error":
            raise BuildError(f"{self.source}, cell {index}: {output.get('ename')}: {output.get('evalue')}")
        if kind == "stream":
            if output.get("name") == "stderr":
                self.site.report.notes.append(f"{self.source}, cell {index}: stderr left out of the page")
                return ""
            return f'<pre class="output" tabindex="0">{escape("".join(output.get("text", "")))}</pre>'
        data = output.get("data", {})
        if WIDGET_MIME in data:
            return self.twin(index, source)
        if PLOTLY_MIME in data:
            return self.figure(json.loads(json.dumps(data[PLOTLY_MIME])))
        if "text/html" in data:
            return f'<div class="output html" tabindex="0">{"".join(data["text/html"])}</div>'
        if "text/markdown" in data:
            return f'<div class="output md">{self.md("".join(data["text/markdown"]))}</div>'
        for mime in ("image/png", "image/jpeg"):
            if mime in data:
                alt = escape("".join(data.get("text/plain", "")) or "image")
                return f'<img class="output" alt="{alt}" src="data:{mime};base64,{"".join(data[mime]).strip()}">'
        if "text/plain" in data:
            return f'<pre class="output" tabindex="0">{escape("".join(data["text/plain"]))}</pre>'
        return ""

    # figures ------------------------------------------------------------------------------------------------
    def _ident(self) -> str:
        self.n_figures += 1
        return f"fig-{self.n_figures}"

    def _sources_html(self, ids: list[str]) -> str:
        if not ids:
            return ""
        links = ", ".join(f'<a href="{escape(self.site.provenance.urls.get(i, "#"))}">{escape(i)}</a>'
                          if i in self.site.provenance.urls else escape(i) for i in ids)
        label = f"Sources of the points drawn ({len(ids)})"
        if len(ids) > 6:
            return f'<details class="sources"><summary>{label}</summary><p>{links}</p></details>'
        return f'<p class="sources">{label}: {links}</p>'

    def _csv(self, ident: str, table: pd.DataFrame) -> str:
        rel = f"figures/{self.stem}-{ident}.csv"
        path = self.site.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(path, index=False)
        return (f'<a href="{self.root}{rel}">The data behind this figure (CSV, {len(table)} rows)</a>')

    def figure(self, figure: dict[str, Any]) -> str:
        ident = self._ident()
        with_ids, points = self.site.provenance.annotate(figure)
        figure = _fit_for_page(figure)
        alt = alt_text(figure)
        table = figure_table(figure)
        body = json.dumps(figure, separators=(",", ":"))
        self.site.report.figures.append(FigureInfo(self.page, ident, "figure", len(body), points, with_ids))
        return (f'<figure class="figure" id="{ident}">'
                f'<div class="plotly-figure" data-figure="{ident}-json" aria-describedby="{ident}-alt"></div>'
                f"{_json_script(ident + '-json', figure)}"
                f'<figcaption><p class="alt" id="{ident}-alt"><span class="label">Text alternative.</span> '
                f"{escape(alt)}</p><p>{self._csv(ident, table)}</p>"
                f"{self._sources_html(self.site.provenance.figure_sources(figure))}</figcaption></figure>")

    def twin(self, index: int, source: str) -> str:
        call = twin_builders.explorer_call(source)
        if call is None:
            raise BuildError(f"{self.source}, cell {index} shows a widget that is not an explorer "
                             "(no *_explorer call): the site has no kernel-free form for it.")
        try:
            prov = self.site.provenance
            twin = twin_builders.build_twin(
                call[0], prepare=lambda plain, view: prov.annotate(plain, prov.row_sources(view.rows)), **call[1])
        except KeyError as exc:
            raise BuildError(f"{self.source}, cell {index}: {exc.args[0]}") from None
        ident = self._ident()
        note = f'<p class="twin-note"><strong>Explorer, without a kernel.</strong> {escape(twin.note)}</p>'
        if twin.kind == "cards":
            html = twin_builders.cards_html(twin, f"{ident}-cards")
            self.site.report.figures.append(FigureInfo(self.page, ident, "cards", len(html), explorer=twin.explorer,
                                                       states=len(twin.views), control=twin.control))
            return f'<figure class="figure twin" id="{ident}" data-explorer="{twin.explorer}">{note}{html}</figure>'
        figure = _fit_for_page(twin_builders.plain_figure(twin.figure))
        with_ids, points = self.site.provenance.annotate(figure)
        words, tables = [], []
        for view in twin.views:
            plain = twin_builders.plain_figure(view.figure)
            self.site.provenance.annotate(plain, self.site.provenance.row_sources(view.rows))
            words.append(f"<li><strong>{escape(view.label)}</strong>: {escape(alt_text(plain))}</li>")
            tables.append(figure_table(plain).assign(view=view.label))
        table = pd.concat(tables, ignore_index=True)[["view", "series", "x", "y", "label", "sources"]]
        alt = alt_text(twin_builders.plain_figure(twin.views[twin.active].figure))
        body = json.dumps(figure, separators=(",", ":"))
        self.site.report.figures.append(FigureInfo(self.page, ident, "twin", len(body), points, with_ids,
                                                   explorer=twin.explorer, states=len(twin.views),
                                                   control=twin.control))
        return (f'<figure class="figure twin" id="{ident}" data-explorer="{twin.explorer}">{note}'
                f'<div class="plotly-figure" data-figure="{ident}-json" data-control="{escape(twin.control)}" '
                f'aria-describedby="{ident}-alt"></div>{_json_script(ident + "-json", figure)}'
                f'<figcaption><p class="alt" id="{ident}-alt"><span class="label">Text alternative '
                f"(as it opens: {escape(twin.views[twin.active].label)}).</span> {escape(alt)}</p>"
                f"<details><summary>Every choice in words ({len(words)})</summary><ul>{''.join(words)}</ul>"
                f"</details><p>{self._csv(ident, table)}</p>"
                f"{self._sources_html(self.site.provenance.figure_sources(figure))}</figcaption></figure>")


def launch_bar(site: Site, source: str, page: str) -> str:
    """Open this notebook on Binder or on the reader's JupyterHub (nbgitpuller), or download it."""
    config = site.config
    download = posixpath.basename(source)
    return f"""<nav class="launch" aria-label="Open this notebook">
<a class="button" href="{escape(config.binder_url(source))}">Open in JupyterLab on Binder</a>
<form class="hub" data-repo="{escape(config.repo_url)}" data-branch="{escape(config.branch)}"
 data-path="{escape(config.repo_name)}/{escape(source)}">
<label for="hub-address">Your school's JupyterHub</label>
<input id="hub-address" name="hub" type="text" inputmode="url" autocomplete="url" placeholder="https://hub.example.org">
<button type="submit">Open on my hub</button>
<a class="hub-link" hidden></a>
</form>
<a class="button" href="{escape(download)}" download>Download the notebook</a>
</nav>"""


def render_notebook(site: Site, path: Path, *, teacher: bool, cache: bool) -> None:
    source = path.relative_to(ROOT).as_posix()
    started = time.perf_counter()
    nb = execute_notebook(path, cache=cache)
    site.report.executed[source] = round(time.perf_counter() - started, 2)
    page = NotebookPage(site, source, nb, teacher)
    banner = ""
    if teacher:
        student = source.replace("solutions/", "")
        banner = (f'<p class="banner">Teacher\'s version, every exercise answered. The students\' page: '
                  f'<a href="{posixpath.relpath(site.pages[student], posixpath.dirname(page.page))}">'
                  f"{escape(posixpath.basename(student))}</a>.</p>")
    html = page_html(title=page.title(), body=banner + page.body(), root=page.root, site_title=site.config.title,
                     launch=launch_bar(site, source, page.page))
    site.write(page.page, html)
    shutil.copyfile(path, site.out / source)  # the notebook to download, as committed (no outputs)
    site.report.pages.append(page.page)


# --- Markdown pages and the landing page -------------------------------------------------------------------

def render_markdown_page(site: Site, source: str, title: str) -> None:
    page = site.pages[source]
    md = Markdown(site.rewriter(source, page))
    text = (ROOT / source).read_text(encoding="utf-8")
    root = posixpath.relpath(".", posixpath.dirname(page)) + "/"
    site.write(page, page_html(title=title, body=f'<section class="md">{md(text)}</section>', root=root,
                               site_title=site.config.title))
    site.report.pages.append(page)


def _readme_intro() -> tuple[str, dict[str, str]]:
    """The README's opening paragraphs, and the 'what it teaches' of each notebook from its table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    body = []
    for line in lines[1:]:
        if line.startswith("## "):
            break
        body.append(line)
    teaches = {}
    for match in re.finditer(r"^\|[^|]*\|\s*\[[^\]]*\]\((notebooks/[^)]+\.ipynb)\)\s*\|[^|]*\|\s*(.+?)\s*\|\s*$",
                             text, re.MULTILINE):
        teaches[match.group(1)] = match.group(2)
    return "\n".join(body).strip(), teaches


def render_index(site: Site) -> None:
    md = Markdown(site.rewriter("README.md", "index.html"))
    intro, teaches = _readme_intro()
    rows = []
    for row in notebook_map().itertuples():
        source = f"notebooks/{row.notebook}"
        minutes = "" if pd.isna(row.minutes) else f"{int(row.minutes)} min"
        rows.append(f'<tr><td><a href="{site.pages[source]}">{escape(str(row.title))}</a></td>'
                    f"<td>{minutes}</td><td>{md(teaches.get(source, ''))}</td></tr>")
    teacher = ""
    if site.teacher:
        items = "".join(f'<li><a href="{site.pages[p.relative_to(ROOT).as_posix()]}">{escape(p.stem)}</a></li>'
                        for p in solution_notebooks())
        teacher = f"<h2 id=\"teachers-versions\">Teachers' versions</h2><p>Every exercise answered.</p><ul>{items}</ul>"
    body = f"""<h1>{escape(site.config.title)}</h1>
<section class="md">{md(intro)}</section>
<h2 id="the-notebooks">The notebooks</h2>
<p>Read any notebook here, with its figures and explorers working, or open it to run it (each page has the
buttons: Binder, your school's JupyterHub, or download).</p>
<div class="table-wrap" tabindex="0"><table class="map">
<thead><tr><th scope="col">Notebook</th><th scope="col">Time</th><th scope="col">What it teaches</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table></div>
<h2 id="more">More</h2>
<ul><li><a href="notebooks/glossary.html">Glossary</a>: the words of diplomacy, law and event data.</li>
<li><a href="instructors/README.html">Instructor guide</a>: timings, discussion questions, common mistakes.</li>
<li><a href="data/README.html">The data</a>: what each table holds and where each number came from, with the
tables as CSV.</li></ul>
{teacher}"""
    site.write("index.html", page_html(title="Home", body=body, root="", site_title=site.config.title,
                                       description=plain_text(intro)[:200]))
    site.report.pages.append("index.html")


# --- the whole site ----------------------------------------------------------------------------------------

def _prepare(out: Path) -> None:
    if out.exists():
        if any(out.iterdir()) and not (out / _MARK).exists():
            raise BuildError(f"{out} exists and was not made by this builder (no {_MARK}): choose another folder.")
        shutil.rmtree(out)
    (out / "assets").mkdir(parents=True)
    (out / _MARK).write_text("Made by python -m helpers.site; the next build replaces this folder.\n")


def _copy_assets(site: Site) -> None:
    plotly_js = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
    shutil.copyfile(plotly_js, site.out / "assets" / "plotly.min.js")
    css = (ASSETS / "site.css").read_text(encoding="utf-8") + "\n/* code colours (Pygments) */\n" + code_css()
    site.write("assets/site.css", css)
    shutil.copyfile(ASSETS / "site.js", site.out / "assets" / "site.js")


def _copy_pictures(site: Site) -> None:
    """Pictures the published pages show (the instructor guide's screenshot, docs/), copied as they are."""
    for folder in ("instructors", "docs", "notebooks"):
        for path in sorted((ROOT / folder).glob("*")):
            if path.suffix.lower() in {".png", ".jpg", ".jpeg", ".svg", ".gif"}:
                rel = path.relative_to(ROOT).as_posix()
                (site.out / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, site.out / rel)
                site.copied.add(rel)


def _copy_data(site: Site) -> None:
    for path in sorted((ROOT / "data").glob("*.csv")):
        rel = path.relative_to(ROOT).as_posix()
        (site.out / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, site.out / rel)
        site.copied.add(rel)
    for path in student_notebooks():
        site.copied.add(path.relative_to(ROOT).as_posix())


def build_site(out: Path | str = ROOT / "site", *, teacher: bool = False, cache: bool = True,
               config: SiteConfig | None = None, log: Callable[[str], None] = lambda _: None) -> BuildReport:
    """Build the site into ``out`` (replaced if this builder made it) and return what was built."""
    started = time.perf_counter()
    out = Path(out).resolve()
    _prepare(out)
    site = Site(out, config or load_config(), teacher)
    _copy_assets(site)
    _copy_data(site)
    _copy_pictures(site)
    for path in student_notebooks():
        log(f"notebook {path.name}")
        render_notebook(site, path, teacher=False, cache=cache)
    if teacher:
        for path in solution_notebooks():
            log(f"teacher's notebook {path.name}")
            render_notebook(site, path, teacher=True, cache=cache)
    render_markdown_page(site, "notebooks/glossary.md", "Glossary")
    render_markdown_page(site, "instructors/README.md", "Instructor guide")
    render_markdown_page(site, "instructors/capstone.md", "The capstone: notes for teachers")
    render_markdown_page(site, "data/README.md", "The data")
    render_index(site)
    report = site.report
    report.broken_links, report.external_links = check_site(out)
    site.write("external-links.txt", "# Links to outside the site (listed, never fetched by the build or tests)\n"
               + "\n".join(report.external_links) + "\n")
    report.size_bytes = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    report.seconds = round(time.perf_counter() - started, 1)
    data = asdict(report)
    data["twins"] = [asdict(t) for t in report.twins]
    site.write("build-report.json", json.dumps(data, indent=1))
    return report
