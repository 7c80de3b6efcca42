"""Mutant: mkdtemp creates directories with mode 0o755.

Must go red: creation.dir.owner-only, security.mode.dirs-owner-only,
temporarydirectory.create.mkdtemp-rules.
"""


from reference import creation

from . import _mutant

BREAKS = (
    "creation.dir.owner-only",
    "security.mode.dirs-owner-only",
    "temporarydirectory.create.mkdtemp-rules",
)

creation.DIR_MODE = 0o755

_mutant.expose(__name__)
