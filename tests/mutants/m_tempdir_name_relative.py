"""Mutant: TemporaryDirectory's name is the base name only.

Must go red: temporarydirectory.name.attribute.
"""

import os

from reference import directory

from . import _mutant

BREAKS = (
    "temporarydirectory.name.attribute",
)

_init = directory.TemporaryDirectory.__init__


def _patched_init(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    self.name = os.path.basename(self.name)


directory.TemporaryDirectory.__init__ = _patched_init

_mutant.expose(__name__)
