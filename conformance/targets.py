"""Targets: what the suite judges, and the capabilities each one offers.

A *target* is a module that implements (some of) the tempfile API, plus three
facts the harness needs about it:

* ``version`` -- the Python version whose documented behaviour it is judged
  against.  The stdlib is judged against the interpreter running it, the
  reference against 3.14, any other module against ``--as-version`` (3.14).
* ``capabilities`` -- optional hooks, by name.  A test that needs one the
  target lacks is *skipped* with that reason, never passed.
* ``partial`` -- True when the target implements only part of the API on
  purpose (an async wrapper, say); names it lacks are then reported as
  "not implemented" rather than failures.

Capabilities (the contract; see docs "target contract"):

``name-injection``
    ``inject(names: Iterable[str]) -> context manager``.  While the context is
    active, every creating function (mkstemp, mkdtemp, the file classes, and
    mktemp) takes the random part of each candidate name from ``names``, in
    order, one per attempt.  Used to force collisions.

A module declares capabilities itself with a module attribute::

    __conformance_capabilities__ = {"name-injection": inject_names}

which is how the reference offers its documented hook, and how any third-party
module can offer one without an adapter.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import shlex
import sys
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Callable, ContextManager, Dict, Iterable, Optional, Tuple

from spec import parse_version

CAPABILITIES: Dict[str, str] = {
    "name-injection": "choose the random part of candidate names, to force collisions",
}

DEFAULT_VERSION = (3, 14)


class TargetError(Exception):
    """The target cannot be loaded; the message is one line for the user."""


@dataclass
class Target:
    """A module under judgement and what the harness knows about it."""

    name: str
    module: ModuleType
    version: Tuple[int, int]
    capabilities: Dict[str, Callable[..., Any]] = field(default_factory=dict)
    partial: bool = False
    implementation: str = ""
    # Optional per-test set-up, for targets whose file system is not the host's
    # (a fake file system must learn about the test's scratch directory).
    prepare_scratch: Optional[Callable[[str], None]] = None
    # Extra pytest options the target needs (an adapter's PYTEST_ADDOPTS), e.g.
    # "-p no:unraisableexception" for libraries that finalise objects in worker threads.
    pytest_options: Tuple[str, ...] = ()

    def has(self, capability: str) -> bool:
        """Does the target offer ``capability``?"""
        return capability in self.capabilities

    def inject_names(self, names: Iterable[str]) -> ContextManager[None]:
        """Use the target's name-injection hook (check :meth:`has` first)."""
        return self.capabilities["name-injection"](names)

    @property
    def version_text(self) -> str:
        return f"{self.version[0]}.{self.version[1]}"


def _declared_capabilities(module: ModuleType) -> Dict[str, Callable[..., Any]]:
    declared = getattr(module, "__conformance_capabilities__", None) or {}
    return {k: v for k, v in dict(declared).items() if k in CAPABILITIES}


def _module_target(name: str, module: ModuleType, version: Tuple[int, int]) -> Target:
    return Target(
        name=name,
        module=module,
        version=version,
        capabilities=_declared_capabilities(module),
        implementation=str(getattr(module, "__version__", "")),
    )


def _import_path(path: str) -> ModuleType:
    module_name = "conformance_target_" + os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise TargetError(f"cannot load {path!r} as a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def resolve_target(spec: str, as_version: Optional[str] = None) -> Target:
    """Turn a ``--target`` value into a :class:`Target` or raise :class:`TargetError`."""
    version = parse_version(as_version) if as_version else None
    if spec == "stdlib":
        from conformance.adapters.stdlib import make_target

        target = make_target()
        if version:
            target.version = version
        return target
    if spec == "reference":
        import reference

        return _module_target("reference", reference, version or DEFAULT_VERSION)
    if spec.startswith("adapter:"):
        return _adapter_target(spec[len("adapter:"):], version)
    try:
        if spec.endswith(".py") or os.sep in spec:
            if not os.path.isfile(spec):
                raise TargetError(f"target file {spec!r} does not exist")
            module = _import_path(spec)
        else:
            module = importlib.import_module(spec)
    except TargetError:
        raise
    except Exception as exc:  # any import failure is the user's one-line problem
        raise TargetError(f"cannot import target {spec!r}: {type(exc).__name__}: {exc}") from None
    return _module_target(spec, module, version or DEFAULT_VERSION)


def _adapter_target(name: str, version: Optional[Tuple[int, int]]) -> Target:
    """``adapter:NAME`` loads ``conformance.adapters.NAME.make_target()``."""
    try:
        adapter = importlib.import_module(f"conformance.adapters.{name}")
        target = adapter.make_target()
    except ImportError as exc:
        raise TargetError(f"adapter {name!r} is not available: {exc}") from None
    if version:
        target.version = version
    target.pytest_options = tuple(shlex.split(str(getattr(adapter, "PYTEST_ADDOPTS", ""))))
    return target
