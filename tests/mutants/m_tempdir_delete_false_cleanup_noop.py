"""Mutant: With delete=False, cleanup() does nothing.

Must go red: temporarydirectory.delete-false.cleanup-removes.
"""


from reference import directory

from . import _mutant

BREAKS = (
    "temporarydirectory.delete-false.cleanup-removes",
)

_cleanup = directory.TemporaryDirectory.cleanup


def cleanup(self):
    if self._remove_at_exit:
        _cleanup(self)


directory.TemporaryDirectory.cleanup = cleanup

_mutant.expose(__name__)
