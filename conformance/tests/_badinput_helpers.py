"""What the bad-input tests share: the ``area`` fixture, and calling and releasing inside it.

The names keep their leading underscore so the moved test bodies, the fuzz
test's included, read byte for byte as before.
"""

from __future__ import annotations

import os
from typing import Any, Dict, Iterator, List, Set

import pytest


@pytest.fixture
def area(tf, scratch) -> Iterator[Dict[str, str]]:
    """A tree two levels below the scratch root, so '../' twice still stays inside it.

    It is also the working directory and the module's default temp directory.
    """
    top = os.path.join(scratch, "area")
    base = os.path.join(top, "l1", "l2")
    os.makedirs(os.path.join(base, "sub"))
    with open(os.path.join(base, "plain"), "w") as handle:
        handle.write("a regular file")
    os.chdir(base)
    tf.tempdir = base  # documented global; the tf fixture puts it back
    # Leftovers are looked for in the whole scratch directory, in case a target ignores tempdir.
    _SANDBOX.append(os.path.realpath(scratch))
    try:
        yield {"top": scratch, "base": base}
    finally:
        _SANDBOX.pop()


def _entries(top: str) -> Set[str]:
    """Every path under ``top`` (relative to it), without following links.

    What ``os.walk`` finds, an unreadable directory skipped alike, but with the
    relative paths built while descending: ``os.path.relpath`` on every entry
    cost most of the time, and the fuzz test asks twice per example.
    """
    found: Set[str] = set()
    pending = [("", top)]
    while pending:
        prefix, path = pending.pop()
        try:
            with os.scandir(path) as listing:
                children = list(listing)
        except OSError:
            continue
        for entry in children:
            relative = prefix + entry.name
            found.add(relative)
            try:
                descend = entry.is_dir(follow_symlinks=False)
            except OSError:
                descend = False
            if descend:
                pending.append((relative + os.sep, entry.path))
    return found


_SANDBOX: List[str] = []  # the current test's scratch directory (set by the area fixture)


def _confined(path: Any) -> str:
    """The real path of ``path``; fail, touching nothing, if it is not inside the test's scratch.

    A target that reuses an existing directory (or follows '..' somewhere odd)
    could otherwise make the clean-up below remove something outside the
    sandbox: never call rmdir, unlink or cleanup() on a path we did not confine.
    """
    real = os.path.realpath(os.fsdecode(path))
    root = _SANDBOX[-1]
    if os.path.commonpath([real, root]) != root or real == root:
        raise AssertionError(f"the target returned {path!r}, outside the test's scratch {root}; "
                             "left untouched")
    return real


def _release(made: Any) -> None:
    """Close or remove whatever a successful call returned, only ever inside the scratch."""
    if made is None:
        return
    if isinstance(made, tuple):  # mkstemp
        os.close(made[0])
        os.unlink(_confined(made[1]))
    elif isinstance(made, (str, bytes)):  # mkdtemp, or mktemp's name (nothing created)
        if os.path.isdir(made):
            os.rmdir(_confined(made))
    elif hasattr(made, "cleanup") and not hasattr(made, "close"):  # TemporaryDirectory
        _confined(made.name)
        made.cleanup()
    else:
        made.close()
        name = getattr(made, "name", None)
        if isinstance(name, (str, bytes)) and os.path.lexists(name):  # NamedTemporaryFile(delete=False)
            os.unlink(_confined(name))


def _call(tf, api: str, kwargs: Dict[str, Any]) -> Any:
    """Call ``api``; for SpooledTemporaryFile also roll it over (the deferred creation)."""
    made = getattr(tf, api)(**kwargs)
    if api == "SpooledTemporaryFile":
        try:
            made.rollover()
        except BaseException:
            made.close()
            raise
    return made
