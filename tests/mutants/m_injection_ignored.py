"""Mutant: The name-injection hook is declared but ignored.

Must go red: naming.compose.exact-with-injected-part.
"""


from reference import creation, names

from . import _mutant

BREAKS = (
    "naming.compose.exact-with-injected-part",
)

creation.next_candidate = names.random_part
names.next_candidate = names.random_part

_mutant.expose(__name__)
