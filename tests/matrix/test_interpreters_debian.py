"""Debian roots as an interpreter kind: the --python grammar, the root build's errors, discovery."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conformance import sandbox
from conformance.interpreters import debian, debian_root, registry
from conformance.interpreters.base import InterpreterError


@pytest.mark.parametrize("rest, wanted", [
    ("forky/3.14", ("forky", "python3.14", "3.14")),
    ("forky/pypy3.11", ("forky", "pypy3", "3.11")),
    ("forky/pypy3", ("forky", "pypy3", "")),
    ("3.15", ("forky", "python3.15", "3.15")),
    ("pypy3", ("forky", "pypy3", "")),
    ("sid", ("sid", "python3", "")),
])
def test_rest_grammar(rest, wanted):
    assert debian._wanted(rest) == wanted


@pytest.mark.parametrize("rest", ["", "Forky/3.14", "forky/3.14x", "forky/", "forky//3.14", "3"])
def test_malformed_rest_is_one_line(rest):
    with pytest.raises(InterpreterError) as info:
        debian._wanted(rest)
    assert "\n" not in str(info.value) and "SUITE/VERSION" in str(info.value)


def test_registry_reads_debian_specs():
    assert registry.parse("debian:forky/3.14") == [("debian", "forky/3.14")]


DEB822 = """
Types: deb
URIs: http://mirror.example/debian
Suites: bookworm
Components: main

Types: deb
URIs: http://security.example/debian-security
Suites: bookworm-security
"""


def test_mirror_from_either_sources_format():
    assert list(debian_root._archive_uris(DEB822)) == ["http://mirror.example/debian",
                                                       "http://security.example/debian-security"]
    one_line = "deb [arch=amd64] http://old.example/debian bookworm main\n# deb http://x/debian a b\n"
    assert list(debian_root._archive_uris(one_line)) == ["http://old.example/debian"]


def test_mirror_missing_is_a_one_line_error(monkeypatch, tmp_path):
    monkeypatch.setattr(debian_root, "SOURCES", (tmp_path / "none.list",))
    with pytest.raises(InterpreterError, match="no Debian mirror"):
        debian_root.find_mirror({})
    assert debian_root.find_mirror({"CONFORMANCE_DEBIAN_MIRROR": "http://m/debian"}) == "http://m/debian"


def test_debootstrap_command_falls_back_to_the_unstable_script(tmp_path, monkeypatch):
    monkeypatch.setattr(debian_root, "SCRIPTS", tmp_path)
    (tmp_path / "trixie").write_text("")
    newer = debian_root.debootstrap_command("debootstrap", "forky", tmp_path / "r", "http://m/debian")
    known = debian_root.debootstrap_command("debootstrap", "trixie", tmp_path / "r", "http://m/debian")
    assert newer[-1] == str(tmp_path / "sid") and known[-1] == "http://m/debian"
    assert "--variant=minbase" in newer and all(p in newer[2] for p in debian_root.PACKAGES)


def test_missing_debootstrap_exits_2_with_one_line(tmp_path):
    env = dict(os.environ, PATH=str(tmp_path), CONFORMANCE_CACHE=str(tmp_path / "cache"),
               CONFORMANCE_DEBOOTSTRAP=str(tmp_path / "no-debootstrap"))
    done = subprocess.run([sys.executable, "-m", "conformance.interpreters.build_root", "--suite", "forky"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "debootstrap is not installed" in done.stderr


def test_nothing_is_discovered_without_a_built_root(tmp_path):
    assert debian.DebianProvider().discover({"CONFORMANCE_CACHE": str(tmp_path)}) == []


def test_executables_of_a_root(tmp_path):
    bin_dir = tmp_path / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    for name in ("python3.15", "python3.9", "python3", "pypy3", "python3.14-config"):
        (bin_dir / name).write_text("")
    assert debian.executables(tmp_path) == ["/usr/bin/python3.9", "/usr/bin/python3.15", "/usr/bin/pypy3"]


@pytest.mark.skipif(not (debian_root.is_built("forky") and sandbox.available()),
                    reason="no forky root in the cache (python -m conformance.interpreters.build_root)")
def test_a_clause_judged_under_debian_python(tmp_path):
    out = tmp_path / "r.json"
    done = subprocess.run([sys.executable, "-m", "conformance", "--python", "debian:forky/3.15", "--target",
                           "stdlib", "--clause", "spooled.attributes.*", "--format", "json",
                           "--output", str(out)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-600:]
    document = json.loads(out.read_text())
    assert document["interpreter"]["version"].startswith("3.15.")
    statuses = {c["id"]: c["status"] for c in document["clauses"]}
    assert statuses["spooled.attributes.mode-and-truncating-name"] == "pass"
