"""Mutant: __all__ leaves out mkdtemp, so a star import does not bring it in.

Must go red: module.names.documented-public.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402

BREAKS = (
    "module.names.documented-public",
)

reference.__all__ = [name for name in reference.__all__ if name != "mkdtemp"]

_mutant.expose(__name__)
