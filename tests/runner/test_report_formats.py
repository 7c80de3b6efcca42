"""The published formats (the result document's JSON Schema, the JUnit shape), headlines and progress."""

from __future__ import annotations

import io
import json
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest
from lxml import etree

import spec
from conformance import vocabulary
from conformance.capture import failure_headline, report_message
from conformance.expect import (
    ConformanceFailure,
    expect_equal,
    expect_mode,
    expect_modes,
    expect_prefix,
    mode_text,
)
from conformance.progress import TerminalProgress, wanted
from conformance.report import render_junit, render_text
from conformance.results import TestRecord, aggregate, result_document

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "conformance" / "schema"
RESULT_SCHEMA = json.loads((SCHEMA_DIR / "result.schema.json").read_text())
JUNIT_XSD = etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "junit.xsd")))


def document(outcome: str = "failed", headline: str = "mkstemp: mode 0o644 (rw-r--r--), expected 0o600"):
    clauses = [clause for clause in spec.load_catalogue() if clause.api == "mkstemp"]
    properties = {"figure:trials": "3", "means": "flag inspection"}
    test = TestRecord("conformance/tests/test_mkstemp.py::test_mode[0]", (clauses[0].id,), outcome,
                      "assert 420 == 384\nwhere 420 = ...", 0.01, properties, headline)
    verdicts = aggregate(clauses, [test], version=(3, 12), platform="linux", partial=False)
    return result_document(target={"name": "t", "implementation": "", "partial": False, "capabilities": []},
                           interpreter={"implementation": "cpython", "version": "3.12.0", "executable": "py"},
                           platform="linux", judged_version="3.12", results=verdicts)


def test_the_schema_names_exactly_the_vocabulary():
    defs = RESULT_SCHEMA["$defs"]
    clause = defs["clause"]["properties"]
    assert tuple(defs["status"]["enum"]) == vocabulary.STATUSES
    assert tuple(clause["departure_class"]["enum"][:-1]) == vocabulary.DEPARTURE_CLASSES
    assert tuple(clause["tier"]["enum"]) == vocabulary.TIERS
    assert tuple(clause["means"]["items"]["enum"]) == vocabulary.OBSERVATION_MEANS
    assert set(clause["level"]["enum"]) == set(spec.LEVELS) and set(clause["kind"]["enum"]) == set(spec.KINDS)
    assert tuple(defs["test"]["properties"]["outcome"]["enum"]) == vocabulary.TEST_OUTCOMES
    assert RESULT_SCHEMA["properties"]["schema"]["const"] == vocabulary.RESULT_SCHEMA
    assert tuple(RESULT_SCHEMA["properties"]["sandbox"]["enum"][:-1]) == vocabulary.CONFINEMENTS


def test_a_document_validates_and_a_broken_one_does_not():
    jsonschema.Draft202012Validator.check_schema(RESULT_SCHEMA)
    good = document()
    jsonschema.validate(good, RESULT_SCHEMA)
    assert good["clauses"][0]["means"] == ["flag inspection"]
    bad = json.loads(json.dumps(good))
    bad["clauses"][0]["status"] = "passed"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, RESULT_SCHEMA)
    bad["clauses"][0]["status"] = "pass"
    bad["clauses"][0]["tests"][0]["nodeid"] = "/home/someone/site-packages/conformance/tests/x.py::t"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, RESULT_SCHEMA)


def test_junit_validates_against_the_xunit_shape_and_properties_in_a_testcase_do_not():
    xml = etree.fromstring(render_junit(document()).encode())
    assert JUNIT_XSD.validate(xml), JUNIT_XSD.error_log
    failure = xml.find("testsuite/testcase/failure")
    assert failure is not None and "expected 0o600" in failure.get("message")
    assert "docs: generated/clauses/mkstemp.html#clause-" in failure.text
    etree.SubElement(xml.find("testsuite/testcase"), "properties")
    assert not JUNIT_XSD.validate(xml)


def test_text_shows_the_headline_then_the_clause_and_hides_pytest_detail_unless_verbose():
    text = render_text(document())
    lines = text.splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.strip().startswith("FAIL"))
    assert lines[at + 1].strip() == "mkstemp: mode 0o644 (rw-r--r--), expected 0o600"
    assert lines[at + 2].strip().startswith("clause: ") and lines[at + 3].strip().startswith("docs: ")
    assert "test_mkstemp::test_mode[0]: trials 3" in text  # a figure, with the test that measured it
    assert "assert 420" not in text and "observed by" not in text
    verbose = render_text(document(), verbosity=1)
    assert "assert 420 == 384" in verbose and "observed by: flag inspection" in verbose
    assert lines[-1].endswith(", 0 unobservable") and lines[4].startswith("core tier: ")


@pytest.mark.parametrize("error, headline", [
    (ConformanceFailure("mkstemp: mode 0o644 (rw-r--r--), expected 0o600 (rw-------)"),
     "mkstemp: mode 0o644 (rw-r--r--), expected 0o600 (rw-------)"),
    (AssertionError("mkstemp\nassert False"), "mkstemp: assert False"),
    (AssertionError("assert 420 == 384\n +  where 420 = f()"), "assert 420 == 384"),
    (FileExistsError(17, "File exists"), "FileExistsError: [Errno 17] File exists"),
])
def test_failure_headlines(error, headline):
    assert failure_headline(error) == headline


def test_pytest_hints_do_not_leak_into_messages():
    report = SimpleNamespace(skipped=False, longrepr="", longreprtext=(
        "E   AssertionError: assert 'a' == 'b'\nE     \nE     Use -v to get more diff\nE     - b\n"))
    assert "Use -v" not in report_message(report)


def test_expect_helpers_word_the_failure_in_the_domain():
    assert mode_text(0o100600) == "0o600 (rw-------)"
    expect_mode(0o100600, 0o600)  # holds: no exception
    with pytest.raises(ConformanceFailure, match=r"^NamedTemporaryFile: mode 0o644 \(rw-r--r--\), "
                                                 r"expected 0o600 \(rw-------\) under umask 0o022$"):
        expect_mode(0o644, 0o600, call="NamedTemporaryFile", umask=0o022)
    with pytest.raises(ConformanceFailure, match=r"mode mkstemp 0o666 \(rw-rw-rw-\); expected 0o600"):
        expect_modes({"mkstemp": 0o666, "mkdtemp": 0o600}, 0o600)
    with pytest.raises(ConformanceFailure, match=r"^mkdtemp: name b'abc' does not start with b'tmp'$"):
        expect_prefix(b"abc", b"tmp", call="mkdtemp")
    with pytest.raises(ConformanceFailure, match=r"^gettempdir: value 1, expected 2$"):
        expect_equal(1, 2, call="gettempdir")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal_only_and_cleared_at_the_end():
    assert not wanted(io.StringIO()) and wanted(Terminal())
    stream = Terminal()
    progress = TerminalProgress(stream)
    progress.pytest_collection_finish(SimpleNamespace(items=[1, 2]))
    for outcome in ("failed", "passed"):
        progress.pytest_runtest_logreport(SimpleNamespace(when="call", failed=outcome == "failed"))
        progress.pytest_runtest_logreport(SimpleNamespace(when="teardown", failed=False))
    assert "2/2 tests, 1 failed" in stream.getvalue()
    progress.pytest_sessionfinish()
    assert stream.getvalue().endswith("\r")
