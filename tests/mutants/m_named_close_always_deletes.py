"""Mutant: close removes the file even with delete_on_close=False.

Must go red: namedtemporaryfile.delete-on-close-false.close-keeps,
examples.namedtemporaryfile.reopen-after-close.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import files, platform_rules  # noqa: E402

BREAKS = (
    "namedtemporaryfile.delete-on-close-false.close-keeps",
    "examples.namedtemporaryfile.reopen-after-close",
)

_original = platform_rules.unlink_on


def unlink_on(event, delete, delete_on_close, os_deletes):
    return _original(event, delete, True, os_deletes)


files.unlink_on = unlink_on

_mutant.expose(__name__)
