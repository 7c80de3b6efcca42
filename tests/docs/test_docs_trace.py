"""The docs' reading of the repository: clause tags, test markers and result files."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from trace_model import Scan, Trace, gather
from trace_model.runs import load_runs, result_files
from trace_model.scan import Place, clause_anchor, scan_implementation, scan_tests, source_docname

from spec import load_catalogue


def _clause_toml(clause_id: str, statement: str, platform: str, extra: str = "") -> str:
    """One ``[[clause]]`` table of a demo catalogue."""
    return textwrap.dedent(f"""
        [[clause]]
        id = "{clause_id}"
        statement = "{statement}"
        level = "must"
        kind = "documented"
        platforms = ["{platform}"]
        since = "3.8"
        source = "https://docs.python.org/3.14/library/tempfile.html#tempfile.mkstemp"
        docs_ref = "mkstemp ¶1"
        """) + extra


CLAUSES = ('[meta]\napi = "demo"\n' + _clause_toml("demo.one", "One.", "all")
           + _clause_toml("demo.two", "Two.", "all")
           + _clause_toml("demo.windows-only", "Three.", "windows", 'unobservable = "Windows only."\n'))


@pytest.fixture
def repo(tmp_path: Path):
    (tmp_path / "spec").mkdir()
    (tmp_path / "spec" / "demo.toml").write_text(CLAUSES)
    (tmp_path / "reference").mkdir()
    (tmp_path / "reference" / "core.py").write_text(textwrap.dedent("""\
        def make():
            # [demo.one] exclusive create; [demo.bogus] is a stale tag
            return 1  # [not.ours] is not a demo id
        """))
    tests = tmp_path / "conformance" / "tests"
    tests.mkdir(parents=True)
    (tests / "test_demo.py").write_text(textwrap.dedent("""\
        import pytest

        ONE = pytest.mark.clause("demo.one")
        pytestmark = pytest.mark.clause("demo.one")


        @ONE
        def test_alias():
            pass


        class TestGroup:
            pytestmark = [pytest.mark.clause("demo.two")]

            @pytest.mark.parametrize("x", [pytest.param(1, marks=pytest.mark.clause("demo.nope"))])
            def test_param(self, x):
                pass

        def helper():
            pass
        """))
    return tmp_path, load_catalogue(tmp_path / "spec")


def test_tags_in_the_reference_are_found_with_their_line(repo):
    root, catalogue = repo
    scan = scan_implementation(root, catalogue)
    assert scan.places == {"demo.one": [Place("reference/core.py", 2)]}
    assert [cid for _place, cid in scan.unknown] == ["demo.bogus"]


def test_markers_are_read_from_the_syntax_tree(repo):
    root, catalogue = repo
    scan = scan_tests(root, catalogue)
    names = {cid: [p.label for p in places] for cid, places in scan.places.items()}
    assert names == {"demo.one": ["test_alias", "TestGroup::test_param"],
                     "demo.two": ["TestGroup::test_param"]}
    assert scan.places["demo.one"][0].lineno == 7  # the decorator line, where the marker is
    assert [cid for _place, cid in scan.unknown] == ["demo.nope"]


def test_untested_excludes_unobservable_clauses(repo):
    root, catalogue = repo
    trace = gather(root, catalogue)
    assert trace.untested() == []
    bare = Trace(catalogue, trace.code, Scan(), [], [])
    assert bare.untested() == ["demo.one", "demo.two"]


def _result(name: str, status: str) -> dict:
    return {"schema": "tempfile-conformance/1",
            "target": {"name": name, "implementation": "cpython 3.11.7"},
            "judged_version": "3.11", "platform": "linux",
            "clauses": [{"id": "demo.one", "status": status, "reason": "r", "tests": []}],
            "summary": {"pass": 1}}


def test_results_from_single_reports_and_from_the_matrix(tmp_path: Path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.json").write_text(json.dumps(_result("stdlib", "pass")))
    (reports / "broken.json").write_text("{")
    runs, problems = load_runs(result_files(reports))
    assert [(r.name, r.verdicts["demo.one"].status) for r in runs] == [("stdlib", "pass")]
    assert len(problems) == 1 and "broken.json" in problems[0]

    matrix = {"schema": "tempfile-conformance-matrix/1", "columns": [
        {"key": "cpython-3.11", "label": "CPython 3.11.7 stdlib", "result": _result("stdlib", "fail")},
        {"key": "pypy", "label": "PyPy", "result": None, "error": "interpreter missing\nmore"}]}
    (reports / "matrix.json").write_text(json.dumps(matrix))
    runs, problems = load_runs(result_files(reports))
    assert [(r.label, r.verdicts["demo.one"].status) for r in runs] == [("CPython 3.11.7 stdlib", "fail")]
    assert problems == ["matrix.json: column PyPy: interpreter missing"]


def test_anchors_are_stable_and_html_safe():
    assert clause_anchor("mkstemp.mode.owner-only") == "clause-mkstemp-mode-owner-only"
    docname = source_docname("conformance/tests/test_x.py")
    assert docname == "generated/source/conformance__tests__test_x"


def test_figures_are_read_from_test_properties(tmp_path):
    document = {
        "schema": "tempfile-conformance/1", "target": {"name": "t"}, "judged_version": "3.14",
        "clauses": [{"id": "load.mkstemp.unique", "status": "pass", "tests": [
            {"nodeid": "conformance/tests/test_load.py::test_files[mkstemp]", "outcome": "passed",
             "properties": {"figure:trials": "240", "figure:collisions": "0", "privileges": "root"}}]}],
    }
    path = tmp_path / "r.json"
    path.write_text(json.dumps(document))
    runs, problems = load_runs([path])
    assert problems == []
    assert runs[0].figures == (("load.mkstemp.unique", "test_files[mkstemp]", "trials", "240"),
                               ("load.mkstemp.unique", "test_files[mkstemp]", "collisions", "0"))
