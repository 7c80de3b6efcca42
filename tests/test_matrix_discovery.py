"""Finding the matrix's targets: a fake pyenv root, a fake PATH, no real interpreters."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conformance import matrix_discovery as discovery
from conformance import matrix_run
from conformance.matrix_discovery import Interpreter, MatrixTarget

HOST = Interpreter("cpython", (3, 11, 7), "/host/python", "host")


def fake_pyenv(root: Path, names):
    for name in names:
        exe = root / "versions" / name / "bin" / "python"
        exe.parent.mkdir(parents=True)
        exe.write_text("#!/bin/sh\nexit 1\n")
    (root / "versions" / "broken-no-python").mkdir()
    return root


def script(directory: Path, name: str, says: str) -> Path:
    """A stand-in interpreter that answers the version probe with ``says``."""
    path = directory / name
    path.write_text(f"#!/bin/sh\necho '{says}'\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_pyenv_versions_are_read_from_directory_names(tmp_path):
    root = fake_pyenv(tmp_path, ["2.7.18", "3.8.18", "3.9.18", "3.12.0", "3.12.1", "system"])
    found = discovery.pyenv_interpreters(root)
    assert [(i.implementation, i.version) for i in found] == [
        ("cpython", (3, 12, 0)), ("cpython", (3, 12, 1)), ("cpython", (3, 8, 18)), ("cpython", (3, 9, 18))]


def test_one_column_per_minor_version_newest_patch_and_nothing_before_3_9(tmp_path):
    root = fake_pyenv(tmp_path, ["3.8.18", "3.9.18", "3.11.7", "3.12.0", "3.12.1"])
    chosen = discovery.choose_interpreters(discovery.pyenv_interpreters(root), HOST)
    assert [(i.version, i.source) for i in chosen] == [
        ((3, 9, 18), "pyenv"), ((3, 11, 7), "host"), ((3, 12, 1), "pyenv")]


def test_the_host_runs_without_python_option_and_others_with_their_executable(tmp_path):
    root = fake_pyenv(tmp_path, ["3.9.18", "3.11.7"])
    chosen = discovery.choose_interpreters(discovery.pyenv_interpreters(root), HOST)
    targets = discovery.interpreter_targets(chosen, HOST)
    assert [(t.key, t.python) for t in targets] == [
        ("cpython-3.9", str(root / "versions/3.9.18/bin/python")), ("cpython-3.11", None)]
    assert targets[0].label == "CPython 3.9.18 stdlib" and targets[0].target == "stdlib"


def test_path_interpreters_are_probed_and_shims_skipped(tmp_path):
    bin_dir, shims = tmp_path / "bin", tmp_path / "shims"
    bin_dir.mkdir()
    shims.mkdir()
    script(bin_dir, "python3.10", "cpython 3 10 5")
    script(bin_dir, "pypy3", "pypy 3 9 16")
    script(bin_dir, "python3.12", "garbage")  # will not say what it is: left out
    script(shims, "python3.13", "cpython 3 13 0")
    found = discovery.path_interpreters(os.pathsep.join([str(shims), str(bin_dir)]), [shims])
    assert [(i.implementation, i.version, i.source) for i in found] == [
        ("cpython", (3, 10, 5), "PATH"), ("pypy", (3, 9, 16), "PATH")]


def test_discover_puts_stdlibs_then_reference_then_adapters(tmp_path, monkeypatch):
    root = fake_pyenv(tmp_path / "pyenv", ["3.9.18", "3.13.0"])
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script(bin_dir, "pypy3", "pypy 3 9 16")
    env = {"PYENV_ROOT": str(root), "PATH": str(bin_dir), "HOME": str(tmp_path)}
    found = discovery.discover(env, host=HOST)
    keys = [t.key for t in found]
    assert keys[:5] == ["cpython-3.9", "cpython-3.11", "cpython-3.13", "pypy-3.9", "reference"]
    adapters = [t for t in found if t.family == "adapter"]
    assert {t.key for t in adapters} >= {"pyfakefs", "aiofiles", "anyio"}
    assert all(t.requirements and t.target == f"adapter:{t.key}" for t in adapters)
    assert "stdlib" not in keys  # the stdlib adapter is the interpreters' columns, not its own


def test_no_pyenv_at_all(tmp_path):
    env = {"PATH": str(tmp_path), "HOME": str(tmp_path)}
    assert discovery.pyenv_root(env) is None
    assert [t.key for t in discovery.discover(env, host=HOST)][:2] == ["cpython-3.11", "reference"]


# --- running a column: commands and caches, with subprocess faked ------------------------------

def test_runner_command_uses_python_option_only_for_other_interpreters():
    other = MatrixTarget("cpython-3.9", "x", "stdlib", "stdlib", "/py/3.9")
    assert matrix_run.runner_command(other, "/o.json")[3:] == [
        "--python", "/py/3.9", "--target", "stdlib", "--format", "json", "--output", "/o.json", "--quiet"]
    host = MatrixTarget("pyfakefs", "x", "adapter", "adapter:pyfakefs")
    assert "--python" not in matrix_run.runner_command(host, "/o.json")


def test_adapter_packages_install_once_into_the_cache(tmp_path, monkeypatch):
    calls = []

    def fake_pip(command, **kwargs):
        calls.append(command)
        Path(command[command.index("--target") + 1]).mkdir(parents=True)
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(matrix_run.subprocess, "run", fake_pip)
    target = MatrixTarget("pyfakefs", "x", "adapter", "adapter:pyfakefs", requirements=["pyfakefs==1"])
    first = matrix_run.ensure_packages(target, tmp_path, lambda _msg: None)
    again = matrix_run.ensure_packages(target, tmp_path, lambda _msg: None)
    assert first == again and first.is_dir() and len(calls) == 1
    assert calls[0][:4] == [sys.executable, "-m", "pip", "install"] and calls[0][-1] == "pyfakefs==1"
    env = matrix_run.child_environment(first, "-p no:x")
    assert env["PYTHONPATH"].split(os.pathsep)[:2] == [str(first), matrix_run.project_root()]
    assert env["PYTEST_ADDOPTS"].endswith("-p no:x")


def test_a_failed_install_becomes_a_column_error_not_a_crash(tmp_path, monkeypatch):
    monkeypatch.setattr(matrix_run.subprocess, "run", lambda command, **kw: subprocess.CompletedProcess(
        command, 1, "", "ERROR: No matching distribution found for pyfakefs==1"))
    target = MatrixTarget("pyfakefs", "x", "adapter", "adapter:pyfakefs", requirements=["pyfakefs==1"])
    result = matrix_run.run_column(target, tmp_path, lambda _msg: None)
    assert result.document is None
    assert "No matching distribution found" in result.error


def test_a_runner_that_writes_no_json_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(matrix_run.subprocess, "run", lambda command, **kw: subprocess.CompletedProcess(
        command, 2, "", "python -m conformance: error: cannot import target"))
    result = matrix_run.run_column(MatrixTarget("reference", "x", "reference", "reference"),
                                   tmp_path, lambda _msg: None)
    assert result.document is None and result.exit_code == 2
    assert result.error == ("the runner exited 2 without a result: "
                            "python -m conformance: error: cannot import target")


@pytest.mark.parametrize("env,expected", [
    ({"CONFORMANCE_CACHE": "/c"}, "/c"),
    ({"XDG_CACHE_HOME": "/x", "HOME": "/h"}, "/x/tempfile-conformance"),
])
def test_cache_root(env, expected):
    assert str(matrix_run.cache_root(env)) == expected


def test_a_pytest_crash_is_retried_and_noted(tmp_path, monkeypatch):
    attempts = []

    def runner(command, **kwargs):
        attempts.append(command)
        if len(attempts) == 1:
            return subprocess.CompletedProcess(command, 2, "", "error: pytest stopped with exit code 3: boom")
        output = command[command.index("--output") + 1]
        Path(output).write_text('{"clauses": [], "summary": {}}')
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(matrix_run.subprocess, "run", runner)
    logged = []
    result = matrix_run.run_column(MatrixTarget("reference", "x", "reference", "reference"),
                                   tmp_path, logged.append)
    assert len(attempts) == 2 and result.document == {"clauses": [], "summary": {}}
    assert result.notes and "exit code 3" in result.notes[0] and "retry 1 of 2" in logged[0]


def test_durations_round_trip_and_survive_garbage(tmp_path):
    assert matrix_run.load_durations(tmp_path) == {}
    matrix_run.save_durations(tmp_path, {"pyfakefs": 80.04})
    matrix_run.save_durations(tmp_path, {"reference": 9.0})
    assert matrix_run.load_durations(tmp_path) == {"pyfakefs": 80.0, "reference": 9.0}
    (tmp_path / "matrix-durations.json").write_text("not json")
    assert matrix_run.load_durations(tmp_path) == {}
