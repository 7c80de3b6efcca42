"""Verdicts: every run's verdict on one clause, and the matrix of every clause against every run."""

from __future__ import annotations

from typing import List, Sequence

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from trace_model import Trace
from trace_model.runs import TargetRun

from conformance.vocabulary import STATUS_LABELS, STATUSES

from .blocks import ABSENT, bullets, para, table, verdict_like, verdict_node
from .links import clause_link
from .state import current_trace

NO_RESULTS = ("No results in this build. Run the suite with ``--format json`` into reports/ (or the "
              "matrix, which writes reports/matrix.json) before building the docs.")


def verdicts_for(trace: Trace, clause_id: str) -> nodes.Node:
    """The table of every run's verdict on one clause, or a sentence saying there are none."""
    if not trace.runs:
        return para("No results in this build.", classes=["trace-no-results"])
    rows = []
    for run in trace.runs:
        verdict = run.verdicts.get(clause_id)
        if verdict is None:
            rows.append([run.label, run.judged_version, verdict_node(ABSENT), "clause not in this run"])
        else:
            rows.append([run.label, run.judged_version, verdict_node(verdict.status), verdict.reason])
    return table(["Target", "Judged as", "Verdict", "Reason"], rows, ["trace-verdicts"], [3, 1, 1, 5])


def status_counts(run: TargetRun) -> str:
    """'N pass, M expected fail, …' in the vocabulary's order, from the run's own summary."""
    counts = run.summary or {s: sum(v.status == s for v in run.verdicts.values()) for s in STATUSES}
    return ", ".join(f"{counts[s]} {STATUS_LABELS[s]}" for s in STATUSES if counts.get(s))


class VerdictMatrix(SphinxDirective):
    """Every clause against every target run in this build's results."""

    def run(self) -> List[nodes.Node]:
        trace = current_trace()
        if not trace.runs:
            return [para(NO_RESULTS, classes=["trace-no-results"])]
        out: List[nodes.Node] = [self.summary(trace.runs)]
        if trace.run_problems:
            # The matrix job itself fails on these; the page only has to show them.
            note = nodes.admonition(classes=["warning"])
            note += nodes.title("", "Columns without results")
            note += bullets(para(problem) for problem in trace.run_problems)
            out.append(note)
        for api in trace.catalogue.apis:
            section = nodes.section(ids=[f"matrix-{api.name}"])
            section += nodes.title(api.title, api.title)
            rows = []
            for clause in trace.catalogue.by_api(api.name):
                cells: List[object] = [clause_link(clause.id), verdict_like(clause.level, "level")]
                for run in trace.runs:
                    verdict = run.verdicts.get(clause.id)
                    cells.append(verdict_node(verdict.status if verdict else ABSENT))
                rows.append(cells)
            headers = ["Clause", "Level"] + [run.label for run in trace.runs]
            section += table(headers, rows, ["trace-matrix"], [4, 1] + [1] * len(trace.runs))
            out.append(section)
        return out

    @staticmethod
    def summary(runs: Sequence[TargetRun]) -> nodes.Node:
        """One row per run: what it judged, where, and its counts per status."""
        rows = [[run.label, run.judged_version, run.platform, status_counts(run) or "no clauses", run.source]
                for run in runs]
        return table(["Target", "Judged as", "Platform", "Verdicts", "From"], rows,
                     ["trace-run-summary"], [3, 1, 1, 6, 2])
