"""Mutant: A dot is inserted before a suffix that lacks one.

Must go red: naming.suffix.no-dot-inserted, naming.compose.exact-with-injected-part.
"""


from reference import creation

from . import _mutant

BREAKS = (
    "naming.suffix.no-dot-inserted",
    "naming.compose.exact-with-injected-part",
)

_original = creation.candidate_path


def candidate_path(directory, prefix, part, suffix):
    dot = b"." if isinstance(suffix, bytes) else "."
    if suffix and not suffix.startswith(dot):
        suffix = dot + suffix
    return _original(directory, prefix, part, suffix)


creation.candidate_path = candidate_path

_mutant.expose(__name__)
