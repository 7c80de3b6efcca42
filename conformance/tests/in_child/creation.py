"""Creation and the directory search, in a child (without root's privileges, or freshly started)."""

from __future__ import annotations

import os
from typing import Any, Dict, List

from conformance.tests._creators import CREATING_APIS, created


def create_in(tf: Any, where: str) -> Dict[str, str]:
    """Each creating API asked to create in ``where``: "created" or the exception's name."""
    outcome = {}
    for api in CREATING_APIS:
        try:
            with created(tf, api, dir=where):
                outcome[api] = "created"
        except Exception as exc:
            outcome[api] = type(exc).__name__
    return outcome


def use_new_directories(tf: Any, where: str) -> Dict[str, List[str]]:
    """Under three umasks: make a directory with mkdtemp and write a file into it."""
    made = {}
    for umask in (0, 0o022, 0o077):
        os.umask(umask)
        path = tf.mkdtemp(dir=where)
        with open(os.path.join(path, "inside"), "w") as handle:
            handle.write("x")
        made[oct(umask)] = sorted(os.listdir(path))
    return made


def search(tf: Any) -> str:
    """The directory gettempdir() settles on."""
    return tf.gettempdir()


def search_reporting_errors(tf: Any) -> List[Any]:
    """["ok", directory], or the exception's name and errno when the search fails."""
    try:
        return ["ok", tf.gettempdir()]
    except Exception as exc:
        return [type(exc).__name__, getattr(exc, "errno", None)]


def tempdir_before_and_after(tf: Any) -> List[Any]:
    """tempdir as a fresh import has it, and whether gettempdir() then cached its answer there."""
    before = tf.tempdir
    found = tf.gettempdir()
    return [before, tf.tempdir == found]


def drawn_file_names(tf: Any, where: str, count: int) -> List[str]:
    """The final components of ``count`` mkstemp files with empty prefix and suffix (each removed at once)."""
    names = []
    for _ in range(count):
        fd, path = tf.mkstemp(prefix="", suffix="", dir=where)
        os.close(fd)
        os.unlink(path)
        names.append(os.path.basename(path))
    return names
