"""Mutant: The directory search accepts any existing entry, even a plain file.

Must go red: gettempdir.search.skips-non-directory.
"""

import os

from reference import location

from . import _mutant

BREAKS = (
    "gettempdir.search.skips-non-directory",
)

_original = location._directory_accepts_files


def _directory_accepts_files(directory):
    return os.path.isfile(directory) or _original(directory)


location._directory_accepts_files = _directory_accepts_files

_mutant.expose(__name__)
