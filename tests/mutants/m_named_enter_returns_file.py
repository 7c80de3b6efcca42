"""Mutant: with NamedTemporaryFile() binds the bare file, not the wrapper.

Must go red: namedtemporaryfile.context.returns-self.
"""


from reference import named

from . import _mutant

BREAKS = (
    "namedtemporaryfile.context.returns-self",
)

def _patched_enter(self):
    return self.file.__enter__()


named._TemporaryFileWrapper.__enter__ = _patched_enter

_mutant.expose(__name__)
