"""Mutant: SpooledTemporaryFile ignores its errors argument.

Must go red: spooled.params.errors.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.params.errors",
)

_init = spooled.SpooledTemporaryFile.__init__


def _patched_init(self, *args, errors=None, **kwargs):
    _init(self, *args, **kwargs)


spooled.SpooledTemporaryFile.__init__ = _patched_init

_mutant.expose(__name__)
