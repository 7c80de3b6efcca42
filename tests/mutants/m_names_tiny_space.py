"""Mutant: Random parts have two characters from 'ab': names repeat at once.

Must go red: security.names.no-collisions.
"""

import os
import secrets
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import names  # noqa: E402

BREAKS = (
    "security.names.no-collisions",
)

def random_part():
    return "".join(secrets.choice("ab") for _ in range(2))


names.random_part = random_part

_mutant.expose(__name__)
