"""Mutant: PermissionError counts as a collision on POSIX too.

Must go red: creation.errors.unwritable-dir, creation.errors.unsearchable-dir.
"""


from . import _mutant

BREAKS = (
    "creation.errors.unwritable-dir",
    "creation.errors.unsearchable-dir",
)

_mutant.install_loop(_mutant.retry_loop(retry_errors=(PermissionError,)))

_mutant.expose(__name__)
