"""Mutant: SpooledTemporaryFile.detach() answers None instead of a stream or a refusal.

Must go red: spooled.io.detach-contract.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.io.detach-contract",
)


def detach(self):
    return None


spooled.SpooledTemporaryFile.detach = detach

_mutant.expose(__name__)
