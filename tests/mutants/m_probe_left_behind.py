"""Mutant: The directory probe leaves its file behind.

Must go red: gettempdir.search.probe-leaves-nothing.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import location  # noqa: E402

BREAKS = (
    "gettempdir.search.probe-leaves-nothing",
)

class _KeepingOs:
    def __getattr__(self, name):
        return getattr(os, name)

    @staticmethod
    def unlink(path, *args, **kwargs):
        return None


location.os = _KeepingOs()

_mutant.expose(__name__)
