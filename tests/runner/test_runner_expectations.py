"""Expectation files: validation with clear errors, and the automatic choice of file."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conformance.expectations import (
    EXPECTATIONS_DIR,
    ExpectationError,
    candidate_files,
    find_expectation_file,
    load_expectations,
)
from spec import load_catalogue

KNOWN = ("mkstemp.mode.owner-only", "mkstemp.returns.fd-and-abspath")

GOOD = """
[[expect]]
clause = "mkstemp.mode.owner-only"
status = "fail"
reason = "a known departure"
class = "bug"
evidence = "https://example.org/issue/1"
"""


def write(tmp_path: Path, text: str, name: str = "stdlib-cpython-3.11.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def test_good_file_loads(tmp_path):
    found = load_expectations(write(tmp_path, GOOD), KNOWN)
    entry = found["mkstemp.mode.owner-only"]
    assert (entry.status, entry.klass, entry.reason) == ("fail", "bug", "a known departure")


@pytest.mark.parametrize("change, complaint", [
    (('status = "fail"', 'status = "broken"'), "status 'broken' is not one of"),
    (('class = "bug"', 'class = "whim"'), "class 'whim' is not one of"),
    (('clause = "mkstemp.mode.owner-only"', 'clause = "mkstemp.nope"'), "names no clause"),
    (('evidence = "https://example.org/issue/1"', 'evidence = ""'), "missing or empty key(s) evidence"),
    (('reason = "a known departure"\n', ''), "missing or empty key(s) reason"),
    (('class = "bug"', 'class = "bug"\nseverity = "high"'), "unknown key(s) severity"),
])
def test_bad_entry_is_named_with_file_and_clause(tmp_path, change, complaint):
    old, new = change
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(ExpectationError) as info:
        load_expectations(path, KNOWN)
    message = str(info.value)
    assert str(path) in message and "entry 1" in message and complaint in message


def test_duplicate_clause_is_rejected(tmp_path):
    with pytest.raises(ExpectationError, match="entry 2 .*listed twice"):
        load_expectations(write(tmp_path, GOOD + GOOD), KNOWN)


@pytest.mark.parametrize("text, complaint", [
    ("[[expect]\n", "not valid TOML"),
    ("colour = 'red'\n", "unknown top-level key(s) colour"),
    ("expect = 3\n", "must be an array of tables"),
])
def test_malformed_file(tmp_path, text, complaint):
    with pytest.raises(ExpectationError, match=complaint.replace("(", r"\(").replace(")", r"\)")):
        load_expectations(write(tmp_path, text), KNOWN)


def test_missing_file_is_one_clear_error(tmp_path):
    with pytest.raises(ExpectationError, match="does not exist"):
        load_expectations(tmp_path / "nowhere.toml", KNOWN)


def test_automatic_choice_prefers_the_most_specific_file(tmp_path):
    names = [p.name for p in candidate_files("stdlib", "cpython", (3, 11), tmp_path)]
    assert names == ["stdlib-cpython-3.11.toml", "stdlib-cpython.toml", "stdlib.toml"]
    assert find_expectation_file("stdlib", "cpython", (3, 11), tmp_path) is None
    write(tmp_path, GOOD, "stdlib.toml")
    assert find_expectation_file("stdlib", "cpython", (3, 11), tmp_path).name == "stdlib.toml"
    write(tmp_path, GOOD, "stdlib-cpython-3.11.toml")
    assert find_expectation_file("stdlib", "cpython", (3, 11), tmp_path).name == "stdlib-cpython-3.11.toml"
    assert candidate_files("pkg/my_tf.py", "pypy", (3, 9), tmp_path)[0].name == "my_tf-pypy-3.9.toml"


def test_shipped_expectation_files_are_valid():
    known = [c.id for c in load_catalogue()]
    for path in sorted(EXPECTATIONS_DIR.glob("*.toml")):
        entries = load_expectations(path, known)
        assert entries, f"{path.name} lists nothing: delete it instead"


def test_fixed_in_limits_an_entry_to_older_releases(tmp_path):
    path = write(tmp_path, GOOD + 'fixed_in = "3.11.8"\n')
    assert "mkstemp.mode.owner-only" in load_expectations(path, KNOWN, (3, 11, 7))
    assert load_expectations(path, KNOWN, (3, 11, 8)) == {}
    assert "mkstemp.mode.owner-only" in load_expectations(path, KNOWN)
    bad = write(tmp_path, GOOD + 'fixed_in = "3.11"\n', "bad.toml")
    with pytest.raises(ExpectationError, match="fixed_in '3.11' is not a release"):
        load_expectations(bad, KNOWN)


def test_a_file_extends_a_base_by_path_and_its_own_entries_win(tmp_path):
    write(tmp_path, GOOD, "base.toml")
    own = GOOD.replace("a known departure", "ours").replace('"bug"', '"adapter"')
    child = write(tmp_path, 'extends = "base.toml"\n' + own.replace("mkstemp.mode.owner-only",
                                                                       "mkstemp.returns.fd-and-abspath"),
                  "child.toml")
    found = load_expectations(child, KNOWN)
    assert sorted(found) == sorted(KNOWN)
    assert found["mkstemp.mode.owner-only"].file == "base.toml"
    replacing = write(tmp_path, 'extends = "base.toml"\n' + own, "replacing.toml")
    assert load_expectations(replacing, KNOWN)["mkstemp.mode.owner-only"].reason == "ours"


def test_extends_by_built_in_name_and_the_host_stdlib():
    import sys

    from conformance.expectations import base_file

    here = Path("/x/y.toml")
    assert base_file(here, "stdlib-cpython-3.11") == EXPECTATIONS_DIR / "stdlib-cpython-3.11.toml"
    host = find_expectation_file("stdlib", sys.implementation.name, sys.version_info[:2])
    if host is None:
        with pytest.raises(ExpectationError, match="has no expectation file"):
            base_file(here, "stdlib")
    else:
        assert base_file(here, "stdlib") == host


@pytest.mark.parametrize("text, complaint", [
    ('extends = "loop-b.toml"\n', "leads back to"),
    ("extends = 3\n", "'extends' must name"),
    ('extends = "absent.toml"\n', "does not exist"),
])
def test_bad_extends_are_one_line_errors(tmp_path, text, complaint):
    write(tmp_path, 'extends = "loop-a.toml"\n', "loop-b.toml")
    path = write(tmp_path, text, "loop-a.toml")
    with pytest.raises(ExpectationError, match=complaint):
        load_expectations(path, KNOWN)


def test_the_file_beside_a_module_or_package():
    from conformance.expectations import file_beside

    assert file_beside("/src/my_tempfile.py") == Path("/src/my_tempfile.conformance.toml")
    assert file_beside("/src/pkg/__init__.py") == Path("/src/pkg.conformance.toml")
