"""Mutant: The name-injection hook is declared but ignored.

Must go red: naming.compose.exact-with-injected-part.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import creation, names  # noqa: E402

BREAKS = (
    "naming.compose.exact-with-injected-part",
)

creation.next_candidate = names.random_part
names.next_candidate = names.random_part

_mutant.expose(__name__)
