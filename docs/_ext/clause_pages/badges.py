"""A verdict as a small coloured badge, and the strip of every run's badge on one clause."""

from __future__ import annotations

from typing import List, Optional

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from trace_model import Trace
from trace_model.results import UNEXPLAINED, departure_kind, page_slug, short_name, version_changes
from trace_model.runs import TargetRun, Verdict

from conformance.vocabulary import CLASS_CODES, CLASS_LABELS, STATUS_CODES, STATUS_LABELS

from .blocks import ABSENT, para
from .links import trace_link
from .state import current_trace, departure_anchor, results_docname

KIND_LABELS = {**CLASS_LABELS, UNEXPLAINED: "unexplained"}


def verdict_words(verdict: Optional[Verdict]) -> str:
    """'expected fail (bug)', 'pass', 'FAIL (unexplained)': the status and, for a departure, its kind."""
    if verdict is None:
        return "not in this run"
    kind = departure_kind(verdict)
    words = STATUS_LABELS.get(verdict.status, verdict.status)
    return f"{words} ({KIND_LABELS.get(kind, kind)})" if kind else words


def verdict_code(verdict: Optional[Verdict]) -> str:
    """The few letters a matrix cell shows: the class code for a departure, else the status code."""
    if verdict is None:
        return "?"
    kind = departure_kind(verdict)
    if kind and kind != UNEXPLAINED:
        return CLASS_CODES.get(kind, kind)
    return STATUS_CODES.get(verdict.status, verdict.status)


def verdict_css(verdict: Optional[Verdict]) -> str:
    """One class per colour: the departure's kind, else the status."""
    if verdict is None:
        return f"v-{ABSENT}"
    return f"v-{departure_kind(verdict) or verdict.status}"


def verdict_link(run: TargetRun, clause_id: str, content: nodes.Node) -> nodes.Node:
    """``content`` linked to the departure's entry on the run's page (or to the page itself)."""
    verdict = run.verdicts.get(clause_id)
    anchor = departure_anchor(clause_id) if verdict and departure_kind(verdict) else ""
    link = trace_link("", "", target_doc=results_docname(page_slug(run)), anchor=anchor)
    link += content
    return link


def hover_text(run: TargetRun, clause_id: str) -> str:
    """'CPython 3.9.18 stdlib: expected fail (bug): reason', shown when a badge or cell is hovered."""
    verdict = run.verdicts.get(clause_id)
    text = f"{run.label}: {verdict_words(verdict)}"
    return text + (f": {verdict.reason}" if verdict and verdict.reason else "")


def badge(run: TargetRun, clause_id: str) -> nodes.Node:
    """``3.12 errat`` in the colour of its kind, the full verdict and reason on hover."""
    verdict = run.verdicts.get(clause_id)
    hover = hover_text(run, clause_id)
    text = f"{short_name(run)} {verdict_code(verdict)}"
    inner = nodes.abbreviation(text, text, explanation=hover, classes=["badge", verdict_css(verdict)])
    return verdict_link(run, clause_id, inner)


def badge_strip(trace: Trace, clause_id: str) -> List[nodes.Node]:
    """Every run's badge on one clause, then a note per release where CPython's verdict changes."""
    if not trace.runs:
        return [para("No results in this build.", classes=["trace-no-results"])]
    strip = nodes.paragraph(classes=["badge-strip"])
    for i, run in enumerate(trace.runs):
        strip += nodes.Text(" " if i else "")
        strip += badge(run, clause_id)
    out: List[nodes.Node] = [strip]
    for change in version_changes(trace.runs, clause_id):
        out.append(para(f"Changed in {change.version}: {verdict_words(change.before)} on "
                        f"{change.previous}, {verdict_words(change.after)} from {change.version}.",
                        classes=["version-changed"]))
    return out


class ClauseVerdicts(SphinxDirective):
    """``.. clause-verdicts:: ID`` the badge strip of one clause, on any page that discusses it."""

    required_arguments = 1

    def run(self) -> List[nodes.Node]:
        return badge_strip(current_trace(), self.arguments[0].strip())
