"""Mutant: mkdtemp creates directories with mode 0o600: even the owner cannot enter them.

Must go red: mkdtemp.access.owner-can-use.
"""


from reference import creation

from . import _mutant

BREAKS = (
    "mkdtemp.access.owner-can-use",
)

creation.DIR_MODE = 0o600

_mutant.expose(__name__)
