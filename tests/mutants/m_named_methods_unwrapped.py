"""Mutant: the wrapper hands out the file's own methods, which do not keep the wrapper's file open.

Must go red: namedtemporaryfile.delegation.unheld-object.
"""


from reference import named

from . import _mutant

BREAKS = (
    "namedtemporaryfile.delegation.unheld-object",
)


def _borrowed(method, remover):
    return method


named._borrowed = _borrowed

_mutant.expose(__name__)
