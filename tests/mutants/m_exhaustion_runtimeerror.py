"""Mutant: Running out of TMP_MAX attempts raises RuntimeError, not FileExistsError.

Must go red: creation.retry.tmp-max-bound, mktemp.retry.exhaustion.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

BREAKS = (
    "creation.retry.tmp-max-bound",
    "mktemp.retry.exhaustion",
)

_mutant.install_loop(_mutant.retry_loop(exhausted=RuntimeError))

_mutant.expose(__name__)
