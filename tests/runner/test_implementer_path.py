"""The implementer's path end to end: a copy of the stdlib with one break, judged as a module target.

With an expectation file next to it that ``extends = "stdlib"``, only its own
departure fails; the pytest-plugin route honours the same file and exits as
the clause summary says; relative paths work from another directory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conformance import sandbox
from conformance.expectations import find_expectation_file, load_expectations
from spec import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
OWN = "mkstemp.mode.owner-only"  # the one behaviour the copy breaks
JUDGED = f"{sys.version_info[0]}.{sys.version_info[1]}"


def _stdlib_departure() -> str:
    """A clause this interpreter's own stdlib is listed as failing (and that applies to it)."""
    path = find_expectation_file("stdlib", sys.implementation.name, sys.version_info[:2])
    if path is None:
        pytest.skip(f"no stdlib expectation file for {sys.implementation.name} {JUDGED}")
    catalogue = load_catalogue()
    release = tuple(sys.version_info[:3])
    for cid, entry in load_expectations(path, (c.id for c in catalogue), release).items():
        if entry.status == "fail" and catalogue[cid].applies(sys.version_info[:2], sys.platform):
            return cid
    pytest.skip(f"{path.name} lists no failing clause")


def conformance(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "conformance", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """``mine/my_tempfile.py``: the running interpreter's tempfile.py, creating files 0o644."""
    source = Path(tempfile.__file__).read_text(encoding="utf-8")
    broken = source.replace("_os.open(file, flags, 0o600)", "_os.open(file, flags, 0o644)")
    assert broken != source, "the stdlib's mkstemp changed shape; update the break"
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "my_tempfile.py").write_text(broken, encoding="utf-8")
    return tmp_path


def statuses(done: subprocess.CompletedProcess) -> dict:
    return {c["id"]: c["status"] for c in json.loads(done.stdout)["clauses"]}


def test_only_the_modules_own_departure_fails_when_its_file_extends_the_stdlib(copy):
    known = _stdlib_departure()
    args = ("--target", "mine/my_tempfile.py", "--as-version", JUDGED, "--clause", OWN, "--clause", known,
            "--format", "json")
    bare = conformance(*args, cwd=copy)
    assert statuses(bare) == {OWN: "fail", known: "fail"}, bare.stderr
    (copy / "mine" / "my_tempfile.conformance.toml").write_text('extends = "stdlib"\n')
    done = conformance(*args, cwd=copy)
    assert done.returncode == 1
    assert statuses(done) == {OWN: "fail", known: "expected-fail"}
    document = json.loads(done.stdout)
    assert document["expectations"] == str(copy / "mine" / "my_tempfile.conformance.toml")
    listed = next(c for c in document["clauses"] if c["id"] == known)
    assert listed["departure_class"] and not listed["reason"].startswith(listed["departure_class"])


def test_the_pytest_route_honours_the_file_and_exits_as_the_clause_summary(copy):
    exp = copy / "mine" / "exp.toml"
    exp.write_text(f'extends = "stdlib"\n[[expect]]\nclause = "{OWN}"\nstatus = "fail"\n'
                   'reason = "owner-only is not our promise"\nclass = "bug"\nevidence = "this test"\n')
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    command = [sys.executable, "-m", "pytest", "--pyargs", "conformance.tests", "-p", "no:cacheprovider",
               "-q", "--conformance-target", "my_tempfile.py", "--conformance-as-version", JUDGED,
               "--conformance-clause", OWN]
    mine = copy / "mine"
    listed = subprocess.run(command + ["--conformance-expectations", "exp.toml"], cwd=mine, env=env,
                            capture_output=True, text=True, timeout=300)
    assert " failed" in listed.stdout.splitlines()[-1]  # pytest counts the failing tests...
    assert listed.returncode == 0, listed.stdout[-2000:]  # ...the clause summary decides
    assert "1 expected failures" in listed.stdout and "exp.toml; the exit status follows" in listed.stdout
    unlisted = subprocess.run(command + ["--conformance-no-expectations"], cwd=mine, env=env,
                              capture_output=True, text=True, timeout=300)
    assert unlisted.returncode == 1


def test_version_range_api_selection_and_version_flag(copy):
    done = conformance("--target", "mine/my_tempfile.py", "--as-version", "3.15", "--clause", "mkdtemp",
                       "--format", "json", cwd=copy)
    assert done.returncode in (0, 1) and done.stderr == "", done.stderr  # judged, not refused
    document = json.loads(done.stdout)
    assert document["judged_version"] == "3.15"
    assert {c["api"] for c in document["clauses"]} == {"mkdtemp"} and len(document["clauses"]) > 1
    assert all(t["nodeid"].startswith("conformance/tests/test_") for c in document["clauses"]
               for t in c["tests"])
    shown = conformance("--version", cwd=copy)
    assert shown.returncode == 0 and shown.stdout.startswith("python -m conformance 0.1.0")


def test_the_console_script_is_installed():
    script = Path(sys.executable).with_name("conformance")
    assert script.is_file(), "pip install the project: pyproject.toml declares the 'conformance' script"
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "0.1.0" in done.stdout


@pytest.mark.skipif(not sandbox.available(), reason="bwrap cannot build a sandbox here")
def test_a_module_target_is_imported_only_inside_the_sandbox(tmp_path):
    marker = tmp_path / "imported-here"
    (tmp_path / "noisy_tf.py").write_text(  # leaves a mark where it is imported, if it can
        f"from tempfile import *  # noqa: F401,F403\ntry:\n    open({str(marker)!r}, 'a').write('x')\n"
        "except OSError:\n    pass\n")
    done = conformance("--target", "noisy_tf.py", "--clause", OWN, "--format", "json", cwd=tmp_path)
    assert json.loads(done.stdout)["sandbox"] == "bwrap", done.stderr
    assert not marker.exists()  # the folder is read-only inside the sandbox, and never imported here
    trusted = conformance("--target", "noisy_tf.py", "--clause", OWN, "--no-sandbox", "--format", "json",
                          cwd=tmp_path)
    assert json.loads(trusted.stdout)["sandbox"] == "audit-guard-only" and marker.exists()
