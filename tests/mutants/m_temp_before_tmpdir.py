"""Mutant: gettempdir reads TEMP before TMPDIR.

Must go red: gettempdir.search.tmpdir-first.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import platform_rules  # noqa: E402

BREAKS = (
    "gettempdir.search.tmpdir-first",
)

platform_rules.ENVIRONMENT_VARIABLES = ("TEMP", "TMPDIR", "TMP")

_mutant.expose(__name__)
