"""Mutant: No audit events are raised by the creating loop.

Must go red: audit.mkstemp.event, audit.namedtemporaryfile.event, audit.mkdtemp.event,
audit.temporarydirectory.event, audit.hook.can-veto.
"""


from reference import creation, named, temporaryfile

from . import _mutant

BREAKS = (
    "audit.mkstemp.event",
    "audit.namedtemporaryfile.event",
    "audit.mkdtemp.event",
    "audit.temporarydirectory.event",
    "audit.hook.can-veto",
)

_original = creation.create_exclusively


def create_exclusively(directory, prefix, suffix, make, audit_event, os_name=None):
    return _original(directory, prefix, suffix, make, None, os_name)


_mutant.replace("create_exclusively", create_exclusively, creation, named, temporaryfile)

_mutant.expose(__name__)
