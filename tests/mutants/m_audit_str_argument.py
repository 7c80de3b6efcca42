"""Mutant: The audit event's argument is always str, even for bytes names.

Must go red: audit.event.type-follows-result.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

BREAKS = (
    "audit.event.type-follows-result",
)

_mutant.install_loop(_mutant.retry_loop(audit_arg=os.fsdecode))

_mutant.expose(__name__)
