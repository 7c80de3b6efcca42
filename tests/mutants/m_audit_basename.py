"""Mutant: The audit event's argument is only the base name.

Must go red: audit.event.absolute-path.
"""

import os

from . import _mutant

BREAKS = (
    "audit.event.absolute-path",
)

_mutant.install_loop(_mutant.retry_loop(audit_arg=os.path.basename))

_mutant.expose(__name__)
