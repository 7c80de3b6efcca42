"""Mutant: /var/tmp is missing from the POSIX fallback list.

Must go red: gettempdir.search.posix-platform-list.
"""


from reference import location

from . import _mutant

BREAKS = (
    "gettempdir.search.posix-platform-list",
)

location.POSIX_FALLBACKS = ("/tmp", "/usr/tmp")

_mutant.expose(__name__)
