"""Mutant: a file that still refuses removal after the repair is retried as a tree (CPython before 3.12).

Must go red: temporarydirectory.errors.permission-not-masked.
"""

import os

from reference import directory

from . import _mutant

BREAKS = (
    "temporarydirectory.errors.permission-not-masked",
)


def _retry_after_repair(top, path, ignore_errors):
    if path != top:
        directory.grant_owner_access(os.path.dirname(path))
    directory.grant_owner_access(path)
    try:
        os.unlink(path)
    except (IsADirectoryError, PermissionError):
        directory.remove_tree(path, ignore_errors)


directory._retry_after_repair = _retry_after_repair

_mutant.expose(__name__)
