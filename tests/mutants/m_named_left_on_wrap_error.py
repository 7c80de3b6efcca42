"""Mutant: A file whose wrapping fails (bad encoding, interrupt) is left behind.

Must go red: faults.interrupt.after-create, badinput.encoding.lookuperror.
"""

import inspect

import reference
from reference import location, named

from . import _mutant

BREAKS = (
    "faults.interrupt.after-create",
    "badinput.encoding.lookuperror",
)

_signature = inspect.signature(named.NamedTemporaryFile)


def NamedTemporaryFile(*args, **kwargs):
    given = _signature.bind(*args, **kwargs)
    given.apply_defaults()
    a = given.arguments
    prefix, suffix, where = location.resolve_name_parts(a["prefix"], a["suffix"], a["dir"])
    created = []

    def opener(_where, _flags):
        make = named.open_new_file(named._NAMED_FLAGS[False])
        fd, path = named.create_exclusively(where, prefix, suffix, make, "tempfile.mkstemp")
        created.append(path)
        return fd

    # The reference removes the new file when wrapping it fails; this variant does not.
    file = named.open_with(opener, where, a["mode"], a["buffering"], a["encoding"], a["newline"], a["errors"])
    named.set_name(file, created[0])
    return named._TemporaryFileWrapper(file, created[0], a["delete"], a["delete_on_close"], False)


NamedTemporaryFile.__signature__ = _signature
reference.NamedTemporaryFile = NamedTemporaryFile

_mutant.expose(__name__)
