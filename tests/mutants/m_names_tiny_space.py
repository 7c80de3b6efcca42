"""Mutant: Random parts have two characters from 'ab': names repeat at once.

Must go red: security.names.no-collisions.
"""

import secrets

from reference import names

from . import _mutant

BREAKS = (
    "security.names.no-collisions",
)

def random_part():
    return "".join(secrets.choice("ab") for _ in range(2))


names.random_part = random_part

_mutant.expose(__name__)
