"""The traceability page: which clauses have code and tests, and the list of gaps."""

from __future__ import annotations

from typing import Callable, List, Sequence

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .blocks import bullets, para, table
from .links import clause_link, link_to
from .state import clause_docname, current_trace


class Traceability(SphinxDirective):
    """Counts of clauses with and without code and tests, and the list of gaps."""

    def run(self) -> List[nodes.Node]:
        trace = current_trace()
        cat = trace.catalogue
        coded = [c for c in cat if trace.implemented_in(c.id)]
        tested = [c for c in cat if trace.verified_by(c.id)]
        unobservable = [c for c in cat if not trace.verified_by(c.id) and c.unobservable]
        untested = trace.untested()
        out: List[nodes.Node] = []
        out.append(table(["Measure", "Clauses"], [
            ["In the catalogue", str(len(cat))],
            ["Implemented (a [tag] in reference/)", str(len(coded))],
            ["Without implementation tag", str(len(cat) - len(coded))],
            ["Verified by at least one conformance test", str(len(tested))],
            ["Without a test, with an unobservable reason", str(len(unobservable))],
            ["Without a test and without a reason (defects)", str(len(untested))],
        ], ["trace-counts"], [5, 1]))
        out.append(nodes.rubric("By group", "By group"))
        rows = []
        for api in cat.apis:
            group = cat.by_api(api.name)
            rows.append([link_to(clause_docname(api.name), "", api.title), str(len(group)),
                         str(sum(bool(trace.implemented_in(c.id)) for c in group)),
                         str(sum(bool(trace.verified_by(c.id)) for c in group)),
                         str(sum(1 for c in group if c.id in untested))])
        out.append(table(["Group", "Clauses", "With code", "With tests", "Untested"], rows,
                         ["trace-by-group"], [3, 1, 1, 1, 1]))
        out.append(nodes.rubric("Clauses lacking a test", "Clauses lacking a test"))
        out.append(clause_list([c for c in cat if not trace.verified_by(c.id)],
                               lambda c: c.unobservable and f"unobservable: {c.unobservable}"
                               or "no test and no reason: a defect"))
        out.append(nodes.rubric("Clauses lacking code", "Clauses lacking code"))
        out.append(clause_list([c for c in cat if not trace.implemented_in(c.id)],
                               lambda c: "no [tag] in reference/"))
        stray = [(p, cid, "code") for p, cid in trace.code.unknown] + [
            (p, cid, "test") for p, cid in trace.tests.unknown]
        if stray:
            out.append(nodes.rubric("Ids that name no clause", "Ids that name no clause"))
            out.append(bullets(para(nodes.literal(cid, cid), f" ({where}) at ",
                                    link_to(p.docname, p.anchor, f"{p.relpath}, line {p.lineno}"))
                               for p, cid, where in stray))
        return out


def clause_list(clauses: Sequence, why: Callable[[object], str]) -> nodes.Node:
    """A bullet per clause with its level and ``why(clause)``, or 'None.'."""
    if not clauses:
        return para("None.")
    return bullets((para(clause_link(c.id), f" ({c.level}): {why(c)}") for c in clauses), ["trace-gaps"])
