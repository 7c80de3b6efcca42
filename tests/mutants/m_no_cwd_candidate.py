"""Mutant: The working directory is never a candidate.

Must go red: gettempdir.search.cwd-last.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import location, platform_rules  # noqa: E402

BREAKS = (
    "gettempdir.search.cwd-last",
)

_original = platform_rules.candidate_dirs


def candidate_dirs(os_name, environ, cwd):
    return _original(os_name, environ, cwd)[:-1]


location.candidate_dirs = candidate_dirs

_mutant.expose(__name__)
