"""Mutant: Only an explicit cleanup() removes the tree: neither the with block nor collection does.

Must go red: temporarydirectory.exit.removes-tree, temporarydirectory.finalize.removes-tree,
examples.temporarydirectory.context-manager.
"""


from reference import directory

from . import _mutant

BREAKS = (
    "temporarydirectory.exit.removes-tree",
    "temporarydirectory.finalize.removes-tree",
    "examples.temporarydirectory.context-manager",
)

directory.TemporaryDirectory.__exit__ = lambda self, *exc_info: None
directory._implicit_cleanup = lambda name, warning, ignore_errors, delete: None

_mutant.expose(__name__)
