"""Fixtures every conformance test shares.

* ``tf`` -- the module under test, behind a thin proxy: reading a public name
  the target lacks skips the test as "not implemented: NAME".
* ``target`` -- the :class:`~conformance.targets.Target` (capabilities, version).
* ``scratch`` -- an empty owner-only directory for this test alone.  It is also
  the default temp directory while the test runs (``TMPDIR`` points at it and
  ``tempdir`` is reset), so a test that omits ``dir=`` still writes only here.
* ``audit`` -- an :class:`~conformance.harness.audit.AuditRecorder` subscribed for the
  test's duration.
* isolation (automatic) -- ``tempdir``, the environment, umask and cwd are put
  back after each test, and a descriptor the test leaves open fails it.
"""

from __future__ import annotations

import gc
import os
import warnings
from typing import Any, Dict, Iterator

import pytest

from conformance import host
from conformance.harness.audit import AuditRecorder
from conformance.harness.children import privilege_drop_command, start_fork_servers, stop_fork_servers
from conformance.harness.descriptors import describe_fd, open_fds
from conformance.harness.guard import SANDBOX_VARIABLE, SandboxGuard
from conformance.harness.scratch import ScratchPool, make_scratch, remove_untrusted_tree, session_tmp_root
from conformance.plugin import target_for
from conformance.tests import in_child
from conformance.vocabulary import MEANS_PROPERTY, NAME_INJECTION
from conformance.vocabulary import SKIP_NOT_IMPLEMENTED as NOT_IMPLEMENTED

pytest.register_assert_rewrite("conformance.tests._shared")

class TargetModule:
    """The target's module, with missing public names turned into 'not implemented' skips."""

    def __init__(self, module: Any) -> None:
        object.__setattr__(self, "_module", module)

    def __getattr__(self, name: str) -> Any:
        module = object.__getattribute__(self, "_module")
        try:
            return getattr(module, name)
        except AttributeError:
            pytest.skip(f"{NOT_IMPLEMENTED}{name}")

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(object.__getattribute__(self, "_module"), name, value)


@pytest.fixture(scope="session")
def target(request: pytest.FixtureRequest):
    """The target under judgement."""
    return target_for(request.config)


@pytest.fixture(scope="session")
def scratch_root() -> Iterator[str]:
    """One directory per session holding every test's scratch directory."""
    parent = session_tmp_root()
    root = make_scratch(parent, "session")
    yield root
    remove_untrusted_tree(root, parent)


@pytest.fixture(scope="session", autouse=True)
def _frozen_heap() -> Iterator[None]:
    """Keep what is alive before the first test (pytest, the catalogue) out of every collection.

    Tests call gc.collect() to see finalizers run; with the session's own objects
    frozen, each collection walks only what tests made since, not the whole heap.
    Where the heap was already frozen before pytest started (``python -m
    conformance`` does so), thawing it is left to whoever froze it: thawing here
    would hand pytest's own collections at the session's end the whole heap again.
    """
    gc.collect()
    freezable = hasattr(gc, "freeze")  # CPython's; PyPy's collector has no permanent generation
    thaw = freezable and gc.get_freeze_count() == 0
    if freezable:
        gc.freeze()
    yield
    if thaw:
        gc.unfreeze()


@pytest.fixture(scope="session", autouse=True)
def _child_servers() -> Iterator[None]:
    """The processes checks are forked from, started before any test counts its descriptors."""
    if host.has("subprocess") and host.has("fork"):  # not on Pyodide: its tests needing one are gated
        start_fork_servers(preload=in_child.check_modules())  # or take those the runner launched
    yield
    stop_fork_servers()


@pytest.fixture(scope="session")
def scratch_pool(scratch_root: str) -> Iterator[ScratchPool]:
    """Where each test's directory comes from (an untouched one is handed out again)."""
    pool = ScratchPool(scratch_root)
    yield pool
    pool.close()


@pytest.fixture
def scratch(scratch_pool: ScratchPool, target) -> Iterator[str]:
    """An empty owner-only directory for this test alone; removed afterwards whatever it holds."""
    path = scratch_pool.take()
    if target.prepare_scratch is not None:
        target.prepare_scratch(path)
    yield path
    # A target on a fake file system keeps its own copy of the directory: never hand that on.
    scratch_pool.give_back(path, reusable=target.prepare_scratch is None)


