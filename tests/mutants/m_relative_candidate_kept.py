"""Mutant: A relative TMPDIR is returned as it is, not made absolute.

Must go red: gettempdir.search.relative-candidate.
"""

import os

from reference import location

from . import _mutant

BREAKS = (
    "gettempdir.search.relative-candidate",
)

_original = location.find_default_tempdir


def find_default_tempdir():
    found = _original()
    for name in location.ENVIRONMENT_VARIABLES:
        value = os.environ.get(name)
        if value:
            if not os.path.isabs(value) and os.path.abspath(value) == found:
                return value
            break
    return found


location.find_default_tempdir = find_default_tempdir

_mutant.expose(__name__)
