"""Mutant: Without dir, names go into the parent of gettempdir().

Must go red: naming.dir.default-gettempdir.
"""

import os

from reference import creation, location, named, temporaryfile

from . import _mutant

BREAKS = (
    "naming.dir.default-gettempdir",
)

_original = location.resolve_name_parts


def resolve_name_parts(prefix, suffix, dir):
    prefix, suffix, resolved = _original(prefix, suffix, dir)
    return prefix, suffix, (resolved if dir is not None else os.path.dirname(resolved))


_mutant.replace("resolve_name_parts", resolve_name_parts, creation, named, temporaryfile)

_mutant.expose(__name__)
