"""Mutant: gettempprefix accepts (and ignores) an argument.

Must go red: module.signature.queries-take-no-arguments.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import location  # noqa: E402

BREAKS = (
    "module.signature.queries-take-no-arguments",
)

_original = location.gettempprefix


def gettempprefix(ignored=None):
    return _original()


reference.gettempprefix = gettempprefix

_mutant.expose(__name__)
