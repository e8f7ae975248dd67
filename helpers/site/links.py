"""The site's links, read from its HTML: internal ones must resolve (file and #anchor), external ones are listed.

External links are never fetched (not by the build, not by the tests): they are written to
``external-links.txt`` for a person, or a scheduled job with network, to check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["PageLinks", "read_page", "check_site"]


@dataclass
class PageLinks:
    """What one HTML page links to, and the ids it holds (anchors others may link to)."""

    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.page.ids.add(str(values["id"]))
        for name in ("href", "src"):
            if values.get(name) and not (tag == "link" and values.get("rel") == "preconnect"):
                self.page.links.append(str(values[name]))


def read_page(path: Path) -> PageLinks:
    """The links and ids of one HTML file."""
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.page


def check_site(out: Path) -> tuple[list[str], list[str]]:
    """(broken internal links as 'page -> link: why', sorted external links) of every page under ``out``."""
    pages = {p: read_page(p) for p in sorted(out.rglob("*.html"))}
    broken: list[str] = []
    external: set[str] = set()
    for page, found in pages.items():
        for link in found.links:
            parts = urlsplit(link)
            if parts.scheme in {"http", "https", "mailto"}:
                external.add(link)
                continue
            if parts.scheme or parts.netloc:
                broken.append(f"{page.relative_to(out)} -> {link}: not a relative link (file:// would break it)")
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
            where = f"{page.relative_to(out)} -> {link}"
            try:
                target.relative_to(out.resolve())
            except ValueError:
                broken.append(f"{where}: leaves the site")
                continue
            if target.is_dir():
                broken.append(f"{where}: a folder (file:// shows no index.html for it)")
            elif not target.exists():
                broken.append(f"{where}: no such file")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else read_page(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{where}: no element with id '{parts.fragment}'")
    return broken, sorted(external)
