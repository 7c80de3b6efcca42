"""Mutant: gettempdir reads TMP before TEMP.

Must go red: gettempdir.search.temp-then-tmp.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import platform_rules  # noqa: E402

BREAKS = (
    "gettempdir.search.temp-then-tmp",
)

platform_rules.ENVIRONMENT_VARIABLES = ("TMPDIR", "TMP", "TEMP")

_mutant.expose(__name__)
