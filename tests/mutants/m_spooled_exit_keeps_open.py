"""Mutant: Leaving a with block does not close a SpooledTemporaryFile.

Must go red: spooled.context.closes.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.context.closes",
)

spooled.SpooledTemporaryFile.__exit__ = lambda self, *exc_info: None

_mutant.expose(__name__)
