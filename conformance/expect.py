"""Assertion helpers for the conformance tests: a failure says in one line what was expected and seen.

A bare ``assert mode == 0o600 & ~umask`` fails as ``assert 420 == 384``, which
a reader must decode.  These helpers fail with a :class:`ConformanceFailure`
worded in the domain's terms -- modes in octal and ``rwx`` form, names,
the call that produced them -- and the report shows that line first::

    mkstemp: mode 0o644 (rw-r--r--), expected 0o600 (rw-------) under umask 0o000

Each helper returns nothing and raises only when the expectation does not hold.
"""

from __future__ import annotations

import stat
from typing import Any, Mapping, Optional, Union

Name = Union[str, bytes]


class ConformanceFailure(AssertionError):
    """A failed expectation; its message is the one line a person reads first."""


def mode_text(mode: int) -> str:
    """``0o644`` -> ``"0o644 (rw-r--r--)"`` (permission and special bits only)."""
    bits = stat.S_IMODE(mode)
    return f"0o{bits:03o} ({stat.filemode(bits)[1:]})"


def _where(call: str) -> str:
    return f"{call}: " if call else ""


def _umask_note(umask: Optional[int]) -> str:
    return "" if umask is None else f" under umask 0o{umask:03o}"


def expect_mode(actual: int, wanted: int, *, call: str = "", umask: Optional[int] = None) -> None:
    """The permission bits of ``actual`` (a mode or st_mode) equal ``wanted``."""
    if stat.S_IMODE(actual) != stat.S_IMODE(wanted):
        raise ConformanceFailure(f"{_where(call)}mode {mode_text(actual)}, expected "
                                 f"{mode_text(wanted)}{_umask_note(umask)}")


def expect_modes(actual: Mapping[str, int], wanted: int, *, umask: Optional[int] = None) -> None:
    """Every call's mode in ``actual`` (call -> mode) equals ``wanted``; all departures in one line."""
    wrong = [f"{call} {mode_text(mode)}" for call, mode in actual.items()
             if stat.S_IMODE(mode) != stat.S_IMODE(wanted)]
    if wrong:
        raise ConformanceFailure(f"mode {', '.join(wrong)}; expected {mode_text(wanted)} "
                                 f"for every call{_umask_note(umask)}")


def expect_prefix(name: Name, prefix: Name, *, call: str = "", what: str = "name") -> None:
    """``name`` starts with ``prefix``."""
    if not name.startswith(prefix):  # type: ignore[arg-type]
        raise ConformanceFailure(f"{_where(call)}{what} {name!r} does not start with {prefix!r}")


def expect_suffix(name: Name, suffix: Name, *, call: str = "", what: str = "name") -> None:
    """``name`` ends with ``suffix``."""
    if not name.endswith(suffix):  # type: ignore[arg-type]
        raise ConformanceFailure(f"{_where(call)}{what} {name!r} does not end with {suffix!r}")


def expect_equal(actual: Any, wanted: Any, *, call: str = "", what: str = "value") -> None:
    """``actual == wanted``, reported as "CALL: WHAT ACTUAL, expected WANTED"."""
    if actual != wanted:
        raise ConformanceFailure(f"{_where(call)}{what} {actual!r}, expected {wanted!r}")


def expect_type(value: Any, wanted: type, *, call: str = "", what: str = "value") -> None:
    """``value`` is an instance of ``wanted``."""
    if not isinstance(value, wanted):
        raise ConformanceFailure(f"{_where(call)}{what} is a {type(value).__name__} ({value!r}), "
                                 f"expected a {wanted.__name__}")


def expect_that(holds: bool, *, call: str = "", observed: str, expected: str) -> None:
    """A condition the other helpers do not cover, worded by the caller."""
    if not holds:
        raise ConformanceFailure(f"{_where(call)}{observed}, expected {expected}")
