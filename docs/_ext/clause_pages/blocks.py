"""Small builders of docutils nodes: paragraphs, fields, tables, verdict words, lists of places."""

from __future__ import annotations

import html
import re
from typing import Iterable, List, Optional, Sequence

from docutils import nodes
from trace_model.scan import Place

from conformance.vocabulary import STATUS_LABELS

from .links import link_to

# A clause the run did not judge at all (not a status of the suite: the docs' own word).
ABSENT = "absent"


def inline_text(text: str) -> List[nodes.Node]:
    """Plain text, except that `back-quoted` runs become literals (never parsed as reST)."""
    out: List[nodes.Node] = []
    for i, part in enumerate(re.split(r"`([^`]+)`", text)):
        if part:
            out.append(nodes.literal(part, part) if i % 2 else nodes.Text(part))
    return out


def para(*content, classes: Sequence[str] = ()) -> nodes.paragraph:
    """A paragraph of strings (see :func:`inline_text`), nodes and lists of nodes."""
    node = nodes.paragraph(classes=list(classes))
    for item in content:
        if isinstance(item, str):
            node.extend(inline_text(item))
        elif isinstance(item, (list, tuple)):
            node.extend(item)
        else:
            node += item
    return node


def field(name: str, *body: nodes.Node) -> nodes.field:
    """One ``name: body`` entry of a field list."""
    node = nodes.field()
    node += nodes.field_name(name, name)
    fbody = nodes.field_body()
    fbody.extend(body)
    node += fbody
    return node


def verdict_node(status: str) -> nodes.inline:
    """A status in the words of the vocabulary, styled by its class."""
    word = STATUS_LABELS.get(status, status or "?")
    return nodes.inline(word, word, classes=["verdict", f"verdict-{status or 'unknown'}"])


def verdict_like(word: str, kind: str) -> nodes.inline:
    """A word styled as a badge of ``kind`` (a clause's level or kind)."""
    return nodes.inline(word, word, classes=[kind, f"{kind}-{word}"])


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], classes: Sequence[str] = (),
          widths: Optional[Sequence[int]] = None) -> nodes.table:
    """A simple table; each cell is a string, a node, or a list of nodes."""
    tbl = nodes.table(classes=["trace-table", *classes])
    group = nodes.tgroup(cols=len(headers))
    tbl += group
    for width in widths or [1] * len(headers):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head += _row(headers)
    body = nodes.tbody()
    group += body
    for row in rows:
        body += _row(row)
    return tbl


def _row(cells: Sequence[object]) -> nodes.row:
    row = nodes.row()
    for content in cells:
        if isinstance(content, nodes.entry):
            row += content
            continue
        entry = nodes.entry()
        if isinstance(content, nodes.Node) and not isinstance(content, (nodes.Inline, nodes.Text)):
            entry += content
        else:
            entry += para(content)
        row += entry
    return row


def bullets(items: Iterable[nodes.Node], classes: Sequence[str] = ()) -> nodes.bullet_list:
    """A bullet list with one item per node."""
    out = nodes.bullet_list(classes=list(classes))
    for body in items:
        item = nodes.list_item()
        item += body
        out += item
    return out


def place_links(places: Sequence[Place], with_label: bool, css: str) -> nodes.Node:
    """A bullet list of links to source lines."""
    def one(place: Place) -> nodes.paragraph:
        if with_label:
            return para(link_to(place.docname, place.anchor, place.label, [css], literal=True),
                        f" in {place.relpath}, line {place.lineno}")
        return para(link_to(place.docname, place.anchor, f"{place.relpath}, line {place.lineno}", [css]))

    return bullets((one(p) for p in places), ["trace-places"])


class details(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lowercase
    """A folded block: ``<details>`` with a one-line ``summary``, open only on a click."""


def visit_details_html(self, node: details) -> None:
    """Open the ``<details>`` element and write its summary."""
    self.body.append(self.starttag(node, "details"))
    self.body.append(f"<summary>{html.escape(node['summary'])}</summary>")


def depart_details_html(self, node: details) -> None:
    """Close the ``<details>`` element."""
    self.body.append("</details>\n")


def pass_through(self, node: nodes.Node) -> None:
    """Other writers show a folded block's children as they are."""


def folded(summary: str, *body: nodes.Node, classes: Sequence[str] = ()) -> details:
    """A block that shows ``summary`` and opens to ``body``."""
    node = details(summary=summary, classes=list(classes))
    node.extend(body)
    return node


def cell(content: object, classes: Sequence[str] = ()) -> nodes.entry:
    """A table cell with classes of its own (a colour per verdict, say)."""
    entry = nodes.entry(classes=list(classes))
    entry += content if isinstance(content, nodes.Body) else para(content)
    return entry


def tooltip(text: str, explanation: str) -> nodes.abbreviation:
    """Short ``text`` whose full meaning shows on hover (``<abbr title=…>``)."""
    return nodes.abbreviation(text, text, explanation=explanation)
