"""Per-clause aggregation: how test outcomes, skips, gates and expectations become statuses."""

from __future__ import annotations

import pytest

from conformance.expectations import Expectation
from conformance.results import (
    STATUSES,
    TestRecord,
    aggregate,
    apply_expectation,
    clause_status,
    count,
    exit_status,
    result_document,
    status_of_skip,
)
from spec import Clause

URL = "https://docs.python.org/3.14/library/tempfile.html#tempfile.mkstemp"


def clause(cid="demo.one", level="must", since="3.8", until=None, platforms=("all",), unobservable=""):
    return Clause(id=cid, api="demo", statement="s", level=level, kind="documented",
                  platforms=tuple(platforms), since=since, source=URL, until=until,
                  unobservable=unobservable)


def outcome_of(outcome, message="", clauses=("demo.one",), nodeid=None):
    return TestRecord(nodeid or f"t::{outcome}-{message}", tuple(clauses), outcome, message)


def expect(status="fail", cid="demo.one"):
    return Expectation(cid, status, "known", "bug", "https://example.org/issue", "x.toml")


@pytest.mark.parametrize("outcomes, status", [
    (["passed"], "pass"),
    (["passed", "failed"], "fail"),
    (["error", "passed"], "error"),
    (["failed", "error"], "fail"),
    (["skipped", "passed"], "pass"),
])
def test_worst_real_outcome_decides(outcomes, status):
    tests = [outcome_of(o, "missing capability: x" if o == "skipped" else "boom") for o in outcomes]
    assert clause_status(True, "", tests, partial=False)[0] == status


def test_failure_message_becomes_the_reason():
    failed = [outcome_of("failed", "assert 1 == 2")]
    assert clause_status(True, "", failed, False) == ("fail", "assert 1 == 2")


def test_clause_that_does_not_apply_is_not_applicable_even_with_a_failing_test():
    assert clause_status(False, "", [outcome_of("failed", "x")], False)[0] == "not-applicable"


def test_no_test_is_untested_unless_the_clause_says_why():
    assert clause_status(True, "", [], False)[0] == "untested"
    assert clause_status(True, "Windows only", [], False) == ("unobservable", "Windows only")


@pytest.mark.parametrize("reason, partial, status", [
    ("not implemented: mkstemp", True, "not-implemented"),
    ("not implemented: mkstemp", False, "fail"),
    ("missing capability: name-injection", False, "skipped"),
    ("not applicable: no O_TMPFILE here", False, "not-applicable"),
    ("some other reason", False, "skipped"),
])
def test_skip_reason_classes(reason, partial, status):
    assert status_of_skip(reason, partial)[0] == status
    assert clause_status(True, "", [outcome_of("skipped", reason)], partial)[0] == status


def test_most_telling_skip_wins():
    tests = [outcome_of("skipped", "not applicable: x"), outcome_of("skipped", "missing capability: y"),
             outcome_of("skipped", "not implemented: z")]
    assert clause_status(True, "", tests, partial=True)[0] == "not-implemented"
    assert clause_status(True, "", tests[:2], partial=True)[0] == "skipped"


def test_all_skipped_with_unobservable_reason_is_unobservable():
    skipped = [outcome_of("skipped", "missing capability: x")]
    status, reason = clause_status(True, "needs Windows", skipped, False)
    assert status == "unobservable" and "needs Windows" in reason


@pytest.mark.parametrize("status, listed, result", [
    ("fail", "fail", "expected-fail"),
    ("error", "fail", "expected-fail"),
    ("pass", "fail", "unexpected-pass"),
    ("pass", "skipped", "unexpected-pass"),
    ("skipped", "skipped", "skipped"),
    ("not-applicable", "fail", "not-applicable"),
    ("untested", "fail", "untested"),
])
def test_expectations_fold_in(status, listed, result):
    assert apply_expectation(status, "why", expect(listed))[0] == result
    assert apply_expectation(status, "why", None) == (status, "why", None)


