"""Mutant: The wrapper delegates only read and write to the file.

Must go red: namedtemporaryfile.delegation.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import files  # noqa: E402

BREAKS = (
    "namedtemporaryfile.delegation",
)

_getattr = files._TemporaryFileWrapper.__getattr__


def _delegate_some(self, attr):
    if attr not in ("read", "write", "close", "fileno", "flush", "seek", "tell", "closed", "mode"):
        raise AttributeError(attr)
    return _getattr(self, attr)


files._TemporaryFileWrapper.__getattr__ = _delegate_some

_mutant.expose(__name__)
