"""The maps draw with the network blocked: exported HTML opened in headless Chromium, every request blocked.

(a) ``closures_map`` exported with plotly.js inlined draws its outlines and every facility, and never even
tries to reach cdn.plot.ly; (b) control: plotly's default ``px.scatter_geo`` (base map from the CDN
topojson) draws nothing under the same conditions, so the test measures the difference.

Needs Debian's Chromium (``apt-get install chromium``) and the ``playwright`` Python package (already in
the environment; ``playwright install`` is NOT needed, the system browser is used). Screenshots are
saved to artifacts/maps/.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import pytest

from helpers.charts import maps
from helpers.charts.closures import closures_map_figure
from helpers.data import load_events, load_facilities

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "maps"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ALLOWED = ("file://", "http://127.0.0.1", "data:", "blob:")
# Waits are on readiness (points drawn, the blocked request and its error seen, the network idle); these
# bounds only matter when a page really fails, so they are sized for a loaded machine, not an idle one.
TIMEOUT_MS = 180_000


def _need_chromium() -> str:
    """Path of the system Chromium; skip (fail when CI=true) with how to get it if it is missing."""
    path = shutil.which("chromium")
    problem = None
    if path is None:
        problem = "Chromium not found: install it with `apt-get install chromium` to run the offline map test."
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "playwright is not installed: `pip install -r requirements-dev.txt` to run this test."
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true: {problem}", pytrace=False)
        pytest.skip(problem)
    return str(path)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Render:
    """What happened when a page was opened offline."""

    requests: list[str] = field(default_factory=list)   # every request the page attempted
    blocked: list[str] = field(default_factory=list)    # those aborted (not file:// or 127.0.0.1)
    errors: list[str] = field(default_factory=list)     # console errors and uncaught page errors
    dom: dict[str, Any] = field(default_factory=dict)


COUNT_JS = """() => {
  const geo = document.querySelector('g.geo');
  const lines = geo ? Array.from(geo.querySelectorAll('path.js-line')) : [];
  const points = geo ? Array.from(geo.querySelectorAll('path.point'))
      .filter(p => p.getAttribute('display') !== 'none' && p.getAttribute('transform')) : [];
  const box = geo ? geo.getBoundingClientRect() : null;
  return {
    main_svg: document.querySelectorAll('svg.main-svg').length,
    geo: document.querySelectorAll('g.geo').length,
    line_paths: lines.length,
    line_path_chars: lines.map(p => (p.getAttribute('d') || '').length),
    points: points.length,
    point_xy: points.map(p => { const r = p.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }),
    geo_box: box ? [box.x, box.y, box.width, box.height] : null,
  };
}"""


def render_offline(browser: Any, html: Path, screenshot: Path, *, expect_points: int = 0,
                   expect_failure: bool = False) -> Render:
    """Open ``html`` with every request except file:// and 127.0.0.1 aborted; count what was drawn."""
    result = Render()
    context = browser.new_context(viewport={"width": 1100, "height": 640}, service_workers="block")

    def route(r: Any) -> None:
        if r.request.url.startswith(ALLOWED):
            r.continue_()
        else:
            result.blocked.append(r.request.url)
            r.abort()

    context.on("request", lambda request: result.requests.append(request.url))
    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda msg: result.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: result.errors.append(str(exc)))
    try:
        # The page inlines plotly.js (4.8 MB): on a loaded machine "load" once took longer than Playwright's
        # default 30 s. Wait for what the test needs instead, with a bound sized for a loaded machine.
        page.goto(html.as_uri(), wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_load_state("load", timeout=TIMEOUT_MS)
        if expect_points:
            page.wait_for_function(f"document.querySelectorAll('g.geo path.point').length >= {expect_points}",
                                   timeout=TIMEOUT_MS)
        if expect_failure:  # the control: wait until the blocked topojson request and its error are seen
            deadline = time.monotonic() + TIMEOUT_MS / 1000
            while not (result.blocked and any("topojson" in e for e in result.errors)) \
                    and time.monotonic() < deadline:
                page.wait_for_timeout(200)
        # Any late request (a topojson fetch after drawing) has been made and answered or refused.
        page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
        result.dom = page.evaluate(COUNT_JS)
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot))
    finally:
        context.close()
    return result


