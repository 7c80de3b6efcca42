"""Mutant: A bytes tempdir does not make names bytes.

Must go red: tempdir.bytes.default-return-type.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import creation, files, location  # noqa: E402

BREAKS = (
    "tempdir.bytes.default-return-type",
)

_original = location.resolve_name_parts


def resolve_name_parts(prefix, suffix, dir):
    if prefix is None and suffix is None and dir is None:
        return _original(None, "", None)
    return _original(prefix, suffix, dir)


_mutant.replace("resolve_name_parts", resolve_name_parts, creation, files)

_mutant.expose(__name__)
