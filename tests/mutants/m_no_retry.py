"""Mutant: A name collision is not retried: FileExistsError at the first taken name.

Must go red: creation.exclusive.never-reuses, mktemp.retry.skips-existing, security.planted-
entry.never-reused.
"""


from . import _mutant

BREAKS = (
    "creation.exclusive.never-reuses",
    "mktemp.retry.skips-existing",
    "security.planted-entry.never-reused",
)

_mutant.install_loop(_mutant.retry_loop(retry=False))

_mutant.expose(__name__)
