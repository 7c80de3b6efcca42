"""Mutant: With delete=False, collection still removes the tree.

Must go red: temporarydirectory.delete-false.finalize-keeps.
"""


from reference import directory

from . import _mutant

BREAKS = (
    "temporarydirectory.delete-false.finalize-keeps",
)

_original = directory._implicit_cleanup


def _implicit_cleanup(name, warning, ignore_errors, delete):
    _original(name, warning, ignore_errors, True)


directory._implicit_cleanup = _implicit_cleanup

_mutant.expose(__name__)
