"""Mutant: SpooledTemporaryFile[bytes] hands back the class itself, as 3.8-era code did.

Must go red: module.classes.generic.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "module.classes.generic",
)


def same_class(cls, item):
    return cls


spooled.SpooledTemporaryFile.__class_getitem__ = classmethod(same_class)

_mutant.expose(__name__)
