"""Mutant: SpooledTemporaryFile has no default max_size: it must be given.

Must go red: module.signature.spooledtemporaryfile.
"""

import inspect
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import spooled  # noqa: E402

BREAKS = (
    "module.signature.spooledtemporaryfile",
)

reference.SpooledTemporaryFile = _mutant.rewrap(spooled.SpooledTemporaryFile,
                                                max_size={"default": inspect.Parameter.empty})

_mutant.expose(__name__)
