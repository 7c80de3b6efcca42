"""The strength benchmark's bookkeeping: the sample, the survivors' table, the figures, the page, the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance import sandbox
from strength.cli import main, sample
from strength.mutate import mutants
from strength.page import render
from strength.sandbox import SandboxUnavailable, run_sandboxed
from strength.survivors import figures, load_table


def document(results):
    described = {i: {"operator": "compare", "scope": "f", "line": n, "description": i, "platform_dead": None}
                 for n, i in enumerate(["a", "b", "c", "d"])}
    described["dead"] = dict(described["a"], platform_dead="never runs here")
    return {"interpreter": "3.11.7", "mutants": described, "results": results}


RESULTS = {
    "a": {"suite": "killed", "test_tempfile": "killed"},
    "b": {"suite": "survived", "test_tempfile": "killed"},
    "c": {"suite": "timeout", "test_tempfile": "survived"},
    "d": {"suite": "survived", "test_tempfile": "survived"},
}


def test_figures_count_kills_and_sort_survivors_by_class():
    table = {"b": {"class": "gap", "reason": "no test yet"}}
    numbers = figures(document(RESULTS), table)
    assert (numbers["live_run"], numbers["suite_killed"], numbers["stdlib_killed"]) == (4, 2, 2)
    assert numbers["classes"]["gap"] == ["b"] and numbers["classes"]["unclassified"] == ["d"]
    assert numbers["killed_only_by_test_tempfile"] == ["b"]


def test_the_page_lists_every_survivor_and_flags_the_unclassified():
    page = render({"3.11": document(RESULTS)}, {"b": {"class": "gap", "reason": "no test yet"}})
    assert "| 3.11 (Python 3.11.7) | 5 | 1 | 4 | 2/4 (50%) | 2/4 (50%) |" in page
    assert "`b`" in page and "no test yet" in page and "**unclassified**" in page


def test_the_table_refuses_a_row_without_class_or_reason(tmp_path: Path):
    bad = tmp_path / "t.toml"
    bad.write_text('[survivor."x"]\nclass = "maybe"\nreason = "?"\n')
    with pytest.raises(ValueError):
        load_table(bad)


def test_the_checked_in_table_loads():
    assert all(row["class"] in ("equivalent", "unobservable", "gap") for row in load_table().values())


def test_a_sample_is_fixed_and_grows_by_inclusion():
    found = mutants(b"def f(a):\n    return a == 1 and a < 2 or a > 3\n")
    assert {m.id for m in sample(found, 2)} <= {m.id for m in sample(found, 4)}
    assert [m.id for m in sample(found, 3)] == [m.id for m in sample(found, 3)]


def test_usage_errors_are_one_line_and_exit_2(capsys: pytest.CaptureFixture):
    assert main(["--sample", "0"]) == 2
    assert main(["--no-such-flag"]) == 2
    assert main(["--python", "9.99"]) == 2
    assert all(line.startswith("python -m strength: error:") for line in capsys.readouterr().err.splitlines())


def test_the_sandbox_needs_an_absolute_scratch_folder():
    with pytest.raises(SandboxUnavailable):
        run_sandboxed(["true"], Path("relative"), timeout=5)


@pytest.mark.skipif(not sandbox.available(), reason="bwrap cannot build a sandbox here")
def test_the_sandbox_keeps_the_host_read_only_and_stops_a_hang(tmp_path: Path):
    outcome = run_sandboxed(["sh", "-c", f"touch /etc/strength-probe; touch {tmp_path}/here"], tmp_path,
                            timeout=60)
    assert not Path("/etc/strength-probe").exists() and (tmp_path / "here").exists()
    assert outcome.returncode == 0
    assert run_sandboxed(["sleep", "30"], tmp_path, timeout=1).timed_out


def test_a_new_failing_test_counts_even_inside_a_clause_the_copy_already_fails():
    from strength.run import Observed, newly_red

    def run(erratum_tests, fine="pass", fine_test="passed"):
        return Observed({"c.erratum": "fail", "c.fine": fine},
                        {"c.erratum": erratum_tests, "c.fine": {"u": fine_test}})

    copy = run({"t[a]": "failed", "t[b]": "passed"})
    assert newly_red(copy, copy) == []
    assert newly_red(run({"t[a]": "failed", "t[b]": "failed"}), copy) == ["c.erratum"]
    assert newly_red(run({"t[a]": "failed", "t[b]": "passed"}, "error", "error"), copy) == ["c.fine"]
    # A test that already failed on the copy, failing again, is no news.
    assert newly_red(run({"t[a]": "error", "t[b]": "passed"}), copy) == []
