"""Mutant: The directory search accepts any existing entry, even a plain file.

Must go red: gettempdir.search.skips-non-directory.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import location  # noqa: E402

BREAKS = (
    "gettempdir.search.skips-non-directory",
)

_original = location._directory_accepts_files


def _directory_accepts_files(directory):
    return os.path.isfile(directory) or _original(directory)


location._directory_accepts_files = _directory_accepts_files

_mutant.expose(__name__)