def test_aggregate_keeps_catalogue_order_and_applies_gates_and_expectations():
    clauses = [clause("demo.one"), clause("demo.old", until="3.11"),
               clause("demo.win", platforms=("windows",)), clause("demo.may", level="may"),
               clause("demo.known")]
    tests = [outcome_of("passed", clauses=("demo.one", "demo.old")),
             outcome_of("failed", "x", ("demo.known",))]
    results = aggregate(clauses, tests, version=(3, 12), platform="linux", partial=False,
                        expectations={"demo.known": expect(cid="demo.known")})
    assert [(r.id, r.status, r.tier) for r in results] == [
        ("demo.one", "pass", "core"), ("demo.old", "not-applicable", "core"),
        ("demo.win", "not-applicable", "core"), ("demo.may", "untested", "optional"),
        ("demo.known", "expected-fail", "core")]


def document(statuses, errors=()):
    results = aggregate([clause(f"demo.c{i}", level=lv) for i, (lv, _) in enumerate(statuses)], [],
                        version=(3, 12), platform="linux", partial=False)
    for r, (_, status) in zip(results, statuses):
        r.status = status
    return result_document(target={"name": "t"}, interpreter={}, platform="linux",
                           judged_version="3.12", results=results, errors=errors)


@pytest.mark.parametrize("status", STATUSES)
def test_exit_status_per_core_status(status):
    unclean = status in ("fail", "error", "unexpected-pass", "untested")
    assert exit_status(document([("must", status)])) == (1 if unclean else 0)
    assert exit_status(document([("should", status)])) == (1 if unclean else 0)


@pytest.mark.parametrize("status", STATUSES)
def test_optional_tier_never_fails_the_run(status):
    assert exit_status(document([("may", status), ("informative", status)])) == 0


def test_session_errors_make_the_run_unclean():
    assert exit_status(document([("must", "pass")], errors=["collection failed"])) == 1


def test_counts_per_tier_and_total():
    doc = document([("must", "pass"), ("may", "fail"), ("should", "fail")])
    assert doc["summary"]["fail"] == 2 and doc["summary"]["pass"] == 1
    assert doc["tiers"]["core"]["fail"] == 1 and doc["tiers"]["optional"]["fail"] == 1
    assert count(doc["clauses"], "core") == doc["tiers"]["core"]
    assert set(doc["summary"]) == set(STATUSES)


def test_a_test_that_never_reported_counts_for_nothing():
    from conformance.session import session_records

    catalogue = {"demo.one", "demo.two"}
    records = {"a": TestRecord("a", ("demo.one",), "failed", "boom"),
               "b": TestRecord("b", ("demo.two",)),  # default outcome, never ran
               "c": TestRecord("c", ()), "d": TestRecord("d", ("demo.nope",))}
    outcomes, errors = session_records(records, ["a", "c", "d"], catalogue, ["test_x.py: ImportError"])
    assert [o.nodeid for o in outcomes] == ["a", "c", "d"]
    assert errors[0] == "test_x.py: ImportError"
    assert any("c: conformance test without" in e for e in errors)
    assert any("d: names clause id(s) not in the catalogue: demo.nope" in e for e in errors)


def test_shards_cover_every_module_once_and_merge_back():
    from conformance.runner import conformance_modules, merge_shards, shards

    files = conformance_modules()
    groups = shards(files, 3)
    assert sorted(f for g in groups for f in g) == files and len(groups) == min(3, len(files))
    assert shards(files[:1], 4) == [files[:1]]
    test = {"nodeid": "t::a", "outcome": "failed", "message": "m", "duration": 0.1, "properties": {}}
    docs = [{"clauses": [{"id": "x.one", "tests": [test]}, {"id": "x.two", "tests": [test]}],
             "errors": ["e1"]},
            {"clauses": [{"id": "x.one", "tests": []}], "errors": []}]
    outcomes, errors = merge_shards(docs)
    assert [(o.nodeid, o.clauses, o.outcome) for o in outcomes] == [("t::a", ("x.one", "x.two"), "failed")]
    assert errors == ["e1"]


def test_the_departure_class_is_a_field_not_a_prefix_of_the_reason():
    status, reason, klass = apply_expectation("fail", "assert 1 == 2", expect("fail"))
    assert (status, klass) == ("expected-fail", "bug")
    assert reason == "known -- assert 1 == 2"
    tests = [outcome_of("failed", "x", ("demo.one",)), outcome_of("passed", clauses=("demo.two",))]
    results = aggregate([clause("demo.one"), clause("demo.two")], tests,
                        version=(3, 12), platform="linux", partial=False,
                        expectations={"demo.one": expect()})
    assert [r.as_dict()["departure_class"] for r in results] == ["bug", None]
