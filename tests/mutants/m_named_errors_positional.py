"""Mutant: NamedTemporaryFile accepts errors by position, right after delete.

Must go red: module.signature.namedtemporaryfile, namedtemporaryfile.params.errors-keyword-only.
"""

import inspect
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import files  # noqa: E402

BREAKS = (
    "module.signature.namedtemporaryfile",
    "namedtemporaryfile.params.errors-keyword-only",
)

_POSITIONAL = {"kind": inspect.Parameter.POSITIONAL_OR_KEYWORD}
reference.NamedTemporaryFile = _mutant.rewrap(files.NamedTemporaryFile, errors=_POSITIONAL)

_mutant.expose(__name__)
