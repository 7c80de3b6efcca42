"""Mutant: gettempdir reads TEMP before TMPDIR.

Must go red: gettempdir.search.tmpdir-first.
"""


from reference import location

from . import _mutant

BREAKS = (
    "gettempdir.search.tmpdir-first",
)

location.ENVIRONMENT_VARIABLES = ("TEMP", "TMPDIR", "TMP")

_mutant.expose(__name__)
