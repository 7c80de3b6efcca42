"""Mutant: The wrapper delegates only read and write to the file.

Must go red: namedtemporaryfile.delegation.
"""


from reference import named

from . import _mutant

BREAKS = (
    "namedtemporaryfile.delegation",
)

_getattr = named._TemporaryFileWrapper.__getattr__


def _delegate_some(self, attr):
    if attr not in ("read", "write", "close", "fileno", "flush", "seek", "tell", "closed", "mode"):
        raise AttributeError(attr)
    return _getattr(self, attr)


named._TemporaryFileWrapper.__getattr__ = _delegate_some

_mutant.expose(__name__)
