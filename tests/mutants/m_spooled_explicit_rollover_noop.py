"""Mutant: An explicit rollover() call does nothing.

Must go red: spooled.rollover.explicit.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.rollover.explicit",
)

_original = spooled.SpooledTemporaryFile.rollover


def rollover(self):
    return None


def _check_size(self):
    if not self._rolled and self._limit and self._file.tell() > self._limit:
        _original(self)


spooled.SpooledTemporaryFile.rollover = rollover
spooled.SpooledTemporaryFile._check_size = _check_size

_mutant.expose(__name__)
