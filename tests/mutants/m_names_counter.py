"""Mutant: Random parts come from a process-wide counter: predictable and sequential.

Must go red: security.names.no-sequence, security.names.uniform, security.names.process-distinct.
"""

import itertools

from reference import names

from . import _mutant

BREAKS = (
    "security.names.no-sequence",
    "security.names.uniform",
    "security.names.process-distinct",
)

_counter = itertools.count()


def random_part():
    return f"{next(_counter):08d}"


names.random_part = random_part

_mutant.expose(__name__)
