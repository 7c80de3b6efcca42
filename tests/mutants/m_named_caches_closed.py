"""Mutant: the wrapper keeps the first value it read of each data attribute, closed included.

Must go red: namedtemporaryfile.delegation (closed reads False after close()).
"""


from reference import named

from . import _mutant

BREAKS = (
    "namedtemporaryfile.delegation",
)


def caching_getattr(self, attr):
    value = getattr(self.__dict__["file"], attr)
    if callable(value):
        return named._borrowed(value, self._remover)
    setattr(self, attr, value)  # a data attribute, kept as first read
    return value


named._TemporaryFileWrapper.__getattr__ = caching_getattr

_mutant.expose(__name__)
