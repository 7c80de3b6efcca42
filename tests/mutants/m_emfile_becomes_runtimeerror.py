"""Mutant: Running out of descriptors raises RuntimeError instead of OSError.

Must go red: faults.emfile.raises-oserror.
"""

import errno

from reference import creation, named, temporaryfile

from . import _mutant

BREAKS = (
    "faults.emfile.raises-oserror",
)

_original = creation.open_new_file


def open_new_file(flags):
    make = _original(flags)

    def translated(path):
        try:
            return make(path)
        except OSError as error:
            if error.errno == errno.EMFILE:
                raise RuntimeError("out of descriptors") from None
            raise

    return translated


_mutant.replace("open_new_file", open_new_file, creation, named, temporaryfile)

_mutant.expose(__name__)
