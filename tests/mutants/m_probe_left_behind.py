"""Mutant: The directory probe leaves its file behind.

Must go red: gettempdir.search.probe-leaves-nothing.
"""

import os

from reference import location

from . import _mutant

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
