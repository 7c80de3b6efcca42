"""Mutant: An invalid mode falls back to 'w+b' instead of raising ValueError.

Must go red: temporaryfile.params.rejected-like-open, badinput.mode.valueerror.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import files  # noqa: E402

BREAKS = (
    "temporaryfile.params.rejected-like-open",
    "badinput.mode.valueerror",
)

_original = files.open_with


def open_with(opener, where, mode, *args):
    try:
        return _original(opener, where, mode, *args)
    except ValueError:
        return _original(opener, where, "w+b", -1, None, None, None)


files.open_with = open_with

_mutant.expose(__name__)
