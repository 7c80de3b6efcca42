"""The results pages' reading of the runs: kinds of departure, pass rates, version changes, paths."""

from __future__ import annotations

from trace_model.results import (
    UNEXPLAINED,
    departure_kind,
    kind_counts,
    page_slug,
    pass_rate,
    short_name,
    version_changes,
)
from trace_model.runs import TargetRun, Verdict, without_local_paths

from conformance.vocabulary import (
    BUG,
    ERRATUM,
    EXPECTED_FAIL,
    FAIL,
    NOT_APPLICABLE,
    PASS,
    UNCLASSIFIED,
)


def run(key: str, version: str, verdicts: dict, name: str = "stdlib") -> TargetRun:
    return TargetRun(name, f"cpython {version}", version.rsplit(".", 1)[0], "linux", "matrix.json",
                     verdicts, {}, key=key, version=version)


def test_the_kind_of_a_departure_is_its_field_never_its_reason():
    tagged = Verdict(EXPECTED_FAIL, "bug: looks like a prefix", departure_class=ERRATUM)
    assert departure_kind(tagged) == ERRATUM
    assert departure_kind(Verdict(EXPECTED_FAIL, "bug: an old document")) == UNCLASSIFIED
    assert departure_kind(Verdict(FAIL, "nobody expected this")) == UNEXPLAINED
    assert departure_kind(Verdict(PASS)) is None


def test_pass_rate_counts_only_applicable_clauses_and_kinds_are_counted():
    judged = run("cpython-3.11", "3.11.7", {"a": Verdict(PASS), "b": Verdict(NOT_APPLICABLE),
                                             "c": Verdict(EXPECTED_FAIL, departure_class=BUG),
                                             "d": Verdict(FAIL)})
    assert pass_rate(judged) == (1, 3)
    counts = kind_counts(judged)
    assert (counts[BUG], counts[UNEXPLAINED], counts[ERRATUM]) == (1, 1, 0)


def test_changes_follow_cpython_releases_in_version_order():
    runs = [run("cpython-3.12", "3.12.1", {"x": Verdict(PASS)}),
            run("cpython-3.10", "3.10.13", {"x": Verdict(EXPECTED_FAIL, departure_class=BUG)}),
            run("cpython-3.11", "3.11.7", {"x": Verdict(EXPECTED_FAIL, departure_class=BUG)}),
            run("aiofiles", "3.11.7", {"x": Verdict(PASS)}, name="aiofiles")]
    changes = version_changes(runs, "x")
    assert [(c.previous, c.version, c.before.status, c.after.status) for c in changes] == [
        ("3.11", "3.12", EXPECTED_FAIL, PASS)]


def test_short_names_and_page_names():
    assert short_name(run("cpython-3.12", "3.12.1", {})) == "3.12"
    adapter = run("backports_tempfile", "3.11.7", {})
    assert short_name(adapter) == "backports_tempfile"  # the matrix gave no short name
    adapter.short = "bp.tf"
    assert short_name(adapter) == "bp.tf"
    assert page_slug(run("backports_tempfile", "3.11.7", {})) == "backports-tempfile"


def test_local_paths_keep_only_their_last_component():
    message = ("<module 'posixpath' from '/root/.pyenv/versions/3.10.13/lib/python3.10/posixpath.py'> "
               "isfile('/tmp/tfconf-session-96a/t-1/x'); /work/wt/a/.venv/bin/python")
    assert without_local_paths(message) == ("<module 'posixpath' from '…/posixpath.py'> "
                                            "isfile('…/x'); …/python")
    # A bare directory name in prose is not a path of this machine.
    assert without_local_paths("tries /tmp, /var/tmp and /usr/tmp") == "tries /tmp, /var/tmp and /usr/tmp"
