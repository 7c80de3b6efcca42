"""Running one matrix column: commands, caches and failures, with subprocess faked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conformance.matrix import run
from conformance.matrix.discover import MatrixTarget


def test_runner_command_uses_python_option_only_for_other_interpreters():
    other = MatrixTarget("cpython-3.9", "x", "stdlib", "stdlib", "/py/3.9")
    assert run.runner_command(other, "/o.json")[3:] == [
        "--python", "/py/3.9", "--target", "stdlib", "--format", "json", "--output", "/o.json", "--quiet"]
    host = MatrixTarget("pyfakefs", "x", "adapter", "adapter:pyfakefs")
    assert "--python" not in run.runner_command(host, "/o.json")


def test_adapter_packages_install_once_into_the_cache(tmp_path, monkeypatch):
    calls = []

    def fake_pip(command, **kwargs):
        calls.append(command)
        Path(command[command.index("--target") + 1]).mkdir(parents=True)
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(run.subprocess, "run", fake_pip)
    target = MatrixTarget("pyfakefs", "x", "adapter", "adapter:pyfakefs", requirements=["pyfakefs==1"])
    first = run.ensure_packages(target, tmp_path, lambda _msg: None)
    again = run.ensure_packages(target, tmp_path, lambda _msg: None)
    assert first == again and first.is_dir() and len(calls) == 1
    assert calls[0][:4] == [sys.executable, "-m", "pip", "install"] and calls[0][-1] == "pyfakefs==1"
    env = run.child_environment(first, "-p no:x")
    assert env["PYTHONPATH"].split(os.pathsep)[:2] == [str(first), run.project_root()]
    assert (Path(run.project_root()) / "conformance" / "__init__.py").is_file()
    assert env["PYTEST_ADDOPTS"].endswith("-p no:x")


def test_a_failed_install_becomes_a_column_error_not_a_crash(tmp_path, monkeypatch):
    monkeypatch.setattr(run.subprocess, "run", lambda command, **kw: subprocess.CompletedProcess(
        command, 1, "", "ERROR: No matching distribution found for pyfakefs==1"))
    target = MatrixTarget("pyfakefs", "x", "adapter", "adapter:pyfakefs", requirements=["pyfakefs==1"])
    result = run.run_column(target, tmp_path, lambda _msg: None)
    assert result.document is None
    assert "No matching distribution found" in result.error


def test_a_runner_that_writes_no_json_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(run.subprocess, "run", lambda command, **kw: subprocess.CompletedProcess(
        command, 2, "", "python -m conformance: error: cannot import target"))
    result = run.run_column(MatrixTarget("reference", "x", "reference", "reference"),
                            tmp_path, lambda _msg: None)
    assert result.document is None and result.exit_code == 2
    assert result.error == ("the runner exited 2 without a result: "
                            "python -m conformance: error: cannot import target")


def test_a_pytest_crash_is_retried_and_noted(tmp_path, monkeypatch):
    attempts = []

    def runner(command, **kwargs):
        attempts.append(command)
        if len(attempts) == 1:
            return subprocess.CompletedProcess(command, 2, "", "error: pytest stopped with exit code 3: boom")
        output = command[command.index("--output") + 1]
        Path(output).write_text('{"clauses": [], "summary": {}}')
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(run.subprocess, "run", runner)
    logged = []
    result = run.run_column(MatrixTarget("reference", "x", "reference", "reference"),
                            tmp_path, logged.append)
    assert len(attempts) == 2 and result.document == {"clauses": [], "summary": {}}
    assert result.notes and "exit code 3" in result.notes[0] and "retry 1 of 2" in logged[0]


def test_durations_round_trip_and_survive_garbage(tmp_path):
    assert run.load_durations(tmp_path) == {}
    run.save_durations(tmp_path, {"pyfakefs": 80.04})
    run.save_durations(tmp_path, {"reference": 9.0})
    assert run.load_durations(tmp_path) == {"pyfakefs": 80.0, "reference": 9.0}
    (tmp_path / "matrix-durations.json").write_text("not json")
    assert run.load_durations(tmp_path) == {}
