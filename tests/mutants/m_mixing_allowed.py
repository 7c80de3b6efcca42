"""Mutant: str and bytes arguments may be mixed: everything is decoded to str.

Must go red: naming.types.mixing-is-typeerror.
"""

import os

from reference import creation, location, named, temporaryfile

from . import _mutant

BREAKS = (
    "naming.types.mixing-is-typeerror",
)

_original = location.resolve_name_parts


def resolve_name_parts(prefix, suffix, dir):
    parts = [prefix, suffix, dir]
    kinds = {type(os.fspath(p)) for p in parts if p is not None and isinstance(p, (str, bytes, os.PathLike))}
    if len(kinds) > 1:
        parts = [None if p is None else os.fsdecode(p) for p in parts]
    return _original(*parts)


_mutant.replace("resolve_name_parts", resolve_name_parts, creation, named, temporaryfile)

_mutant.expose(__name__)
