"""Mutant: gettempdir reads TMP before TEMP.

Must go red: gettempdir.search.temp-then-tmp.
"""


from reference import location

from . import _mutant

BREAKS = (
    "gettempdir.search.temp-then-tmp",
)

location.ENVIRONMENT_VARIABLES = ("TMPDIR", "TMP", "TEMP")

_mutant.expose(__name__)
