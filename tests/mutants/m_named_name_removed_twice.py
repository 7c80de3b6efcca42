"""Mutant: the remover forgets that it already removed the name, so exit and finalization unlink it again.

Must go red: namedtemporaryfile.delete.at-most-once.
"""


from reference import named

from . import _mutant

BREAKS = (
    "namedtemporaryfile.delete.at-most-once",
)

_original = named._Remover._remove_name


def _remove_name(self, event):
    self.name_handled = False
    _original(self, event)


named._Remover._remove_name = _remove_name

_mutant.expose(__name__)
