"""Mutant: NamedTemporaryFile never removes its file.

Must go red: namedtemporaryfile.delete.on-close, namedtemporaryfile.delete.on-context-exit,
namedtemporaryfile.delete.on-finalize, namedtemporaryfile.delete-on-close-false.context-exit,
namedtemporaryfile.delete-on-close-false.finalize, load.scoped.cleaned-up.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import files  # noqa: E402

BREAKS = (
    "namedtemporaryfile.delete.on-close",
    "namedtemporaryfile.delete.on-context-exit",
    "namedtemporaryfile.delete.on-finalize",
    "namedtemporaryfile.delete-on-close-false.context-exit",
    "namedtemporaryfile.delete-on-close-false.finalize",
    "load.scoped.cleaned-up",
)

files.unlink_on = lambda event, delete, delete_on_close, os_deletes: False

_mutant.expose(__name__)
