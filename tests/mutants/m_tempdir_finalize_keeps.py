"""Mutant: Collection of a TemporaryDirectory leaves the tree behind.

Must go red: temporarydirectory.finalize.removes-tree.
"""


from reference import directory

from . import _mutant

BREAKS = (
    "temporarydirectory.finalize.removes-tree",
)

directory._implicit_cleanup = lambda name, warning, ignore_errors, delete: None

_mutant.expose(__name__)
