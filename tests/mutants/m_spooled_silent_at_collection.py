"""Mutant: a SpooledTemporaryFile collected while open is closed without a ResourceWarning.

Must go red: spooled.finalize.resource-warning.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.finalize.resource-warning",
)


def __del__(self):
    if "_file" in self.__dict__ and not self.closed:
        self.close()


spooled.SpooledTemporaryFile.__del__ = __del__

_mutant.expose(__name__)
