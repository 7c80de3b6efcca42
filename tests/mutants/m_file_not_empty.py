"""Mutant: New files start with one byte in them.

Must go red: creation.file.empty-regular.
"""

import os

from reference import creation, named, temporaryfile

from . import _mutant

BREAKS = (
    "creation.file.empty-regular",
)

_original = creation.open_new_file


def open_new_file(flags):
    make = _original(flags)

    def filled(path):
        fd = make(path)
        os.write(fd, b"x")
        os.lseek(fd, 0, os.SEEK_SET)
        return fd

    return filled


_mutant.replace("open_new_file", open_new_file, creation, named, temporaryfile)

_mutant.expose(__name__)
