"""Mutant: SpooledTemporaryFile.isatty() answers None, a false value but not the bool False.

Must go red: spooled.io.readlines-isatty.
"""


from reference import delegating

from . import _mutant

BREAKS = (
    "spooled.io.readlines-isatty",
)


def isatty(self):
    self._file.isatty()


delegating.DelegatingIO.isatty = isatty

_mutant.expose(__name__)
