"""Pieces every renderer of a result document shares: counts in words, the heading, groups, figures."""

from __future__ import annotations

from typing import Dict, Iterable, List, Mapping

from conformance.vocabulary import (
    ERROR,
    EXPECTED_FAIL,
    FAIL,
    FIGURE_PREFIX,
    MEANS_PROPERTY,
    NOT_APPLICABLE,
    NOT_IMPLEMENTED,
    PASS,
    SKIPPED,
    UNEXPECTED_PASS,
    UNOBSERVABLE,
    UNTESTED,
)


def summary_line(counts: Mapping[str, int]) -> str:
    """The closing line CI tools read; it always starts 'N passed, N failed'.

    It ends with the unobservable count, so "0 failed" never hides clauses
    that were not looked at.
    """
    return (f"{counts[PASS]} passed, {counts[FAIL]} failed, {counts[ERROR]} errors, "
            f"{counts[SKIPPED]} skipped, {counts[NOT_APPLICABLE]} not applicable, "
            f"{counts[EXPECTED_FAIL]} expected failures, "
            f"{counts[UNEXPECTED_PASS]} unexpected passes, {counts[UNOBSERVABLE]} unobservable")


def other_counts(counts: Mapping[str, int]) -> str:
    """The statuses the closing line has no room for."""
    return f"{counts[NOT_IMPLEMENTED]} not implemented, {counts[UNTESTED]} untested"


def heading(document: dict) -> List[str]:
    """Three lines: what was judged, by which interpreter, with which capabilities and expectations."""
    target, interp = document["target"], document["interpreter"]
    impl = f" ({target['implementation']})" if target.get("implementation") else ""
    lines = [f"tempfile conformance: target {target['name']}{impl}, judged as Python "
             f"{document['judged_version']} on {document['platform']}",
             f"interpreter: {interp['implementation']} {interp['version']} ({interp['executable']})"]
    extras = []
    if target.get("partial"):
        extras.append("partial target")
    if target.get("capabilities"):
        extras.append("capabilities: " + ", ".join(target["capabilities"]))
    extras.append("expectations: " + (document.get("expectations") or "none"))
    if document.get("sandbox"):
        extras.append(f"confined by: {document['sandbox']}")
    lines.append("; ".join(extras))
    return lines


def grouped(clauses: Iterable[dict]) -> Dict[str, List[dict]]:
    """Clauses by API, in the order they come."""
    groups: Dict[str, List[dict]] = {}
    for clause in clauses:
        groups.setdefault(clause["api"], []).append(clause)
    return groups


def first_lines(text: str, limit: int) -> List[str]:
    """The first ``limit`` non-blank lines, and "..." when there were more."""
    lines = [ln.rstrip() for ln in str(text).splitlines() if ln.strip()]
    return lines[:limit] + (["..."] if len(lines) > limit else [])


def test_name(nodeid: str) -> str:
    """``conformance/tests/test_load.py::test_x[p]`` -> ``test_load::test_x[p]``."""
    path, _, name = nodeid.partition("::")
    module = path.rsplit("/", 1)[-1].removesuffix(".py")
    return f"{module}::{name}" if name else nodeid


def figures_by_test(clause: dict) -> List[str]:
    """One line per test that measured figures: ``test: key value, key value``."""
    lines = []
    for test in clause["tests"]:
        figures = [f"{key[len(FIGURE_PREFIX):]} {value}" for key, value in test.get("properties", {}).items()
                   if key.startswith(FIGURE_PREFIX)]
        if figures:
            lines.append(f"{test_name(test['nodeid'])}: {', '.join(figures)}")
    return lines


def notes_by_test(clause: dict) -> List[str]:
    """Other properties a test recorded (how it ran, say), one line per test."""
    lines = []
    for test in clause["tests"]:
        notes = [f"{key} = {value}" for key, value in test.get("properties", {}).items()
                 if not key.startswith(FIGURE_PREFIX) and key != MEANS_PROPERTY]
        if notes:
            lines.append(f"{test_name(test['nodeid'])}: {'; '.join(notes)}")
    return lines
