"""The figures page: charts per implementation, anomalies flagged, then the recorded figures."""

from __future__ import annotations

from pathlib import Path
from typing import List

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from trace_model import Trace

from .blocks import bullets, folded, para, table
from .charts import draw_charts, held, is_number, run_figures
from .links import clause_link
from .state import GENERATED, current_trace

FIGURE_GROUPS = ("security", "cleanup", "faults", "load", "badinput")
SUMMED_FIGURES = ("trials", "examples", "collisions", "errors", "leaks")
CHARTS_FOLDER = "figures"  # under docs/generated
CHART_TEXT = {
    "attacks": "Attacks resisted: the share of the security clauses (planted links, races, "
               "descriptor inheritance, predictable names) that held.",
    "entropy": "Name randomness: the worst chi-square over the positions of the generated names; "
               "uniform names scatter around the dashed line.",
    "load": "Load: files made per second by concurrent workers (median of the load tests); a red bar "
            "had errors or made no file.",
}


class FiguresPage(SphinxDirective):
    """The adversarial groups per target: charts, anomalies, and the figures their tests measured."""

    def run(self) -> List[nodes.Node]:
        trace = current_trace()
        if not trace.runs:
            return [para("No results in this build: figures come from the result files in reports/.",
                         classes=["trace-no-results"])]
        figures = [run_figures(trace, run) for run in trace.runs]
        out: List[nodes.Node] = [self.anomalies([a for f in figures for a in f.anomalies])]
        files = draw_charts(figures, Path(self.env.srcdir) / GENERATED / CHARTS_FOLDER)
        for name, file_name in files.items():
            figure = nodes.figure(classes=["results-chart"])
            figure += nodes.image(uri=f"/{GENERATED}/{CHARTS_FOLDER}/{file_name}", alt=CHART_TEXT[name])
            figure += nodes.caption("", CHART_TEXT[name])
            out.append(figure)
        out.append(nodes.rubric("Clauses held per group", "Clauses held per group"))
        out.append(self.held_table(trace))
        out.append(nodes.rubric("Summed counts", "Summed counts"))
        out.append(self.sums_table(trace))
        for run in trace.runs:
            section = nodes.section(ids=[f"figures-{nodes.make_id(run.label)}"])
            section += nodes.title(run.label, run.label)
            rows = [[clause_link(cid), test, name, value] for cid, test, name, value in run.figures]
            section += (folded(f"{len(rows)} recorded figures", table(
                ["Clause", "Test", "Figure", "Value"], rows, ["trace-figures"], [4, 4, 2, 2]))
                if rows else para("This run recorded no figures."))
            out.append(section)
        return out

    @staticmethod
    def anomalies(found: List[str]) -> nodes.Node:
        """Every figure that should have been zero and was not, said at the top of the page."""
        if not found:
            return para("No anomaly: no errors, collisions or leaks in any run, and every security "
                        "clause held.", classes=["figure-no-anomalies"])
        note = nodes.admonition(classes=["warning", "figure-anomalies"])
        note += nodes.title("", f"{len(found)} anomalies in this build's figures")
        note += bullets(para(line) for line in found)
        return note

    @staticmethod
    def held_table(trace: Trace) -> nodes.Node:
        """One row per target: how many clauses of each adversarial group held, of those that apply."""
        rows = [[run.label] + ["{}/{}".format(*held(trace, run, g)) for g in FIGURE_GROUPS]
                for run in trace.runs]
        return table(["Target"] + list(FIGURE_GROUPS), rows, ["trace-figures-overview"],
                     [3] + [1] * len(FIGURE_GROUPS))

    @staticmethod
    def sums_table(trace: Trace) -> nodes.Node:
        """One row per target: each counted figure summed over its tests."""
        rows = []
        for run in trace.runs:
            cells: List[object] = [run.label]
            for name in SUMMED_FIGURES:
                values = [float(v) for _, _, n, v in run.figures if n == name and is_number(v)]
                cells.append(f"{sum(values):g}" if values else "-")
            rows.append(cells)
        return table(["Target"] + list(SUMMED_FIGURES), rows, ["trace-figures-overview"],
                     [3] + [1] * len(SUMMED_FIGURES))
