"""Mutant: A prefix or suffix of a wrong type raises RuntimeError, not TypeError.

Must go red: badinput.fuzz.expected-errors.
"""


from reference import location

from . import _mutant

BREAKS = (
    "badinput.fuzz.expected-errors",
)

_original = location.name_type


def name_type(prefix, suffix, dir):
    for part in (prefix, suffix):
        if part is not None and not isinstance(part, (str, bytes)):
            raise RuntimeError("bad name part")
    return _original(prefix, suffix, dir)


location.name_type = name_type

_mutant.expose(__name__)
