"""Mutant: NUL bytes are removed from prefix and suffix instead of raising ValueError.

Must go red: badinput.nul-byte.valueerror.
"""


from reference import creation

from . import _mutant

BREAKS = (
    "badinput.nul-byte.valueerror",
)

_original = creation.candidate_path


def candidate_path(directory, prefix, part, suffix):
    nul = b"\0" if isinstance(prefix, bytes) else "\0"
    empty = nul[:0]
    return _original(directory, prefix.replace(nul, empty), part, suffix.replace(nul, empty))


creation.candidate_path = candidate_path

_mutant.expose(__name__)
