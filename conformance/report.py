"""Rendering a result document as text, JSON, JUnit XML or Markdown.

Every renderer reads only the result document (see docs/reference/json-schema.md),
so a run made by another interpreter (``--python``) renders the same way.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Callable, Dict, Iterable, List, Mapping, Sequence

from conformance.results import count
from conformance.vocabulary import (
    CORE,
    ERROR,
    EXPECTED_FAIL,
    FAIL,
    NOT_APPLICABLE,
    NOT_IMPLEMENTED,
    OPTIONAL,
    PASS,
    SKIPPED,
    STATUSES,
    TEST_ERROR,
    TEST_FAILED,
    TEST_PASSED,
    TIER_TITLES,
    TIERS,
    UNCLEAN,
    UNEXPECTED_PASS,
    UNOBSERVABLE,
    UNTESTED,
)

FORMATS = ("text", "json", "junit", "markdown")

_RED, _YELLOW, _GREEN, _DIM = "31;1", "33", "32", "2"
_COLOURS = {PASS: _GREEN, FAIL: _RED, ERROR: _RED, UNEXPECTED_PASS: _RED, UNTESTED: _RED,
            EXPECTED_FAIL: _YELLOW, SKIPPED: _YELLOW, NOT_IMPLEMENTED: _YELLOW,
            NOT_APPLICABLE: _DIM, UNOBSERVABLE: _DIM}
# Statuses whose reason is worth a line under the clause in the default view.
_EXPLAINED = frozenset({FAIL, ERROR, UNEXPECTED_PASS, UNTESTED, EXPECTED_FAIL, SKIPPED,
                        NOT_IMPLEMENTED})


def summary_line(counts: Mapping[str, int]) -> str:
    """The closing line CI tools read; it always starts 'N passed, N failed'."""
    return (f"{counts[PASS]} passed, {counts[FAIL]} failed, {counts[ERROR]} errors, "
            f"{counts[SKIPPED]} skipped, {counts[NOT_APPLICABLE]} not applicable, "
            f"{counts[EXPECTED_FAIL]} expected failures, "
            f"{counts[UNEXPECTED_PASS]} unexpected passes")


def other_counts(counts: Mapping[str, int]) -> str:
    """The statuses the closing line has no room for."""
    return (f"{counts[NOT_IMPLEMENTED]} not implemented, {counts[UNOBSERVABLE]} unobservable, "
            f"{counts[UNTESTED]} untested")


def _grouped(clauses: Iterable[dict]) -> Dict[str, List[dict]]:
    groups: Dict[str, List[dict]] = {}
    for clause in clauses:
        groups.setdefault(clause["api"], []).append(clause)
    return groups


def _properties(clause: dict) -> List[str]:
    seen: Dict[str, None] = {}
    for test in clause["tests"]:
        for key, value in sorted(test.get("properties", {}).items()):
            seen[f"{key}: {value}"] = None
    return list(seen)


def _first_lines(text: str, limit: int) -> List[str]:
    lines = [ln.rstrip() for ln in str(text).splitlines() if ln.strip()]
    return lines[:limit] + (["..."] if len(lines) > limit else [])


def _heading(document: dict) -> List[str]:
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
    lines.append("; ".join(extras))
    return lines


def _clause_lines(clause: dict, verbosity: int, paint: Callable[[str, str], str]) -> List[str]:
    status = clause["status"]
    label = status.upper() if status in UNCLEAN else status
    lines = [f"  {paint(status, f'{label:<16}')} {clause['id']}"]
    if status in _EXPLAINED and clause.get("reason"):
        reason = clause["reason"]
        if verbosity <= 0:  # pytest's "+  where ..." lines help only the curious
            reason = "\n".join(ln for ln in reason.splitlines() if not ln.startswith("+"))
        lines += [f"      {ln}" for ln in _first_lines(reason, 6)]
    if verbosity > 0:
        for test in clause["tests"]:
            lines.append(f"      - {test['outcome']:<8} {test['nodeid']} ({test['duration']:.3f}s)")
            if test["outcome"] in (TEST_FAILED, TEST_ERROR) and test.get("message"):
                lines += [f"          {ln}" for ln in _first_lines(test["message"], 8)]
    if verbosity >= 0:
        lines += [f"      {prop}" for prop in _properties(clause)]
    return lines


def _tier_lines(clauses: Sequence[dict], verbosity: int,
                paint: Callable[[str, str], str]) -> List[str]:
    lines: List[str] = []
    for api, members in _grouped(clauses).items():
        shown = [c for c in members if verbosity >= 0 or c["status"] in UNCLEAN]
        if not shown:
            continue
        lines += ([""] if lines else []) + [api]
        for clause in shown:
            lines += _clause_lines(clause, verbosity, paint)
    return lines


def render_text(document: dict, verbosity: int = 0, colour: bool = False) -> str:
    """The human report; ``verbosity`` -1 shows only problems, 1 shows every test."""

    def paint(status: str, text: str) -> str:
        return f"\x1b[{_COLOURS[status]}m{text}\x1b[0m" if colour and status in _COLOURS else text

    clauses = document["clauses"]
    core = [c for c in clauses if c["tier"] == CORE]
    optional = [c for c in clauses if c["tier"] == OPTIONAL]
    lines = _heading(document) if verbosity >= 0 else []
    body = _tier_lines(core, verbosity, paint)
    if body:
        lines += ["", TIER_TITLES[CORE], ""] + body
    hidden = [c for c in clauses if c["status"] == UNOBSERVABLE]
    if hidden and verbosity >= 0:
        lines += ["", "Not observable here"]
        lines += [f"  {c['id']}: {c['reason']}" for c in hidden]
    if optional:
        body = _tier_lines(optional, verbosity, paint)
        if body:
            lines += ["", TIER_TITLES[OPTIONAL], ""] + body
        lines += ["", "optional tier: " + summary_line(count(optional, OPTIONAL))]
    if document.get("errors"):
        lines += ["", "Session errors (the run is not clean)"]
        for error in document["errors"]:
            lines += [f"  {ln}" for ln in _first_lines(error, 4)]
    core_counts = count(core, CORE)
    lines += ["", other_counts(core_counts), summary_line(core_counts)]
    return "\n".join(lines).lstrip("\n") + "\n"


def render_json(document: dict) -> str:
    """The result document itself."""
    return json.dumps(document, indent=2) + "\n"


# JUnit's own element names (its vocabulary, not ours: they only look alike).
_JUNIT_FAILURE, _JUNIT_ERROR, _JUNIT_SKIPPED = "failure", "error", "skipped"  # vocabulary: junit


def _junit_case(clause: dict) -> ET.Element:
    case = ET.Element("testcase", classname=f"tempfile-conformance.{clause['tier']}.{clause['api']}",
                      name=clause["id"],
                      time=f"{sum(t['duration'] for t in clause['tests']):.3f}")
    props = ET.SubElement(case, "properties")
    for key in ("level", "tier", "kind", "status"):
        ET.SubElement(props, "property", name=key, value=str(clause[key]))
    status, reason = clause["status"], clause.get("reason", "")
    message = f"{status}: {reason}".strip()
    if status == PASS:
        return case
    if clause["tier"] == CORE and status in UNCLEAN:
        tag = _JUNIT_ERROR if status == ERROR else _JUNIT_FAILURE
        node = ET.SubElement(case, tag, message=message.splitlines()[0][:500], type=status)
        node.text = "\n".join([reason] + [f"{t['nodeid']}: {t['outcome']}: {t['message']}"
                                          for t in clause["tests"] if t["outcome"] != TEST_PASSED])
    else:
        if clause["tier"] == OPTIONAL and status in UNCLEAN:
            message = f"optional tier (never fails the run): {message}"
        ET.SubElement(case, _JUNIT_SKIPPED, message=message.splitlines()[0][:500] if message else status)
    return case


def render_junit(document: dict) -> str:
    """JUnit XML with one testcase per clause (and one for session errors, if any)."""
    cases = [_junit_case(c) for c in document["clauses"]]
    for index, error in enumerate(document.get("errors", []), start=1):
        case = ET.Element("testcase", classname="tempfile-conformance.session",
                          name=f"session-error-{index}", time="0")
        node = ET.SubElement(case, _JUNIT_ERROR, message=error.splitlines()[0][:500] if error else ERROR)
        node.text = error
        cases.append(case)
    suite = ET.Element("testsuite", name=f"tempfile-conformance[{document['target']['name']}]",
                       tests=str(len(cases)),
                       failures=str(sum(1 for c in cases if c.find(_JUNIT_FAILURE) is not None)),
                       errors=str(sum(1 for c in cases if c.find(_JUNIT_ERROR) is not None)),
                       skipped=str(sum(1 for c in cases if c.find(_JUNIT_SKIPPED) is not None)),
                       time=f"{sum(float(c.get('time', '0')) for c in cases):.3f}")
    suite.extend(cases)
    root = ET.Element("testsuites")
    root.append(suite)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _md(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def render_markdown(document: dict) -> str:
    """A Markdown page: heading facts, summary, then one table per API and tier."""
    target = document["target"]
    lines = [f"# tempfile conformance: {_md(target['name'])}", ""]
    lines += [f"- {_md(line)}" for line in _heading(document)]
    clauses = document["clauses"]
    for tier in TIERS:
        members = [c for c in clauses if c["tier"] == tier]
        if not members:
            continue
        lines += ["", f"## {TIER_TITLES[tier]}", "", f"**{summary_line(count(members, tier))}**"]
        for api, group in _grouped(members).items():
            lines += ["", f"### {_md(api)}", "", "| Clause | Level | Status | Notes |",
                      "| --- | --- | --- | --- |"]
            for c in group:
                note = c.get("reason", "") if c["status"] != PASS else ""
                lines.append(f"| `{c['id']}` | {c['level']} | {c['status']} | {_md(note)[:300]} |")
    if document.get("errors"):
        lines += ["", "## Session errors", ""] + [f"- {_md(e)[:500]}" for e in document["errors"]]
    lines += ["", summary_line(count([c for c in clauses if c["tier"] == CORE], CORE)), ""]
    return "\n".join(lines)


def render(document: dict, fmt: str, verbosity: int = 0, colour: bool = False) -> str:
    """Dispatch on ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return render_json(document)
    if fmt == "junit":
        return render_junit(document)
    if fmt == "markdown":
        return render_markdown(document)
    return render_text(document, verbosity, colour)


__all__ = ["FORMATS", "STATUSES", "render", "render_json", "render_junit", "render_markdown",
           "render_text", "summary_line"]
