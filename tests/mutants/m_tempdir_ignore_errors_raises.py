"""Mutant: ignore_cleanup_errors=True is ignored: cleanup errors are raised.

Must go red: temporarydirectory.ignore-errors.suppresses,
temporarydirectory.ignore-errors.best-effort.
"""


from reference import directory

from . import _mutant

BREAKS = (
    "temporarydirectory.ignore-errors.suppresses",
    "temporarydirectory.ignore-errors.best-effort",
)

_original = directory.remove_tree


def remove_tree(top, ignore_errors=False, second_try=False):
    _original(top, False, second_try)


directory.remove_tree = remove_tree

_mutant.expose(__name__)
