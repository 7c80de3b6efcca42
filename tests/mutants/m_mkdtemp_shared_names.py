"""Mutant: mkdtemp names come from a per-process counter of its own, and an existing directory is reused.

Every process starts the counter at 0 and nothing else draws from it, so concurrent
processes are certain to hand out the same directories (a counter shared with the
other kinds made the overlap depend on thread timing).

Must go red: load.mkdtemp.unique.
"""

import itertools
import os

from reference import creation, location

from . import _mutant

BREAKS = (
    "load.mkdtemp.unique",
)

# It reuses, follows or creates entries it did not make: run it only on the clauses above,
# never on badinput (fuzzed directories may lie outside the scratch tree).
REUSES_EXISTING = True

_counter = itertools.count()


def mkdtemp(suffix=None, prefix=None, dir=None):
    prefix, suffix, dir = location.resolve_name_parts(prefix, suffix, dir)
    path = os.path.abspath(os.path.join(dir, f"{prefix}{next(_counter):08d}{suffix}"))
    try:
        os.mkdir(path, creation.DIR_MODE)
    except FileExistsError:
        if not os.path.isdir(path):
            raise
    return path


_mutant.expose(__name__, own=["mkdtemp"])
