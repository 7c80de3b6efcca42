"""Chapter 2: the random part of every temporary name, and the hook that overrides it.

Unpredictable names are the first line of defence: an attacker who can guess
the next name can plant a file or symlink there first.  Exclusive creation
(chapter 4) turns such a plant into a harmless retry, but only guessing-proof
names keep the retries rare and the plants pointless.
"""

from __future__ import annotations

import contextlib
import os
from typing import Callable, Iterable, Iterator, List

# ---------------------------------------------------------------------------
# The alphabet and the draw
# ---------------------------------------------------------------------------

# Why not random.SystemRandom or secrets.choice?  Both are fine CSPRNGs, but
# they make one system call per character; one os.urandom call per name is
# eight times fewer.  Why not a seeded random.Random, as CPython uses?  Its
# state lives in the process and is copied by fork(), so CPython must notice
# the new pid and reseed; a stateless source has nothing to copy and nothing
# to forget.
#
# How much randomness is enough?  Names only need to be unpredictable to
# others and rarely colliding.  With N of our files already in a directory,
# each attempt collides with probability N / 37**8; even at a million files
# that is one attempt in 3.5 million, and the retry loop absorbs it.
#
# [naming.random-part.cpython-shape] Eight characters from 37 symbols:
# lower-case letters, digits and underscore.  Lower case only, so that two
# names never differ by case alone (they would collide on case-insensitive
# file systems); 37**8 is about 3.5e12 names, roughly 41.7 bits of guessing
# work.
ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789_"
LENGTH = 8

# Each random byte becomes one character: byte % 37 picks it.  Since 256 is
# not a multiple of 37, bytes 222..255 (222 = 6 * 37) are thrown away; with
# them, the low characters would come up slightly more often than the rest.
# After the rejection each character is the image of exactly six byte values,
# so every character, and every name, is equally likely.  bytes.translate does
# the mapping and the rejection in one C-level pass.
_ACCEPT_BELOW = 256 // len(ALPHABET) * len(ALPHABET)
_TO_CHAR = bytes(ALPHABET.encode("ascii")[b % len(ALPHABET)] for b in range(256))
_REJECTED = bytes(range(_ACCEPT_BELOW, 256))
# Twice the bytes needed: with 13% of bytes rejected, one draw of 16 keeps
# fewer than 8 about 6 times in 100,000 calls, and then the loop draws again.
_DRAW_BYTES = 2 * LENGTH


def random_part(draw: Callable[[int], bytes] = os.urandom) -> str:
    """A fresh random name part of LENGTH characters from ALPHABET."""
    # os.urandom is the kernel's CSPRNG: nothing to seed, no state in this
    # process, so a forked child can never replay its parent's names (a seeded
    # user-space generator copied by fork() would do exactly that).
    # Rejection keeps every name equally likely, and each draw is independent
    # of the last.
    chars = b""
    while len(chars) < LENGTH:
        # [security.names.process-distinct] [security.names.fork-distinct] [security.names.no-sequence]
        chars += draw(_DRAW_BYTES).translate(_TO_CHAR, _REJECTED)  # [security.names.uniform]
    return chars[:LENGTH].decode("ascii")  # [security.names.no-collisions]


# ---------------------------------------------------------------------------
# Name injection: the documented hook for tests
# ---------------------------------------------------------------------------

# Why a documented hook at all?  The security of the whole module rests on
# what happens when a name is *already taken*: retry, never reuse, give up
# after TMP_MAX tries.  With random names those paths are almost never taken,
# so they cannot be tested by waiting for luck.  Choosing the names makes a
# collision (or a thousand) happen on demand, from outside the module, without
# touching its internals.
#
# Active injections, innermost last.  A stack rather than one slot so nested
# `with inject_names(...)` blocks restore the outer one on exit.
_injected: List[Iterator[str]] = []


@contextlib.contextmanager
def inject_names(names: Iterable[str]) -> Iterator[None]:
    """While active, candidate names take their random part from ``names``, one per attempt.

    This is the reference's "name-injection" capability
    ([naming.compose.exact-with-injected-part]).  Tests use it to force
    collisions (inject a name that already exists) and to reach exhaustion.
    Once ``names`` runs out, random parts are drawn again.  The directory
    probe of ``gettempdir`` never consumes injected names: it is not a
    candidate name of any creating call.
    """
    stream = iter(names)
    _injected.append(stream)
    try:
        yield
    finally:
        _injected.remove(stream)


def next_candidate() -> str:
    """The random part of the next candidate name: injected if any, else random."""
    # The innermost active injection wins; an exhausted one falls through to
    # random parts rather than raising, so a test that injects "just enough"
    # names cannot make an unrelated later attempt fail with StopIteration.
    if _injected:
        injected = next(_injected[-1], None)
        if injected is not None:
            return injected
    return random_part()
