"""Mutant: SpooledTemporaryFile defaults to text mode.

Must go red: spooled.mode.default-binary.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.mode.default-binary",
)

_new = spooled.SpooledTemporaryFile.__new__
_init = spooled.SpooledTemporaryFile.__init__


def _patched_new(cls, max_size=0, mode="w+", *args, **kwargs):
    return _new(cls, max_size, mode, *args, **kwargs)


def _patched_init(self, max_size=0, mode="w+", *args, **kwargs):
    _init(self, max_size, mode, *args, **kwargs)


spooled.SpooledTemporaryFile.__new__ = _patched_new
spooled.SpooledTemporaryFile.__init__ = _patched_init

_mutant.expose(__name__)
