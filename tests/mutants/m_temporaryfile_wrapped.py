"""Mutant: TemporaryFile returns a wrapper object instead of the io stream.

Must go red: temporaryfile.posix.true-file-object.
"""

import inspect
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import files  # noqa: E402

BREAKS = (
    "temporaryfile.posix.true-file-object",
)

_original = files.TemporaryFile


def TemporaryFile(*args, **kwargs):
    stream = _original(*args, **kwargs)
    return files._TemporaryFileWrapper(stream, stream.name, delete=False)


TemporaryFile.__signature__ = inspect.signature(_original)
reference.TemporaryFile = TemporaryFile

_mutant.expose(__name__)
