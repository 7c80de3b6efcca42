"""Mutant: Random parts draw 'a' half the time.

Must go red: security.names.uniform.
"""

import secrets

from reference import names

from . import _mutant

BREAKS = (
    "security.names.uniform",
)

def random_part():
    return "".join("a" if secrets.randbits(1) else secrets.choice(names.ALPHABET)
                   for _ in range(names.LENGTH))


names.random_part = random_part

_mutant.expose(__name__)
