"""Mutant: TemporaryFile returns a wrapper object instead of the io stream.

Must go red: temporaryfile.posix.true-file-object.
"""

import inspect

import reference
from reference import named, temporaryfile

from . import _mutant

BREAKS = (
    "temporaryfile.posix.true-file-object",
)

_original = temporaryfile.TemporaryFile


def TemporaryFile(*args, **kwargs):
    stream = _original(*args, **kwargs)
    return named._TemporaryFileWrapper(stream, stream.name, delete=False)


TemporaryFile.__signature__ = inspect.signature(_original)
reference.TemporaryFile = TemporaryFile

_mutant.expose(__name__)
