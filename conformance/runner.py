"""Running the conformance tests in-process (or in ``--jobs`` shard processes) into a result document."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import pytest

from conformance import plugin, session, support
from conformance.results import TestRecord
from conformance.target import Target, looks_like_path
from conformance.targets import resolve_target
from spec import load_catalogue


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


class _SessionProbe:
    """Passed to pytest.main: hands the plugin our Target and keeps the config for afterwards."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.config: Optional[pytest.Config] = None

    def pytest_configure(self, config: pytest.Config) -> None:
        # state_of creates the state if the plugin has not yet, so no hook order is needed.
        state = plugin.state_of(config)
        state.target = self.target
        state.runner_renders_report = True
        self.config = config


def target_argument(spec: str) -> str:
    """Paths become absolute, so shard processes and child processes find the same file."""
    return os.path.abspath(spec) if looks_like_path(spec) else spec


def pytest_arguments(options: RunOptions) -> List[str]:
    """The pytest command line for a run (or for one shard of it)."""
    args = list(options.test_files or [plugin.TESTS_DIR])
    args += ["-p", "no:cacheprovider", "-p", "no:benchmark",
             "-q", "--no-header", "-rN", "--conformance-target", target_argument(options.target)]
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
    command = [sys.executable, "-m", "conformance", "--target", target_argument(options.target),
               "--no-expectations", "--format", "json", "--output", output,
               "--shard", os.pathsep.join(files)]
    if options.as_version:
        command += ["--as-version", options.as_version]
    for pattern in options.patterns:
        command += ["--clause", pattern]
    return command


def merge_shards(documents: Sequence[dict]) -> Tuple[List[TestRecord], List[str]]:
    """The test records and session errors of several shard documents, as one session's."""
    records: Dict[str, TestRecord] = {}
    errors: List[str] = []
    for document in documents:
        errors.extend(document.get("errors", []))
        for clause in document["clauses"]:
            for test in clause["tests"]:
                found = records.get(test["nodeid"])
                if found is None:
                    found = records[test["nodeid"]] = TestRecord(
                        test["nodeid"], (), test["outcome"], test["message"], test["duration"],
                        dict(test["properties"]))
                if clause["id"] not in found.clauses:
                    found.clauses += (clause["id"],)
    return list(records.values()), errors


def run_sharded(options: RunOptions, jobs: int) -> Tuple[List[TestRecord], List[str]]:
    """Run the test modules in ``jobs`` separate processes and merge what they report.

    Each shard is an ordinary serial session in its own interpreter: the suite's
    tests fork, send signals, install audit hooks and count descriptors, which a
    worker thread sharing the process (pytest-xdist's) would disturb.
    """
    scratch = support.make_scratch(support.harness_tmp_root(), "shards")
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
        support.remove_tree(scratch)


def run_in_process(options: RunOptions, target: Target) -> Tuple[List[TestRecord], List[str]]:
    """One pytest session in this process; the records of the tests that reported."""
    probe = _SessionProbe(target)
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
        code = pytest.main(pytest_arguments(options) + list(target.pytest_options), plugins=[probe])
    config = probe.config
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED,
                    pytest.ExitCode.NO_TESTS_COLLECTED) or config is None:
        tail = " | ".join(line.strip() for line in captured.getvalue().strip().splitlines()[-3:])
        raise RunnerError(f"pytest stopped with exit code {int(code)}: {tail or 'no output'}")
    state = plugin.state_of(config)
    return session.session_records(state.records, state.seen, plugin.catalogue_for(config),
                                   state.collection_errors)


def run(options: RunOptions) -> dict:
    """Run the suite (in this process, or in ``--jobs`` shard processes); the result document."""
    catalogue = load_catalogue()
    clauses = session.selected_clauses(catalogue, options.patterns)
    target = resolve_target(target_argument(options.target), options.as_version)
    path, expected = session.choose_expectations(target, catalogue, options.expectations,
                                                 options.use_expectations)
    if options.jobs and options.jobs > 1 and not options.test_files:
        records, errors = run_sharded(options, options.jobs)
    else:
        records, errors = run_in_process(options, target)
    return session.build_document(target, clauses, records, errors, path, expected)
