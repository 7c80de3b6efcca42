"""Mutant: An omitted (or None) prefix means no prefix at all.

Must go red: naming.prefix.default.
"""


from reference import creation, location, named, temporaryfile

from . import _mutant

BREAKS = (
    "naming.prefix.default",
)

_original = location.resolve_name_parts


def resolve_name_parts(prefix, suffix, dir):
    if prefix is None:
        kind = location.name_type(prefix, suffix, dir)
        prefix = kind()
    return _original(prefix, suffix, dir)


_mutant.replace("resolve_name_parts", resolve_name_parts, creation, named, temporaryfile)

_mutant.expose(__name__)
