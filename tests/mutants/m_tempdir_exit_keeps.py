"""Mutant: Leaving the with block does not remove the directory.

Must go red: temporarydirectory.exit.removes-tree.
"""


from reference import directory

from . import _mutant

BREAKS = (
    "temporarydirectory.exit.removes-tree",
)

directory.TemporaryDirectory.__exit__ = lambda self, *exc_info: None

_mutant.expose(__name__)
