"""Mutant: gettempprefix accepts (and ignores) an argument.

Must go red: module.signature.queries-take-no-arguments.
"""


import reference
from reference import location

from . import _mutant

BREAKS = (
    "module.signature.queries-take-no-arguments",
)

_original = location.gettempprefix


def gettempprefix(ignored=None):
    return _original()


reference.gettempprefix = gettempprefix

_mutant.expose(__name__)
