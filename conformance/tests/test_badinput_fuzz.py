"""Bad input, fuzzed: every public callable with odd arguments fails only in the expected families.

The calls come from a seeded generator of our own: each gets a random subset
of its API's parameters, each parameter a value drawn from a small pool of odd
ones (wrong types, NUL bytes, '../', unknown codecs, bad modes).  The seed is
fixed, so every run makes the same 40 calls per API (400 with
CONFORMANCE_HYPOTHESIS=thorough, a name kept from when Hypothesis drew them:
its engine cost 0.8 ms a call, ten times the call itself).  A failing call is
made smaller before it is reported: each parameter is dropped in turn and
stays dropped while the call still fails.
"""

from __future__ import annotations

import gc
import os
import pathlib
import random
import warnings
from typing import Any, Dict, Iterator, List

import pytest

from conformance.harness.descriptors import open_fds
from conformance.tests import _badinput_helpers
from conformance.tests._badinput_helpers import _call, _entries, _release

area = _badinput_helpers.area  # the shared fixture, bound here so pytest offers it to these tests

ALLOWED = (TypeError, ValueError, LookupError, OSError)


TEXT_BITS = ["", "p", "sub/", "../", "\u00e9", "\x00", "x" * 300, "a b"]
BYTES_BITS = [b"", b"p", b"sub/", b"../", b"\x00"]
ODD = [None, 0, 7, 1.5, [], ()]


def _name_part(rng: random.Random) -> Any:
    """A prefix or suffix: one or two str fragments, one or two bytes ones, an odd value or an object."""
    kind = rng.randrange(4)
    if kind == 0:  # at most two fragments, so at most two '../': the area's base is two levels deep
        return "".join(rng.choice(TEXT_BITS) for _ in range(rng.randint(1, 2)))
    if kind == 1:
        return b"".join(rng.choice(BYTES_BITS) for _ in range(rng.randint(1, 2)))
    return rng.choice(ODD) if kind == 2 else object()


# An int no descriptor can have: CPython 3.10+ hands dir to io.open, which takes an int for an open
# descriptor, so dir=1 would wrap (and on close, close) this process's own stdout.
NOT_A_DESCRIPTOR = 2 ** 31 - 1


def _dirs(base: str) -> List[Any]:
    """The dir values: usable, missing, a plain file, NUL, and wrong types.

    No None: a target that ignores ``tempdir`` would then create (and, with '..', clean up)
    outside the scratch.  "" and b"" are relative to the working directory, which is ``base``.
    """
    return ["", base, os.fsencode(base), pathlib.Path(base), os.path.join(base, "sub"),
            os.path.join(base, "missing"), os.path.join(base, "plain"), base + "\x00", b"",
            NOT_A_DESCRIPTOR, 1.5, []]


POOLS: Dict[str, List[Any]] = {
    "mode": ["w+b", "w+", "r", "ab", "x+b", "q", "rw+", "wx+", "", 3, None],
    "buffering": [-1, 0, 1, 4096, "x", 1.5, None],
    "encoding": [None, "utf-8", "latin-1", "no-such-codec", "", 5],
    "newline": [None, "", "\n", "\r\n", "x", 5],
    "errors": [None, "strict", "ignore", "no-such-handler", 5],
    "delete": [True, False, 0, "", None],
    "text": [True, False, 0, "yes", None],
    "max_size": [0, 1, -1, 10 ** 9, "10", 1.5, None],
}

PARAMS: Dict[str, List[str]] = {
    "mkstemp": ["suffix", "prefix", "dir", "text"],
    "mkdtemp": ["suffix", "prefix", "dir"],
    "mktemp": ["suffix", "prefix", "dir"],
    "NamedTemporaryFile": ["mode", "buffering", "encoding", "newline", "suffix", "prefix", "dir",
                           "delete", "errors"],
    "TemporaryFile": ["mode", "buffering", "encoding", "newline", "suffix", "prefix", "dir", "errors"],
    "SpooledTemporaryFile": ["max_size", "mode", "buffering", "encoding", "newline", "suffix", "prefix",
                             "dir", "errors"],
    "TemporaryDirectory": ["suffix", "prefix", "dir"],
}


def _odd_calls(api: str, base: str) -> Iterator[Dict[str, Any]]:
    """The keyword arguments of each call to make: none at all first, then random subsets."""
    count = 400 if os.environ.get("CONFORMANCE_HYPOTHESIS") == "thorough" else 40
    rng = random.Random(f"tempfile-conformance fuzz {api}")  # a str seed: the same draws everywhere
    dirs = _dirs(base)
    yield {}
    for _ in range(count - 1):
        kwargs: Dict[str, Any] = {}
        for param in PARAMS[api]:
            if rng.random() < 0.5:
                continue  # each parameter is passed in about half of the calls
            if param in ("suffix", "prefix"):
                kwargs[param] = _name_part(rng)
            else:
                kwargs[param] = rng.choice(dirs if param == "dir" else POOLS[param])
        yield kwargs


def _judge(tf, api: str, area: Dict[str, str], kwargs: Dict[str, Any]) -> None:
    """Make one call; an AssertionError says how it broke a clause."""
    before_entries, before_fds = _entries(area["top"]), open_fds()
    made, error = None, None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            made = _call(tf, api, kwargs)
        except Exception as exc:  # judged below
            error = exc
        _release(made)
    if error is not None:
        assert isinstance(error, ALLOWED), f"{api}(**{kwargs!r}) raised {type(error).__name__}: {error}"
        assert str(error).strip(), f"{api}(**{kwargs!r}) raised {type(error).__name__} with no message"
    if open_fds() != before_fds:  # an unreachable object may still hold one: collect once
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            gc.collect()
    left = _entries(area["top"]) - before_entries
    assert left == set(), f"{api}(**{kwargs!r}) left {sorted(left)}"
    assert open_fds() == before_fds, f"{api}(**{kwargs!r}) left a descriptor open"


def _smallest_failure(tf, api: str, area: Dict[str, str], kwargs: Dict[str, Any],
                      failure: AssertionError) -> AssertionError:
    """The failure of ``kwargs`` with every parameter it does not need dropped (tried one at a time)."""
    for param in list(kwargs):
        fewer = {name: value for name, value in kwargs.items() if name != param}
        try:
            _judge(tf, api, area, fewer)
        except AssertionError as still:
            kwargs, failure = fewer, still
    return failure


@pytest.mark.clause("badinput.fuzz.expected-errors", "badinput.fuzz.nothing-leaked")
@pytest.mark.parametrize("api", sorted(PARAMS))
def test_odd_arguments_fail_cleanly(tf, area, api, request):
    getattr(tf, api)  # skips the test as "not implemented" when the target lacks it
    made = 0
    for kwargs in _odd_calls(api, area["base"]):
        made += 1
        try:
            _judge(tf, api, area, kwargs)
        except AssertionError as failure:
            raise _smallest_failure(tf, api, area, kwargs, failure) from None
    request.node.user_properties.append(("figure:examples", made))
