"""Mutant: gettempdir ignores TMPDIR (TEMP and TMP are still read).

Must go red: gettempdir.search.tmpdir-first.
"""


from reference import location

from . import _mutant

BREAKS = (
    "gettempdir.search.tmpdir-first",
)

location.ENVIRONMENT_VARIABLES = ("TEMP", "TMP")

_mutant.expose(__name__)
