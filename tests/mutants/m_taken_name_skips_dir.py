"""Mutant: A probe name that is already taken makes the search pass the whole directory over.

Must go red: gettempdir.search.taken-name-retried.
"""

import os

from reference import location

from . import _mutant

BREAKS = (
    "gettempdir.search.taken-name-retried",
)

_original = location._directory_accepts_files


def _directory_accepts_files(directory):
    # One name only: a collision (or any other refusal) ends the directory's turn.
    probe = os.path.join(directory, location.random_part())
    try:
        fd = os.open(probe, location._PROBE_FLAGS, 0o600)
    except OSError:
        return False
    os.close(fd)
    os.unlink(probe)
    return _original(directory)


location._directory_accepts_files = _directory_accepts_files

_mutant.expose(__name__)
