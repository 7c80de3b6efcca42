"""Which conformance tests run: the clause, host and capability markers read before a test starts.

Every conformance test carries ``@pytest.mark.clause("id", ...)`` naming the
clauses it verifies, and optionally ``@pytest.mark.needs("capability")``.
Before a test runs the plugin asks :func:`gate`, which decides from the
catalogue alone:

* none of its clauses applies to the judged version/platform -> skipped with
  a reason starting ``not applicable:``;
* it needs a host capability this host lacks (``@pytest.mark.host("fork")``,
  probed once, see :mod:`conformance.host`) -> skipped, ``unobservable on this
  host: needs fork``, which the results layer reports as unobservable;
* it needs a capability the target lacks -> skipped, ``missing capability:``.
"""

from __future__ import annotations

import sys
from typing import List, Optional, Tuple

import pytest

from conformance import host
from conformance.target import Target
from conformance.vocabulary import (
    HOST_CAPABILITIES,
    SKIP_MISSING_CAPABILITY,
    SKIP_NOT_APPLICABLE,
    SKIP_UNOBSERVABLE_ON_HOST,
)
from spec import Catalogue


def clause_ids(item: pytest.Item) -> Tuple[str, ...]:
    """All clause ids named by the item's ``clause`` markers."""
    ids: List[str] = []
    for mark in item.iter_markers("clause"):
        ids.extend(mark.args)
    return tuple(dict.fromkeys(ids))



def gate(item: pytest.Item, catalogue: Catalogue, target: Target) -> Optional[str]:
    """The skip reason for ``item``, or None if it should run."""
    ids = clause_ids(item)
    unknown = [c for c in ids if c not in catalogue]
    if not ids or unknown:
        return None  # reported as an error in pytest_runtest_setup
    if not any(catalogue[c].applies(target.version, sys.platform) for c in ids):
        return (f"{SKIP_NOT_APPLICABLE}{', '.join(ids)} do not hold for Python "
                f"{target.version_text} on {sys.platform}")
    lacking = host.missing(c for c in host_needs(item) if c in HOST_CAPABILITIES)
    if lacking:
        return f"{SKIP_UNOBSERVABLE_ON_HOST}{', '.join(lacking)}"
    for mark in item.iter_markers("needs"):
        for capability in mark.args:
            if not target.has(capability):
                return f"{SKIP_MISSING_CAPABILITY}{capability}"
    return None


def host_needs(item: pytest.Item) -> Tuple[str, ...]:
    """The host capabilities named by the item's ``host`` markers."""
    return tuple(dict.fromkeys(c for mark in item.iter_markers("host") for c in mark.args))

