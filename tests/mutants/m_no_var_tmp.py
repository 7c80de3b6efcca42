"""Mutant: /var/tmp is missing from the POSIX fallback list.

Must go red: gettempdir.search.posix-platform-list.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import platform_rules  # noqa: E402

BREAKS = (
    "gettempdir.search.posix-platform-list",
)

platform_rules.POSIX_FALLBACKS = ("/tmp", "/usr/tmp")

_mutant.expose(__name__)
