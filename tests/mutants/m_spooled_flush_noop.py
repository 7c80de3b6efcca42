"""Mutant: SpooledTemporaryFile.flush() does nothing, so buffered writes stay in memory.

Must go red: spooled.io.flush-reaches-disk.
"""


from reference import delegating

from . import _mutant

BREAKS = (
    "spooled.io.flush-reaches-disk",
)


def flush(self):
    return None


delegating.DelegatingIO.flush = flush

_mutant.expose(__name__)
