"""Mutant: SpooledTemporaryFile keeps encoding=None unsettled, so under the opt-in EncodingWarning
the in-memory text layer and the rollover warn from the reference's own lines.

Must go red: spooled.params.encoding-warning-at-caller.
"""

from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.params.encoding-warning-at-caller",
)


def _unsettled(encoding, stacklevel=2):
    return encoding


spooled.text_encoding = _unsettled

_mutant.expose(__name__)
