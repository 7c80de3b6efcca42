"""Mutant: A failing rollover is silent: the data stays in memory, no error.

Must go red: faults.fsize.error-surfaces.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "faults.fsize.error-surfaces",
)

_original = spooled.SpooledTemporaryFile.rollover


def rollover(self):
    try:
        _original(self)
    except OSError:
        pass


spooled.SpooledTemporaryFile.rollover = rollover

_mutant.expose(__name__)
