"""Mutant: TMP_MAX is 0: no positive number of attempts.

Must go red: module.tmp-max.positive-int.
"""


import reference

from . import _mutant

BREAKS = (
    "module.tmp-max.positive-int",
)

reference.TMP_MAX = 0

_mutant.expose(__name__)
