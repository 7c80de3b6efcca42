"""Running the conformance tests in-process and turning the session into a result document."""

from __future__ import annotations

import contextlib
import io
import json
import os
import platform as platform_module
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

# Imported before pytest starts, on purpose: pytest marks every module of a plugin's distribution
# for assertion rewriting and, where bytecode is not written (PYTHONDONTWRITEBYTECODE), would
# recompile all of Hypothesis on every run.
import hypothesis  # noqa: F401
import pytest

from conformance import expectations as expectations_module
from conformance import plugin, pytest_summary, results
from conformance.harness.scratch import harness_tmp_root, make_scratch, remove_untrusted_tree
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
    test_files: List[str] = field(default_factory=list)  # one shard of a --jobs run (internal)


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
    release = tuple(int(x) for x in re.findall(r"\d+", platform_module.python_version())[:3])
    return path, dict(expectations_module.load_expectations(path, (c.id for c in catalogue), release))


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
    """Paths become absolute, so shard processes and child processes find the same file."""
    if spec.endswith(".py") or os.sep in spec:
        return os.path.abspath(spec)
    return spec


def pytest_arguments(options: RunOptions) -> List[str]:
    """The pytest command line for a run (or for one shard of it)."""
    args = list(options.test_files or [plugin.TESTS_DIR])
    args += ["-p", "no:cacheprovider", "-p", "conformance.pytest_summary", "-p", "no:benchmark",
             "-q", "--no-header", "-rN", "--conformance-target", _target_argument(options.target)]
    if options.as_version:
        args += ["--conformance-as-version", options.as_version]
    for pattern in options.patterns:
        args += ["--conformance-clause", pattern]
    return args


def conformance_modules() -> List[str]:
    """The conformance test modules, by path."""
    return sorted(str(p) for p in Path(plugin.TESTS_DIR).glob("test_*.py"))


def shards(files: Sequence[str], count: int) -> List[List[str]]:
    """Split ``files`` into at most ``count`` groups of similar total size (largest first)."""
    groups: List[List[str]] = [[] for _ in range(max(1, min(count, len(files))))]
    weights = [0] * len(groups)
    for path in sorted(files, key=lambda f: (-os.path.getsize(f), f)):
        lightest = weights.index(min(weights))
        groups[lightest].append(path)
        weights[lightest] += os.path.getsize(path)
    return [sorted(g) for g in groups if g]


def _shard_command(options: RunOptions, files: Sequence[str], output: str) -> List[str]:
    command = [sys.executable, "-m", "conformance", "--target", _target_argument(options.target),
               "--no-expectations", "--format", "json", "--output", output,
               "--shard", os.pathsep.join(files)]
    if options.as_version:
        command += ["--as-version", options.as_version]
    for pattern in options.patterns:
        command += ["--clause", pattern]
    return command


def merge_shards(documents: Sequence[dict]) -> Tuple[List[results.TestOutcome], List[str]]:
    """The test outcomes and session errors of several shard documents, as one session's."""
    outcomes: Dict[str, results.TestOutcome] = {}
    errors: List[str] = []
    for document in documents:
        errors.extend(document.get("errors", []))
        for clause in document["clauses"]:
            for test in clause["tests"]:
                found = outcomes.get(test["nodeid"])
                if found is None:
                    found = outcomes[test["nodeid"]] = results.TestOutcome(
                        test["nodeid"], (), test["outcome"], test["message"], test["duration"],
                        dict(test["properties"]))
                if clause["id"] not in found.clauses:
                    found.clauses += (clause["id"],)
    return list(outcomes.values()), errors


def run_sharded(options: RunOptions, jobs: int) -> Tuple[List[results.TestOutcome], List[str]]:
    """Run the test modules in ``jobs`` separate processes and merge what they report.

    Each shard is an ordinary serial session in its own interpreter: the suite's
    tests fork, send signals, install audit hooks and count descriptors, which a
    worker thread sharing the process (pytest-xdist's) would disturb.
    """
    scratch = make_scratch(harness_tmp_root(), "shards")
    try:
        running = []
        for index, files in enumerate(shards(conformance_modules(), jobs)):
            output = os.path.join(scratch, f"shard-{index}.json")
            process = subprocess.Popen(_shard_command(options, files, output), stdin=subprocess.DEVNULL,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            running.append((process, output))
        documents = []
        for process, output in running:
            _, stderr = process.communicate()
            if process.returncode == 2 or not os.path.isfile(output):
                lines = [ln for ln in stderr.strip().splitlines() if ln.strip()]
                last = lines[-1] if lines else f"exit status {process.returncode}"
                raise RunnerError(f"a shard failed: {last.replace('python -m conformance: error: ', '')}")
            with open(output, encoding="utf-8") as handle:
                documents.append(json.load(handle))
        return merge_shards(documents)
    finally:
        remove_untrusted_tree(scratch, harness_tmp_root())


def run(options: RunOptions) -> dict:
    """Run the suite (in this process, or in ``--jobs`` shard processes); the result document."""
    catalogue = load_catalogue()
    clauses = selected_clauses(catalogue, options.patterns)
    target = resolve_target(_target_argument(options.target), options.as_version)
    path, expected = choose_expectations(target, catalogue, options.expectations,
                                         options.use_expectations)
    if options.jobs and options.jobs > 1 and not options.test_files:
        outcomes, errors = run_sharded(options, options.jobs)
        return build_document(target, catalogue, clauses, outcomes, errors, path, expected)
    probe = _SessionProbe(target)
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
        code = pytest.main(pytest_arguments(options) + list(target.pytest_options), plugins=[probe])
    config = probe.config
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED,
                    pytest.ExitCode.NO_TESTS_COLLECTED) or config is None:
        tail = " | ".join(line.strip() for line in captured.getvalue().strip().splitlines()[-3:])
        raise RunnerError(f"pytest stopped with exit code {int(code)}: {tail or 'no output'}")
    state: pytest_summary.SessionState = config._conformance_state
    outcomes, errors = session_outcomes(config._conformance_log, sorted(state.seen), catalogue)
    return build_document(target, catalogue, clauses, outcomes, errors, path, expected)
