"""TemporaryFile when O_TMPFILE cannot be used: the named-then-unlinked way, forced on any host.

Every directory our hosts offer accepts O_TMPFILE, so the way TemporaryFile
takes without it would never run.  Here os-call fault injection
(conformance.harness.os_faults) refuses the ``os.open`` of the directory with
O_TMPFILE -- EOPNOTSUPP as from a file system without it, or EISDIR as from a
kernel that does not know the flag -- and, in two runs, the removal of the
name the target then creates (EPERM, or a KeyboardInterrupt).

All of it happens in one child process per target: CPython remembers an
EISDIR for the rest of the process (it stops trying O_TMPFILE), a private
flag no black-box test could put back.

A target that never tries O_TMPFILE through ``os.open`` (PyPy 3.9 has no
``os.O_TMPFILE``) takes the named way anyway; its call is judged all the same,
since the clause is about what that way gives.  Only a target that got its
file by other means than a create by name through ``os.open``, or never
removed a name through ``os.unlink``/``os.remove`` when that was what the
faults waited for, is reported unobservable.
"""

from __future__ import annotations

import errno
import os
from typing import Any, Dict

import pytest

from conformance.harness.children import run_in_child
from conformance.harness.scratch import make_scratch
from conformance.tests.in_child.tmpfile_fallback import DELETED, PREFIX, SUFFIX
from conformance.vocabulary import MEANS_PROPERTY, OS_CALL_FAULT_INJECTION, SKIP_UNOBSERVABLE

IN_CHILD = "conformance.tests.in_child.tmpfile_fallback"
WORKING = ("binary", "text", "unbuffered", "old kernel")
_runs: Dict[str, Dict[str, Any]] = {}


@pytest.fixture
def fallback(target_spec: str, scratch_root: str, tf: Any, record_property: Any) -> Dict[str, Any]:
    """What each scenario of the child showed (one child per target)."""
    tf.TemporaryFile  # noqa: B018 - a target without it is 'not implemented', not an error
    if target_spec not in _runs:
        where = make_scratch(scratch_root, "fallback")
        child = run_in_child(target_spec, f"{IN_CHILD}:force_fallback", {"where": where})
        assert child.value is not None, child.stderr[-2000:]
        _runs[target_spec] = child.value
    record_property(MEANS_PROPERTY, OS_CALL_FAULT_INJECTION)
    return _runs[target_spec]


def _observed(fallback: Dict[str, Any], scenario: str) -> Dict[str, Any]:
    seen = fallback[scenario]
    if seen["unobservable"] is not None:
        pytest.skip(SKIP_UNOBSERVABLE + seen["unobservable"])
    assert seen["raised"] is None, f"TemporaryFile raised {seen['raised'][:2]}"
    assert seen.get("file") is not None, f"TemporaryFile returned a {seen['returned']}, not a stream"
    return seen


@pytest.mark.clause("temporaryfile.linux.o-tmpfile-fallback")
@pytest.mark.host("subprocess")
@pytest.mark.parametrize("scenario", WORKING)
def test_refused_o_tmpfile_gives_a_named_then_unlinked_file(fallback, scenario):
    seen = _observed(fallback, scenario)
    file = seen["file"]
    assert (file["entries"], file["nlink"]) == ([], 0)
    assert file["link"].endswith(DELETED), file["link"]
    base = os.path.basename(file["link"][: -len(DELETED)])
    assert base.startswith(PREFIX) and base.endswith(SUFFIX), base
    assert base in seen["created"], (base, seen["created"])
    assert seen["leaked"] == [] and seen["left"] == []


@pytest.mark.clause("temporaryfile.linux.o-tmpfile-fallback")
@pytest.mark.host("subprocess")
@pytest.mark.parametrize("scenario", WORKING)
def test_refused_o_tmpfile_file_works_as_usual(fallback, scenario):
    file = _observed(fallback, scenario)["file"]
    assert file["name_is_fd"], f"name is {file['name']}, not the descriptor"
    assert file["same_type_as_usual"], f"a {file['type']}, where O_TMPFILE works a {file['usually']}"
    assert file["round_trip"], "what was written did not come back"


@pytest.mark.clause("temporaryfile.unix.removal-error-surfaces")
@pytest.mark.host("subprocess")
@pytest.mark.parametrize("scenario, raised", [("removal refused", ["PermissionError", errno.EPERM]),
                                              ("removal interrupted", ["KeyboardInterrupt", None])])
def test_failed_removal_surfaces_and_closes_the_descriptor(fallback, scenario, raised):
    seen = fallback[scenario]
    if seen["unobservable"] is not None:
        pytest.skip(SKIP_UNOBSERVABLE + seen["unobservable"])
    assert seen["raised"] is not None and seen["raised"][:2] == raised, \
        f"expected {raised[0]}; raised {seen['raised']}, returned a {seen['returned']}"
    assert seen["leaked"] == [], f"descriptors left open: {seen['leaked']}"
