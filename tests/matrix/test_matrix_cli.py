"""``python -m conformance matrix``: the command, on a fake discovery and canned column results."""

from __future__ import annotations

import json

import pytest

from conformance.matrix import cli, run
from conformance.matrix.discover import MatrixTarget

from .test_matrix_model import ADAPTER, STDLIB_39

TARGETS = [MatrixTarget("cpython-3.9", "CPython 3.9.18 stdlib", "stdlib", "stdlib", "/py/3.9"),
           MatrixTarget("pyfakefs", "pyfakefs (adapter)", "adapter", "adapter:pyfakefs",
                        requirements=["pyfakefs==1"])]
CANNED = {"cpython-3.9": STDLIB_39, "pyfakefs": ADAPTER}


@pytest.fixture
def fake_world(monkeypatch, tmp_path):
    """Discovery finds two targets; running one returns its canned document."""
    ran = []

    def run_column(target, root, log):
        ran.append(target.key)
        return run.ColumnResult(target, document=CANNED[target.key], duration=0.1)

    monkeypatch.setattr(cli.discover, "discover", lambda include_path=True: list(TARGETS))
    monkeypatch.setattr(cli.run, "run_column", run_column)
    monkeypatch.setenv("CONFORMANCE_CACHE", str(tmp_path))
    return ran


def test_main_exits_one_on_unexplained_and_zero_on_a_clean_subset(fake_world, capsys):
    assert cli.main([]) == 1
    assert sorted(fake_world) == ["cpython-3.9", "pyfakefs"]
    assert cli.main(["--targets", "cpython-3.9", "--format", "markdown"]) == 0
    out, err = capsys.readouterr()
    assert "| clause | 3.9 |" in out
    assert "(1/1) cpython-3.9" in err  # progress goes to stderr


def test_main_writes_reports_to_output_dir(fake_world, tmp_path, capsys):
    assert cli.main(["--targets", "cpython-3.9", "--output-dir", str(tmp_path / "reports")]) == 0
    assert json.loads((tmp_path / "reports" / "matrix.json").read_text())["unexplained"] == []
    assert (tmp_path / "reports" / "matrix.html").read_text().startswith("<!DOCTYPE html>")


def test_unknown_target_is_a_usage_error(fake_world, capsys):
    assert cli.main(["--targets", "cpython-2.7"]) == 2
    err = capsys.readouterr().err
    assert "unknown target(s) cpython-2.7" in err and "Traceback" not in err


def test_list_targets(fake_world, capsys):
    assert cli.main(["--list-targets"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("cpython-3.9") and "installs pyfakefs==1" in out[1]


def test_a_bad_jobs_value_is_a_usage_error(fake_world, capsys):
    assert cli.main(["--jobs", "0"]) == 2


def test_an_output_dir_that_cannot_be_made_fails_before_any_column_runs(fake_world, tmp_path, capsys):
    (tmp_path / "file").write_text("")
    assert cli.main(["--output-dir", str(tmp_path / "file" / "reports")]) == 2
    assert fake_world == [] and "cannot create" in capsys.readouterr().err
