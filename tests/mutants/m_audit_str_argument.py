"""Mutant: The audit event's argument is always str, even for bytes names.

Must go red: audit.event.type-follows-result.
"""

import os

from . import _mutant

BREAKS = (
    "audit.event.type-follows-result",
)

_mutant.install_loop(_mutant.retry_loop(audit_arg=os.fsdecode))

_mutant.expose(__name__)
