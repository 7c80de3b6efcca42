"""Mutant: TemporaryFile never uses O_TMPFILE.

Must go red: temporaryfile.linux.o-tmpfile.
"""


from reference import temporaryfile

from . import _mutant

BREAKS = (
    "temporaryfile.linux.o-tmpfile",
)

temporaryfile.o_tmpfile_works = False

_mutant.expose(__name__)
