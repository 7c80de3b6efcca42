"""Mutant: Rollover ignores dir and uses the default directory.

Must go red: spooled.rollover.uses-dir.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.rollover.uses-dir",
)

_init = spooled.SpooledTemporaryFile.__init__


def _patched_init(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    self._pending["dir"] = None


spooled.SpooledTemporaryFile.__init__ = _patched_init

_mutant.expose(__name__)
