"""What the suite judges: the :class:`Target` type and the capabilities a target may offer.

A *target* is a module that implements (some of) the tempfile API, plus the
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

This module is a leaf (it imports only the vocabulary), so adapters, the
harness and the results layer can all import it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Callable, ContextManager, Dict, Iterable, Optional, Tuple

from conformance.vocabulary import NAME_INJECTION

CAPABILITIES: Dict[str, str] = {
    NAME_INJECTION: "choose the random part of candidate names, to force collisions",
}

DEFAULT_VERSION: Tuple[int, int] = (3, 14)
# The releases the spec describes (the docs' history goes back to 3.8); judging
# against a version outside them would be an empty pass, so it is refused.
EARLIEST_VERSION: Tuple[int, int] = (3, 8)
LATEST_VERSION: Tuple[int, int] = (3, 15)

# The public names of the tempfile API: a module offering none of them is not a target.
TEMPFILE_NAMES: Tuple[str, ...] = (
    "TemporaryFile", "NamedTemporaryFile", "SpooledTemporaryFile", "TemporaryDirectory",
    "mkstemp", "mkdtemp", "mktemp", "gettempdir", "gettempdirb", "gettempprefix", "gettempprefixb",
)


class TargetError(Exception):
    """The target cannot be loaded; the message is one line for the user."""


def looks_like_path(spec: str) -> bool:
    """Is this ``--target`` value a file path (rather than a module or adapter name)?"""
    return spec.endswith(".py") or os.sep in spec or (os.altsep is not None and os.altsep in spec)


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
    # Extra pytest options the target needs (an adapter's pytest_options), e.g.
    # "-p no:unraisableexception" for libraries that finalise objects in worker threads.
    pytest_options: Tuple[str, ...] = ()
    # The source file of a module or path target; its expectation file may sit beside it.
    origin: Optional[str] = None

    def has(self, capability: str) -> bool:
        """Does the target offer ``capability``?"""
        return capability in self.capabilities

    def inject_names(self, names: Iterable[str]) -> ContextManager[None]:
        """Use the target's name-injection hook (check :meth:`has` first)."""
        return self.capabilities[NAME_INJECTION](names)

    @property
    def version_text(self) -> str:
        """The judged version as "X.Y"."""
        return f"{self.version[0]}.{self.version[1]}"
