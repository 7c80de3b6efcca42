"""Mutant: truncate() returns None.

Must go red: spooled.truncate.returns-size.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.truncate.returns-size",
)

_original = spooled.SpooledTemporaryFile.truncate


def truncate(self, size=None):
    _original(self, size)


spooled.SpooledTemporaryFile.truncate = truncate

_mutant.expose(__name__)
