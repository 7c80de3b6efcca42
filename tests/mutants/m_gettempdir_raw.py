"""Mutant: gettempdir returns tempdir as stored, bytes included.

Must go red: gettempdir.returns.str.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import location  # noqa: E402

BREAKS = (
    "gettempdir.returns.str",
)

location.gettempdir = location._tempdir_value
reference.gettempdir = location._tempdir_value

_mutant.expose(__name__)
