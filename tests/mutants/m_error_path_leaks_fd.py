"""Mutant: A creating call that fails on bad arguments leaks a descriptor.

Must go red: badinput.fuzz.nothing-leaked.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import creation, files, location  # noqa: E402

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


_mutant.replace("resolve_name_parts", resolve_name_parts, creation, files)

_mutant.expose(__name__)
