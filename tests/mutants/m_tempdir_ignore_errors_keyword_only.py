"""Mutant: TemporaryDirectory takes ignore_cleanup_errors only as a keyword.

Must go red: module.signature.temporarydirectory-ignore-cleanup-errors.
"""

import inspect

import reference
from reference import directory

from . import _mutant

BREAKS = (
    "module.signature.temporarydirectory-ignore-cleanup-errors",
)

_KEYWORD_ONLY = {"kind": inspect.Parameter.KEYWORD_ONLY}
reference.TemporaryDirectory = _mutant.rewrap(directory.TemporaryDirectory,
                                              ignore_cleanup_errors=_KEYWORD_ONLY)

_mutant.expose(__name__)
