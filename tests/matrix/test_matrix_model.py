"""The conformance matrix: combining, judging and rendering canned results (no real interpreters)."""

from __future__ import annotations

import copy
import json
from html.parser import HTMLParser

import pytest

from conformance import vocabulary
from conformance.matrix import html_page, model, render


def clause(cid, api, status, reason="", tests=(), level="must", tier="core", departure_class=None):
    return {"id": cid, "api": api, "level": level, "tier": tier, "kind": "documented", "status": status,
            "reason": reason, "departure_class": departure_class, "tests": list(tests)}


def document(clauses, name="stdlib", version="3.11.7"):
    summary = {s: 0 for s in vocabulary.STATUSES}
    for c in clauses:
        summary[c["status"]] += 1
    return {"schema": "tempfile-conformance/1",
            "target": {"name": name, "implementation": f"cpython {version}", "partial": False,
                       "capabilities": []},
            "interpreter": {"implementation": "cpython", "version": version, "executable": "/x/python"},
            "platform": "linux", "judged_version": version[:4], "expectations": None,
            "clauses": clauses, "summary": summary, "errors": []}


FAILED_TEST = {"nodeid": "conformance/tests/test_x.py::test_mode", "outcome": "failed",
               "message": "assert 0o644 == 0o600 <&>", "duration": 0.01, "properties": {}}

STDLIB_39 = document([
    clause("mkstemp.mode.owner-only", "mkstemp", "pass"),
    clause("mkstemp.returns.fd-and-abspath", "mkstemp", "expected-fail",
           "rmtree followed a symlink -- assert False", [FAILED_TEST], departure_class="bug"),
    clause("mkdtemp.abspath", "mkdtemp", "not-applicable", "since 3.12"),
    clause("cleanup.confinement", "cleanup", "expected-fail", "changed in 3.12",
           departure_class="version-change"),
], version="3.9.18")

ADAPTER = document([
    clause("mkstemp.mode.owner-only", "mkstemp", "fail", "assert 0o644 == 0o600", [FAILED_TEST]),
    clause("mkstemp.returns.fd-and-abspath", "mkstemp", "not-implemented", "not implemented: mkstemp"),
    clause("mkdtemp.abspath", "mkdtemp", "expected-fail", "/proc is not faked", departure_class="adapter"),
    clause("cleanup.confinement", "cleanup", "pass"),
], name="adapter:pyfakefs")


def column(key, doc, error="", family="stdlib"):
    return {"key": key, "short": "", "label": f"label of {key}", "family": family, "target": "stdlib",
            "python": None, "version": "", "document": doc, "error": error, "duration": 1.5}


def build(*columns):
    return model.build_matrix(list(columns), "2026-01-01 00:00 UTC", "cpython 3.11.7 on linux", 3.0)


@pytest.fixture
def explained():
    return build(column("cpython-3.9", STDLIB_39))


@pytest.fixture
def mixed():
    return build(column("cpython-3.9", STDLIB_39), column("pyfakefs", ADAPTER, family="adapter"))


# --- judging -----------------------------------------------------------------------------------

def test_class_comes_from_the_departure_class_field_only():
    assert model.departure_class({"departure_class": "platform", "reason": "bug: x"}) == "platform"
    assert model.departure_class({"reason": "erratum: docs say y"}) == "unclassified"  # no prefix parsing
    assert model.departure_class({"departure_class": None}) == "unclassified"
    assert model.departure_class({"departure_class": "made-up"}) == "unclassified"


def test_all_explained_exits_zero_and_counts_classes(explained):
    assert model.exit_status(explained) == 0
    summary = explained["columns"][0]["summary"]
    assert summary["statuses"]["expected-fail"] == 2 and summary["statuses"]["pass"] == 1
    assert summary["classes"] == {"version-change": 1, "platform": 0, "erratum": 0, "bug": 1, "adapter": 0}


def test_unlisted_failure_is_unexplained(mixed):
    assert model.exit_status(mixed) == 1
    assert mixed["unexplained"] == ["pyfakefs: mkstemp.mode.owner-only: fail: assert 0o644 == 0o600"]


