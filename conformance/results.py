"""Turning per-test records into per-clause statuses: pure functions, no pytest.

A clause's status is decided in this order (the target contract documents it):

1. the clause does not hold for the judged version or this platform -> ``not-applicable``;
2. no test names it -> ``unobservable`` when the clause says why, else ``untested``;
3. any of its tests failed -> ``fail``; else any errored -> ``error``;
4. any passed -> ``pass``;
5. every test was skipped -> the skip reasons decide (see :func:`status_of_skip`).

An expectation (a known departure listed for this target) then turns ``fail``
or ``error`` into ``expected-fail`` and ``pass`` into ``unexpected-pass``; the
expectation's class travels in :attr:`ClauseResult.departure_class`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from conformance.links import clause_url
from conformance.vocabulary import (
    CORE,
    ERROR,
    EXPECTED_FAIL,
    FAIL,
    HOST_CAPABILITIES,
    MEANS_PROPERTY,
    NO_REPORT,
    NOT_APPLICABLE,
    NOT_IMPLEMENTED,
    PASS,
    RESULT_SCHEMA,
    SKIP_MISSING_CAPABILITY,
    SKIP_NOT_APPLICABLE,
    SKIP_NOT_IMPLEMENTED,
    SKIP_UNOBSERVABLE,
    SKIP_UNOBSERVABLE_ON_HOST,
    SKIPPED,
    STATUSES,
    TEST_ERROR,
    TEST_FAILED,
    TEST_PASSED,
    TEST_SKIPPED,
    TIERS,
    UNCLEAN,
    UNEXPECTED_PASS,
    UNOBSERVABLE,
    UNTESTED,
)


@dataclass
class TestRecord:
    """What happened to one test: built by the plugin, read by every later layer."""

    __test__ = False  # a data class, not something for pytest to collect
    nodeid: str
    clauses: Tuple[str, ...]
    # Until a call or skip report arrives the test counts as an error, so a test
    # that never reported can never pass.
    outcome: str = TEST_ERROR
    message: str = NO_REPORT  # skip reason or failure message (first lines)
    duration: float = 0.0
    properties: Dict[str, str] = field(default_factory=dict)
    headline: str = ""  # a failure's one line in the domain's terms (conformance.expect)

    def as_dict(self) -> dict:
        """The test's entry in a clause of the result document."""
        return {"nodeid": self.nodeid, "outcome": self.outcome, "message": self.message,
                "headline": self.headline, "duration": round(self.duration, 4),
                "properties": dict(self.properties)}

    @classmethod
    def from_dict(cls, entry: Mapping[str, object], clauses: Tuple[str, ...] = ()) -> TestRecord:
        """A test entry of a result document back as a record (documents before 'headline' too)."""
        return cls(str(entry["nodeid"]), clauses, str(entry["outcome"]), str(entry["message"]),
                   float(entry["duration"]), dict(entry["properties"]),  # type: ignore[arg-type]
                   str(entry.get("headline", "")))


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
    tests: List[TestRecord] = field(default_factory=list)
    # The class of the listed departure (vocabulary.DEPARTURE_CLASSES) when an
    # expectation entry decided the status; None otherwise.
    departure_class: Optional[str] = None
    statement: str = ""  # what the clause requires, from the catalogue
    docs: str = ""  # the clause's entry on the Sphinx site, relative to its root
    means: List[str] = field(default_factory=list)  # how its tests observed it (OBSERVATION_MEANS)

    def as_dict(self) -> dict:
        """The clause's entry in the result document."""
        return {"id": self.id, "api": self.api, "level": self.level, "tier": self.tier,
                "kind": self.kind, "status": self.status, "reason": self.reason,
                "departure_class": self.departure_class, "statement": self.statement,
                "docs": self.docs, "means": list(self.means),
                "tests": [t.as_dict() for t in self.tests]}


def status_of_skip(reason: str, partial: bool) -> Tuple[str, str]:
    """The clause status one skipped test stands for, and the reason to show."""
    if reason.startswith(SKIP_NOT_IMPLEMENTED):
        if partial:
            return NOT_IMPLEMENTED, reason
        # A target that claims the whole API may not lack a public name.
        return FAIL, f"{reason} (the target does not declare itself partial)"
    if reason.startswith(SKIP_NOT_APPLICABLE):
        return NOT_APPLICABLE, reason
    if reason.startswith(SKIP_MISSING_CAPABILITY):
        return SKIPPED, reason
    if reason.startswith((SKIP_UNOBSERVABLE, SKIP_UNOBSERVABLE_ON_HOST)):
        return UNOBSERVABLE, reason
    return SKIPPED, reason or SKIPPED


# When a clause's tests were all skipped for different reasons, the most
# telling one wins: a failure hidden in a skip first, then a missing name, then
# "no means here can observe it" (target or host), then a missing capability,
# and "does not apply" last.
_SKIP_RANK = {FAIL: 0, NOT_IMPLEMENTED: 1, UNOBSERVABLE: 2, SKIPPED: 3, NOT_APPLICABLE: 4}


