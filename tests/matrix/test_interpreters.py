"""The interpreter layer: providers on a fake pyenv root and a fake PATH, the --python grammar."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from conformance import interpreters
from conformance.interpreters import Interpreter, InterpreterError, registry
from conformance.interpreters.path import WhichProvider
from conformance.interpreters.pyenv import PyenvProvider, pyenv_root

HOST = Interpreter("cpython", (3, 11, 7), "/host/python", "host")


def fake_pyenv(root: Path, names):
    """A pyenv root whose versions are stand-ins that refuse to run (discovery must not start them)."""
    for name in names:
        exe = root / "versions" / name / "bin" / "python"
        exe.parent.mkdir(parents=True)
        exe.write_text("#!/bin/sh\nexit 1\n")
    (root / "versions" / "broken-no-python").mkdir(parents=True)
    return root


def script(directory: Path, name: str, says: str) -> Path:
    """A stand-in interpreter that answers the version probe with ``says``."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(f"#!/bin/sh\necho '{says}'\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def versions(found):
    return [(i.implementation, i.version, i.provider) for i in found]


def test_pyenv_versions_are_read_from_directory_names(tmp_path):
    fake_pyenv(tmp_path, ["2.7.18", "3.8.18", "3.9.18", "3.12.0", "3.12.1", "system"])
    found = PyenvProvider().discover({"PYENV_ROOT": str(tmp_path)})
    assert versions(found) == [("cpython", (3, 12, 0), "pyenv"), ("cpython", (3, 12, 1), "pyenv"),
                               ("cpython", (3, 8, 18), "pyenv"), ("cpython", (3, 9, 18), "pyenv")]


def test_pyenv_resolves_the_newest_patch_or_an_exact_directory(tmp_path):
    env = {"PYENV_ROOT": str(fake_pyenv(tmp_path, ["3.12.0", "3.12.1", "3.9.18"]))}
    assert PyenvProvider().resolve("3.12", env).version == (3, 12, 1)
    assert PyenvProvider().resolve("3.12.0", env).version == (3, 12, 0)
    assert PyenvProvider().resolve("3.10", env) is None


def test_no_pyenv_at_all(tmp_path):
    env = {"PATH": str(tmp_path), "HOME": str(tmp_path)}
    assert pyenv_root(env) is None and PyenvProvider().discover(env) == []


def test_path_interpreters_are_probed_and_shims_skipped(tmp_path):
    bin_dir, shims = tmp_path / "bin", tmp_path / "pyenv" / "shims"
    script(bin_dir, "python3.10", "cpython 3 10 5")
    script(bin_dir, "pypy3", "pypy 3 9 16")
    script(bin_dir, "python3.12", "garbage")  # will not say what it is: left out
    script(shims, "python3.13", "cpython 3 13 0")
    env = {"PATH": os.pathsep.join([str(shims), str(bin_dir)]), "PYENV_ROOT": str(tmp_path / "pyenv")}
    assert versions(WhichProvider().discover(env)) == [
        ("cpython", (3, 10, 5), "which"), ("pypy", (3, 9, 16), "which")]


def test_one_per_minor_version_from_the_first_provider_newest_patch_nothing_before_3_8():
    found = [Interpreter("cpython", v, f"/py/{v}", "pyenv") for v in
             [(3, 7, 16), (3, 8, 18), (3, 11, 9), (3, 12, 0), (3, 12, 1)]]
    found += [Interpreter("pypy", (3, 9, 16), "/usr/bin/pypy3", "which"),
              Interpreter("cpython", (3, 12, 7), "/usr/bin/python3.12", "which"),
              Interpreter("cpython", (3, 14, 0), "/uv/3.14/bin/python3", "uv")]
    chosen = interpreters.choose(found, HOST)
    assert [(i.implementation, i.version, i.provider) for i in chosen] == [
        ("cpython", (3, 8, 18), "pyenv"), ("cpython", (3, 11, 7), "host"),
        ("cpython", (3, 12, 1), "pyenv"), ("cpython", (3, 14, 0), "uv"), ("pypy", (3, 9, 16), "which")]


# --- the --python grammar ----------------------------------------------------------------------

