"""Pyodide as an interpreter kind: found when Node.js is here, its own matrix column, and a real run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.boundaries import cpython_columns
from conformance.interpreters import registry
from conformance.interpreters.base import Interpreter, InterpreterError
from conformance.interpreters.pyodide import (
    DRIVER,
    PROJECT_ROOT,
    PYODIDE_PYTHON,
    PYODIDE_VERSION,
    PyodideProvider,
    launch_prefix,
    pip_download_command,
    platform_tags,
)
from conformance.matrix.discover import interpreter_targets
from conformance.vocabulary import EXPECTED_FAIL, MATRIX_SCHEMA, PLATFORM

NODE_HERE = shutil.which("node") is not None and shutil.which("npm") is not None


def fake_node(where: Path) -> dict:
    """A PATH holding stand-ins called node and npm (discovery must not start them)."""
    for tool in ("node", "npm"):
        stub = where / tool
        stub.write_text("#!/bin/sh\nexit 1\n")
        stub.chmod(0o755)
    return {"PATH": str(where), "XDG_CACHE_HOME": str(where / "cache")}


def test_found_when_node_and_npm_are_on_path(tmp_path):
    [found] = PyodideProvider().discover(fake_node(tmp_path))
    assert (found.implementation, found.version, found.provider, found.spec, found.platform) == \
        ("cpython", PYODIDE_PYTHON, "pyodide", "pyodide", "emscripten")
    assert found.executable == str(tmp_path / "node")
    assert found.label == "cpython 3.14.2 on emscripten"
    assert PyodideProvider().discover({"PATH": str(tmp_path / "nowhere")}) == []


def test_resolve_knows_only_the_pinned_release(tmp_path):
    env = fake_node(tmp_path)
    assert PyodideProvider().resolve("", env).platform == "emscripten"
    assert PyodideProvider().resolve(PYODIDE_VERSION, env).version == PYODIDE_PYTHON
    with pytest.raises(InterpreterError, match=f"pins pyodide {PYODIDE_VERSION}"):
        PyodideProvider().resolve("300.0.0", env)
    with pytest.raises(InterpreterError, match="needs Node.js: node and npm not found on PATH"):
        PyodideProvider().resolve("", {"PATH": str(tmp_path / "nowhere")})


def test_a_column_of_its_own_beside_a_linux_cpython_of_the_same_version(tmp_path):
    pyodide = PyodideProvider().resolve("", fake_node(tmp_path))
    linux = Interpreter("cpython", (3, 14, 0), "/opt/py314/bin/python3", "path")
    host = Interpreter("cpython", (3, 11, 7), sys.executable, "host")
    assert registry.parse("pyodide") == [("pyodide", "")]
    chosen = registry.choose([linux, pyodide], host)
    assert linux in chosen and pyodide in chosen
    column = [t for t in interpreter_targets(chosen, host) if t.python == "pyodide"]
    assert [(t.key, t.label) for t in column] == [("cpython-3.14-emscripten",
                                                    "CPython 3.14.2 stdlib on emscripten")]


def test_wheels_are_asked_for_pyodides_platform_only():
    tags = platform_tags({"python": "3.14.2", "abi_version": "2026_0", "arch": "wasm32"})
    assert tags == {"python_version": "3.14", "abi": "cp314", "platform": "pyemscripten_2026_0_wasm32"}
    command = pip_download_command(tags, ["pytest>=7"], Path("/w"))
    assert "--only-binary=:all:" in command and command[-1] == "pytest>=7"
    platforms = [command[i + 1] for i, part in enumerate(command) if part == "--platform"]
    assert platforms == ["pyemscripten_2026_0_wasm32", "any"]


def test_the_launch_mounts_folders_at_their_own_paths(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFORMANCE_HYPOTHESIS", "thorough")
    monkeypatch.setenv("SECRET_TOKEN", "x")
    node, driver, config_text = launch_prefix("/usr/bin/node", tmp_path / "cache", ["/tmp/out"])
    config = json.loads(config_text)
    assert (node, driver) == ("/usr/bin/node", str(DRIVER))
    assert config["mounts"] == [str(PROJECT_ROOT), str(tmp_path / "cache"), "/tmp/out"]
    assert config["env"] == {"CONFORMANCE_HYPOTHESIS": "thorough"}  # only the suite's own knobs
    assert config["prelude"][0].endswith("pyodide_inside.py")


def test_without_node_the_command_line_says_so_in_one_line(tmp_path):
    env = dict(os.environ, PATH=str(tmp_path))
    done = subprocess.run([sys.executable, "-m", "conformance", "--python", "pyodide"], cwd=PROJECT_ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "python -m conformance: error: --python pyodide needs Node.js: node and npm not found on PATH"]


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not on this machine")
def test_the_driver_refuses_a_missing_pyodide_in_one_line(tmp_path):
    config = json.dumps({"pyodide": str(tmp_path), "mounts": [], "prelude": []})
    done = subprocess.run(["node", str(DRIVER), config], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("pyodide driver: error: cannot load ")


@pytest.mark.skipif(not NODE_HERE, reason="Node.js (node and npm) is not on this machine")
def test_a_real_run_inside_pyodide(tmp_path):
    """The temporaryfile clauses, judged inside Pyodide: installs on first use, then a warm run."""
    output = tmp_path / "result.json"
    done = subprocess.run([sys.executable, "-m", "conformance", "--target", "stdlib", "--python", "pyodide",
                           "--clause", "temporaryfile.*", "--format", "json", "--output", str(output)],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "[pyodide] collected" in done.stderr  # progress came through while it ran
    document = json.loads(output.read_text())
    assert (document["platform"], document["interpreter"]["version"]) == ("emscripten", "3.14.2")
    assert document["expectations"].endswith("stdlib-cpython-3.14-emscripten.toml")
    verdict = {c["id"]: (c["status"], c["departure_class"]) for c in document["clauses"]}
    assert verdict["temporaryfile.unix.no-directory-entry"] == (EXPECTED_FAIL, PLATFORM)  # st_nlink 1


def test_the_version_boundary_check_leaves_the_pyodide_column_out():
    def column(key: str, platform: str) -> dict:
        return {"key": key, "python": None, "result": {
            "target": {"name": "stdlib"}, "interpreter": {"implementation": "cpython"},
            "judged_version": "3.14", "platform": platform, "clauses": []}}

    columns = [column("cpython-3.14", sys.platform), column("cpython-3.14-emscripten", "emscripten")]
    document = {"schema": MATRIX_SCHEMA, "columns": columns}
    assert [c.key for c in cpython_columns(document)] == ["cpython-3.14"]
