"""Mutant: mktemp treats None prefix and suffix as the defaults.

Must go red: mktemp.args.no-none.
"""


import reference
from reference import creation

from . import _mutant

BREAKS = (
    "mktemp.args.no-none",
)

_original = creation.mktemp


def mktemp(suffix="", prefix="tmp", dir=None):
    return _original("" if suffix is None else suffix, "tmp" if prefix is None else prefix, dir)


reference.mktemp = mktemp

_mutant.expose(__name__)
