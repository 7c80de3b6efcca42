"""Mutant: Every creating call fills tempdir, even with an explicit dir.

Must go red: tempdir.init.only-when-needed.
"""


from reference import creation, location, named, temporaryfile

from . import _mutant

BREAKS = (
    "tempdir.init.only-when-needed",
)

_original = location.resolve_name_parts


def resolve_name_parts(prefix, suffix, dir):
    location.gettempdir()
    return _original(prefix, suffix, dir)


_mutant.replace("resolve_name_parts", resolve_name_parts, creation, named, temporaryfile)

_mutant.expose(__name__)