def _restore_environ(saved: Dict[str, str]) -> None:
    """Make ``os.environ`` (and so the process environment) equal ``saved`` again.

    Only what differs is unset or set: clearing and refilling the mapping cost a
    system call per variable, twice, for every test.
    """
    for name in [name for name in os.environ if name not in saved]:
        del os.environ[name]
    for name, value in saved.items():
        if os.environ.get(name) != value:
            os.environ[name] = value


@pytest.fixture
def tf(target, scratch: str, request: pytest.FixtureRequest) -> Iterator[TargetModule]:
    """The target's module, with the default temp directory pointed at ``scratch``."""
    module = target.module
    saved_env = dict(os.environ)
    saved_tempdir = getattr(module, "tempdir", None)
    saved_umask = os.umask(0o022)
    saved_cwd = os.getcwd()
    for var in ("TMPDIR", "TEMP", "TMP"):
        os.environ.pop(var, None)
    os.environ["TMPDIR"] = scratch
    if hasattr(module, "tempdir"):
        module.tempdir = None
    os.chdir(scratch)  # a relative dir= or '' lands in scratch, not in the checkout
    try:
        yield TargetModule(module)
    finally:
        os.chdir(saved_cwd)
        os.umask(saved_umask)
        _restore_environ(saved_env)
        if hasattr(module, "tempdir"):
            module.tempdir = saved_tempdir


@pytest.fixture(autouse=True)
def _sandbox(scratch_root: str, request: pytest.FixtureRequest) -> Iterator[None]:
    """Refuse and report any change outside the scratch tree (see SandboxGuard).

    A test that must let the target touch a shared directory (the stdlib's
    probe of /tmp during the directory search, say) names it with
    ``@pytest.mark.sandbox_allows("/tmp")``.
    """
    extra = [p for mark in request.node.iter_markers("sandbox_allows") for p in mark.args]
    roots = [scratch_root] + extra
    saved = os.environ.get(SANDBOX_VARIABLE)
    os.environ[SANDBOX_VARIABLE] = os.pathsep.join(roots)  # child processes guard too
    with SandboxGuard(roots) as guard:
        yield
    if saved is None:
        os.environ.pop(SANDBOX_VARIABLE, None)
    else:
        os.environ[SANDBOX_VARIABLE] = saved
    if guard.violations:
        pytest.fail("sandbox violation(s), refused: " + "; ".join(guard.violations[:5]), pytrace=False)


@pytest.fixture(autouse=True)
def _no_leaked_descriptors(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that leaves a descriptor open (after garbage collection)."""
    before = open_fds()
    yield
    leaked = open_fds() - before
    if leaked:  # a collection can only close what garbage holds: skip it (slow) when nothing leaked
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            gc.collect()
        leaked = open_fds() - before
    for fd in leaked:
        try:
            os.close(fd)
        except OSError:
            pass
    if leaked:
        where = ", ".join(f"{fd} -> {describe_fd(fd)}" for fd in sorted(leaked))
        pytest.fail(f"descriptor(s) left open after the test: {where}", pytrace=False)


@pytest.fixture(autouse=True)
def _means_of_injection(request: pytest.FixtureRequest) -> None:
    """A test that needs name injection observes its clause by it: say so in its properties."""
    needs = request.node.get_closest_marker("needs")
    if needs is not None and NAME_INJECTION in needs.args:
        request.node.user_properties.append((MEANS_PROPERTY, NAME_INJECTION))


@pytest.fixture
def audit() -> Iterator[AuditRecorder]:
    """Audit events raised while the test runs."""
    with AuditRecorder() as recorder:
        yield recorder


@pytest.fixture
def unprivileged(request: pytest.FixtureRequest) -> str:
    """Skip unless a check can run without permission-bypassing privileges; say how."""
    found = privilege_drop_command()
    if found is None:
        pytest.skip("missing capability: a way to drop root's DAC privileges (setpriv)")
    request.node.user_properties.append(("privileges", found[1]))
    return found[1]


@pytest.fixture
def target_spec(request: pytest.FixtureRequest) -> str:
    """The ``--conformance-target`` value, for tests that start child processes."""
    return request.config.getoption("--conformance-target") or "stdlib"
