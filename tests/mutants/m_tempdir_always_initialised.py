"""Mutant: Every creating call fills tempdir, even with an explicit dir.

Must go red: tempdir.init.only-when-needed.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import creation, files, location  # noqa: E402

BREAKS = (
    "tempdir.init.only-when-needed",
)

_original = location.resolve_name_parts


def resolve_name_parts(prefix, suffix, dir):
    location.gettempdir()
    return _original(prefix, suffix, dir)


_mutant.replace("resolve_name_parts", resolve_name_parts, creation, files)

_mutant.expose(__name__)