@pytest.mark.parametrize("status", ["error", "unexpected-pass", "untested"])
def test_every_unclean_status_is_unexplained(status):
    doc = document([clause("mkstemp.mode.owner-only", "mkstemp", status, "why")])
    assert model.exit_status(build(column("c", doc))) == 1


def test_expected_failure_without_a_class_is_unexplained():
    doc = document([clause("mkstemp.mode.owner-only", "mkstemp", "expected-fail", "because")])
    assert build(column("c", doc))["unexplained"] == [
        "c: mkstemp.mode.owner-only: unclassified: listed as expected but with no known class"]


def test_a_column_that_did_not_run_is_unexplained():
    built = build(column("cpython-3.9", STDLIB_39), column("pypy-3.9", None, error="venv failed"))
    assert built["unexplained"] == ["pypy-3.9: error: venv failed"]
    assert "DID NOT RUN: venv failed" in render.render_text(built)


def test_session_errors_are_unexplained():
    doc = copy.deepcopy(STDLIB_39)
    doc["errors"] = ["test_x.py: collection failed\nTraceback..."]
    assert build(column("c", doc))["unexplained"] == ["c: error: test_x.py: collection failed"]


def test_rows_are_grouped_by_api_in_first_seen_order(mixed):
    apis = [row["api"] for row in mixed["clauses"]]
    assert apis == ["mkstemp", "mkstemp", "mkdtemp", "cleanup"]


# --- rendering ----------------------------------------------------------------------------------

def test_text_table_shows_codes_groups_totals_and_problems(mixed):
    text = render.render_text(mixed)
    lines = text.splitlines()
    row = next(ln for ln in lines if ln.strip().startswith("mkstemp.mode.owner-only"))
    assert row.split()[1:] == ["ok", "FAIL"]
    row = next(ln for ln in lines if ln.strip().startswith("mkstemp.returns.fd-and-abspath"))
    assert row.split()[1:] == ["bug", "n/i"]
    assert "[mkstemp]" in lines and "[cleanup]" in lines
    totals = next(ln for ln in lines if ln.startswith("  explained: bug"))
    assert totals.split()[2:] == ["1", "0"]
    assert "UNEXPLAINED (1)" in text and "every departure is explained" not in text


def test_text_says_when_everything_is_explained(explained):
    assert "every departure is explained" in render.render_text(explained)


def test_markdown_table_has_one_cell_per_column(mixed):
    md = render.render_markdown(mixed)
    rows = [ln for ln in md.splitlines() if ln.startswith("| `")]
    assert len(rows) == 4
    assert all(r.count("|") == 4 for r in rows)  # clause + 2 columns
    assert "| `mkdtemp.abspath` | - | adapt |" in md
    assert "**adapter**: /proc is not faked" in md
    assert "**UNEXPLAINED** pyfakefs: mkstemp.mode.owner-only" in md


class _Checker(HTMLParser):
    """Checks tag balance and records what a self-contained page must not have."""

    VOID = {"meta", "br", "hr", "img", "link", "input"}

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.tags, self.urls = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.urls += [v for k, v in attrs if k in ("src", "href") and v]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unbalanced </{tag}>")


def test_html_is_well_formed_and_self_contained(mixed):
    page = render.render_html(mixed)
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.errors == [] and checker.stack == []
    assert page.startswith("<!DOCTYPE html>")
    assert "script" not in checker.tags and "link" not in checker.tags
    # Its only links lead into the docs site, by relative address.
    assert checker.urls and all(url.startswith(html_page.DOCS_SITE) for url in checker.urls)
    assert "http://" not in page and "https://" not in page and "<style>" in page
    assert checker.tags.count("details") >= 2  # one per target (plus failing tests)
    # The failing test's message is escaped, and one click away.
    assert "assert 0o644 == 0o600 &lt;&amp;&gt;" in page and "conformance/tests/test_x.py::test_mode" in page


def test_json_round_trips_with_every_column(mixed):
    data = json.loads(render.render_json(mixed))
    assert data["schema"] == vocabulary.MATRIX_SCHEMA
    assert [c["key"] for c in data["columns"]] == ["cpython-3.9", "pyfakefs"]
    assert data["columns"][1]["result"]["target"]["name"] == "adapter:pyfakefs"