@pytest.mark.parametrize("spec,readings", [
    ("pyenv:3.12", [("pyenv", "3.12")]),
    ("path:/opt/py/bin/python3", [("path", "/opt/py/bin/python3")]),
    ("which:pypy3", [("which", "pypy3")]),
    ("host", [("host", "")]),
    ("3.12", [("pyenv", "3.12"), ("uv", "3.12"), ("which", "python3.12")]),
    ("3.12.1", [("pyenv", "3.12.1"), ("uv", "3.12.1"), ("which", "python3.12")]),
    ("/opt/py/bin/python3", [("path", "/opt/py/bin/python3")]),
    ("./odd:name/python", [("path", "./odd:name/python")]),
    ("~/py/bin/python", [("path", "~/py/bin/python")]),
    ("pypy3", [("which", "pypy3")]),
])
def test_grammar(spec, readings):
    assert registry.parse(spec) == readings


@pytest.mark.parametrize("spec,message", [
    ("nosuchkind:3.14", "unknown interpreter kind 'nosuchkind'"),
    ("", "--python needs a value"),
])
def test_grammar_errors_are_one_line(spec, message):
    with pytest.raises(InterpreterError, match=message):
        registry.parse(spec)


def test_a_bare_version_falls_back_from_pyenv_to_path(tmp_path):
    fake_pyenv(tmp_path / "pyenv", ["3.12.1"])
    script(tmp_path / "bin", "python3.10", "cpython 3 10 5")
    env = {"PYENV_ROOT": str(tmp_path / "pyenv"), "PATH": str(tmp_path / "bin"), "HOME": str(tmp_path)}
    assert registry.resolve("3.12", env).provider == "pyenv"
    on_path = registry.resolve("3.10", env)
    assert (on_path.provider, on_path.version, on_path.python_spec) == (
        "which", (3, 10, 5), str(tmp_path / "bin" / "python3.10"))
    looked = r"no Python '3.7' found \(looked for pyenv:3.7 or uv:3.7 or which:python3.7\)"
    with pytest.raises(InterpreterError, match=looked):
        registry.resolve("3.7", env)


def test_a_path_must_be_an_executable_python(tmp_path):
    with pytest.raises(InterpreterError, match="is not an executable file"):
        registry.resolve(str(tmp_path / "missing"))
    liar = script(tmp_path, "python", "not a python")
    with pytest.raises(InterpreterError, match="does not look like a Python interpreter"):
        registry.resolve(str(liar))
    found = registry.resolve(str(script(tmp_path, "py", "cpython 3 13 2")))
    assert (found.provider, found.version, found.python_spec) == ("path", (3, 13, 2), str(tmp_path / "py"))


def test_too_old_an_interpreter_is_refused(tmp_path, monkeypatch):
    old = script(tmp_path, "python", "cpython 3 7 16")
    monkeypatch.setattr(interpreters.elsewhere.registry, "provider_of",
                        lambda interp: pytest.fail("an unsupported interpreter was prepared"))
    with pytest.raises(InterpreterError, match="Python 3.7.16; the suite needs 3.8 or newer"):
        interpreters.run_elsewhere(str(old), ["--target", "stdlib"])


@pytest.mark.parametrize("env,expected", [
    ({"CONFORMANCE_CACHE": "/c"}, "/c"),
    ({"XDG_CACHE_HOME": "/x", "HOME": "/h"}, "/x/tempfile-conformance"),
])
def test_cache_root(env, expected):
    assert str(interpreters.cache_root(env)) == expected


def test_the_source_tree_is_found_from_the_package():
    from conformance.interpreters import venv

    root = venv.project_root()
    assert (root / "pyproject.toml").is_file() and (root / "conformance" / "interpreters").is_dir()
    assert venv.requirements(root)[:2] == ["setuptools>=61", "wheel"]
    # 3.8 gets the last pytest that supports it; newer versions the project's own ranges
    assert "pytest==8.3.5" in venv.requirements(root, (3, 8))
    assert not any("==" in r for r in venv.requirements(root, (3, 14)))
    assert venv.requirements_digest(root, (3, 8)) != venv.requirements_digest(root, (3, 9))


@pytest.mark.parametrize("version,ignores", [((3, 8, 18), True), ((3, 12, 1), False)])
def test_only_a_legacy_interpreter_installs_the_project_past_its_requires_python(tmp_path, monkeypatch,
                                                                                   version, ignores):
    from conformance.interpreters import venv

    commands = []
    monkeypatch.setattr(venv, "_run_step", lambda what, command, **kw: commands.append(command))
    interp = Interpreter("cpython", version, "/py", "pyenv")
    root = venv.project_root()
    venv._install_project(interp, tmp_path, root, [Path("pyproject.toml")], "digest")
    assert ("--ignore-requires-python" in commands[0]) is ignores
    assert (tmp_path / ".project").read_text() == "digest\n"
