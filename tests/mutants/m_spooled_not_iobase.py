"""Mutant: SpooledTemporaryFile is a plain delegating class, not an io.IOBase.

Must go red: spooled.io.iobase-instance, spooled.io.abc-instance.
"""

import inspect

import reference
from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.io.iobase-instance",
    "spooled.io.abc-instance",
)

class SpooledTemporaryFile:
    def __init__(self, *args, **kwargs):
        self.__dict__["_inner"] = spooled.SpooledTemporaryFile(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.__dict__["_inner"], name)

    def __enter__(self):
        self._inner.__enter__()
        return self

    def __exit__(self, *exc_info):
        return self._inner.__exit__(*exc_info)

    def __iter__(self):
        return iter(self._inner)


SpooledTemporaryFile.__signature__ = inspect.signature(spooled.SpooledTemporaryFile)
reference.SpooledTemporaryFile = SpooledTemporaryFile

_mutant.expose(__name__)
