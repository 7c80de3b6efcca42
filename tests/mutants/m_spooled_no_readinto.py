"""Mutant: Binary SpooledTemporaryFile lacks readinto.

Must go red: spooled.io.binary-surface.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.io.binary-surface",
)

def readinto(self, buffer):
    raise AttributeError("readinto")


spooled.SpooledTemporaryFile.readinto = readinto

_mutant.expose(__name__)
