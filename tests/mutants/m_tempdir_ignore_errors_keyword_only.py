"""Mutant: TemporaryDirectory takes ignore_cleanup_errors only as a keyword.

Must go red: module.signature.temporarydirectory-ignore-cleanup-errors.
"""

import inspect
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import directory  # noqa: E402

BREAKS = (
    "module.signature.temporarydirectory-ignore-cleanup-errors",
)

_KEYWORD_ONLY = {"kind": inspect.Parameter.KEYWORD_ONLY}
reference.TemporaryDirectory = _mutant.rewrap(directory.TemporaryDirectory,
                                              ignore_cleanup_errors=_KEYWORD_ONLY)

_mutant.expose(__name__)
