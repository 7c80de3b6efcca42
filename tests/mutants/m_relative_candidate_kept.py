"""Mutant: A relative TMPDIR is returned as it is, not made absolute.

Must go red: gettempdir.search.relative-candidate.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import location, platform_rules  # noqa: E402

BREAKS = (
    "gettempdir.search.relative-candidate",
)

_original = location.find_default_tempdir


def find_default_tempdir():
    found = _original()
    for name in platform_rules.ENVIRONMENT_VARIABLES:
        value = os.environ.get(name)
        if value:
            if not os.path.isabs(value) and os.path.abspath(value) == found:
                return value
            break
    return found


location.find_default_tempdir = find_default_tempdir

_mutant.expose(__name__)
