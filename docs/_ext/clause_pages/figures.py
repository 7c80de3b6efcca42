"""The figures page: the adversarial groups per target, and what their tests measured."""

from __future__ import annotations

from typing import List

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from trace_model import Trace

from conformance.vocabulary import NOT_APPLICABLE, NOT_IMPLEMENTED, PASS, SKIPPED

from .blocks import para, table
from .links import clause_link
from .state import current_trace

FIGURE_GROUPS = ("security", "cleanup", "faults", "load", "badinput")
SUMMED_FIGURES = ("trials", "examples", "collisions", "errors", "leaks")
# Verdicts that say the clause did not apply to the run, so it neither held nor failed.
NOT_JUDGED = (NOT_APPLICABLE, NOT_IMPLEMENTED, SKIPPED)


class FiguresPage(SphinxDirective):
    """The adversarial groups per target: verdicts, and the figures their tests measured."""

    def run(self) -> List[nodes.Node]:
        trace = current_trace()
        if not trace.runs:
            return [para("No results in this build: figures come from the result files in reports/.",
                         classes=["trace-no-results"])]
        out: List[nodes.Node] = [self.overview(trace)]
        for run in trace.runs:
            section = nodes.section(ids=[f"figures-{nodes.make_id(run.label)}"])
            section += nodes.title(run.label, run.label)
            rows = [[clause_link(cid), test, name, value] for cid, test, name, value in run.figures]
            section += (table(["Clause", "Test", "Figure", "Value"], rows, ["trace-figures"], [4, 4, 2, 2])
                        if rows else para("This run recorded no figures."))
            out.append(section)
        return out

    @staticmethod
    def overview(trace: Trace) -> nodes.Node:
        """One row per target: how many adversarial clauses held, and the summed counts."""
        rows = []
        for run in trace.runs:
            cells: List[object] = [run.label]
            for group in FIGURE_GROUPS:
                ids = [c.id for c in trace.catalogue.by_api(group)]
                judged = [run.verdicts[i].status for i in ids if i in run.verdicts]
                held = sum(s == PASS for s in judged)
                applicable = sum(s not in NOT_JUDGED for s in judged)
                cells.append(f"{held}/{applicable}")
            for name in SUMMED_FIGURES:
                values = [float(v) for _, _, n, v in run.figures if n == name and is_number(v)]
                cells.append(f"{sum(values):g}" if values else "-")
            rows.append(cells)
        headers = (["Target"] + [f"{g} held" for g in FIGURE_GROUPS]
                   + [f"{n} (sum)" for n in SUMMED_FIGURES])
        return table(headers, rows, ["trace-figures-overview"], [3] + [1] * (len(headers) - 1))


def is_number(text: str) -> bool:
    """Whether a recorded figure reads as a number (some are words)."""
    try:
        float(text)
    except ValueError:
        return False
    return True
