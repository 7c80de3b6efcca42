"""Mutant: A tempdir set by the user is ignored: the search result is used instead.

Must go red: tempdir.override.default-dir.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import location  # noqa: E402

BREAKS = (
    "tempdir.override.default-dir",
)

_found = []


def _tempdir_value():
    if not _found:
        _found.append(location.find_default_tempdir())
    settings = location.package()
    if settings.tempdir is None:
        settings.tempdir = _found[0]
    return _found[0]


location._tempdir_value = _tempdir_value

_mutant.expose(__name__)
