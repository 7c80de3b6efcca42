"""Mutant: NamedTemporaryFile takes delete_on_close by position (keyword-only).

Must go red: module.signature.namedtemporaryfile-delete-on-close.
"""

import inspect
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import files  # noqa: E402

BREAKS = (
    "module.signature.namedtemporaryfile-delete-on-close",
)

_POSITIONAL = {"kind": inspect.Parameter.POSITIONAL_OR_KEYWORD}
reference.NamedTemporaryFile = _mutant.rewrap(files.NamedTemporaryFile, delete_on_close=_POSITIONAL)

_mutant.expose(__name__)
