"""The static site in headless Chromium, from file://, with every request outside the site's folder refused.

Every page: each plotly figure drawn (an ``svg.main-svg`` of non-zero size), no console error, no request
outside the site. Every kernel-free explorer: its plotly control (dropdown or slider) changes the figure,
and so does its keyboard control; the claims explorer's menu changes the card. The hub link is built from
the address a reader types and remembered on the next page. The site is the one tests/test_site.py checks
(built once, tests/site_build.py). Screenshots go to artifacts/site/.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from site_build import built_site

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "site"
TIMEOUT_MS = 120_000  # a bound for a loaded 2-core machine; waits are on readiness, not on time


@pytest.fixture(scope="module")
def site() -> tuple[Path, dict[str, Any]]:
    return built_site()


@dataclass
class Visit:
    page: Any
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def visit(browser: Any, site: tuple[Path, dict[str, Any]]) -> Iterator[Any]:
    """open(relpath) -> Visit: a page of the site in a context that refuses anything outside the site."""
    out = site[0].resolve()
    allowed = out.as_uri() + "/"
    context = browser.new_context(viewport={"width": 1100, "height": 900}, service_workers="block")
    visits: list[Visit] = []

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(allowed) or url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            for v in visits:
                v.blocked.append(url)
            r.abort("blockedbyclient")

    context.route("**/*", route)

    def open_page(relpath: str) -> Visit:
        page = context.new_page()
        v = Visit(page)
        visits.append(v)
        page.on("console", lambda msg: v.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: v.errors.append(f"uncaught: {exc}"))
        page.goto((out / relpath).as_uri(), wait_until="load", timeout=TIMEOUT_MS)
        wait_drawn(page)
        return v

    try:
        yield open_page
    finally:
        context.close()


DRAWN_JS = """() => Array.from(document.querySelectorAll('.plotly-figure')).map(div => {
  const svg = div.querySelector('svg.main-svg');
  const box = svg ? svg.getBoundingClientRect() : null;
  return {id: div.dataset.figure, drawn: !!box && box.width > 0 && box.height > 0,
          marks: div.querySelectorAll('.point, path.js-line, .bars path, .trace path, g.table').length};
})"""


def wait_drawn(page: Any) -> None:
    page.wait_for_function("""() => Array.from(document.querySelectorAll('.plotly-figure'))
        .every(div => div.querySelector('svg.main-svg'))""", timeout=TIMEOUT_MS)


def _pages(report: dict[str, Any]) -> list[str]:
    return sorted(report["pages"])


def test_every_page_draws_every_figure_offline(visit, site):
    """One test for all pages (a fresh page each): figures drawn, no console error, nothing outside asked."""
    out, report = site
    problems = []
    for relpath in _pages(report):
        v = visit(relpath)
        figures = v.page.evaluate(DRAWN_JS)
        expected = sum(1 for f in report["figures"] if f["page"] == relpath and f["kind"] != "cards")
        if len(figures) != expected:
            problems.append(f"{relpath}: {len(figures)} figure(s) on the page, {expected} built")
        for fig in figures:
            if not fig["drawn"] or not fig["marks"]:
                problems.append(f"{relpath}: {fig['id']} not drawn ({fig})")
        if v.errors:
            problems.append(f"{relpath}: console errors {v.errors}")
        if v.blocked:
            problems.append(f"{relpath}: asked outside the site for {v.blocked}")
        v.page.close()
    assert problems == [], "\n".join(problems)


SIGNATURE_JS = """(id) => {
  const gd = document.getElementById(id).querySelector('.js-plotly-plot');
  const visible = gd.data.map((t, i) => t.visible === false ? null : i).filter(i => i !== null);
  const menu = (gd.layout.updatemenus || [])[0] || (gd.layout.sliders || [])[0];
  const title = gd.layout.title && (gd.layout.title.text || gd.layout.title);
  return {title: String(title), visible: visible.join(','), active: menu ? menu.active : null,
          svg: gd.querySelector('svg.main-svg').getBoundingClientRect().height > 0};
}"""


def _use_plotly_control(page: Any, fig_id: str, kind: str, target: int, n: int) -> None:
    root = page.locator(f"#{fig_id}")
    if kind == "dropdown":
        root.locator(".updatemenu-header-group").click()
        root.locator(".updatemenu-dropdown-button").nth(target).click()
    else:
        rail = root.locator(".slider-rail-rect").bounding_box()
        grip = root.locator(".slider-grip-rect").bounding_box()
        usable = rail["width"] - grip["width"]
        x = rail["x"] + grip["width"] / 2 + usable * target / max(n - 1, 1)
        page.mouse.click(x, rail["y"] + rail["height"] / 2)


def _twins(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for t in report["twins"] if not t["page"].startswith("notebooks/solutions/")]


def test_every_kernel_free_explorer_changes_its_figure_with_its_controls(visit, site):
    out, report = site
    problems = []
    for twin in _twins(report):
        v = visit(twin["page"])
        page, ident, n = v.page, twin["ident"], twin["states"]
        where = f"{twin['explorer']} on {twin['page']}"
        if twin["kind"] == "cards":
            box = page.locator(f"#{ident} .twin-cards")
            shown = box.locator("section.card:not([hidden])")
            first = shown.get_attribute("data-card")
            box.locator("select").select_option(str((int(first) + 1) % n))
            if shown.count() != 1 or shown.get_attribute("data-card") == first:
                problems.append(f"{where}: the menu did not change the card")
            continue
        page.locator(f"#{ident}").scroll_into_view_if_needed()
        before = page.evaluate(SIGNATURE_JS, ident)
        kind = "dropdown" if page.locator(f"#{ident} .updatemenu-header-group").count() else "slider"
        target = 0 if before["active"] != 0 else n - 1
        _use_plotly_control(page, ident, kind, target, n)
        page.wait_for_function(f"(id) => {{ const gd = document.getElementById(id).querySelector('.js-plotly-plot');"
                               f" const m = (gd.layout.updatemenus || gd.layout.sliders)[0]; return m.active === {target}; }}",
                               arg=ident, timeout=TIMEOUT_MS)
        after = page.evaluate(SIGNATURE_JS, ident)
        if after["visible"] == before["visible"] or not after["svg"]:
            problems.append(f"{where}: the plotly {kind} did not change the figure ({before} -> {after})")
        # the keyboard control, a native <select> kept in step with plotly's
        select = page.locator(f"#{ident} select")
        if select.input_value() != str(target):
            problems.append(f"{where}: the keyboard menu shows {select.input_value()}, the figure {target}")
        back = before["active"]
        select.focus()
        select.select_option(str(back))
        page.wait_for_timeout(200)
        again = page.evaluate(SIGNATURE_JS, ident)
        if again["visible"] != before["visible"] or again["title"] != before["title"] or again["active"] != back:
            problems.append(f"{where}: the keyboard menu did not bring back the first view ({again} vs {before})")
        if twin["explorer"] == "closures_explorer":
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.locator(f"#{ident}").screenshot(path=str(ARTIFACTS / "explorer-closures.png"))
        if v.errors or v.blocked:
            problems.append(f"{where}: errors {v.errors}, asked outside {v.blocked}")
        page.close()
    assert problems == [], "\n".join(problems)


def test_hub_link_is_built_from_the_address_typed_once_and_remembered(visit, site):
    first = visit("notebooks/00-start-here.html")
    form = first.page.locator("form.hub")
    form.locator("input").fill("hub.example.org/hub/")
    with first.page.expect_request(lambda r: r.url.startswith("https://hub.example.org/")) as request:
        form.locator("button").click()
    url = urlsplit(request.value.url)
    assert url.path == "/hub/user-redirect/git-pull"
    query = parse_qs(url.query)
    assert query["repo"][0].startswith("https://github.com/") and query["branch"] == ["main"]
    assert query["urlpath"][0].endswith("/notebooks/00-start-here.ipynb")
    assert first.blocked == [request.value.url]  # the only request outside the site, and it was refused

    second = visit("notebooks/03-expulsions.html")
    assert second.page.locator("form.hub input").input_value() == "https://hub.example.org"
    link = second.page.locator("form.hub a.hub-link")
    assert link.is_visible() and "03-expulsions.ipynb" in parse_qs(urlsplit(link.get_attribute("href")).query)["urlpath"][0]
