"""Mutant: An empty TMPDIR counts: it means the working directory.

Must go red: gettempdir.search.empty-variable-ignored.
"""

import os

from reference import location

from . import _mutant

BREAKS = (
    "gettempdir.search.empty-variable-ignored",
)

_original = location.candidate_dirs


def candidate_dirs(os_name, environ, cwd):
    empty = [os.curdir for name in location.ENVIRONMENT_VARIABLES if environ.get(name) == ""]
    return empty + _original(os_name, environ, cwd)


location.candidate_dirs = candidate_dirs

_mutant.expose(__name__)
