"""Mutant: NamedTemporaryFile hands encoding=None on to open() unsettled, so under the opt-in
EncodingWarning the warning names the reference's own line, not the caller's.

Must go red: namedtemporaryfile.params.encoding-warning-at-caller.
"""

from reference import named

from . import _mutant

BREAKS = (
    "namedtemporaryfile.params.encoding-warning-at-caller",
)


def _unsettled(encoding, stacklevel=2):
    return encoding


named.text_encoding = _unsettled

_mutant.expose(__name__)
