"""Mutant: The audit event is raised after the entry is created, so a hook cannot veto.

Must go red: audit.hook.can-veto.
"""


from . import _mutant

BREAKS = (
    "audit.hook.can-veto",
)

_mutant.install_loop(_mutant.retry_loop(audit="after"))

_mutant.expose(__name__)
