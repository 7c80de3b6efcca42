"""Mutant: A file whose wrapping fails (bad encoding, interrupt) is left behind.

Must go red: faults.interrupt.after-create, badinput.encoding.lookuperror.
"""

import inspect
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import files, location  # noqa: E402

BREAKS = (
    "faults.interrupt.after-create",
    "badinput.encoding.lookuperror",
)

_signature = inspect.signature(files.NamedTemporaryFile)


def NamedTemporaryFile(*args, **kwargs):
    given = _signature.bind(*args, **kwargs)
    given.apply_defaults()
    a = given.arguments
    prefix, suffix, where = location.resolve_name_parts(a["prefix"], a["suffix"], a["dir"])
    created = []

    def opener(_where, _flags):
        fd, path = files.create_exclusively(where, prefix, suffix, files.open_new_file(files.BINARY_FLAGS),
                                            "tempfile.mkstemp")
        created.append(path)
        return fd

    # The reference removes the new file when wrapping it fails; this variant does not.
    file = files.open_with(opener, where, a["mode"], a["buffering"], a["encoding"], a["newline"], a["errors"])
    files.set_name(file, created[0])
    return files._TemporaryFileWrapper(file, created[0], a["delete"], a["delete_on_close"], False)


NamedTemporaryFile.__signature__ = _signature
reference.NamedTemporaryFile = NamedTemporaryFile

_mutant.expose(__name__)
