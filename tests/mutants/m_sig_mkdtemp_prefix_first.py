"""Mutant: mkdtemp takes prefix before suffix.

Must go red: module.signature.mkdtemp.
"""


import reference
from reference import creation

from . import _mutant

BREAKS = (
    "module.signature.mkdtemp",
)

_original = creation.mkdtemp


def mkdtemp(prefix=None, suffix=None, dir=None):
    return _original(suffix, prefix, dir)


reference.mkdtemp = mkdtemp

_mutant.expose(__name__)
