"""Mutant: The retry loop ignores TMP_MAX and tries forever.

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

_mutant.install_loop(_mutant.retry_loop(bounded=False))

_mutant.expose(__name__)
