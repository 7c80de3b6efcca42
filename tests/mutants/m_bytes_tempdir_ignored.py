"""Mutant: A bytes tempdir does not make names bytes.

Must go red: tempdir.bytes.default-return-type.
"""


from reference import creation, location, named, temporaryfile

from . import _mutant

BREAKS = (
    "tempdir.bytes.default-return-type",
)

_original = location.resolve_name_parts


def resolve_name_parts(prefix, suffix, dir):
    if prefix is None and suffix is None and dir is None:
        return _original(None, "", None)
    return _original(prefix, suffix, dir)


_mutant.replace("resolve_name_parts", resolve_name_parts, creation, named, temporaryfile)

_mutant.expose(__name__)
