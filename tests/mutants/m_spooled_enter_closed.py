"""Mutant: entering a with block on a closed SpooledTemporaryFile is allowed.

Must go red: spooled.context.closed-refused.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.context.closed-refused",
)


def entering_anyway(self):
    return self


spooled.SpooledTemporaryFile.__enter__ = entering_anyway

_mutant.expose(__name__)