@pytest.fixture(scope="module")
def facilities() -> pd.DataFrame:
    return load_facilities()


def _export(fig: go.Figure, path: Path) -> Path:
    fig.write_html(path, include_plotlyjs=True, full_html=True, config={"displaylogo": False})
    return path


def _check_places(scope: str, xy: dict[str, tuple[float, float]]) -> None:
    """Screen positions (x right, y down) agree with geography."""
    if scope in ("world", "usa"):
        # San Francisco and Seattle on the west coast, Washington and New York on the east, Houston between
        # them and further south; Seattle north of San Francisco, New York north of Washington.
        assert xy["ru_cg_san_francisco"][0] < xy["ru_cg_houston"][0] < xy["ru_embassy_washington"][0]
        assert xy["ru_cg_seattle"][1] < xy["ru_cg_san_francisco"][1]
        assert xy["ru_cg_new_york"][1] < xy["ru_embassy_washington"][1] < xy["ru_cg_houston"][1]
    if scope in ("world", "russia"):
        # Moscow and St Petersburg in the west, Yekaterinburg beyond, Vladivostok far east and south.
        assert xy["us_embassy_moscow"][0] < xy["us_cg_yekaterinburg"][0] < xy["us_cg_vladivostok"][0]
        assert xy["us_cg_st_petersburg"][1] < xy["us_embassy_moscow"][1] < xy["us_cg_vladivostok"][1]
    if scope == "world":
        # Every US-hosted facility lies west of every Russia-hosted one.
        assert xy["ru_cg_new_york"][0] < xy["us_cg_st_petersburg"][0]


@pytest.mark.parametrize("scope", maps.SCOPES)
def test_closures_map_draws_offline(browser: Any, facilities: pd.DataFrame, tmp_path: Path, scope: str) -> None:
    fig = closures_map_figure(facilities, scope=scope, events=load_events(), day="2017-09-03")
    order = [fid for t in fig.data if t.mode == "markers" for fid in t.customdata]
    n_outlines = len(maps.base_map_traces(scope))
    html = _export(fig, tmp_path / f"map_{scope}.html")
    # plotly.js itself names its CDN default; the figure after it must not.
    assert "cdn.plot.ly" not in html.read_text(encoding="utf-8").split('class="plotly-graph-div"', 1)[1]

    result = render_offline(browser, html, ARTIFACTS / f"offline_{scope}.png", expect_points=len(order))

    assert not [u for u in result.requests if "cdn.plot.ly" in u], result.requests
    assert result.blocked == [], f"the page tried to reach the network: {result.blocked}"
    assert result.errors == [], result.errors
    dom = result.dom
    assert dom["main_svg"] >= 1 and dom["geo"] == 1
    # One path per outline trace (land, seas, highlighted countries, borders, control line, coasts, ...),
    # the big ones really drawn (a long 'd' attribute).
    assert dom["line_paths"] >= n_outlines
    assert sum(chars > 1000 for chars in dom["line_path_chars"]) >= 4, dom["line_path_chars"]
    assert dom["points"] == len(order)
    x, y, w, h = dom["geo_box"]
    assert all(x <= px_ <= x + w and y <= py <= y + h for px_, py in dom["point_xy"]), "a point fell off the map"
    # plotly draws the points trace by trace, in data order.
    _check_places(scope, dict(zip(order, map(tuple, dom["point_xy"]), strict=True)))


def test_default_cdn_map_fails_offline(browser: Any, facilities: pd.DataFrame, tmp_path: Path) -> None:
    """Control: plotly's default geo figure needs cdn.plot.ly, so offline it draws no points at all."""
    fig = px.scatter_geo(facilities, lat="lat", lon="lon", color=facilities["owner"].astype(str),
                         hover_name="name")
    html = _export(fig, tmp_path / "control.html")

    result = render_offline(browser, html, ARTIFACTS / "control_px_scatter_geo.png", expect_failure=True)

    assert any(u.startswith("https://cdn.plot.ly/un/") for u in result.blocked), result.requests
    assert any("topojson" in e for e in result.errors), result.errors
    assert result.dom["points"] == 0
    assert not any(chars > 0 for chars in result.dom["line_path_chars"])
