"""Mutant: gettempdir returns tempdir as stored, bytes included.

Must go red: gettempdir.returns.str.
"""


import reference
from reference import location

from . import _mutant

BREAKS = (
    "gettempdir.returns.str",
)

location.gettempdir = location._tempdir_value
reference.gettempdir = location._tempdir_value

_mutant.expose(__name__)
