"""Mutant: No audit events are raised by the creating loop.

Must go red: audit.mkstemp.event, audit.namedtemporaryfile.event, audit.mkdtemp.event,
audit.temporarydirectory.event, audit.hook.can-veto.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import creation, files  # noqa: E402

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


_mutant.replace("create_exclusively", create_exclusively, creation, files)

_mutant.expose(__name__)
