"""Mutant: Random parts draw 'a' half the time.

Must go red: security.names.uniform.
"""

import os
import secrets
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import names  # noqa: E402

BREAKS = (
    "security.names.uniform",
)

def random_part():
    return "".join("a" if secrets.randbits(1) else secrets.choice(names.ALPHABET)
                   for _ in range(names.LENGTH))


names.random_part = random_part

_mutant.expose(__name__)
