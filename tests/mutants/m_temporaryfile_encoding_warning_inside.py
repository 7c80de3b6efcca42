"""Mutant: TemporaryFile settles the encoding one frame too shallow, so under the opt-in
EncodingWarning the warning names a line of the reference, not the caller's.

Must go red: temporaryfile.params.encoding-warning-at-caller.
"""

import io

from reference import temporaryfile

from . import _mutant

BREAKS = (
    "temporaryfile.params.encoding-warning-at-caller",
)


def _one_frame_short(encoding, stacklevel=2):
    return io.text_encoding(encoding)  # names this function's caller: TemporaryFile itself


temporaryfile.text_encoding = _one_frame_short

_mutant.expose(__name__)
