"""Mutant: A tempdir set by the user is ignored: the search result is used instead.

Must go red: tempdir.override.default-dir.
"""


from reference import location

from . import _mutant

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
