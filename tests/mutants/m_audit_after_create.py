"""Mutant: The audit event is raised after the entry is created, so a hook cannot veto.

Must go red: audit.hook.can-veto.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

BREAKS = (
    "audit.hook.can-veto",
)

_mutant.install_loop(_mutant.retry_loop(audit="after"))

_mutant.expose(__name__)
