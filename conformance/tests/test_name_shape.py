"""The shape of the names a target returns, judged from the names alone.

Clauses first judged by injecting a known random part can also be seen from
outside: over many names, a random part varies at every position, so text
that stays the same at its start or end across all of them was added around
it (a separator, a default suffix).  Twenty names from 37 symbols make a
constant character by chance less likely than one in 10**29.
"""

from __future__ import annotations

import os
from typing import Any, List, Optional

import pytest

from conformance.tests._creators import NAMED_APIS, created
from conformance.vocabulary import MEANS_PROPERTY, RETURNED_VALUE, SKIP_NOT_APPLICABLE

DRAWS = 20


def _names(tf: Any, api: str, **kwargs: Any) -> List[str]:
    """The final components of DRAWS names ``api`` returns (each released at once)."""
    names = []
    for _ in range(DRAWS):
        with created(tf, api, **kwargs) as path:
            names.append(os.fsdecode(os.path.basename(path)))
    return names


def _constant_ends(parts: List[str]) -> tuple:
    """The text every one of ``parts`` starts with, and the text every one ends with."""
    head = os.path.commonprefix(parts)
    tail = os.path.commonprefix([p[::-1] for p in parts])[::-1]
    return head, tail


def _middles(names: List[str], prefix: str, suffix: str) -> List[str]:
    for name in names:
        assert name.startswith(prefix) and name.endswith(suffix), name
    return [name[len(prefix):len(name) - len(suffix)] for name in names]


@pytest.mark.clause("naming.compose.exact-with-injected-part")
@pytest.mark.parametrize("api", NAMED_APIS)
def test_nothing_is_added_around_the_random_part(tf, scratch, api, record_property):
    record_property(MEANS_PROPERTY, RETURNED_VALUE)
    middles = _middles(_names(tf, api, prefix="pre-", suffix=".suf", dir=scratch), "pre-", ".suf")
    assert len({len(m) for m in middles}) == 1, f"random parts of varying length: {middles[:5]}"
    assert _constant_ends(middles) == ("", ""), f"the same text around every random part: {middles[:5]}"


@pytest.mark.clause("naming.suffix.default-none")
@pytest.mark.parametrize("api", NAMED_APIS)
@pytest.mark.parametrize("suffix", [None, "omitted"])
def test_no_suffix_unless_asked(tf, scratch, api, suffix, record_property):
    record_property(MEANS_PROPERTY, RETURNED_VALUE)
    if api == "mktemp" and suffix is None:
        pytest.skip(f"{SKIP_NOT_APPLICABLE}mktemp does not accept suffix=None")
    given: dict = {} if suffix == "omitted" else {"suffix": None}
    names = _names(tf, api, prefix="pre-", dir=scratch, **given)
    assert _constant_ends(_middles(names, "pre-", ""))[1] == "", f"every name ends alike: {names[:5]}"


@pytest.mark.clause("mktemp.args.defaults")
def test_mktemp_defaults_seen_in_its_names(tf, scratch, record_property):
    record_property(MEANS_PROPERTY, RETURNED_VALUE)
    paths: List[Optional[str]] = [tf.mktemp() for _ in range(DRAWS)]
    assert {os.path.dirname(p) for p in paths} == {tf.gettempdir()}
    middles = _middles([os.path.basename(p) for p in paths], tf.template, "")
    assert _constant_ends(middles) == ("", ""), f"more than 'tmp' + random part: {paths[:5]}"
    assert not any(os.path.lexists(p) for p in paths), "mktemp created what it named"
