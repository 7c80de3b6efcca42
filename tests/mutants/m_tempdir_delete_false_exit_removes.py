"""Mutant: delete=False is ignored at context exit.

Must go red: temporarydirectory.delete-false.exit-keeps.
"""


from reference import directory

from . import _mutant

BREAKS = (
    "temporarydirectory.delete-false.exit-keeps",
)

def _patched_exit(self, *exc_info):
    self.cleanup()


directory.TemporaryDirectory.__exit__ = _patched_exit

_mutant.expose(__name__)
