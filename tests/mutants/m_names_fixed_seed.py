"""Mutant: Random parts come from a generator seeded once at import (same after fork).

Must go red: security.names.fork-distinct, security.names.process-distinct.
"""

import random

from reference import names

from . import _mutant

BREAKS = (
    "security.names.fork-distinct",
    "security.names.process-distinct",
)

_generator = random.Random(1234)


def random_part():
    return "".join(_generator.choice(names.ALPHABET) for _ in range(names.LENGTH))


names.random_part = random_part

_mutant.expose(__name__)
