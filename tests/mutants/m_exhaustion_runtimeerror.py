"""Mutant: Running out of TMP_MAX attempts raises RuntimeError, not FileExistsError.

Must go red: creation.retry.tmp-max-bound, mktemp.retry.exhaustion.
"""


from . import _mutant

BREAKS = (
    "creation.retry.tmp-max-bound",
    "mktemp.retry.exhaustion",
)

_mutant.install_loop(_mutant.retry_loop(exhausted=RuntimeError))

_mutant.expose(__name__)
