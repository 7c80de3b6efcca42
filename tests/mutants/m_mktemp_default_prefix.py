"""Mutant: mktemp's default prefix is 'tmp_' instead of 'tmp'.

Must go red: module.signature.mktemp, mktemp.args.defaults.
"""


import reference
from reference import creation

from . import _mutant

BREAKS = (
    "module.signature.mktemp",
    "mktemp.args.defaults",
)

_original = creation.mktemp


def mktemp(suffix="", prefix="tmp_", dir=None):
    return _original(suffix, prefix, dir)


reference.mktemp = mktemp

_mutant.expose(__name__)
