"""Mutant: An omitted (or None) prefix means no prefix at all.

Must go red: naming.prefix.default.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import creation, files, location  # noqa: E402

BREAKS = (
    "naming.prefix.default",
)

_original = location.resolve_name_parts


def resolve_name_parts(prefix, suffix, dir):
    if prefix is None:
        kind = location.name_type(prefix, suffix, dir)
        prefix = kind()
    return _original(prefix, suffix, dir)


_mutant.replace("resolve_name_parts", resolve_name_parts, creation, files)

_mutant.expose(__name__)
