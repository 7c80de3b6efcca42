"""Mutant: An empty TMPDIR counts: it means the working directory.

Must go red: gettempdir.search.empty-variable-ignored.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import location, platform_rules  # noqa: E402

BREAKS = (
    "gettempdir.search.empty-variable-ignored",
)

_original = platform_rules.candidate_dirs


def candidate_dirs(os_name, environ, cwd):
    empty = [os.curdir for name in platform_rules.ENVIRONMENT_VARIABLES if environ.get(name) == ""]
    return empty + _original(os_name, environ, cwd)


location.candidate_dirs = candidate_dirs

_mutant.expose(__name__)
