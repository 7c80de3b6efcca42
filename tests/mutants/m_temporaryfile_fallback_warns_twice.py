"""Mutant: TemporaryFile settles the encoding in each attempt instead of once, so where O_TMPFILE
is refused the way without it warns a second time about the same missing encoding.

Must go red: temporaryfile.params.encoding-warning-at-caller.
"""

from reference import temporaryfile

from . import _mutant

BREAKS = (
    "temporaryfile.params.encoding-warning-at-caller",
)


def _left_to_each_attempt(encoding, stacklevel=2):
    return encoding  # open_with settles it, once per attempt


temporaryfile.text_encoding = _left_to_each_attempt

_mutant.expose(__name__)
