"""Mutant: mkstemp (and NamedTemporaryFile) create files with mode 0o644.

Must go red: mkstemp.mode.owner-only, creation.file.owner-read-write, security.mode.files-owner-
only, namedtemporaryfile.create.mkstemp-rules.
"""


from reference import creation

from . import _mutant

BREAKS = (
    "mkstemp.mode.owner-only",
    "creation.file.owner-read-write",
    "security.mode.files-owner-only",
    "namedtemporaryfile.create.mkstemp-rules",
)

creation.FILE_MODE = 0o644

_mutant.expose(__name__)
