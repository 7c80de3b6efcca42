"""Mutant: SpooledTemporaryFile has no default max_size: it must be given.

Must go red: module.signature.spooledtemporaryfile.
"""

import inspect

import reference
from reference import spooled

from . import _mutant

BREAKS = (
    "module.signature.spooledtemporaryfile",
)

reference.SpooledTemporaryFile = _mutant.rewrap(spooled.SpooledTemporaryFile,
                                                max_size={"default": inspect.Parameter.empty})

_mutant.expose(__name__)
