"""Mutant: NamedTemporaryFile ignores its newline argument.

Must go red: namedtemporaryfile.params.open-like.
"""


import reference
from reference import named

from . import _mutant

BREAKS = (
    "namedtemporaryfile.params.open-like",
)

def _drop_newline(arguments):
    arguments["newline"] = None


reference.NamedTemporaryFile = _mutant.rewrap(named.NamedTemporaryFile, before=_drop_newline)

_mutant.expose(__name__)
