"""The matrix's columns: found through the interpreter layer on a fake pyenv root and PATH."""

from __future__ import annotations

from conformance.interpreters import Interpreter
from conformance.matrix import discover

from .test_interpreters import HOST, fake_pyenv, script


def test_the_host_runs_without_python_option_and_others_with_their_spec():
    chosen = [Interpreter("cpython", (3, 9, 18), "/pyenv/3.9.18/bin/python", "pyenv"), HOST,
              Interpreter("cpython", (3, 14, 0), "/usr/bin/python3.14", "debian", spec="debian:forky/3.14")]
    targets = discover.interpreter_targets(chosen, HOST)
    assert [(t.key, t.python) for t in targets] == [
        ("cpython-3.9", "/pyenv/3.9.18/bin/python"), ("cpython-3.11", None),
        ("cpython-3.14", "debian:forky/3.14")]
    assert targets[0].label == "CPython 3.9.18 stdlib" and targets[0].target == "stdlib"


def test_discover_puts_stdlibs_then_reference_then_adapters(tmp_path):
    root = fake_pyenv(tmp_path / "pyenv", ["3.9.18", "3.13.0"])
    script(tmp_path / "bin", "pypy3", "pypy 3 9 16")
    env = {"PYENV_ROOT": str(root), "PATH": str(tmp_path / "bin"), "HOME": str(tmp_path)}
    found = discover.discover(env, host=HOST)
    keys = [t.key for t in found]
    assert keys[:5] == ["cpython-3.9", "cpython-3.11", "cpython-3.13", "pypy-3.9", "reference"]
    adapters = [t for t in found if t.family == "adapter"]
    assert {t.key for t in adapters} >= {"pyfakefs", "aiofiles", "anyio"}
    assert all(t.requirements and t.target == f"adapter:{t.key}" for t in adapters)
    assert "stdlib" not in keys  # the stdlib adapter is the interpreters' columns, not its own
    without_path = [t.key for t in discover.discover(env, host=HOST, include_path=False)]
    assert "pypy-3.9" not in without_path and "cpython-3.13" in without_path


def test_no_interpreter_but_the_host(tmp_path):
    env = {"PATH": str(tmp_path), "HOME": str(tmp_path)}
    assert [t.key for t in discover.discover(env, host=HOST)][:2] == ["cpython-3.11", "reference"]
