"""uv's managed interpreters, on a fake ``uv/python`` folder (none are installed on this machine)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.interpreters import registry
from conformance.interpreters.uv import UvProvider, uv_python_dir

FOLDERS = {
    "cpython-3.14.0-linux-x86_64-gnu": "bin/python3",
    "cpython-3.14.2-linux-x86_64-gnu": "bin/python3",
    "cpython-3.14.2+freethreaded-linux-x86_64-gnu": "bin/python3",
    "cpython-3.15.0-linux-x86_64-gnu": "bin/python",
    "pypy-3.11.13-linux-x86_64-gnu": "bin/pypy3",
    "cpython-3.13.1-linux-x86_64-gnu": "",  # a half-finished install: no interpreter
    ".lock": "",
}


def fake_uv(where: Path) -> Path:
    """A uv python folder whose interpreters refuse to run (discovery must not start them)."""
    for folder, executable in FOLDERS.items():
        (where / folder).mkdir(parents=True)
        if executable:
            exe = where / folder / executable
            exe.parent.mkdir(parents=True, exist_ok=True)
            exe.write_text("#!/bin/sh\nexit 1\n")
            exe.chmod(0o755)
    return where


@pytest.mark.parametrize("env,expected", [
    ({"UV_PYTHON_INSTALL_DIR": "/u", "XDG_DATA_HOME": "/x", "HOME": "/h"}, "/u"),
    ({"XDG_DATA_HOME": "/x", "HOME": "/h"}, "/x/uv/python"),
    ({"HOME": "/h"}, "/h/.local/share/uv/python"),
])
def test_where_uv_keeps_its_interpreters(env, expected):
    assert str(uv_python_dir(env)) == expected


def test_discovery_reads_folder_names_and_leaves_out_variants(tmp_path):
    env = {"UV_PYTHON_INSTALL_DIR": str(fake_uv(tmp_path))}
    found = UvProvider().discover(env)
    assert [(i.implementation, i.version, i.spec) for i in found] == [
        ("cpython", (3, 14, 0), "uv:cpython-3.14.0-linux-x86_64-gnu"),
        ("cpython", (3, 14, 2), "uv:cpython-3.14.2-linux-x86_64-gnu"),
        ("cpython", (3, 15, 0), "uv:cpython-3.15.0-linux-x86_64-gnu"),
        ("pypy", (3, 11, 13), "uv:pypy-3.11.13-linux-x86_64-gnu")]
    assert found[2].executable == str(tmp_path / "cpython-3.15.0-linux-x86_64-gnu" / "bin" / "python")
    assert UvProvider().discover({"UV_PYTHON_INSTALL_DIR": str(tmp_path / "none")}) == []


def test_resolve_by_version_by_pypy_version_and_by_folder(tmp_path):
    env = {"UV_PYTHON_INSTALL_DIR": str(fake_uv(tmp_path))}
    uv = UvProvider()
    assert uv.resolve("3.14", env).version == (3, 14, 2)
    assert uv.resolve("pypy3.11", env).implementation == "pypy"
    assert uv.resolve("3.12", env) is None
    variant = uv.resolve("cpython-3.14.2+freethreaded-linux-x86_64-gnu", env)
    assert variant.version == (3, 14, 2) and "freethreaded" in variant.executable
    assert uv.resolve("cpython-3.13.1-linux-x86_64-gnu", env) is None


def test_the_grammar_and_the_matrix_reach_uv(tmp_path):
    env = {"UV_PYTHON_INSTALL_DIR": str(fake_uv(tmp_path / "uv")), "PATH": str(tmp_path),
           "HOME": str(tmp_path)}
    assert registry.parse("uv:3.14") == [("uv", "3.14")]
    assert registry.resolve("uv:3.14", env).version == (3, 14, 2)
    assert registry.resolve("3.15", env).provider == "uv"  # a bare version: pyenv, then uv, then PATH
    chosen = registry.choose(registry.discover(env))
    assert {(i.implementation, i.minor) for i in chosen if i.provider == "uv"} == {
        ("cpython", (3, 14)), ("cpython", (3, 15)), ("pypy", (3, 11))}
