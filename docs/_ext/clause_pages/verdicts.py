"""The verdict matrix: every clause against every run, per group or departures only."""

from __future__ import annotations

from typing import List, Sequence

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from trace_model import Trace
from trace_model.results import DEPARTURE_KINDS, UNEXPLAINED, departure_kind, short_name
from trace_model.runs import TargetRun

from conformance.vocabulary import CLASS_CODES, CLASS_MEANINGS, FAIL, PASS, STATUS_CODES

from .badges import KIND_LABELS, hover_text, verdict_code, verdict_css, verdict_link
from .blocks import bullets, cell, para, table, tooltip
from .links import clause_link, link_to
from .state import MATRIX_DEPARTURES_DOC, MATRIX_DOC, current_trace

NO_RESULTS = ("No results in this build. Run the suite with ``--format json`` into reports/ (or the "
              "matrix, which writes reports/matrix.json) before building the docs.")
UNEXPLAINED_MEANING = "a failure, error or unexpected pass that no expectation entry explains"
GROUPS, DEPARTURES = "groups", "departures"


def key_table() -> nodes.Node:
    """What each colour and code means: one row per kind of departure."""
    rows = [[cell(code_of(kind), ["v-" + kind]), KIND_LABELS[kind],
             CLASS_MEANINGS.get(kind, UNEXPLAINED_MEANING if kind == UNEXPLAINED
                                else "a departure whose document predates the class field")]
            for kind in DEPARTURE_KINDS]
    return table(["Code", "Kind of departure", "Meaning"], rows, ["matrix-key"], [1, 2, 6])


def code_of(kind: str) -> str:
    """The code a matrix cell shows for a kind of departure."""
    return CLASS_CODES.get(kind, STATUS_CODES[FAIL])


def headers(runs: Sequence[TargetRun]) -> List[object]:
    """'Clause' and one short, hover-explained heading per run."""
    return ["Clause"] + [tooltip(short_name(run), f"{run.label}, judged as {run.judged_version}")
                         for run in runs]


def matrix_row(runs: Sequence[TargetRun], clause_id: str) -> List[object]:
    """A clause's row: its id, then a coloured, linked code per run."""
    cells: List[object] = [cell(clause_link(clause_id), ["matrix-clause"])]
    for run in runs:
        verdict = run.verdicts.get(clause_id)
        code = verdict_link(run, clause_id, tooltip(verdict_code(verdict), hover_text(run, clause_id)))
        cells.append(cell(para(code), [verdict_css(verdict)]))
    return cells


def matrix_table(runs: Sequence[TargetRun], clause_ids: Sequence[str]) -> nodes.Node:
    """The matrix of ``clause_ids`` against ``runs``, with a totals row of departures."""
    rows = [matrix_row(runs, cid) for cid in clause_ids]
    totals: List[object] = ["departures"]
    for run in runs:
        count = sum(1 for cid in clause_ids if cid in run.verdicts and departure_kind(run.verdicts[cid]))
        totals.append(cell(str(count), ["matrix-total"]))
    rows.append(totals)
    return table(headers(runs), rows, ["trace-matrix"], [6] + [1] * len(runs))


class VerdictMatrix(SphinxDirective):
    """``.. verdict-matrix::`` with ``:view: groups`` (the default) or ``:view: departures``."""

    option_spec = {"view": lambda arg: directives.choice(arg, (GROUPS, DEPARTURES))}

    def run(self) -> List[nodes.Node]:
        trace = current_trace()
        if not trace.runs:
            return [para(NO_RESULTS, classes=["trace-no-results"])]
        view = self.options.get("view", GROUPS)
        other = (MATRIX_DEPARTURES_DOC, "departures only") if view == GROUPS else (MATRIX_DOC, "by group")
        out: List[nodes.Node] = [para("Other view: ", link_to(other[0], "", other[1]),
                                      ". Hover a heading or a cell for its full words; a departure's "
                                      "cell links to its reason.", classes=["matrix-views"]),
                                 key_table()]
        if trace.run_problems:
            # The matrix job itself fails on these; the page only has to show them.
            note = nodes.admonition(classes=["warning"])
            note += nodes.title("", "Columns without results")
            note += bullets(para(problem) for problem in trace.run_problems)
            out.append(note)
        if view == DEPARTURES:
            out.append(self.departures_only(trace))
        else:
            out.append(self.group_summary(trace))
            out.extend(self.group_sections(trace))
        return out

    @staticmethod
    def departures_only(trace: Trace) -> nodes.Node:
        """One table of the clauses on which at least one run departs."""
        ids = [c.id for c in trace.catalogue if any(
            c.id in run.verdicts and departure_kind(run.verdicts[c.id]) for run in trace.runs)]
        return matrix_table(trace.runs, ids)

    @staticmethod
    def group_summary(trace: Trace) -> nodes.Node:
        """Group by run: how many clauses depart, coloured by the commonest kind, linked to the group."""
        rows = []
        for api in trace.catalogue.apis:
            ids = [c.id for c in trace.catalogue.by_api(api.name)]
            cells: List[object] = [cell(para(link_to(MATRIX_DOC, f"matrix-{api.name}", api.name)),
                                        ["matrix-clause"])]
            for run in trace.runs:
                kinds = [departure_kind(run.verdicts[c]) for c in ids if c in run.verdicts]
                kinds = [k for k in kinds if k]
                top = max(set(kinds), key=kinds.count) if kinds else PASS
                cells.append(cell(str(len(kinds)) if kinds else "ok", [f"v-{top}"]))
            rows.append(cells)
        return table(["Group"] + headers(trace.runs)[1:], rows, ["trace-matrix", "matrix-groups"],
                     [6] + [1] * len(trace.runs))

    @staticmethod
    def group_sections(trace: Trace) -> List[nodes.Node]:
        """A section per API group with its full matrix."""
        out = []
        for api in trace.catalogue.apis:
            section = nodes.section(ids=[f"matrix-{api.name}"])
            section += nodes.title(api.title, api.title)
            section += matrix_table(trace.runs, [c.id for c in trace.catalogue.by_api(api.name)])
            out.append(section)
        return out



class DepartureClasses(SphinxDirective):
    """``.. departure-classes::`` the key of the kinds of departure, from the vocabulary."""

    def run(self) -> List[nodes.Node]:
        return [key_table()]
