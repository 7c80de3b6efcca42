"""Mutant: NamedTemporaryFile takes delete_on_close by position (keyword-only).

Must go red: module.signature.namedtemporaryfile-delete-on-close.
"""

import inspect

import reference
from reference import named

from . import _mutant

BREAKS = (
    "module.signature.namedtemporaryfile-delete-on-close",
)

_POSITIONAL = {"kind": inspect.Parameter.POSITIONAL_OR_KEYWORD}
reference.NamedTemporaryFile = _mutant.rewrap(named.NamedTemporaryFile, delete_on_close=_POSITIONAL)

_mutant.expose(__name__)
