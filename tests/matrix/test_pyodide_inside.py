"""The boot file that runs first inside Pyodide: it must act like ``python`` and report progress."""

from __future__ import annotations

import sys
import types
from types import SimpleNamespace

import pytest

from conformance.interpreters import pyodide_inside


@pytest.fixture
def seen(monkeypatch):
    """A module the code under test can reach by import, to leave what it saw in."""
    probe = types.ModuleType("tfconf_seen")
    monkeypatch.setitem(sys.modules, "tfconf_seen", probe)
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    monkeypatch.setattr(sys, "path", list(sys.path))
    return probe


def test_dash_c_runs_the_code_as_main_with_its_arguments(seen):
    code = "import sys, tfconf_seen; tfconf_seen.argv = sys.argv; tfconf_seen.name = __name__"
    pyodide_inside.run_like_python(["-c", code, "--target", "stdlib"])
    assert seen.argv == ["-c", "--target", "stdlib"]
    assert seen.name == "__main__"
    assert sys.path[0] == ""  # as python -c puts it


def test_dash_m_runs_a_module_as_main(seen, tmp_path):
    (tmp_path / "tfconf_mod.py").write_text(
        "import sys, tfconf_seen\nif __name__ == '__main__':\n    tfconf_seen.argv = sys.argv[1:]\n")
    sys.path.insert(0, str(tmp_path))
    pyodide_inside.run_like_python(["-m", "tfconf_mod", "a", "b"])
    assert seen.argv == ["a", "b"]


def test_a_file_runs_with_its_folder_first_on_the_path(seen, tmp_path):
    script = tmp_path / "script.py"
    script.write_text("import sys, tfconf_seen\ntfconf_seen.argv = sys.argv\n")
    pyodide_inside.run_like_python([str(script), "x"])
    assert seen.argv == [str(script), "x"]
    assert sys.path[0] == str(tmp_path)


@pytest.mark.parametrize("argv", [[], ["-c"], ["-X", "dev"]])
def test_anything_else_is_one_line_and_exit_status_one(seen, argv):
    with pytest.raises(SystemExit) as stop:
        pyodide_inside.run_like_python(argv)
    assert isinstance(stop.value.code, str) and "\n" not in stop.value.code


def _report(nodeid: str, when: str, outcome: str) -> SimpleNamespace:
    return SimpleNamespace(nodeid=nodeid, when=when, outcome=outcome, passed=outcome == "passed",
                           failed=outcome == "failed", skipped=outcome == "skipped")


def test_progress_is_one_line_per_module_on_the_real_stderr(capfd, monkeypatch):
    progress = pyodide_inside.Progress()
    monkeypatch.setattr(sys, "dont_write_bytecode", sys.dont_write_bytecode)
    progress.pytest_collection_finish(SimpleNamespace(items=[1, 2, 3]))
    assert sys.dont_write_bytecode  # the sandbox guard would refuse a byte-code write from here on
    progress.pytest_runtest_logreport(_report("t/test_a.py::one", "setup", "passed"))
    progress.pytest_runtest_logreport(_report("t/test_a.py::one", "call", "passed"))
    progress.pytest_runtest_logreport(_report("t/test_a.py::two", "setup", "failed"))
    progress.pytest_runtest_logreport(_report("t/test_b.py::three", "setup", "skipped"))
    progress.pytest_sessionfinish(None)
    lines = [ln for ln in capfd.readouterr().err.splitlines() if ln.startswith("[pyodide]")]
    assert lines[0] == "[pyodide] collected 3 tests"
    assert lines[1].startswith("[pyodide] 2/3 test_a.py: 1 passed, 1 setup failed (")
    assert lines[2].startswith("[pyodide] 3/3 test_b.py: 1 skipped (")
    assert len(lines) == 3
