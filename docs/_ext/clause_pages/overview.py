"""The results overview of the landing page: one row per implementation, linked to its page."""

from __future__ import annotations

from typing import List

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from trace_model import Trace
from trace_model.results import DEPARTURE_KINDS, kind_counts, page_slug, pass_rate, short_name

from .badges import KIND_LABELS
from .blocks import cell, para, table, tooltip
from .links import link_to
from .state import MATRIX_DEPARTURES_DOC, MATRIX_DOC, current_trace, results_docname
from .verdicts import NO_RESULTS, code_of


def percent(passed: int, applicable: int) -> str:
    """'97.3%' (one decimal), or '-' when nothing applied."""
    return f"{100 * passed / applicable:.1f}%" if applicable else "-"


def overview_table(trace: Trace) -> nodes.Node:
    """Implementation, pass rate over applicable clauses, and a count per kind of departure."""
    kinds = [k for k in DEPARTURE_KINDS if any(kind_counts(run)[k] for run in trace.runs)]
    rows = []
    for run in trace.runs:
        passed, applicable = pass_rate(run)
        counts = kind_counts(run)
        name = para(link_to(results_docname(page_slug(run)), "", run.label))
        row: List[object] = [cell(name, ["overview-name"]),
                             cell(tooltip(short_name(run), "its column in the matrix"), ["overview-short"]),
                             cell(para(f"{percent(passed, applicable)} ",
                                       nodes.inline("", f"{passed}/{applicable}", classes=["overview-of"])),
                                  ["overview-rate"])]
        row += [cell(str(counts[k]) if counts[k] else "", [f"v-{k}"] if counts[k] else []) for k in kinds]
        rows.append(row)
    head: List[object] = ["Implementation", "Col.", "Passed"]
    head += [tooltip(code_of(k), f"{KIND_LABELS[k]}: departures of this kind") for k in kinds]
    return table(head, rows, ["results-overview"], [5, 1, 2] + [1] * len(kinds))


class ResultsOverview(SphinxDirective):
    """``.. results-overview::`` the table of every implementation in this build's results."""

    def run(self) -> List[nodes.Node]:
        trace = current_trace()
        if not trace.runs:
            return [para(NO_RESULTS, classes=["trace-no-results"])]
        intro = para("Passed counts the clauses that held, out of those that apply to the implementation "
                     "(not-applicable, unobservable and skipped clauses are left out); the other columns "
                     "count its departures by kind. Each implementation links to its own page; see also "
                     "the ", link_to(MATRIX_DOC, "", "matrix by group"), " and the ",
                     link_to(MATRIX_DEPARTURES_DOC, "", "departures only"), ".")
        return [intro, overview_table(trace)]
