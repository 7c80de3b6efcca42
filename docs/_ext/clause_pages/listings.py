"""Source listings: Pygments per line, an anchor per line, clause ids as links."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Callable, List, Optional

from docutils import nodes
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from trace_model.scan import ID_TOKEN_RE, line_anchor

from .links import clause_href, clause_link
from .state import current_trace

HrefFor = Callable[[str], Optional[str]]

_TAG_SPLIT = re.compile(r"(<[^>]+>)")


class source_listing(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lowercase
    """A highlighted source file whose clause ids become links."""


def _linkify(fragment: str, href_for: HrefFor) -> str:
    """Wrap every known clause id in the text (not the tags) of a highlighted line."""
    def swap(match: re.Match) -> str:
        href = href_for(match.group(1))
        if href is None:
            return match.group(0)
        return f'<a class="trace-clause-link" href="{html.escape(href)}">{match.group(1)}</a>'

    parts = _TAG_SPLIT.split(fragment)
    return "".join(p if p.startswith("<") else ID_TOKEN_RE.sub(swap, p) for p in parts)


def render_listing(relpath: str, text: str, href_for: HrefFor) -> str:
    """The HTML of one source file: a numbered, anchored line per source line."""
    source_lines = text.splitlines()
    body = highlight(text, PythonLexer(), HtmlFormatter(nowrap=True))
    lines = body.split("\n")[: len(source_lines)]
    out = [f'<div class="highlight trace-src" data-path="{html.escape(relpath)}"><pre>']
    for number, line in enumerate(lines, start=1):
        anchor = line_anchor(number)
        # Each line is a block of its own, so no newline between them (it would double the spacing).
        out.append(f'<span class="trace-line" id="{anchor}"><a class="trace-lineno" href="#{anchor}">'
                   f'{number}</a>{_linkify(line, href_for) or " "}</span>')
    out.append("</pre></div>")
    return "".join(out)


def render_listings(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace every source_listing with its HTML (``doctree-resolved``)."""
    for node in list(doctree.findall(source_listing)):
        rendered = render_listing(node["relpath"], node["text"],
                                  lambda cid: clause_href(app, docname, cid))
        node.replace_self(nodes.raw("", rendered, format="html"))


class SourceListing(SphinxDirective):
    """``.. source-listing:: reference/_files.py`` renders that file of the repository."""

    required_arguments = 1

    def run(self) -> List[nodes.Node]:
        relpath = self.arguments[0]
        path = Path(self.config.trace_repo_root) / relpath
        self.env.note_dependency(str(path))
        text = path.read_text(encoding="utf-8")
        named = sorted({m.group(1) for m in ID_TOKEN_RE.finditer(text)
                        if m.group(1) in current_trace().catalogue})
        para = nodes.paragraph()
        para += nodes.literal(relpath, relpath)
        para += nodes.Text(f": {len(text.splitlines())} lines, rendered from the repository at build time. ")
        if named:
            para += nodes.Text(f"It names {len(named)} clause(s); each id below links to its entry: ")
            for i, cid in enumerate(named):
                para += nodes.Text(", " if i else "")
                para += clause_link(cid)
            para += nodes.Text(".")
        else:
            para += nodes.Text("It names no clause.")
        return [para, source_listing("", relpath=relpath, text=text)]
