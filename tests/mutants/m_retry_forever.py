"""Mutant: The retry loop ignores TMP_MAX and tries forever.

Must go red: creation.retry.tmp-max-bound, mktemp.retry.exhaustion.
"""


from . import _mutant

BREAKS = (
    "creation.retry.tmp-max-bound",
    "mktemp.retry.exhaustion",
)

_mutant.install_loop(_mutant.retry_loop(bounded=False))

_mutant.expose(__name__)
