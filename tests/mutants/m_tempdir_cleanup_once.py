"""Mutant: cleanup() acts only on its first call, as 3.8 and 3.9 did.

Must go red: temporarydirectory.cleanup.retries-what-is-left.
"""


from reference import directory

from . import _mutant

BREAKS = (
    "temporarydirectory.cleanup.retries-what-is-left",
)


def cleanup_once(self):
    if self._finalizer.detach() is not None:
        directory.remove_tree(self.name, self._best_effort)


directory.TemporaryDirectory.cleanup = cleanup_once

_mutant.expose(__name__)
