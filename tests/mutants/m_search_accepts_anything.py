"""Mutant: The directory search takes the first candidate without probing it.

Must go red: gettempdir.search.skips-missing, gettempdir.search.skips-non-directory,
gettempdir.search.skips-unwritable.
"""


from reference import location

from . import _mutant

BREAKS = (
    "gettempdir.search.skips-missing",
    "gettempdir.search.skips-non-directory",
    "gettempdir.search.skips-unwritable",
)

location._directory_accepts_files = lambda directory: True

_mutant.expose(__name__)
