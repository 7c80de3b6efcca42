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
