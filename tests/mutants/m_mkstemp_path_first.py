"""Mutant: mkstemp returns (path, descriptor): the order is swapped.

Must go red: mkstemp.returns.fd-and-abspath.
"""


import reference
from reference import creation

from . import _mutant

BREAKS = (
    "mkstemp.returns.fd-and-abspath",
)

_original = creation.mkstemp


def mkstemp(suffix=None, prefix=None, dir=None, text=False):
    fd, path = _original(suffix, prefix, dir, text)
    return path, fd


reference.mkstemp = mkstemp

_mutant.expose(__name__)
