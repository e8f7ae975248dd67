"""HTML of the site: Markdown to HTML, code with colours, and the page around it (no theme, no CDN).

Markdown goes through mistune (it comes with JupyterLab, through nbconvert); headings get the ids GitHub
gives them, so links such as ``README.md#7-adding-events-to-the-data`` keep working; every link and image
goes through the page's ``rewrite`` function (a notebook becomes its page, an unpublished file its
GitHub address). Code is coloured by Pygments (it comes with IPython).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import Any

import mistune
from mistune.renderers.html import HTMLRenderer
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from helpers.site.describe import plain_text

__all__ = ["slug", "Markdown", "code_html", "code_css", "page_html"]


def slug(text: str) -> str:
    """The anchor GitHub gives a heading: '1. Learning path and timings' -> '1-learning-path-and-timings'."""
    words = re.sub(r"[^\w\- ]", "", plain_text(text).lower(), flags=re.UNICODE)
    return words.strip().replace(" ", "-")


class _Renderer(HTMLRenderer):
    def __init__(self, rewrite: Callable[[str], str], ids: dict[str, int]) -> None:
        super().__init__(escape=False)
        self.rewrite = rewrite
        self.ids = ids

    def heading(self, text: str, level: int, **attrs: Any) -> str:
        base = slug(text) or "section"
        n = self.ids.get(base, 0)
        self.ids[base] = n + 1
        ident = base if n == 0 else f"{base}-{n}"
        return f'<h{level} id="{ident}">{text}</h{level}>\n'

    def link(self, text: str, url: str, title: str | None = None) -> str:
        return super().link(text, self.rewrite(url), title)

    def image(self, text: str, url: str, title: str | None = None) -> str:
        return super().image(text, self.rewrite(url), title)


class Markdown:
    """One page's Markdown renderer: heading ids unique on the page, links rewritten by ``rewrite``."""

    def __init__(self, rewrite: Callable[[str], str]) -> None:
        self.ids: dict[str, int] = {}
        self._md = mistune.create_markdown(renderer=_Renderer(rewrite, self.ids),
                                           plugins=["table", "strikethrough"])

    def __call__(self, text: str) -> str:
        return str(self._md(text))


_FORMATTER = HtmlFormatter(nowrap=True, style="default")


def code_html(source: str) -> str:
    """A code cell's source, coloured, in a <pre> a keyboard can scroll."""
    return (f'<pre class="code" tabindex="0"><code>{highlight(source, PythonLexer(), _FORMATTER)}</code></pre>')


def code_css() -> str:
    """The colours of :func:`code_html` (Pygments' default style, scoped to pre.code)."""
    return HtmlFormatter(style="default").get_style_defs("pre.code")


def page_html(*, title: str, body: str, root: str, site_title: str, launch: str = "", nav_extra: str = "",
              description: str = "") -> str:
    """A whole page: skip link, header with the site's links, the launch bar, the content, the scripts.

    ``root`` is the relative path from the page to the site's root ('' or '../' ...).
    """
    nav = (f'<a href="{root}index.html">Home</a> <a href="{root}notebooks/glossary.html">Glossary</a> '
           f'<a href="{root}instructors/README.html">Instructor guide</a> '
           f'<a href="{root}data/README.html">The data</a>{nav_extra}')
    meta = f'<meta name="description" content="{escape(description)}">' if description else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · {escape(site_title)}</title>
{meta}
<link rel="stylesheet" href="{root}assets/site.css">
</head>
<body>
<a class="skip" href="#content">Skip to the content</a>
<header class="site">
<p class="site-title"><a href="{root}index.html">{escape(site_title)}</a></p>
<nav aria-label="Site">{nav}</nav>
</header>
{launch}
<main id="content" tabindex="-1">
{body}
</main>
<footer class="site"><p>{escape(site_title)} · a static copy of the notebooks, run when the site was built.
Figures and explorers work without a kernel; checks of exercises run in a notebook.</p></footer>
<script src="{root}assets/plotly.min.js"></script>
<script src="{root}assets/site.js"></script>
</body>
</html>
"""
