"""Mutant: Every OSError is treated as a collision and retried until the attempts run out.

Must go red: creation.errors.missing-dir, creation.errors.dir-not-a-directory,
creation.errors.unwritable-dir, badinput.dir.precise-errors, badinput.name-too-long.oserror.
"""


from . import _mutant

BREAKS = (
    "creation.errors.missing-dir",
    "creation.errors.dir-not-a-directory",
    "creation.errors.unwritable-dir",
    "badinput.dir.precise-errors",
    "badinput.name-too-long.oserror",
)

_mutant.install_loop(_mutant.retry_loop(retry_errors=(OSError,)))

_mutant.expose(__name__)
