"""Running the conformance tests in-process (or in ``--jobs`` shard processes) into a result document."""

from __future__ import annotations

import contextlib
import gc
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

import pytest

from conformance import host, plugin, progress, session
from conformance.confined import ConfinedRunError, is_foreign, run_confined

# Imported before pytest starts, on purpose: pytest marks every module of a plugin's distribution
# for assertion rewriting and, where bytecode is not written (PYTHONDONTWRITEBYTECODE), would
# recompile them on every run.  The tests import the harness, their helpers and some checks of
# in_child, none of which has an assertion whose message a report shows.
from conformance.harness import children, descriptors, fd_probe, guard, os_faults, planting  # noqa: F401
from conformance.harness.scratch import harness_tmp_root, make_scratch, remove_untrusted_tree
from conformance.results import TestRecord
from conformance.target import Target, looks_like_path
from conformance.targets import resolve_target
from conformance.tests import _badinput_helpers, _creators, _descriptors, _security_helpers, in_child  # noqa: F401
from conformance.tests.in_child import cleanup, creation, tmpfile_fallback  # noqa: F401
from conformance.vocabulary import AUDIT_GUARD_ONLY, SANDBOX_BWRAP
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
    # Module and path targets run inside the sandbox when conformance.sandbox provides one;
    # --no-sandbox turns that off (only for code one trusts).
    sandbox: bool = True
    test_files: List[str] = field(default_factory=list)  # one shard of a --jobs run (internal)


class _SessionProbe:
    """Passed to pytest.main: hands the plugin our Target and catalogue, keeps the config for afterwards."""

    def __init__(self, target: Target, catalogue: Optional[Catalogue] = None) -> None:
        self.target = target
        self.catalogue = catalogue
        self.config: Optional[pytest.Config] = None

    def pytest_configure(self, config: pytest.Config) -> None:
        # state_of creates the state if the plugin has not yet, so no hook order is needed.
        state = plugin.state_of(config)
        state.target = self.target
        if self.catalogue is not None:  # already read and validated: not a second time
            state.catalogue = self.catalogue
        state.runner_renders_report = True
        self.config = config


def target_argument(spec: str) -> str:
    """Paths become absolute, so shard processes and child processes find the same file."""
    return os.path.abspath(spec) if looks_like_path(spec) else spec


