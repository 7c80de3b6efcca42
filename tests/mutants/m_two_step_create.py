"""Mutant: Files are made in two steps (mknod, then open), so EMFILE leaves the entry behind.

Must go red: faults.emfile.nothing-left.
"""

import os
import stat
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import creation, files  # noqa: E402

BREAKS = (
    "faults.emfile.nothing-left",
)

def open_new_file(flags):
    def make(path):
        os.mknod(path, stat.S_IFREG | creation.FILE_MODE)
        return os.open(path, (flags & ~(os.O_CREAT | os.O_EXCL)) | os.O_NOFOLLOW)

    return make


_mutant.replace("open_new_file", open_new_file, creation, files)

_mutant.expose(__name__)
