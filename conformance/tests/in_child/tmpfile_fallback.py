"""TemporaryFile made while O_TMPFILE is refused (and, in two runs, the name's removal fails), in a child.

Each scenario gets its own directory under ``where``, the faults of
:mod:`conformance.harness.os_faults` planned there, and one call
``TemporaryFile(dir=..., prefix=PREFIX, suffix=SUFFIX, **options)``.  What the
child reports per scenario: what the call raised, what the file it returned
shows (its /proc/self/fd link, link count, the directory's entries, its name,
its class against that of a TemporaryFile made without faults, a write read
back), the descriptors left open, and
whether the faults met the target at all (``unobservable``: the reason when not).

The scenarios run in this order on purpose: after an O_TMPFILE open failed
with EISDIR (a kernel that does not know the flag), CPython stops trying
O_TMPFILE for the rest of the process, so the old-kernel run comes last.
"""

from __future__ import annotations

import os
from typing import Any, Dict, Optional, Tuple

from conformance.harness.descriptors import describe_fd, open_fds
from conformance.harness.os_faults import (
    NO_O_TMPFILE_KERNEL,
    O_TMPFILE_UNSUPPORTED,
    REMOVAL_INTERRUPTED,
    REMOVAL_REFUSED,
    injected,
)

PREFIX, SUFFIX = "pfx-", ".sfx"
DELETED = " (deleted)"
BINARY_DATA, TEXT_DATA = b"\x00\r\n\xff", "line\n\u00e9"
SCENARIOS: Dict[str, Tuple[Tuple[str, ...], Dict[str, Any]]] = {
    "binary": ((O_TMPFILE_UNSUPPORTED,), {}),
    "text": ((O_TMPFILE_UNSUPPORTED,), {"mode": "w+", "encoding": "utf-8"}),
    "unbuffered": ((O_TMPFILE_UNSUPPORTED,), {"buffering": 0}),
    "removal refused": ((O_TMPFILE_UNSUPPORTED, REMOVAL_REFUSED), {}),
    "removal interrupted": ((O_TMPFILE_UNSUPPORTED, REMOVAL_INTERRUPTED), {}),
    "old kernel": ((NO_O_TMPFILE_KERNEL,), {}),
}


def _round_trip(file: Any, text: bool) -> bool:
    """Does what is written come back after a seek to the start?"""
    data = TEXT_DATA if text else BINARY_DATA
    file.write(data)
    file.flush()
    file.seek(0)
    return bool(file.read() == data)


def _describe(tf: Any, file: Any, where: str, options: Dict[str, Any]) -> Dict[str, Any]:
    """What the returned file shows, from outside and through its own methods."""
    fd = file.fileno()
    made = os.fstat(fd)
    try:
        link: Optional[str] = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:  # no /proc here
        link = None
    usual_dir = where + "-usual"  # no faults there: the kind of object the call usually returns
    os.mkdir(usual_dir)
    mode = options.get("mode", "w+b")
    with tf.TemporaryFile(dir=usual_dir, **options) as usual:
        usually = type(usual)
    return {
        "link": link, "nlink": made.st_nlink, "entries": sorted(os.listdir(where)),
        "inode": [made.st_dev, made.st_ino],
        "name": repr(file.name), "name_is_fd": type(file.name) is int and file.name == fd,
        "type": type(file).__name__, "usually": usually.__name__, "same_type_as_usual": type(file) is usually,
        "round_trip": _round_trip(file, "b" not in mode),
    }


def _scenario(tf: Any, where: str, faults: Tuple[str, ...], options: Dict[str, Any]) -> Dict[str, Any]:
    os.mkdir(where)
    before = open_fds()
    file: Any = None
    raised = None
    with injected({where: faults}) as seen:
        try:
            file = tf.TemporaryFile(dir=where, prefix=PREFIX, suffix=SUFFIX, **options)
        except BaseException as exc:  # KeyboardInterrupt too: the parent judges what surfaced
            raised = [type(exc).__name__, getattr(exc, "errno", None), str(exc)]
    result: Dict[str, Any] = {
        "raised": raised, "returned": type(file).__name__,
        "o_tmpfile_refused": sum(a.fault is not None for a in seen.anonymous),
        "created": [os.path.basename(c.path) for c in seen.creations if c.directory in seen.faults],
        "removals_failed": sum(r.fault is not None for r in seen.removals),
    }
    returned: Optional[Tuple[int, int]] = None
    if hasattr(file, "fileno"):
        try:
            result["file"] = _describe(tf, file, where, options)
            returned = tuple(result["file"]["inode"])  # type: ignore[assignment]
        finally:
            file.close()
    result["unobservable"] = seen.fallback_unobservable_reason(returned)
    result["leaked"] = [describe_fd(fd) for fd in sorted(open_fds() - before)]
    result["left"] = sorted(os.listdir(where))
    return result


def force_fallback(tf: Any, where: str) -> Dict[str, Any]:
    """Every scenario, in order; scenario name -> what it showed."""
    return {name: _scenario(tf, os.path.join(where, name.replace(" ", "-")), faults, options)
            for name, (faults, options) in SCENARIOS.items()}
