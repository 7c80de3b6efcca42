"""Mutant: TemporaryFile's nameless file has mode 0o644.

Must go red: temporaryfile.create.owner-only, spooled.rollover.like-temporaryfile.
"""


from reference import temporaryfile

from . import _mutant

BREAKS = (
    "temporaryfile.create.owner-only",
    "spooled.rollover.like-temporaryfile",
)

temporaryfile.FILE_MODE = 0o644

_mutant.expose(__name__)
