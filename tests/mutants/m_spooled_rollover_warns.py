"""Mutant: SpooledTemporaryFile settles the encoding for its in-memory text, but its rollover hands
TemporaryFile None again, so under the opt-in EncodingWarning the rollover warns a second time.

Must go red: spooled.params.encoding-warning-at-caller.
"""

from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.params.encoding-warning-at-caller",
)

_rollover = spooled.SpooledTemporaryFile.rollover


def _rollover_unsettled(self):
    if self._pending is not None and self._pending.get("encoding") == "locale":
        self._pending["encoding"] = None  # what the caller left out, not what was settled
    _rollover(self)


spooled.SpooledTemporaryFile.rollover = _rollover_unsettled

_mutant.expose(__name__)
