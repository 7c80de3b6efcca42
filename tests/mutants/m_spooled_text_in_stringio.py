"""Mutant: Text-mode data is kept in a StringIO, not a TextIOWrapper.

Must go red: spooled.file.in-memory-type.
"""

import io

from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.file.in-memory-type",
)

_init = spooled.SpooledTemporaryFile.__init__


def _patched_init(self, max_size=0, mode="w+b", *args, **kwargs):
    _init(self, max_size, mode, *args, **kwargs)
    if "b" not in mode:
        self._file = io.StringIO(newline=kwargs.get("newline"))


spooled.SpooledTemporaryFile.__init__ = _patched_init

_mutant.expose(__name__)
