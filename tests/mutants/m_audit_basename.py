"""Mutant: The audit event's argument is only the base name.

Must go red: audit.event.absolute-path.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

BREAKS = (
    "audit.event.absolute-path",
)

_mutant.install_loop(_mutant.retry_loop(audit_arg=os.path.basename))

_mutant.expose(__name__)
