"""Adapter for ``tempfile312``: a PyPI backport of Python 3.12's tempfile to 3.8+.

It is a whole implementation in its own right (its own name generator,
its own file classes), so it is judged against 3.12, the release it copies,
and its own candidate-name source is what name injection replaces -- the
one private name of it the suite touches, here in its adapter.
"""

from __future__ import annotations

import contextlib
from typing import Iterable, Iterator

REQUIREMENTS = ["tempfile312==1.0.1", "backports.weakref==1.0.post1"]
PACKAGE = "tempfile312"
SHORT = "tf312"
JUDGED_AS = (3, 12)


@contextlib.contextmanager
def inject_names(names: Iterable[str]) -> Iterator[None]:
    """While active, every creating call of tempfile312 draws its random part from ``names``."""
    import tempfile312

    stream = iter(names)
    saved = tempfile312._get_candidate_names
    tempfile312._get_candidate_names = lambda: stream
    try:
        yield
    finally:
        tempfile312._get_candidate_names = saved


def make_target():  # -> Target
    """tempfile312, judged against Python 3.12."""
    import sys

    import tempfile312

    from conformance.adapters._async_bridge import package_version
    from conformance.target import Target

    return Target(
        name="adapter:tempfile312",
        module=tempfile312,
        version=JUDGED_AS,
        capabilities={"name-injection": inject_names},
        implementation=f"tempfile312 {package_version(PACKAGE)} on {sys.implementation.name} "
                       f"{sys.version.split()[0]}",
    )
