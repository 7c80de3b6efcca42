"""Adapter for the running interpreter's own ``tempfile``.

CPython offers no public way to choose candidate names, but every creating
function draws them from the iterator that the private ``_get_candidate_names()``
returns.  Swapping that function for one returning our iterator is the
"name-injection" capability.  This is the one place the suite touches a private
name of the stdlib, and it is allowed only here, in an adapter.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from typing import Iterable, Iterator

from conformance.target import Target
from conformance.vocabulary import NAME_INJECTION


@contextlib.contextmanager
def inject_names(names: Iterable[str]) -> Iterator[None]:
    """While active, every creating call draws its random part from ``names``."""
    stream = iter(names)
    saved = tempfile._get_candidate_names  # type: ignore[attr-defined]
    tempfile._get_candidate_names = lambda: stream  # type: ignore[attr-defined]
    try:
        yield
    finally:
        tempfile._get_candidate_names = saved  # type: ignore[attr-defined]


def make_target() -> Target:
    """The stdlib, judged against the version of the interpreter running it."""
    return Target(
        name="stdlib",
        module=tempfile,
        version=sys.version_info[:2],
        capabilities={NAME_INJECTION: inject_names},
        implementation=f"{sys.implementation.name} {sys.version.split()[0]}",
    )
