"""Mutant: Random parts come from a process-wide counter: predictable and sequential.

Must go red: security.names.no-sequence, security.names.uniform, security.names.process-distinct.
"""

import itertools
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import names  # noqa: E402

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
