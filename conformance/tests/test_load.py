"""Load: 4 processes x 2 threads creating in one directory at once.

The quick run makes 30 objects of each kind per thread (this file system is
slow to create and remove entries); CONFORMANCE_LOAD=full makes 5,000
(40,000 files and as many directories).  Throughput and collision counts are
recorded as figures; speed is never asserted.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, Tuple

import pytest

from conformance.harness.children import run_in_child
from conformance.harness.scratch import make_scratch

PROCESSES, THREADS = 4, 2


def _per_thread() -> int:
    return 5_000 if os.environ.get("CONFORMANCE_LOAD") == "full" else 30


KINDS = ("mkstemp", "mkdtemp", "scoped")

# Every thread does all three kinds in turn, each kind in its own shared directory,
# so one set of processes serves all tests (conformance.tests.in_child.load).
_runs: Dict[str, Tuple[list, str]] = {}


def _run_load(target_spec: str, scratch_root: str) -> Tuple[list, str]:
    """Start the workers once per target, open the gate when all are ready; their results."""
    if target_spec in _runs:
        return _runs[target_spec]
    base = make_scratch(scratch_root, "load")
    shared, gate = os.path.join(base, "shared"), os.path.join(base, "gate")
    for path in [gate] + [os.path.join(shared, k) for k in KINDS]:
        os.makedirs(path)
    args = {"shared": shared, "gate": gate, "kinds": list(KINDS), "threads": THREADS, "count": _per_thread()}
    with ThreadPoolExecutor(PROCESSES) as pool:
        futures = [pool.submit(run_in_child, target_spec, "conformance.tests.in_child.load:create_under_load",
                               args, timeout=600)
                   for _ in range(PROCESSES)]
        deadline = time.monotonic() + 120
        while len(os.listdir(gate)) < PROCESSES and time.monotonic() < deadline:
            if any(f.done() for f in futures):
                break  # a worker died before the gate: do not wait for it
            time.sleep(0.005)
        open(os.path.join(gate, "go"), "w").close()
        children = [f.result() for f in futures]
    for child in children:
        assert child.value is not None, child.stderr[-2000:]
    _runs[target_spec] = ([c.value for c in children], shared)
    return _runs[target_spec]


def _outcome(target_spec: str, scratch_root: str, kind: str, request) -> Tuple[list, list, str]:
    """Names made and errors seen for one kind, with the figures recorded on the test."""
    results, shared = _run_load(target_spec, scratch_root)
    names = [n for r in results for n in r["names"][kind]]
    errors = [e for r in results for e in r["errors"][kind]]
    error_count = sum(r["error_count"][kind] for r in results)
    slowest = max(r["seconds"] for r in results) or 1e-9
    props = request.node.user_properties
    props.append(("figure:trials", len(names)))
    props.append(("figure:files_per_second", round(3 * len(names) / slowest)))
    props.append(("figure:collisions", len(names) - len(set(names))))
    props.append(("figure:errors", error_count))
    props.append(("figure:workers", f"{PROCESSES} processes x {THREADS} threads"))
    return names, errors, os.path.join(shared, kind)


@pytest.mark.clause("load.mkstemp.unique")
@pytest.mark.host("subprocess", "threads")
def test_concurrent_mkstemp_gives_distinct_files(target_spec, scratch_root, request):
    names, errors, where = _outcome(target_spec, scratch_root, "mkstemp", request)
    assert errors == []
    assert len(names) == len(set(names)), "two calls returned the same path"
    assert len(names) == PROCESSES * THREADS * _per_thread()
    assert sorted(os.listdir(where)) == sorted(os.path.basename(n) for n in names)
    assert all(os.path.isfile(n) for n in names)


@pytest.mark.clause("load.mkdtemp.unique")
@pytest.mark.host("subprocess", "threads")
def test_concurrent_mkdtemp_gives_distinct_dirs(target_spec, scratch_root, request):
    names, errors, where = _outcome(target_spec, scratch_root, "mkdtemp", request)
    assert errors == []
    assert len(names) == len(set(names)), "two calls returned the same directory"
    assert len(names) == PROCESSES * THREADS * _per_thread()
    assert sorted(os.listdir(where)) == sorted(os.path.basename(n) for n in names)
    assert all(os.path.isdir(n) and os.listdir(n) == [] for n in names)


@pytest.mark.clause("load.scoped.cleaned-up")
@pytest.mark.host("subprocess", "threads")
def test_concurrent_scoped_objects_leave_nothing(target_spec, scratch_root, request):
    names, errors, where = _outcome(target_spec, scratch_root, "scoped", request)
    assert errors == []
    assert len(names) == PROCESSES * THREADS * _per_thread()
    assert os.listdir(where) == []
