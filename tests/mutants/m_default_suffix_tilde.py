"""Mutant: With no suffix given, names end in '~'.

Must go red: naming.suffix.default-none.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import creation, files, location  # noqa: E402

BREAKS = (
    "naming.suffix.default-none",
)

_original = location.resolve_name_parts


def resolve_name_parts(prefix, suffix, dir):
    if suffix is None:
        suffix = "~" if location.name_type(prefix, suffix, dir) is str else b"~"
    return _original(prefix, suffix, dir)


_mutant.replace("resolve_name_parts", resolve_name_parts, creation, files)

_mutant.expose(__name__)
