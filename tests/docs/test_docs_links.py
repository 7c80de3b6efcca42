"""The built docs site: every internal link lands, and clauses and code point at each other.

Runs against a site that is already built (building takes a while and needs the docs
extras): set ``DOCS_BUILT_HTML`` to its directory, e.g. after

    python -m sphinx -W --keep-going -n -b html docs docs/_build/html
    DOCS_BUILT_HTML=docs/_build/html python -m pytest tests/docs

Without the variable the tests are skipped.
"""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple
from urllib.parse import unquote, urlsplit

import pytest
from trace_model.scan import clause_anchor

from spec import load_catalogue

BUILT = os.environ.get("DOCS_BUILT_HTML", "")
pytestmark = pytest.mark.skipif(not BUILT, reason="DOCS_BUILT_HTML is not set (build the docs first)")

LINK_ATTRS = {"a": "href", "link": "href", "img": "src", "script": "src"}


class Page(HTMLParser):
    """The ids, links, and per-clause links of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: Set[str] = set()
        self.links: List[Tuple[str, Tuple[str, ...]]] = []  # (url, classes)
        self.clause_links: Dict[str, List[Tuple[str, Tuple[str, ...]]]] = {}
        self._sections: List[Optional[str]] = []  # the clause anchor each open <section> starts

    @property
    def _clause(self) -> Optional[str]:
        return next((c for c in reversed(self._sections) if c), None)

    def handle_starttag(self, tag: str, attrs) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key) and (key == "id" or tag == "a"):
                self.ids.add(values[key])
        if tag == "section":
            anchor = values.get("id") or ""
            self._sections.append(anchor if anchor.startswith("clause-") else None)
            if anchor.startswith("clause-"):
                self.clause_links.setdefault(anchor, [])
        url = values.get(LINK_ATTRS.get(tag, ""))
        if url is not None:
            link = (url, tuple((values.get("class") or "").split()))
            self.links.append(link)
            if self._clause:
                self.clause_links[self._clause].append(link)

    def handle_endtag(self, tag: str) -> None:
        if tag == "section" and self._sections:
            self._sections.pop()


@pytest.fixture(scope="module")
def site() -> Dict[Path, Page]:
    root = Path(BUILT).resolve()
    if not (root / "index.html").is_file():
        pytest.fail(f"DOCS_BUILT_HTML={BUILT!r} holds no built site (no index.html)")
    pages = {}
    for path in sorted(root.rglob("*.html")):
        page = Page()
        page.feed(path.read_text(encoding="utf-8"))
        pages[path] = page
    return pages


def resolve(page_path: Path, url: str) -> Optional[Tuple[Path, str]]:
    """The file and fragment an internal URL points at; None for an external one."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:", "data:")):
        return None
    target = page_path if not parts.path else (page_path.parent / unquote(parts.path)).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def test_every_internal_link_lands(site):
    broken = []
    for path, page in site.items():
        for url, _classes in page.links:
            where = resolve(path, url)
            if where is None:
                continue
            target, fragment = where
            if not target.exists():
                broken.append(f"{path.name}: {url} (no such file)")
            elif fragment and target.suffix == ".html" and fragment not in site[target].ids:
                broken.append(f"{path.name}: {url} (no anchor {fragment!r})")
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(broken[:40])


def _clause_page(site, clause) -> Tuple[Path, Page]:
    """The group page holding the clause's entry (an empty page if the site lacks it)."""
    path = Path(BUILT).resolve() / "generated" / "clauses" / f"{clause.api}.html"
    return path, site.get(path) or Page()


def test_every_clause_has_an_entry_and_a_test_link(site):
    problems = []
    for clause in load_catalogue():
        _path, page = _clause_page(site, clause)
        anchor = clause_anchor(clause.id)
        if anchor not in page.clause_links:
            problems.append(f"{clause.id}: no entry on its group page")
            continue
        verified = [u for u, classes in page.clause_links[anchor] if "trace-verified-by" in classes]
        if not verified and not clause.unobservable:
            problems.append(f"{clause.id}: no 'verified by' link")
    assert not problems, "\n".join(problems)


def test_code_and_test_links_come_back_to_the_clause(site):
    """Each 'implemented in' / 'verified by' line is on a page that links back to the entry."""
    problems = []
    for clause in load_catalogue():
        path, page = _clause_page(site, clause)
        anchor = clause_anchor(clause.id)
        for url, classes in page.clause_links.get(anchor, []):
            if not {"trace-verified-by", "trace-implemented-in"} & set(classes):
                continue
            target, line = resolve(path, url)  # type: ignore[misc]
            if target not in site or not line.startswith("L"):
                problems.append(f"{clause.id}: {url} is not a line of a rendered source page")
                continue
            back = {resolve(target, u) for u, c in site[target].links if "trace-clause-link" in c}
            if (path, anchor) not in back:
                problems.append(f"{clause.id}: {target.name} does not link back to its entry")
    assert not problems, "\n".join(problems)
