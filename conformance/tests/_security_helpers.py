"""What the security tests share: one creator per API, returning (path or None, closer)."""

from __future__ import annotations

import os
from typing import Callable, Tuple


def _mkstemp(tf, where: str, prefix: str) -> Tuple[str, Callable[[], None]]:
    fd, path = tf.mkstemp(prefix=prefix, dir=where)
    return path, lambda: os.close(fd)


def _mkdtemp(tf, where: str, prefix: str) -> Tuple[str, Callable[[], None]]:
    return tf.mkdtemp(prefix=prefix, dir=where), lambda: None


def _named(tf, where: str, prefix: str) -> Tuple[str, Callable[[], None]]:
    handle = tf.NamedTemporaryFile(prefix=prefix, dir=where, delete=False)
    return handle.name, handle.close


def _tempdir(tf, where: str, prefix: str) -> Tuple[str, Callable[[], None]]:
    holder = tf.TemporaryDirectory(prefix=prefix, dir=where)
    return holder.name, holder.cleanup


def _anonymous(tf, where: str, prefix: str) -> Tuple[None, Callable[[], None]]:
    handle = tf.TemporaryFile(prefix=prefix, dir=where)
    handle.write(b"mine")
    return None, handle.close


CREATORS = {
    "mkstemp": _mkstemp,
    "mkdtemp": _mkdtemp,
    "NamedTemporaryFile": _named,
    "TemporaryDirectory": _tempdir,
    "TemporaryFile": _anonymous,
}