def clause_status(applies: bool, unobservable: str, tests: Sequence[TestRecord],
                  partial: bool) -> Tuple[str, str]:
    """The status and reason of one clause, before expectations."""
    if not applies:
        return NOT_APPLICABLE, "the clause does not hold for the judged version or platform"
    if not tests:
        if unobservable:
            return UNOBSERVABLE, unobservable
        return UNTESTED, "no conformance test names this clause"
    for outcome, status in ((TEST_FAILED, FAIL), (TEST_ERROR, ERROR)):
        bad = [t for t in tests if t.outcome == outcome]
        if bad:
            return status, bad[0].headline or bad[0].message
    if any(t.outcome == TEST_PASSED for t in tests):
        return PASS, ""
    verdicts = [status_of_skip(t.message, partial) for t in tests]
    status, reason = min(verdicts, key=lambda v: _SKIP_RANK[v[0]])
    if unobservable and status != FAIL:
        return UNOBSERVABLE, f"{unobservable} ({reason})"
    return status, reason


def apply_expectation(status: str, reason: str,
                      expected: Optional[object]) -> Tuple[str, str, Optional[str]]:
    """Fold a listed departure (an :class:`~conformance.expectations.Expectation`) into a status.

    Returns the status, the reason and the departure class (None when the entry
    did not decide the status).
    """
    if expected is None:
        return status, reason, None
    why = str(expected.reason)  # type: ignore[attr-defined]
    klass = str(expected.klass)  # type: ignore[attr-defined]
    listed = expected.status  # type: ignore[attr-defined]
    if status in (FAIL, ERROR) and listed in (FAIL, ERROR):
        return EXPECTED_FAIL, f"{why} -- {reason}" if reason else why, klass
    if status == PASS:
        return UNEXPECTED_PASS, f"listed as an expected {listed} ({why}) but it passed", klass
    if status == SKIPPED and listed == SKIPPED:
        return SKIPPED, f"{why} -- {reason}" if reason else why, klass
    return status, reason, None


def means_of(tests: Iterable[TestRecord]) -> List[str]:
    """How the tests that ran observed their clause, each means once, in first-seen order."""
    found = [t.properties.get(MEANS_PROPERTY, "") for t in tests if t.outcome != TEST_SKIPPED]
    return list(dict.fromkeys(m for m in found if m))


def aggregate(clauses: Iterable[object], tests: Iterable[TestRecord], *,
              version: Tuple[int, int], platform: str, partial: bool,
              expectations: Optional[Mapping[str, object]] = None) -> List[ClauseResult]:
    """One :class:`ClauseResult` per clause in ``clauses`` (catalogue order kept)."""
    by_clause: Dict[str, List[TestRecord]] = {}
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
        klass = None
        if applies:
            status, reason, klass = apply_expectation(status, reason, expectations.get(cid))
        results.append(ClauseResult(
            id=cid, api=clause.api, level=clause.level, tier=clause.tier,  # type: ignore
            kind=clause.kind, status=status, reason=reason, tests=own,  # type: ignore
            departure_class=klass, statement=" ".join(str(clause.statement).split()),  # type: ignore
            docs=clause_url(clause.api, cid), means=means_of(own)))  # type: ignore
    return results


def host_missing(tests: Iterable[TestRecord]) -> List[str]:
    """The host capabilities some test was skipped for lacking, in the closed list's order."""
    named = set()
    for test in tests:
        if test.message.startswith(SKIP_UNOBSERVABLE_ON_HOST):
            named.update(part.strip() for part in test.message[len(SKIP_UNOBSERVABLE_ON_HOST):].split(","))
    return [name for name in HOST_CAPABILITIES if name in named]


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
                    errors: Sequence[str] = (), sandbox: Optional[str] = None,
                    missing_on_host: Sequence[str] = ()) -> dict:
    """The JSON document of one run (schema ``tempfile-conformance/1``).

    ``host_missing`` (added later, so readers must allow its absence) lists the
    host capabilities this host lacked for some test (see :mod:`conformance.host`).
    """
    clauses = [r.as_dict() for r in results]
    return {
        "schema": RESULT_SCHEMA,
        "target": dict(target),
        "interpreter": dict(interpreter),
        "platform": platform,
        "judged_version": judged_version,
        "expectations": expectations_file,
        "sandbox": sandbox,
        "clauses": clauses,
        "summary": count(clauses),
        "tiers": {tier: count(clauses, tier) for tier in TIERS},
        "errors": list(errors),
        "host_missing": list(missing_on_host),
    }


def exit_status(document: Mapping[str, object]) -> int:
    """0 for a clean run, 1 when a core clause is unclean or the session had errors."""
    if document.get("errors"):
        return 1
    for clause in document["clauses"]:  # type: ignore[union-attr]
        if clause["tier"] == CORE and clause["status"] in UNCLEAN:
            return 1
    return 0
