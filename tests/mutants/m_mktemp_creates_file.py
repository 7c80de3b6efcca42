"""Mutant: mktemp creates the file whose name it returns.

Must go red: mktemp.returns.free-name.
"""


import reference
from reference import creation

from . import _mutant

BREAKS = (
    "mktemp.returns.free-name",
)

_original = creation.mktemp


def mktemp(suffix="", prefix="tmp", dir=None):
    path = _original(suffix, prefix, dir)
    open(path, "x").close()
    return path


reference.mktemp = mktemp

_mutant.expose(__name__)
