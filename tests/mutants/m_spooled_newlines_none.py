"""Mutant: A text SpooledTemporaryFile always reports newlines as None.

Must go red: spooled.text.attributes.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.text.attributes",
)

spooled.SpooledTemporaryFile.newlines = property(lambda self: None)

_mutant.expose(__name__)
