"""Thin adapters: the only code in the suite allowed to touch a target's private names.

An adapter turns "a module that claims to implement the tempfile API" into a
:class:`conformance.target.Target`: the module itself, the Python version it is
judged against, and the optional capabilities it offers (see
``conformance/target.py`` for the list and what each promises).

The contract an adapter module keeps, read in one place (:func:`load_adapter`)
and handed on as a typed :class:`Adapter`:

``make_target() -> Target``
    required; builds the target (import the judged library inside it, so that
    listing adapters never imports a library that is not installed).
``REQUIREMENTS: list[str]``
    the PyPI requirements a matrix column installs for it (none: no column).
``PACKAGE: str``
    the distribution it judges (default: the adapter's name).
``SHORT: str``
    a short column title for the matrix (default: none).
``JUDGED_AS: tuple[int, int]``
    the Python version whose documented behaviour it is judged against, when fixed.
``PYTEST_ADDOPTS: str``
    extra pytest options every run of it needs (shell-quoted, as in the variable).
"""

from __future__ import annotations

import importlib
import pkgutil
import shlex
from dataclasses import dataclass
from types import ModuleType
from typing import Callable, List, Optional, Tuple

from conformance.target import Target, TargetError

# The upper-case names of the contract and the type each must have.
_DECLARED_TYPES = {"REQUIREMENTS": (list, tuple), "PACKAGE": str, "SHORT": str,
                   "JUDGED_AS": tuple, "PYTEST_ADDOPTS": str}


@dataclass(frozen=True)
class Adapter:
    """One adapter module, as its contract describes it."""

    name: str
    make_target: Callable[[], Target]
    requirements: Tuple[str, ...] = ()
    package: str = ""
    short: str = ""
    judged_as: Optional[Tuple[int, int]] = None
    pytest_options: Tuple[str, ...] = ()

    @property
    def target_spec(self) -> str:
        """The ``--target`` value that selects this adapter."""
        return f"adapter:{self.name}"


def describe(name: str, module: ModuleType) -> Adapter:
    """Check ``module`` against the contract and return what it declares."""
    declared = vars(module)
    make_target = declared.get("make_target")
    if not callable(make_target):
        raise TargetError(f"adapter {name!r} has no make_target() function")
    for key, wanted in _DECLARED_TYPES.items():
        if key in declared and not isinstance(declared[key], wanted):
            raise TargetError(f"adapter {name!r}: {key} has the wrong type")
    judged_as = declared.get("JUDGED_AS")
    return Adapter(
        name=name, make_target=make_target,
        requirements=tuple(str(r) for r in declared.get("REQUIREMENTS", ())),
        package=str(declared.get("PACKAGE", name)), short=str(declared.get("SHORT", "")),
        judged_as=(int(judged_as[0]), int(judged_as[1])) if judged_as else None,
        pytest_options=tuple(shlex.split(str(declared.get("PYTEST_ADDOPTS", "")))))


def load_adapter(name: str) -> Adapter:
    """The adapter ``conformance.adapters.NAME`` (raises :class:`TargetError` if unavailable)."""
    try:
        module = importlib.import_module(f"{__name__}.{name}")
    except ImportError as exc:
        raise TargetError(f"adapter {name!r} is not available: {exc}") from None
    return describe(name, module)


def adapter_names() -> List[str]:
    """The names of the adapter modules in this package (helpers start with "_")."""
    return sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))
