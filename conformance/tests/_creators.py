"""One way to call each creating API, so a test can run the same check on all of them.

Only the public API of the target is used.  ``created(tf, api, **kwargs)`` is a
context manager yielding the visible name (None for TemporaryFile) and
releasing whatever the call opened on exit; ``last_name_part`` gives the final
path component of str or bytes names.
"""

from __future__ import annotations

import contextlib
import os
from typing import Any, Iterator, Optional, Union

PathName = Union[str, bytes]

# APIs that return a visible name.
NAMED_APIS = ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryDirectory", "mktemp")
# APIs that really create an entry (mktemp does not; TemporaryFile has no name).
CREATING_APIS = ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryFile", "TemporaryDirectory")
FILE_APIS = ("mkstemp", "NamedTemporaryFile", "TemporaryFile")
DIR_APIS = ("mkdtemp", "TemporaryDirectory")


@contextlib.contextmanager
def created(tf: Any, api: str, **kwargs: Any) -> Iterator[Optional[PathName]]:
    """Call ``api`` on the target with ``kwargs``; yield its name; release it afterwards."""
    if api == "mkstemp":
        fd, path = tf.mkstemp(**kwargs)
        try:
            yield path
        finally:
            os.close(fd)
    elif api == "mkdtemp":
        yield tf.mkdtemp(**kwargs)
    elif api == "mktemp":
        yield tf.mktemp(**kwargs)
    elif api == "NamedTemporaryFile":
        handle = tf.NamedTemporaryFile(**kwargs)
        try:
            yield handle.name
        finally:
            handle.close()
    elif api == "TemporaryFile":
        handle = tf.TemporaryFile(**kwargs)
        try:
            yield None
        finally:
            handle.close()
    elif api == "TemporaryDirectory":
        holder = tf.TemporaryDirectory(**kwargs)
        try:
            yield holder.name
        finally:
            holder.cleanup()
    else:  # pragma: no cover - a typo in a test
        raise ValueError(f"unknown api {api!r}")


@contextlib.contextmanager
def opened_descriptor(tf: Any, api: str, **kwargs: Any) -> Iterator[int]:
    """Yield the OS descriptor behind a file API's result (mkstemp, the two file classes)."""
    if api == "mkstemp":
        fd, _path = tf.mkstemp(**kwargs)
        try:
            yield fd
        finally:
            os.close(fd)
        return
    handle = getattr(tf, api)(**kwargs)
    try:
        yield handle.fileno()
    finally:
        handle.close()


def last_name_part(path: PathName) -> PathName:
    """The final component of a str or bytes path."""
    return os.path.basename(path)


def entries(directory: str) -> set:
    """What ``directory`` holds right now."""
    return set(os.listdir(directory))
