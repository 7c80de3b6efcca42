"""``python -m conformance`` end to end, on small fake targets, through a real subprocess.

Each run is restricted with ``--clause`` to the two mkstemp clauses so it stays quick.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODE = "mkstemp.mode.owner-only"
RETURNS = "mkstemp.returns.fd-and-abspath"
ONLY = ["--clause", MODE, "--clause", RETURNS]

# The stdlib, re-exported as a third-party module would: judged as 3.14 by default.
WRAPPER = """
import os
import tempfile as _std
from tempfile import *  # noqa: F401,F403
tempdir = None
"""
BROKEN_MODE = WRAPPER + """
def mkstemp(suffix=None, prefix=None, dir=None, text=False):
    fd, path = _std.mkstemp(suffix, prefix, dir, text)
    os.chmod(path, 0o644)  # the departure under test: group and others may read
    return fd, path
"""
NO_MKSTEMP = "from tempfile import mkdtemp, gettempdir\ntempdir = None\n"


def run(*args: str, cwd: Path, stdin=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "conformance", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, stdin=stdin)


@pytest.fixture
def fakes(tmp_path: Path) -> Path:
    for name, text in (("good_tf.py", WRAPPER), ("broken_tf.py", BROKEN_MODE),
                       ("partial_tf.py", NO_MKSTEMP), ("explodes_tf.py", "raise RuntimeError('boom')\n")):
        (tmp_path / name).write_text(textwrap.dedent(text))
    return tmp_path


def statuses(document: dict) -> dict:
    return {c["id"]: c["status"] for c in document["clauses"]}


def test_clean_wrapper_passes_with_exit_0(fakes):
    done = run("--target", "good_tf.py", *ONLY, "--format", "json", cwd=fakes)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert statuses(document) == {MODE: "pass", RETURNS: "pass"}
    assert document["judged_version"] == "3.14"


def test_broken_behaviour_fails_its_clause_with_exit_1(fakes):
    done = run("--target", "broken_tf.py", *ONLY, cwd=fakes)
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert any(MODE in ln and "FAIL" in ln for ln in lines)
    assert lines[-1] == ("1 passed, 1 failed, 0 errors, 0 skipped, 0 not applicable, "
                         "0 expected failures, 0 unexpected passes, 0 unobservable")
    # The failure reads in the domain's terms, then the clause and where it is explained.
    at = next(i for i, ln in enumerate(lines) if MODE in ln and "FAIL" in ln)
    headline = "mkstemp: mode 0o644 (rw-r--r--), expected 0o600 (rw-------) under umask 0o000"
    assert lines[at + 1].strip() == headline
    assert lines[at + 2].strip().startswith("clause: The created file can be read and written by its owner")
    assert lines[at + 3].strip() == "docs: generated/clauses/mkstemp.html#clause-mkstemp-mode-owner-only"
    assert lines[4].startswith("core tier: 1 passed, 1 failed")  # the summary comes first
    assert "Use -v" not in done.stdout and "assert 420" not in done.stdout


def test_missing_public_name_fails_a_complete_target(fakes):
    done = run("--target", "partial_tf.py", *ONLY, "--format", "json", cwd=fakes)
    assert done.returncode == 1
    clause = next(c for c in json.loads(done.stdout)["clauses"] if c["id"] == MODE)
    assert clause["status"] == "fail" and "not implemented: mkstemp" in clause["reason"]


def expectation(path: Path, clause: str = MODE) -> Path:
    path.write_text(f'[[expect]]\nclause = "{clause}"\nstatus = "fail"\nreason = "mode is 0o644"\n'
                    'class = "bug"\nevidence = "tests/test_runner_cli.py"\n')
    return path


def test_listed_departure_is_expected_and_a_listed_pass_is_unexpected(fakes):
    listed = expectation(fakes / "exp.toml")
    done = run("--target", "broken_tf.py", *ONLY, "--expectations", str(listed), "--format", "json",
               cwd=fakes)
    assert done.returncode == 0, done.stderr
    assert statuses(json.loads(done.stdout))[MODE] == "expected-fail"
    done = run("--target", "good_tf.py", *ONLY, "--expectations", str(listed), "--format", "json",
               cwd=fakes)
    assert done.returncode == 1
    assert statuses(json.loads(done.stdout))[MODE] == "unexpected-pass"


@pytest.mark.parametrize("args, complaint", [
    (["--target", "no_such_module_xyz"], "cannot import target 'no_such_module_xyz'"),
    (["--target", "explodes_tf.py"], "RuntimeError: boom"),
    (["--target", "missing.py"], "does not exist"),
    (["--as-version", "4.2"], "bad version string '4.2'"),
    (["--clause", "nothing.matches.*"], "matches no clause id"),
    (["--expectations", "absent.toml"], "does not exist"),
    (["--format", "yaml"], "invalid choice"),
    (["--jobs", "0"], "must be at least 1"),
    (["--expectations", "x.toml", "--no-expectations"], "not allowed with"),
    (["--python", "/nonexistent/python"], "is not an executable file"),
    (["--target", "json"], "target 'json' offers none of the tempfile API"),
    (["--as-version", "3.7"], "version '3.7' is outside the spec's range (3.8 to 3.15)"),
    (["--as-version", "3.99"], "outside the spec's range"),
    (["--output", "/nonexistent/x"], "cannot write '/nonexistent/x': no directory"),
    (["--list-clauses", "--format", "junit"], "--list-clauses supports --format text, json, markdown"),
])
def test_usage_errors_are_one_line_and_exit_2(fakes, args, complaint):
    done = run(*args, cwd=fakes)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and complaint in lines[0], done.stderr


def test_malformed_expectation_file_is_exit_2(fakes):
    bad = expectation(fakes / "bad.toml", clause="no.such.clause")
    done = run("--target", "good_tf.py", *ONLY, "--expectations", str(bad), cwd=fakes)
    assert done.returncode == 2
    assert "bad.toml: entry 1 (clause 'no.such.clause'): names no clause" in done.stderr


def test_clause_filter_reports_only_matching_clauses(fakes):
    done = run("--target", "good_tf.py", "--clause", MODE, "--format", "json", cwd=fakes)
    document = json.loads(done.stdout)
    assert list(statuses(document)) == [MODE]
    nodeids = [t["nodeid"] for c in document["clauses"] for t in c["tests"]]
    assert nodeids and all("test_mode" in n for n in nodeids)


def test_json_shape(fakes):
    done = run("--target", "broken_tf.py", *ONLY, "--format", "json", cwd=fakes)
    document = json.loads(done.stdout)
    assert document["schema"] == "tempfile-conformance/1"
    assert set(document) >= {"target", "interpreter", "platform", "judged_version", "clauses", "summary"}
    assert set(document["target"]) == {"name", "implementation", "partial", "capabilities", "origin"}
    assert document["target"]["origin"] == str(fakes / "broken_tf.py")
    assert set(document["interpreter"]) == {"implementation", "version", "executable"}
    clause = document["clauses"][0]
    assert set(clause) == {"id", "api", "level", "tier", "kind", "status", "reason", "departure_class",
                           "statement", "docs", "means", "tests"}
    assert set(clause["tests"][0]) == {"nodeid", "outcome", "message", "headline", "duration", "properties"}
    assert clause["tests"][0]["nodeid"].startswith("conformance/tests/test_mkstemp.py::")
    assert document["summary"]["fail"] == 1 and document["summary"]["pass"] == 1


def test_junit_has_one_testcase_per_clause_and_markdown_a_table(fakes):
    out = fakes / "report.xml"
    done = run("--target", "broken_tf.py", *ONLY, "--format", "junit", "--output", str(out), cwd=fakes)
    assert done.returncode == 1 and done.stdout == ""
    suite = ET.parse(out).getroot().find("testsuite")
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert set(cases) == {MODE, RETURNS}
    assert cases[MODE].find("failure") is not None and cases[RETURNS].find("failure") is None
    assert suite.get("failures") == "1"
    done = run("--target", "broken_tf.py", *ONLY, "--format", "markdown", cwd=fakes)
    assert "| Clause | Level | Status | Notes |" in done.stdout
    assert f"| `{MODE}` | must | fail |" in done.stdout
    assert "1 passed, 1 failed" in done.stdout.strip().splitlines()[-1]


def test_jobs_give_the_same_verdicts(fakes):
    serial = run("--target", "broken_tf.py", *ONLY, "--format", "json", cwd=fakes)
    parallel = run("--target", "broken_tf.py", *ONLY, "--format", "json", "--jobs", "2", cwd=fakes)
    assert parallel.returncode == serial.returncode == 1
    one, two = json.loads(serial.stdout), json.loads(parallel.stdout)
    assert statuses(one) == statuses(two)
    assert sorted(t["nodeid"] for c in one["clauses"] for t in c["tests"]) == \
        sorted(t["nodeid"] for c in two["clauses"] for t in c["tests"])


def test_list_clauses_survives_a_closed_pipe(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "conformance", "--list-clauses"], cwd=tmp_path,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0
    assert first.strip() and "Traceback" not in err and "BrokenPipe" not in err
    listed = json.loads(run("--list-clauses", "--format", "json", "--clause", "mkstemp.*",
                            cwd=tmp_path).stdout)
    assert listed["schema"] == "tempfile-conformance-catalogue/1"
    assert MODE in [c["id"] for c in listed["clauses"]]
    by_api = json.loads(run("--list-clauses", "--format", "json", "--clause", "mkstemp", cwd=tmp_path).stdout)
    assert {c["api"] for c in by_api["clauses"]} == {"mkstemp"} and by_api["clauses"] == listed["clauses"]
    table = run("--list-clauses", "--format", "markdown", "--clause", "mkstemp", cwd=tmp_path).stdout
    assert f"| [`{MODE}`](generated/clauses/mkstemp.html#clause-mkstemp-mode-owner-only) | must |" in table


def test_plain_pytest_prints_a_clause_summary(fakes):
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    done = subprocess.run([sys.executable, "-m", "pytest", "--pyargs", "conformance.tests",
                           "--conformance-target", str(fakes / "broken_tf.py"),
                           "--conformance-clause", MODE, "-p", "no:cacheprovider", "-q"],
                          cwd=fakes, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert "tempfile conformance: clause summary" in done.stdout
    assert f"FAIL             {MODE}" in done.stdout
    assert "0 passed, 1 failed, 0 errors" in done.stdout


@pytest.mark.skipif(not os.environ.get("CONFORMANCE_TEST_PYTHON"),
                    reason="slow (builds a venv): set CONFORMANCE_TEST_PYTHON=3.9 (or pypy3) to run")
def test_another_interpreter_runs_the_suite(fakes):
    wanted = os.environ["CONFORMANCE_TEST_PYTHON"]
    done = run("--python", wanted, "--target", "broken_tf.py", *ONLY, "--format", "json", cwd=fakes)
    assert done.returncode == 1, done.stderr
    document = json.loads(done.stdout)
    assert document["interpreter"]["version"].startswith(wanted) or "pypy" in wanted
    assert document["interpreter"]["executable"] != sys.executable
    assert statuses(document) == {MODE: "fail", RETURNS: "pass"}
    assert "preparing venv" in done.stderr and "running the suite" in done.stderr


def test_matrix_subcommand_is_dispatched(tmp_path):
    pytest.importorskip("conformance.matrix.cli", reason="the matrix lane's conformance.matrix.cli")
    done = run("matrix", "--help", cwd=tmp_path)
    assert done.returncode == 0 and "python -m conformance matrix" in done.stdout
