"""Mutant: NamedTemporaryFile ignores its newline argument.

Must go red: namedtemporaryfile.params.open-like.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import files  # noqa: E402

BREAKS = (
    "namedtemporaryfile.params.open-like",
)

def _drop_newline(arguments):
    arguments["newline"] = None


reference.NamedTemporaryFile = _mutant.rewrap(files.NamedTemporaryFile, before=_drop_newline)

_mutant.expose(__name__)
