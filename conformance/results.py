"""Turning per-test outcomes into per-clause statuses: pure functions, no pytest.

A clause's status is decided in this order (the target contract documents it):

1. the clause does not hold for the judged version or this platform -> ``not-applicable``;
2. no test names it -> ``unobservable`` when the clause says why, else ``untested``;
3. any of its tests failed -> ``fail``; else any errored -> ``error``;
4. any passed -> ``pass``;
5. every test was skipped -> the skip reasons decide (see :func:`status_of_skip`).

An expectation (a known departure listed for this target) then turns ``fail``
or ``error`` into ``expected-fail`` and ``pass`` into ``unexpected-pass``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from conformance.plugin import MISSING_CAPABILITY, NOT_APPLICABLE, NOT_IMPLEMENTED

SCHEMA = "tempfile-conformance/1"

STATUSES = (
    "pass", "fail", "error", "not-applicable", "skipped", "expected-fail",
    "unexpected-pass", "not-implemented", "unobservable", "untested",
)
# Statuses that make a run unclean (exit status 1) when they occur in the core tier.
UNCLEAN = frozenset({"fail", "error", "unexpected-pass", "untested"})
TIERS = ("core", "optional")


@dataclass
class TestOutcome:
    """One test's result, as the report shows it."""

    __test__ = False  # a data class, not something for pytest to collect
    nodeid: str
    clauses: Tuple[str, ...]
    outcome: str  # passed | failed | error | skipped
    message: str = ""
    duration: float = 0.0
    properties: Dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"nodeid": self.nodeid, "outcome": self.outcome, "message": self.message,
                "duration": round(self.duration, 4), "properties": dict(self.properties)}


@dataclass
class ClauseResult:
    """A clause's verdict and the tests behind it."""

    id: str
    api: str
    level: str
    tier: str
    kind: str
    status: str
    reason: str = ""
    tests: List[TestOutcome] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"id": self.id, "api": self.api, "level": self.level, "tier": self.tier,
                "kind": self.kind, "status": self.status, "reason": self.reason,
                "tests": [t.as_dict() for t in self.tests]}


def status_of_skip(reason: str, partial: bool) -> Tuple[str, str]:
    """The clause status one skipped test stands for, and the reason to show."""
    if reason.startswith(NOT_IMPLEMENTED):
        if partial:
            return "not-implemented", reason
        # A target that claims the whole API may not lack a public name.
        return "fail", f"{reason} (the target does not declare itself partial)"
    if reason.startswith(NOT_APPLICABLE):
        return "not-applicable", reason
    if reason.startswith(MISSING_CAPABILITY):
        return "skipped", reason
    return "skipped", reason or "skipped"


# When a clause's tests were all skipped for different reasons, the most
# telling one wins: a failure hidden in a skip first, a missing name before a
# missing capability, and "does not apply" last.
_SKIP_RANK = {"fail": 0, "not-implemented": 1, "skipped": 2, "not-applicable": 3}


def clause_status(applies: bool, unobservable: str, tests: Sequence[TestOutcome],
                  partial: bool) -> Tuple[str, str]:
    """The status and reason of one clause, before expectations."""
    if not applies:
        return "not-applicable", "the clause does not hold for the judged version or platform"
    if not tests:
        if unobservable:
            return "unobservable", unobservable
        return "untested", "no conformance test names this clause"
    for outcome, status in (("failed", "fail"), ("error", "error")):
        bad = [t for t in tests if t.outcome == outcome]
        if bad:
            return status, bad[0].message
    if any(t.outcome == "passed" for t in tests):
        return "pass", ""
    verdicts = [status_of_skip(t.message, partial) for t in tests]
    status, reason = min(verdicts, key=lambda v: _SKIP_RANK[v[0]])
    if unobservable and status != "fail":
        return "unobservable", f"{unobservable} ({reason})"
    return status, reason


def apply_expectation(status: str, reason: str, expected: Optional[object]) -> Tuple[str, str]:
    """Fold a listed departure (an :class:`~conformance.expectations.Expectation`) into a status."""
    if expected is None:
        return status, reason
    why = f"{getattr(expected, 'klass', '')}: {getattr(expected, 'reason', '')}"
    listed = getattr(expected, "status", "fail")
    if status in ("fail", "error") and listed in ("fail", "error"):
        return "expected-fail", f"{why} -- {reason}" if reason else why
    if status == "pass":
        return "unexpected-pass", f"listed as an expected {listed} ({why}) but it passed"
    if status == "skipped" and listed == "skipped":
        return "skipped", f"{why} -- {reason}" if reason else why
    return status, reason


def aggregate(clauses: Iterable[object], tests: Iterable[TestOutcome], *,
              version: Tuple[int, int], platform: str, partial: bool,
              expectations: Optional[Mapping[str, object]] = None) -> List[ClauseResult]:
    """One :class:`ClauseResult` per clause in ``clauses`` (catalogue order kept)."""
    by_clause: Dict[str, List[TestOutcome]] = {}
    for test in tests:
        for cid in test.clauses:
            by_clause.setdefault(cid, []).append(test)
    expectations = expectations or {}
    results = []
    for clause in clauses:
        cid = clause.id  # type: ignore[attr-defined]
        own = by_clause.get(cid, [])
        applies = clause.applies(version, platform)  # type: ignore[attr-defined]
        status, reason = clause_status(applies, clause.unobservable, own, partial)  # type: ignore
        if applies:
            status, reason = apply_expectation(status, reason, expectations.get(cid))
        results.append(ClauseResult(
            id=cid, api=clause.api, level=clause.level, tier=clause.tier,  # type: ignore
            kind=clause.kind, status=status, reason=reason, tests=own))  # type: ignore
    return results


def count(results: Iterable[object], tier: Optional[str] = None) -> Dict[str, int]:
    """How many clauses have each status (dicts or :class:`ClauseResult`), optionally one tier."""
    counts = {s: 0 for s in STATUSES}
    for r in results:
        item = r if isinstance(r, dict) else r.as_dict()  # type: ignore[attr-defined]
        if tier is None or item["tier"] == tier:
            counts[item["status"]] += 1
    return counts


def result_document(*, target: Mapping[str, object], interpreter: Mapping[str, str],
                    platform: str, judged_version: str, results: Sequence[ClauseResult],
                    expectations_file: Optional[str] = None,
                    errors: Sequence[str] = ()) -> dict:
    """The JSON document of one run (schema ``tempfile-conformance/1``)."""
    clauses = [r.as_dict() for r in results]
    return {
        "schema": SCHEMA,
        "target": dict(target),
        "interpreter": dict(interpreter),
        "platform": platform,
        "judged_version": judged_version,
        "expectations": expectations_file,
        "clauses": clauses,
        "summary": count(clauses),
        "tiers": {tier: count(clauses, tier) for tier in TIERS},
        "errors": list(errors),
    }


def exit_status(document: Mapping[str, object]) -> int:
    """0 for a clean run, 1 when a core clause is unclean or the session had errors."""
    if document.get("errors"):
        return 1
    for clause in document["clauses"]:  # type: ignore[union-attr]
        if clause["tier"] == "core" and clause["status"] in UNCLEAN:
            return 1
    return 0
