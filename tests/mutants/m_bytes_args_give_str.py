"""Mutant: bytes arguments are decoded: the result is a str name.

Must go red: naming.types.bytes-in-bytes-out, naming.types.empty-bytes-suffix,
namedtemporaryfile.name.type-follows-args.
"""

import os

from reference import creation, location, named, temporaryfile

from . import _mutant

BREAKS = (
    "naming.types.bytes-in-bytes-out",
    "naming.types.empty-bytes-suffix",
    "namedtemporaryfile.name.type-follows-args",
)

_original = location.resolve_name_parts


def resolve_name_parts(prefix, suffix, dir):
    return tuple(os.fsdecode(part) for part in _original(prefix, suffix, dir))


_mutant.replace("resolve_name_parts", resolve_name_parts, creation, named, temporaryfile)

_mutant.expose(__name__)
