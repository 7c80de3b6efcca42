"""JUnit XML: one testcase per clause, in the shape the common Jenkins/xunit schema accepts.

That schema allows no ``<properties>`` inside a ``<testcase>`` and at most one
``<skipped>``; a clause's level, tier and status go into its ``classname`` and
its failure text instead.  ``conformance/schema/junit.xsd`` is the schema the
tests validate against.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import List

from conformance.vocabulary import CORE, ERROR, OPTIONAL, PASS, TEST_PASSED, UNCLEAN

# JUnit's own element names (its vocabulary, not ours: they only look alike).
_FAILURE, _ERROR, _SKIPPED = "failure", "error", "skipped"  # vocabulary: junit
_MESSAGE_LIMIT = 500


def _first(text: str, fallback: str) -> str:
    lines = str(text).splitlines()
    return lines[0][:_MESSAGE_LIMIT] if lines and lines[0] else fallback


def _detail(clause: dict) -> str:
    lines: List[str] = [clause.get("reason", "")]
    if clause.get("statement"):
        lines.append(f"clause: {clause['statement']}")
    if clause.get("docs"):
        lines.append(f"docs: {clause['docs']}")
    lines += [f"{t['nodeid']}: {t['outcome']}: {t['message']}" for t in clause["tests"]
              if t["outcome"] != TEST_PASSED]
    return "\n".join(line for line in lines if line)


def _case(clause: dict) -> ET.Element:
    case = ET.Element("testcase", classname=f"tempfile-conformance.{clause['tier']}.{clause['api']}",
                      name=clause["id"], time=f"{sum(t['duration'] for t in clause['tests']):.3f}")
    status, reason = clause["status"], clause.get("reason", "")
    message = f"{status}: {reason}".strip()
    if status == PASS:
        return case
    if clause["tier"] == CORE and status in UNCLEAN:
        node = ET.SubElement(case, _ERROR if status == ERROR else _FAILURE,
                             message=_first(message, status), type=status)
        node.text = _detail(clause)
        return case
    if clause["tier"] == OPTIONAL and status in UNCLEAN:
        message = f"optional tier (never fails the run): {message}"
    ET.SubElement(case, _SKIPPED, message=_first(message, status))
    return case


def render_junit(document: dict) -> str:
    """JUnit XML with one testcase per clause (and one per session error, if any)."""
    cases = [_case(c) for c in document["clauses"]]
    for index, error in enumerate(document.get("errors", []), start=1):
        case = ET.Element("testcase", classname="tempfile-conformance.session",
                          name=f"session-error-{index}", time="0")
        node = ET.SubElement(case, _ERROR, message=_first(error, ERROR))
        node.text = error
        cases.append(case)
    totals = {tag: str(sum(1 for c in cases if c.find(tag) is not None))
              for tag in (_FAILURE, _ERROR, _SKIPPED)}
    time = f"{sum(float(c.get('time', '0')) for c in cases):.3f}"
    suite = ET.Element("testsuite", name=f"tempfile-conformance[{document['target']['name']}]",
                       tests=str(len(cases)), failures=totals[_FAILURE], errors=totals[_ERROR],
                       skipped=totals[_SKIPPED], time=time)
    suite.extend(cases)
    root = ET.Element("testsuites", name="tempfile-conformance", tests=str(len(cases)),
                      failures=totals[_FAILURE], errors=totals[_ERROR], time=time)
    root.append(suite)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
