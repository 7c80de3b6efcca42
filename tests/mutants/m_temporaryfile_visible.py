"""Mutant: TemporaryFile leaves a visible entry in the directory that nobody removes.

Must go red: temporaryfile.unix.no-directory-entry, temporaryfile.linux.o-tmpfile-fallback,
faults.sigkill.temporaryfile-leaves-nothing.
"""

import inspect

import reference
from reference import creation, temporaryfile

from . import _mutant

BREAKS = (
    "temporaryfile.unix.no-directory-entry",
    "temporaryfile.linux.o-tmpfile-fallback",
    "faults.sigkill.temporaryfile-leaves-nothing",
)

_signature = inspect.signature(temporaryfile.TemporaryFile)


def TemporaryFile(*args, **kwargs):
    given = _signature.bind(*args, **kwargs)
    given.apply_defaults()
    a = given.arguments
    fd, _path = creation.mkstemp(a["suffix"], a["prefix"], a["dir"])
    return open(fd, a["mode"], a["buffering"], encoding=a["encoding"], newline=a["newline"],
                errors=a["errors"])


TemporaryFile.__signature__ = _signature
temporaryfile.TemporaryFile = TemporaryFile
reference.TemporaryFile = TemporaryFile

_mutant.expose(__name__)