def pytest_arguments(options: RunOptions) -> List[str]:
    """The pytest command line for a run (or for one shard of it)."""
    args = list(options.test_files or [plugin.TESTS_DIR])
    # Never pytest-xdist in-process: --jobs shards the run itself (see run_sharded).  Not
    # loading it spares its import, and the rewriting of its modules, on every run; the same
    # for Hypothesis's plugin where the project's own tests installed it (the suite draws its
    # fuzzed calls itself).
    args += ["-p", "no:cacheprovider", "-p", "no:benchmark", "-p", "no:xdist", "-p", "no:hypothesispytest",
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
    return [sys.executable, "-m", "conformance", *child_arguments(options), "--format", "json",
            "--output", output, "--shard", os.pathsep.join(files)]


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
                    found = records[test["nodeid"]] = TestRecord.from_dict(test)
                if clause["id"] not in found.clauses:
                    found.clauses += (clause["id"],)
    return list(records.values()), errors


def run_sharded(options: RunOptions, jobs: int) -> Tuple[List[TestRecord], List[str]]:
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


@contextlib.contextmanager
def _imports_frozen() -> Iterator[None]:
    """Keep what is loaded before pytest starts (pytest, the catalogue) out of the collector.

    Collecting the tests allocates hundreds of thousands of AST nodes (assertion
    rewriting), so the collector runs often; without this each full collection
    walked every object of those imports again (37 ms of a run's collection
    phase).  The conftest freezes the heap once more when the first test starts.
    """
    freezable = hasattr(gc, "freeze")  # CPython's; PyPy's collector has no permanent generation
    if freezable:
        gc.freeze()
    try:
        yield
    finally:
        if freezable:
            gc.unfreeze()


def run_in_process(options: RunOptions, target: Target,
                   catalogue: Optional[Catalogue] = None) -> Tuple[List[TestRecord], List[str]]:
    """One pytest session in this process; the records of the tests that reported."""
    probe = _SessionProbe(target, catalogue)
    plugins: List[object] = [probe]
    if progress.wanted(sys.stderr):  # the terminal itself, before pytest's output is captured
        plugins.append(progress.TerminalProgress(sys.stderr))
    if host.has("subprocess") and host.has("fork"):  # as the conftest asks; they start while pytest collects
        children.launch_fork_servers(in_child.check_modules())
    captured = io.StringIO()
    try:
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured), _imports_frozen():
            code = pytest.main(pytest_arguments(options) + list(target.pytest_options), plugins=plugins)
    finally:
        children.stop_fork_servers()  # the session stops them; not if it never began
    config = probe.config
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED,
                    pytest.ExitCode.NO_TESTS_COLLECTED) or config is None:
        if os.environ.get("CONFORMANCE_DEBUG"):
            sys.__stderr__.write(captured.getvalue())
        lines = captured.getvalue().strip().splitlines()
        # pytest's INTERNALERROR lines name the cause; the last lines are often only warnings.
        internal = [line for line in lines if line.startswith("INTERNALERROR>")]
        tail = " | ".join(line.strip() for line in (internal[-3:] or lines[-3:]))
        raise RunnerError(f"pytest stopped with exit code {int(code)}: {tail or 'no output'}")
    state = plugin.state_of(config)
    return session.session_records(state.records, state.seen, plugin.catalogue_for(config),
                                   state.collection_errors)


def child_arguments(options: RunOptions, *, whole_run: bool = False) -> List[str]:
    """The same run's options for a child process.

    A shard or a confined child uses no expectations (the caller applies them);
    a child that does the whole run (``--python``) gets them, and the sandbox choice.
    """
    argv = ["--target", target_argument(options.target)]
    if options.as_version:
        argv += ["--as-version", options.as_version]
    for pattern in options.patterns:
        argv += ["--clause", pattern]
    if options.jobs:
        argv += ["--jobs", str(options.jobs)]
    if not whole_run or not options.use_expectations:
        return argv + ["--no-expectations"] + ([] if options.sandbox else ["--no-sandbox"])
    if options.expectations:
        argv += ["--expectations", os.path.abspath(options.expectations)]
    return argv + ([] if options.sandbox else ["--no-sandbox"])


def _confined(options: RunOptions) -> Optional[dict]:
    """A module or path target judged inside the sandbox, or None where none can be built."""
    spec = target_argument(options.target)
    readable = [os.path.dirname(spec)] if looks_like_path(spec) else []
    try:
        return run_confined(child_arguments(options), readable + [os.getcwd()])
    except ConfinedRunError as exc:
        raise RunnerError(str(exc)) from None


def run(options: RunOptions) -> dict:
    """Run the suite (in this process, in ``--jobs`` shards, or confined); the result document."""
    catalogue = load_catalogue()
    clauses = session.selected_clauses(catalogue, options.patterns)
    top_level = not options.test_files
    child = _confined(options) if options.sandbox and top_level and is_foreign(options.target) else None
    if child is not None:  # the target was never imported here
        judged = session.Judged.from_document(child)
        records, errors = merge_shards([child])
    else:
        target = resolve_target(target_argument(options.target), options.as_version)
        judged = session.Judged.of(target)
    path, expected = session.choose_expectations(judged, catalogue, options.expectations,
                                                 options.use_expectations)
    if child is None:
        if options.jobs and options.jobs > 1 and top_level:
            records, errors = run_sharded(options, options.jobs)
        else:
            records, errors = run_in_process(options, target, catalogue)
    confinement = SANDBOX_BWRAP if child is not None else AUDIT_GUARD_ONLY
    return session.build_document(judged, clauses, records, errors, path, expected, confinement)
