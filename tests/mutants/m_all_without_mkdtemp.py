"""Mutant: __all__ leaves out mkdtemp, so a star import does not bring it in.

Must go red: module.names.documented-public.
"""


import reference

from . import _mutant

BREAKS = (
    "module.names.documented-public",
)

reference.__all__ = [name for name in reference.__all__ if name != "mkdtemp"]

_mutant.expose(__name__)
