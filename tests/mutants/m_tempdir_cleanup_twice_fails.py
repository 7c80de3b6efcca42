"""Mutant: A second cleanup() raises FileNotFoundError.

Must go red: temporarydirectory.cleanup.repeatable, temporarydirectory.cleanup.already-gone.
"""

import errno
import os

from reference import directory

from . import _mutant

BREAKS = (
    "temporarydirectory.cleanup.repeatable",
    "temporarydirectory.cleanup.already-gone",
)

def cleanup(self):
    self._finalizer.detach()
    if not os.path.lexists(self.name):
        raise FileNotFoundError(errno.ENOENT, "already removed", self.name)
    directory.remove_tree(self.name, self._best_effort)


directory.TemporaryDirectory.cleanup = cleanup

_mutant.expose(__name__)
