"""Mutant: with TemporaryDirectory() binds the object, not its name.

Must go red: temporarydirectory.enter.returns-name.
"""


from reference import directory

from . import _mutant

BREAKS = (
    "temporarydirectory.enter.returns-name",
)

directory.TemporaryDirectory.__enter__ = lambda self: self

_mutant.expose(__name__)
