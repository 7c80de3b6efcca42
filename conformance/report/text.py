"""The text report: summary first, then what needs a reader's attention, each failure in one line.

Verbosity: -1 shows only problems (``-q``); 0 hides passes and clauses that do
not apply; 1 (``-v``) shows every clause with its tests, the pytest detail of
each failure, how each clause was observed and every recorded property.
"""

from __future__ import annotations

from typing import Callable, List, Sequence

from conformance.report.common import (
    figures_by_test,
    first_lines,
    grouped,
    heading,
    notes_by_test,
    other_counts,
    summary_line,
    test_name,
)
from conformance.results import count
from conformance.vocabulary import (
    CLASS_LABELS,
    CORE,
    ERROR,
    EXPECTED_FAIL,
    FAIL,
    NOT_APPLICABLE,
    NOT_IMPLEMENTED,
    OPTIONAL,
    PASS,
    SKIPPED,
    STATUS_LABELS,
    TEST_ERROR,
    TEST_FAILED,
    TIER_TITLES,
    UNCLEAN,
    UNEXPECTED_PASS,
    UNOBSERVABLE,
    UNTESTED,
)

Paint = Callable[[str, str], str]

_RED, _YELLOW, _GREEN, _DIM = "31;1", "33", "32", "2"
_COLOURS = {PASS: _GREEN, FAIL: _RED, ERROR: _RED, UNEXPECTED_PASS: _RED, UNTESTED: _RED,
            EXPECTED_FAIL: _YELLOW, SKIPPED: _YELLOW, NOT_IMPLEMENTED: _YELLOW,
            NOT_APPLICABLE: _DIM, UNOBSERVABLE: _DIM}
# Hidden in the default view: nothing to act on (a listed departure is already explained,
# and its expectation file says why; -v shows it).
_QUIET = frozenset({PASS, NOT_APPLICABLE, EXPECTED_FAIL})
_INDENT = " " * 6


def _shown(status: str, verbosity: int) -> bool:
    if verbosity < 0:
        return status in UNCLEAN
    return verbosity > 0 or status not in _QUIET


def _clause_lines(clause: dict, verbosity: int, paint: Paint) -> List[str]:
    status = clause["status"]
    label = STATUS_LABELS[status]
    klass = clause.get("departure_class")
    suffix = f" [{CLASS_LABELS.get(klass, klass)}]" if klass else ""
    lines = [f"  {paint(status, f'{label:<16}')} {clause['id']}{suffix}"]
    if status != PASS and clause.get("reason"):
        lines += [_INDENT + ln for ln in first_lines(clause["reason"], 1 if status in UNCLEAN else 3)]
    if (status in UNCLEAN or verbosity > 0) and status != PASS:
        if clause.get("statement"):
            lines.append(f"{_INDENT}clause: {clause['statement']}")
        if clause.get("docs"):
            lines.append(f"{_INDENT}docs: {clause['docs']}")
    if verbosity > 0:
        if clause.get("means"):
            lines.append(f"{_INDENT}observed by: {', '.join(clause['means'])}")
        for test in clause["tests"]:
            name = test_name(test["nodeid"])
            lines.append(f"{_INDENT}- {test['outcome']:<8} {name} ({test['duration']:.3f}s)")
            if test["outcome"] in (TEST_FAILED, TEST_ERROR) and test.get("message"):
                lines += [f"{_INDENT}    {ln}" for ln in first_lines(test["message"], 12)]
        lines += [f"{_INDENT}{note}" for note in notes_by_test(clause)]
    if verbosity >= 0:
        lines += [f"{_INDENT}{figure}" for figure in figures_by_test(clause)]
    return lines


def _tier_lines(clauses: Sequence[dict], verbosity: int, paint: Paint) -> List[str]:
    lines: List[str] = []
    for api, members in grouped(clauses).items():
        shown = [c for c in members if _shown(c["status"], verbosity)]
        if not shown:
            continue
        lines += ([""] if lines else []) + [api]
        for clause in shown:
            lines += _clause_lines(clause, verbosity, paint)
    return lines


def _hidden_note(clauses: Sequence[dict], verbosity: int) -> List[str]:
    if verbosity != 0:
        return []
    quiet = count(c for c in clauses if c["status"] in _QUIET)
    if not quiet[PASS] and not quiet[NOT_APPLICABLE] and not quiet[EXPECTED_FAIL]:
        return []
    return ["", f"({quiet[PASS]} passed, {quiet[NOT_APPLICABLE]} not applicable and "
                f"{quiet[EXPECTED_FAIL]} expected-to-fail clauses not shown; -v shows every clause)"]


def render_text(document: dict, verbosity: int = 0, colour: bool = False) -> str:
    """The human report; ``verbosity`` -1 shows only problems, 1 shows every clause and test."""

    def paint(status: str, text: str) -> str:
        return f"\x1b[{_COLOURS[status]}m{text}\x1b[0m" if colour and status in _COLOURS else text

    clauses = document["clauses"]
    core = [c for c in clauses if c["tier"] == CORE]
    optional = [c for c in clauses if c["tier"] == OPTIONAL]
    core_counts = count(core, CORE)
    lines: List[str] = []
    if verbosity >= 0:
        totals = f"core tier: {summary_line(core_counts)}; {other_counts(core_counts)}"
        lines += heading(document) + ["", totals]
    body = _tier_lines(core, verbosity, paint)
    if body:
        lines += ["", TIER_TITLES[CORE], ""] + body
    if optional:
        body = _tier_lines(optional, verbosity, paint)
        if body:
            lines += ["", TIER_TITLES[OPTIONAL], ""] + body
        lines += ["", "optional tier: " + summary_line(count(optional, OPTIONAL))]
    lines += _hidden_note(clauses, verbosity)
    if document.get("errors"):
        lines += ["", "Session errors (the run is not clean)"]
        for error in document["errors"]:
            lines += [f"  {ln}" for ln in first_lines(error, 4)]
    lines += ["", other_counts(core_counts), summary_line(core_counts)]
    return "\n".join(lines).lstrip("\n") + "\n"
