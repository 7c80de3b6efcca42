"""Mutant: A bytes tempdir makes names bytes even when a str argument is given.

Must go red: tempdir.bytes.str-argument-wins.
"""

import os

import reference
from reference import creation, location, named, temporaryfile

from . import _mutant

BREAKS = (
    "tempdir.bytes.str-argument-wins",
)

_original = location.resolve_name_parts


def resolve_name_parts(prefix, suffix, dir):
    if isinstance(reference.tempdir, bytes) and dir is None:
        return _original(*(os.fsencode(p) if isinstance(p, str) else p for p in (prefix, suffix, dir)))
    return _original(prefix, suffix, dir)


_mutant.replace("resolve_name_parts", resolve_name_parts, creation, named, temporaryfile)

_mutant.expose(__name__)
