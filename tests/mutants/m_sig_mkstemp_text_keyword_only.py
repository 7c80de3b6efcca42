"""Mutant: mkstemp takes text only as a keyword.

Must go red: module.signature.mkstemp.
"""


import reference
from reference import creation

from . import _mutant

BREAKS = (
    "module.signature.mkstemp",
)

_original = creation.mkstemp


def mkstemp(suffix=None, prefix=None, dir=None, *, text=False):
    return _original(suffix, prefix, dir, text)


reference.mkstemp = mkstemp

_mutant.expose(__name__)
