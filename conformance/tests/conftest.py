"""Fixtures every conformance test shares.

* ``tf`` -- the module under test, behind a thin proxy: reading a public name
  the target lacks skips the test as "not implemented: NAME".
* ``target`` -- the :class:`~conformance.targets.Target` (capabilities, version).
* ``scratch`` -- a fresh owner-only directory for this test alone.  It is also
  the default temp directory while the test runs (``TMPDIR`` points at it and
  ``tempdir`` is reset), so a test that omits ``dir=`` still writes only here.
* ``audit`` -- an :class:`~conformance.support.AuditRecorder` subscribed for the
  test's duration.
* isolation (automatic) -- ``tempdir``, the environment, umask and cwd are put
  back after each test, and a descriptor the test leaves open fails it.
"""

from __future__ import annotations

import gc
import os
import warnings
from typing import Any, Iterator

import hypothesis.configuration
import pytest
from hypothesis import HealthCheck, settings

from conformance import support
from conformance.plugin import target_for
from conformance.vocabulary import SKIP_NOT_IMPLEMENTED as NOT_IMPLEMENTED

# Deterministic and quick by default; CONFORMANCE_HYPOTHESIS=thorough for more.
settings.register_profile(
    "conformance", max_examples=40, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "thorough", max_examples=400, deadline=None, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("CONFORMANCE_HYPOTHESIS", "conformance"))


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
    root = support.make_scratch(support.harness_tmp_root(), "session")
    # Hypothesis keeps a small cache; inside the session tree it is sandboxed and removed.
    hypothesis.configuration.set_hypothesis_home_dir(os.path.join(root, ".hypothesis"))
    yield root
    hypothesis.configuration.set_hypothesis_home_dir(None)  # back to Hypothesis's default
    support.remove_tree(root)


@pytest.fixture
def scratch(scratch_root: str, target) -> Iterator[str]:
    """A fresh directory for this test; removed afterwards whatever it holds."""
    path = support.make_scratch(scratch_root)
    if target.prepare_scratch is not None:
        target.prepare_scratch(path)
    yield path
    support.remove_tree(path)


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
        os.environ.clear()
        os.environ.update(saved_env)
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
    saved = os.environ.get("CONFORMANCE_SANDBOX")
    os.environ["CONFORMANCE_SANDBOX"] = os.pathsep.join(roots)  # child processes guard too
    with support.SandboxGuard(roots) as guard:
        yield
    if saved is None:
        os.environ.pop("CONFORMANCE_SANDBOX", None)
    else:
        os.environ["CONFORMANCE_SANDBOX"] = saved
    if guard.violations:
        pytest.fail("sandbox violation(s), refused: " + "; ".join(guard.violations[:5]), pytrace=False)


@pytest.fixture(autouse=True)
def _no_leaked_descriptors(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that leaves a descriptor open (after garbage collection)."""
    before = support.open_fds()
    yield
    leaked = support.open_fds() - before
    if leaked:  # a collection can only close what garbage holds: skip it (slow) when nothing leaked
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            gc.collect()
        leaked = support.open_fds() - before
    for fd in leaked:
        try:
            os.close(fd)
        except OSError:
            pass
    if leaked:
        where = ", ".join(f"{fd} -> {support.describe_fd(fd)}" for fd in sorted(leaked))
        pytest.fail(f"descriptor(s) left open after the test: {where}", pytrace=False)


@pytest.fixture
def audit() -> Iterator[support.AuditRecorder]:
    """Audit events raised while the test runs."""
    with support.AuditRecorder() as recorder:
        yield recorder


@pytest.fixture
def unprivileged(request: pytest.FixtureRequest) -> str:
    """Skip unless a check can run without permission-bypassing privileges; say how."""
    found = support.privilege_drop_command()
    if found is None:
        pytest.skip("missing capability: a way to drop root's DAC privileges (setpriv)")
    request.node.user_properties.append(("privileges", found[1]))
    return found[1]


@pytest.fixture
def target_spec(request: pytest.FixtureRequest) -> str:
    """The ``--conformance-target`` value, for tests that start child processes."""
    return request.config.getoption("--conformance-target") or "stdlib"
