"""Mutant: Cleanup errors are always suppressed, as if ignore_cleanup_errors were true.

Must go red: temporarydirectory.errors.from-cleanup, temporarydirectory.errors.from-context-exit,
temporarydirectory.errors.at-finalization.
"""


from reference import directory

from . import _mutant

BREAKS = (
    "temporarydirectory.errors.from-cleanup",
    "temporarydirectory.errors.from-context-exit",
    "temporarydirectory.errors.at-finalization",
)

_original = directory.remove_tree


def remove_tree(top, ignore_errors=False, second_try=False):
    _original(top, True, second_try)


directory.remove_tree = remove_tree

_mutant.expose(__name__)
