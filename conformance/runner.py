"""Running the conformance tests in-process and turning the session into a result document."""

from __future__ import annotations

import contextlib
import io
import os
import platform as platform_module
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import pytest

from conformance import expectations as expectations_module
from conformance import plugin, pytest_summary, results
from conformance.targets import Target, resolve_target
from spec import Catalogue, load_catalogue


class RunnerError(Exception):
    """The run cannot start or pytest itself broke; one line for the user, exit status 2."""


@dataclass
class RunOptions:
    """What the command line asked for."""

    target: str = "stdlib"
    as_version: Optional[str] = None
    patterns: List[str] = field(default_factory=list)
    jobs: Optional[int] = None
    expectations: Optional[str] = None  # an explicit file
    use_expectations: bool = True


def interpreter_info() -> Dict[str, str]:
    """The interpreter running the suite."""
    return {"implementation": sys.implementation.name,
            "version": platform_module.python_version(), "executable": sys.executable}


def target_info(target: Target) -> Dict[str, object]:
    """The ``target`` object of the result document."""
    return {"name": target.name, "implementation": target.implementation,
            "partial": bool(target.partial), "capabilities": sorted(target.capabilities)}


def selected_clauses(catalogue: Catalogue, patterns: Sequence[str]) -> List[object]:
    """The clauses matching ``patterns`` (all without patterns); none matching is a usage error."""
    chosen = [c for c in catalogue if pytest_summary.matches((c.id,), patterns)]
    if not chosen:
        raise RunnerError(f"--clause {' '.join(patterns)} matches no clause id "
                          "(try python -m conformance --list-clauses)")
    return chosen


def choose_expectations(target: Target, catalogue: Catalogue, explicit: Optional[str],
                        use: bool) -> Tuple[Optional[Path], Dict[str, object]]:
    """The expectation file for this run and its entries (raises ExpectationError)."""
    if not use:
        return None, {}
    path = Path(explicit) if explicit else expectations_module.find_expectation_file(
        target.name, sys.implementation.name, target.version)
    if path is None:
        return None, {}
    return path, dict(expectations_module.load_expectations(path, (c.id for c in catalogue)))


def session_outcomes(log: plugin.ResultLog, seen: Sequence[str],
                     catalogue: Catalogue) -> Tuple[List[results.TestOutcome], List[str]]:
    """Tests that reported, as outcomes, plus problems that make the session unclean."""
    outcomes, errors = [], list(log.collection_errors)
    seen_set = set(seen)
    for nodeid, record in log.records.items():
        if nodeid not in seen_set:
            continue  # never ran: it must not count for anything
        outcomes.append(results.TestOutcome(nodeid, tuple(record.clauses), record.outcome,
                                            record.reason, record.duration, dict(record.properties)))
        if not record.clauses:
            errors.append(f"{nodeid}: conformance test without a @pytest.mark.clause marker")
        unknown = [c for c in record.clauses if c not in catalogue]
        if unknown:
            errors.append(f"{nodeid}: names clause id(s) not in the catalogue: {', '.join(unknown)}")
    return outcomes, errors


def build_document(target: Target, catalogue: Catalogue, clauses: Sequence[object],
                   outcomes: Sequence[results.TestOutcome], errors: Sequence[str],
                   expectations_file: Optional[Path], expected: Dict[str, object]) -> dict:
    """Aggregate and wrap everything in the result document."""
    verdicts = results.aggregate(clauses, outcomes, version=target.version, platform=sys.platform,
                                 partial=target.partial, expectations=expected)
    return results.result_document(
        target=target_info(target), interpreter=interpreter_info(), platform=sys.platform,
        judged_version=target.version_text, results=verdicts,
        expectations_file=str(expectations_file) if expectations_file else None, errors=errors)


def document_from_config(config) -> dict:
    """The result document of a finished pytest session (used by the terminal summary)."""
    catalogue = plugin.catalogue_for(config)
    target = plugin.target_for(config)
    state: pytest_summary.SessionState = config._conformance_state
    clauses = selected_clauses(catalogue, state.patterns)
    path, expected = choose_expectations(target, catalogue, None, True)
    outcomes, errors = session_outcomes(config._conformance_log, sorted(state.seen), catalogue)
    return build_document(target, catalogue, clauses, outcomes, errors, path, expected)


class _SessionProbe:
    """Passed to pytest.main: hands it our Target and keeps the config for afterwards."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.config = None

    @pytest.hookimpl(trylast=True)  # after the plugin has set its defaults
    def pytest_configure(self, config) -> None:
        self.config = config
        config._conformance_target = self.target
        config._conformance_state.runner_owned = True


def _target_argument(spec: str) -> str:
    """Paths become absolute, so xdist workers and child processes find the same file."""
    if spec.endswith(".py") or os.sep in spec:
        return os.path.abspath(spec)
    return spec


def pytest_arguments(options: RunOptions) -> List[str]:
    """The pytest command line for a run."""
    args = [plugin.TESTS_DIR, "-p", "no:cacheprovider", "-p", "conformance.pytest_summary",
            "-p", "no:benchmark",
            "-q", "--no-header", "-rN", "--conformance-target", _target_argument(options.target)]
    if options.as_version:
        args += ["--conformance-as-version", options.as_version]
    for pattern in options.patterns:
        args += ["--conformance-clause", pattern]
    if options.jobs and options.jobs > 1:
        args += ["-n", str(options.jobs)]
    return args


def check_jobs(jobs: Optional[int]) -> None:
    """``--jobs N`` needs pytest-xdist; say so instead of failing inside pytest."""
    if jobs is None or jobs <= 1:
        return
    try:
        import xdist  # noqa: F401
    except ImportError:
        raise RunnerError("--jobs needs pytest-xdist (pip install pytest-xdist)") from None


def run(options: RunOptions) -> dict:
    """Run the suite in this process and return the result document."""
    catalogue = load_catalogue()
    clauses = selected_clauses(catalogue, options.patterns)
    target = resolve_target(_target_argument(options.target), options.as_version)
    path, expected = choose_expectations(target, catalogue, options.expectations,
                                         options.use_expectations)
    check_jobs(options.jobs)
    probe = _SessionProbe(target)
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
        code = pytest.main(pytest_arguments(options), plugins=[probe])
    config = probe.config
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED,
                    pytest.ExitCode.NO_TESTS_COLLECTED) or config is None:
        tail = " | ".join(line.strip() for line in captured.getvalue().strip().splitlines()[-3:])
        raise RunnerError(f"pytest stopped with exit code {int(code)}: {tail or 'no output'}")
    state: pytest_summary.SessionState = config._conformance_state
    outcomes, errors = session_outcomes(config._conformance_log, sorted(state.seen), catalogue)
    return build_document(target, catalogue, clauses, outcomes, errors, path, expected)
