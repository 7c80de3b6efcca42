"""Mutant: entering a with block on a closed NamedTemporaryFile is allowed.

Must go red: namedtemporaryfile.context.closed-refused.
"""


from reference import named

from . import _mutant

BREAKS = (
    "namedtemporaryfile.context.closed-refused",
)


def entering_anyway(self):
    return self


named._TemporaryFileWrapper.__enter__ = entering_anyway

_mutant.expose(__name__)
