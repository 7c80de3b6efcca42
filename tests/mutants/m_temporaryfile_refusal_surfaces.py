"""Mutant: TemporaryFile falls back only after EISDIR; any other refusal of O_TMPFILE (EOPNOTSUPP
from a file system without it) reaches the caller instead of the named-then-unlinked way.

Must go red: temporaryfile.linux.o-tmpfile-fallback.
"""

import inspect

import reference
from reference import temporaryfile

from . import _mutant

BREAKS = (
    "temporaryfile.linux.o-tmpfile-fallback",
)


class _Refused(Exception):
    """Carries the refusal past the reference's ``except OSError``, which would fall back."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


_anonymous_opener = temporaryfile._anonymous_opener
_original = temporaryfile.TemporaryFile


def _refusal_surfacing(directory, prefix, suffix):
    opener = _anonymous_opener(directory, prefix, suffix)

    def surfacing(where, flags):
        try:
            return opener(where, flags)
        except IsADirectoryError:
            raise
        except OSError as exc:
            raise _Refused(exc) from None
    return surfacing


def TemporaryFile(*args, **kwargs):
    try:
        return _original(*args, **kwargs)
    except _Refused as refused:
        raise refused.error from None


temporaryfile._anonymous_opener = _refusal_surfacing
TemporaryFile.__signature__ = inspect.signature(_original)
reference.TemporaryFile = TemporaryFile

_mutant.expose(__name__)
