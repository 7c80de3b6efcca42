"""Mutant: delete=False is ignored: the file is removed anyway.

Must go red: namedtemporaryfile.delete-false.keeps, namedtemporaryfile.delete-false.ignores-delete-
on-close, examples.mktemp-replacement.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import files, platform_rules  # noqa: E402

BREAKS = (
    "namedtemporaryfile.delete-false.keeps",
    "namedtemporaryfile.delete-false.ignores-delete-on-close",
    "examples.mktemp-replacement",
)

_original = platform_rules.unlink_on


def unlink_on(event, delete, delete_on_close, os_deletes):
    return _original(event, True, delete_on_close, os_deletes)


files.unlink_on = unlink_on

_mutant.expose(__name__)
