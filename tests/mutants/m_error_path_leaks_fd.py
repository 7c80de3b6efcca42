"""Mutant: A creating call that fails on bad arguments leaks a descriptor.

Must go red: badinput.fuzz.nothing-leaked.
"""

import os

from reference import creation, location, named, temporaryfile

from . import _mutant

BREAKS = (
    "badinput.fuzz.nothing-leaked",
)

_original = location.resolve_name_parts
_leaked = []


def resolve_name_parts(prefix, suffix, dir):
    try:
        return _original(prefix, suffix, dir)
    except Exception:
        _leaked.append(os.open(os.devnull, os.O_RDONLY))
        raise


_mutant.replace("resolve_name_parts", resolve_name_parts, creation, named, temporaryfile)

_mutant.expose(__name__)
