"""Mutant: New descriptors are inheritable (no close-on-exec).

Must go red: creation.fd.not-inheritable, creation.fd.child-cannot-use, security.fd.close-on-exec,
security.fd.not-inherited-subprocess, security.fd.not-inherited-exec.
"""

import os

from reference import creation, named, temporaryfile

from . import _mutant

BREAKS = (
    "creation.fd.not-inheritable",
    "creation.fd.child-cannot-use",
    "security.fd.close-on-exec",
    "security.fd.not-inherited-subprocess",
    "security.fd.not-inherited-exec",
)

_original = creation.open_new_file


def open_new_file(flags):
    make = _original(flags)

    def inheritable(path):
        fd = make(path)
        os.set_inheritable(fd, True)
        return fd

    return inheritable


_mutant.replace("open_new_file", open_new_file, creation, named, temporaryfile)

_mutant.expose(__name__)
