"""Links between pages, resolved late: a link to a missing page or clause is a warning."""

from __future__ import annotations

from typing import Optional, Sequence, Tuple

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from trace_model.scan import clause_anchor

from .state import clause_docname, current_trace

logger = logging.getLogger(__name__)


class trace_link(nodes.Inline, nodes.TextElement):  # noqa: N801 - docutils names nodes in lowercase
    """A link to ``docname#anchor`` (or to a clause by id), made relative when written."""


def skip_node(self, node):  # pragma: no cover - the resolvers replace these nodes first
    """Writer visit for nodes that never reach a writer."""
    raise nodes.SkipNode


def link_to(docname: str, anchor: str, text: str, classes: Sequence[str] = (),
            literal: bool = False) -> trace_link:
    """A link to ``anchor`` on page ``docname``, showing ``text``."""
    node = trace_link("", "", target_doc=docname, anchor=anchor, classes=list(classes))
    node += nodes.literal(text, text) if literal else nodes.Text(text)
    return node


def clause_link(clause_id: str, text: Optional[str] = None, classes: Sequence[str] = ()) -> trace_link:
    """A link to a clause's entry, showing its id (or ``text``) as code."""
    node = trace_link("", "", clause_id=clause_id, classes=["trace-clause-link", *classes])
    node += nodes.literal(text or clause_id, text or clause_id)
    return node


def clause_target(clause_id: str) -> Optional[Tuple[str, str]]:
    """(docname, anchor) of a clause's entry, or None for an id the catalogue lacks."""
    catalogue = current_trace().catalogue
    if clause_id not in catalogue:
        return None
    return clause_docname(catalogue[clause_id].api), clause_anchor(clause_id)


def clause_href(app: Sphinx, from_docname: str, clause_id: str) -> Optional[str]:
    """The relative URL of a clause's entry as seen from ``from_docname``."""
    target = clause_target(clause_id)
    if target is None:
        return None
    return app.builder.get_relative_uri(from_docname, target[0]) + "#" + target[1]


def resolve_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Turn every trace_link into a relative reference (``doctree-resolved``)."""
    known = app.env.all_docs
    for node in list(doctree.findall(trace_link)):
        if node.get("clause_id"):
            target = clause_target(node["clause_id"])
            if target is None:
                logger.warning("unknown clause id %r", node["clause_id"], location=node,
                               type="clause_pages", subtype="link")
                node.replace_self(node.children or [nodes.Text(node["clause_id"])])
                continue
            target_doc, anchor = target
        else:
            target_doc, anchor = node["target_doc"], node.get("anchor", "")
        if target_doc not in known:
            logger.warning("link to a page that does not exist: %s", target_doc, location=node,
                           type="clause_pages", subtype="link")
            node.replace_self(node.children)
            continue
        uri = app.builder.get_relative_uri(docname, target_doc) + (f"#{anchor}" if anchor else "")
        ref = nodes.reference("", "", *node.children, internal=True, refuri=uri,
                              classes=node.get("classes", []))
        node.replace_self(ref)
