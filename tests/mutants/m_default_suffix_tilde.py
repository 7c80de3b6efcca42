"""Mutant: With no suffix given, names end in '~'.

Must go red: naming.suffix.default-none.
"""


from reference import creation, location, named, temporaryfile

from . import _mutant

BREAKS = (
    "naming.suffix.default-none",
)

_original = location.resolve_name_parts


def resolve_name_parts(prefix, suffix, dir):
    if suffix is None:
        suffix = "~" if location.name_type(prefix, suffix, dir) is str else b"~"
    return _original(prefix, suffix, dir)


_mutant.replace("resolve_name_parts", resolve_name_parts, creation, named, temporaryfile)

_mutant.expose(__name__)
