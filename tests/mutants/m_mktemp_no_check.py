"""Mutant: mktemp does not check whether a name is taken.

Must go red: mktemp.retry.skips-existing.
"""


from reference import creation

from . import _mutant

BREAKS = (
    "mktemp.retry.skips-existing",
)

creation._refuse_existing = lambda path: None

_mutant.expose(__name__)
