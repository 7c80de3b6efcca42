"""Mutant: Context exit keeps the file when delete_on_close is False.

Must go red: namedtemporaryfile.delete-on-close-false.context-exit.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import files, platform_rules  # noqa: E402

BREAKS = (
    "namedtemporaryfile.delete-on-close-false.context-exit",
)

_original = platform_rules.unlink_on


def unlink_on(event, delete, delete_on_close, os_deletes):
    if event == platform_rules.EXIT:
        return delete and delete_on_close
    return _original(event, delete, delete_on_close, os_deletes)


files.unlink_on = unlink_on

_mutant.expose(__name__)
