"""Resolving a ``--target`` value into a :class:`~conformance.target.Target`.

``stdlib`` and ``adapter:NAME`` go through an adapter (:mod:`conformance.adapters`),
``reference`` is the annotated reference, a path is imported from its file, and
anything else is imported as a module by name.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from types import ModuleType
from typing import Any, Callable, Dict, Optional, Tuple

from conformance.adapters import load_adapter
from conformance.target import (
    CAPABILITIES,
    DEFAULT_VERSION,
    EARLIEST_VERSION,
    LATEST_VERSION,
    TEMPFILE_NAMES,
    Target,
    TargetError,
    looks_like_path,
)

__all__ = ["Target", "TargetError", "judged_version", "resolve_target"]


def judged_version(text: str) -> Tuple[int, int]:
    """An ``--as-version`` value as (3, N), inside the spec's range, or :class:`TargetError`."""
    # Imported here: a check's child process resolves its target without --as-version and
    # would otherwise load the whole catalogue layer (pathlib, tomllib: ~10 ms) for nothing.
    from spec import SpecError, parse_version

    try:
        version = parse_version(text)
    except SpecError as exc:
        raise TargetError(str(exc)) from None
    if not EARLIEST_VERSION <= version <= LATEST_VERSION:
        low, high = (f"{v[0]}.{v[1]}" for v in (EARLIEST_VERSION, LATEST_VERSION))
        raise TargetError(f"version {text!r} is outside the spec's range ({low} to {high})")
    return version


def _declared_capabilities(module: ModuleType) -> Dict[str, Callable[..., Any]]:
    declared = vars(module).get("__conformance_capabilities__") or {}
    return {k: v for k, v in dict(declared).items() if k in CAPABILITIES}


def _module_target(name: str, module: ModuleType, version: Tuple[int, int]) -> Target:
    return Target(
        name=name,
        module=module,
        version=version,
        capabilities=_declared_capabilities(module),
        implementation=str(vars(module).get("__version__", "")),
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


def _adapter_target(name: str) -> Target:
    """``adapter:NAME`` (and ``stdlib``): the adapter builds the target."""
    adapter = load_adapter(name)
    try:
        target = adapter.make_target()
    except ImportError as exc:  # the judged library is not installed
        raise TargetError(f"adapter {name!r} is not available: {exc}") from None
    target.pytest_options = adapter.pytest_options
    return target


def _imported_target(spec: str) -> Target:
    try:
        if looks_like_path(spec):
            if not os.path.isfile(spec):
                raise TargetError(f"target file {spec!r} does not exist")
            module = _import_path(spec)
        else:
            module = importlib.import_module(spec)
    except TargetError:
        raise
    except Exception as exc:  # any import failure is the user's one-line problem
        raise TargetError(f"cannot import target {spec!r}: {type(exc).__name__}: {exc}") from None
    offered = set(dir(module))
    if not offered.intersection(TEMPFILE_NAMES):
        raise TargetError(f"target {spec!r} offers none of the tempfile API "
                          f"({', '.join(TEMPFILE_NAMES[:7])}, ...)")
    target = _module_target(spec, module, DEFAULT_VERSION)
    origin = vars(module).get("__file__")
    target.origin = os.path.abspath(origin) if isinstance(origin, str) else None
    return target


def resolve_target(spec: str, as_version: Optional[str] = None) -> Target:
    """Turn a ``--target`` value into a :class:`Target` or raise :class:`TargetError`."""
    version = judged_version(as_version) if as_version else None
    if spec == "stdlib":
        target = _adapter_target("stdlib")
    elif spec == "reference":
        import reference

        target = _module_target("reference", reference, DEFAULT_VERSION)
    elif spec.startswith("adapter:"):
        target = _adapter_target(spec[len("adapter:"):])
    else:
        target = _imported_target(spec)
    if version:
        target.version = version
    return target
