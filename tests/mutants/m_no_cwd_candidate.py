"""Mutant: The working directory is never a candidate.

Must go red: gettempdir.search.cwd-last.
"""


from reference import location

from . import _mutant

BREAKS = (
    "gettempdir.search.cwd-last",
)

_original = location.candidate_dirs


def candidate_dirs(os_name, environ, cwd):
    return _original(os_name, environ, cwd)[:-1]


location.candidate_dirs = candidate_dirs

_mutant.expose(__name__)
