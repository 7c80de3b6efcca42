"""Mutant: NamedTemporaryFile accepts errors by position, right after delete.

Must go red: module.signature.namedtemporaryfile, namedtemporaryfile.params.errors-keyword-only.
"""

import inspect

import reference
from reference import named

from . import _mutant

BREAKS = (
    "module.signature.namedtemporaryfile",
    "namedtemporaryfile.params.errors-keyword-only",
)

_POSITIONAL = {"kind": inspect.Parameter.POSITIONAL_OR_KEYWORD}
reference.NamedTemporaryFile = _mutant.rewrap(named.NamedTemporaryFile, errors=_POSITIONAL)

_mutant.expose(__name__)
