"""One implementation's page: its departures, each with its reason and evidence, then what passed."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from trace_model.evidence import evidence_by_clause, split_urls
from trace_model.results import Departure, departures, kind_counts, pass_rate, passed
from trace_model.runs import TargetRun
from trace_model.scan import ID_TOKEN_RE

from conformance.vocabulary import CLASS_MEANINGS, STATUS_LABELS

from .badges import KIND_LABELS
from .blocks import folded, para
from .links import clause_link
from .overview import percent
from .state import current_trace, departure_anchor, find_run
from .verdicts import UNEXPLAINED_MEANING


def evidence_para(text: str) -> nodes.paragraph:
    """The evidence line: URLs become links, and so does every clause id it names."""
    out = para("Evidence: ", classes=["departure-evidence"])
    catalogue = current_trace().catalogue
    for piece, is_url in split_urls(text):
        if is_url:
            out += nodes.reference(piece, piece, refuri=piece)
            continue
        last = 0
        for match in ID_TOKEN_RE.finditer(piece):
            if match.group(1) in catalogue:
                out += nodes.Text(piece[last:match.start()])
                out += clause_link(match.group(1))
                last = match.end()
        out += nodes.Text(piece[last:])
    return out


def one_line_reason(item: Departure) -> str:
    """The reason's first line, without the test message it repeats (the output below shows that)."""
    reason = item.verdict.reason.splitlines()[0] if item.verdict.reason else "no reason given"
    for output in item.verdict.outputs:
        first = output.message.splitlines()[0] if output.message else ""
        if first and reason.endswith(f" -- {first}"):
            return reason[: -len(f" -- {first}")]
    return reason


def departure_section(run: TargetRun, item: Departure, evidence: Dict[str, str]) -> nodes.section:
    """One departure: clause, kind, one-line reason, evidence, and the folded test output."""
    section = nodes.section(ids=[departure_anchor(item.clause_id)], classes=["departure"])
    title = nodes.title()
    title += clause_link(item.clause_id)
    section += title
    meaning = CLASS_MEANINGS.get(item.kind, UNEXPLAINED_MEANING)
    kind = nodes.abbreviation("", KIND_LABELS[item.kind], explanation=meaning,
                              classes=["badge", f"v-{item.kind}"])
    status = STATUS_LABELS.get(item.verdict.status, item.verdict.status)
    section += para(kind, f" {status}: {one_line_reason(item)}", classes=["departure-reason"])
    cited = evidence.get(item.clause_id, "")
    if cited and not item.verdict.reason.endswith(cited):  # adapters cite the observed message itself
        section += evidence_para(cited)
    shown = [o for o in item.verdict.outputs if o.message]
    if shown:
        # A literal block keeps the output's line breaks and straight quotes.
        text = "\n\n".join(f"{o.name} ({o.outcome})\n{o.message}" for o in shown)
        block = nodes.literal_block(text, text, language="text", classes=["departure-output"])
        section += folded(f"Test output ({len(shown)} test(s))", block)
    return section


class ImplementationResults(SphinxDirective):
    """``.. implementation-results:: KEY`` the page of the run whose column key is KEY."""

    required_arguments = 1

    def run(self) -> List[nodes.Node]:
        trace = current_trace()
        run = find_run(self.arguments[0])
        if run is None:
            return [para(f"No run named {self.arguments[0]} in this build.", classes=["trace-no-results"])]
        order = [c.id for c in trace.catalogue]
        found = departures(run, order)
        good, applicable = pass_rate(run)
        counts = ", ".join(f"{n} {KIND_LABELS[k]}" for k, n in kind_counts(run).items() if n) or "none"
        out: List[nodes.Node] = [para(
            f"{run.label}, judged as Python {run.judged_version} on {run.platform or 'an unnamed platform'}. "
            f"It passes {good} of the {applicable} clauses that apply to it ({percent(good, applicable)}); "
            f"departures: {counts}."
            + (f" Expectation file: conformance/expectations/{run.expectations}."
               if run.expectations else ""),
            classes=["implementation-summary"])]
        section = nodes.section(ids=["departures"])
        section += nodes.title("", f"Departures ({len(found)})")
        if not found:
            section += para("None: every applicable clause passes.")
        evidence = evidence_by_clause(Path(self.config.trace_repo_root), run.expectations)
        section.extend(departure_section(run, item, evidence) for item in found)
        out.append(section)
        passing = passed(run, order)
        section = nodes.section(ids=["what-passed"])
        section += nodes.title("", f"Passed ({len(passing)})")
        listing = para(classes=["passed-list"])
        for i, cid in enumerate(passing):
            listing += nodes.Text(", " if i else "")
            listing += clause_link(cid)
        section += folded(f"Show the {len(passing)} clauses that passed", listing)
        out.append(section)
        return out
