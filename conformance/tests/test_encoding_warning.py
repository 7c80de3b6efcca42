"""EncodingWarning (3.10+, PEP 597): a text file made without an encoding warns once, at the caller's line.

Under the opt-in (``-X warn_default_encoding``, or PYTHONWARNDEFAULTENCODING),
open() warns when a text file gets the locale's encoding because none was
given.  A class that hands ``encoding`` on to open() should settle it first
with ``io.text_encoding()``, so that the warning names the line that left the
encoding out, in the caller's code, rather than a line inside the library.

The opt-in is read only when an interpreter starts, so one fresh interpreter
per target runs every call (conformance.tests.in_child.encoding_warning) for
all three classes, and each test judges its class's share.
"""

from __future__ import annotations

import os
from typing import Any, Dict, List

import pytest

from conformance.harness.children import run_in_child
from conformance.harness.scratch import make_scratch
from conformance.vocabulary import MEANS_PROPERTY, RETURNED_VALUE, SKIP_UNOBSERVABLE

IN_CHILD = "conformance.tests.in_child.encoding_warning"
OPT_IN = "PYTHONWARNDEFAULTENCODING"
_runs: Dict[str, Dict[str, Any]] = {}


@pytest.fixture
def emitted(target_spec: str, scratch_root: str, tf: Any, record_property: Any) -> Dict[str, Any]:
    """Per call, the caller's line and the EncodingWarnings it emitted (one child per target)."""
    if target_spec not in _runs:
        where = make_scratch(scratch_root, "encoding-warning")
        child = run_in_child(target_spec, f"{IN_CHILD}:warnings_emitted", {"where": where},
                             env=dict(os.environ, **{OPT_IN: "1"}), fresh=True)
        assert child.value is not None, child.stderr[-2000:]
        _runs[target_spec] = child.value
    if not _runs[target_spec]["opted in"]:
        pytest.skip(f"{SKIP_UNOBSERVABLE}this interpreter ignores {OPT_IN} "
                    "(sys.flags.warn_default_encoding stayed off)")
    record_property(MEANS_PROPERTY, RETURNED_VALUE)
    return _runs[target_spec]


def _located(seen: Dict[str, Any], key: str = "warnings") -> List[List[Any]]:
    return [w[:2] for w in seen[key]]


def _judge(emitted: Dict[str, Any], api: str) -> None:
    """Text without an encoding: one warning, naming the caller's line; binary or encoding given: none."""
    text = emitted[f"{api} text"]
    assert _located(text) == [text["caller"]], \
        f"expected one EncodingWarning at {text['caller']}; got {text['warnings']}"
    for quiet in ("binary", "encoding given"):
        warned = emitted[f"{api} {quiet}"]["warnings"]
        assert warned == [], f"{quiet}: {warned}"


@pytest.mark.clause("namedtemporaryfile.params.encoding-warning-at-caller")
@pytest.mark.host("subprocess")
def test_named_temporary_file_warns_once_at_the_caller(emitted):
    _judge(emitted, "NamedTemporaryFile")


@pytest.mark.clause("temporaryfile.params.encoding-warning-at-caller")
@pytest.mark.host("subprocess")
def test_temporary_file_warns_once_at_the_caller(emitted):
    _judge(emitted, "TemporaryFile")


@pytest.mark.clause("temporaryfile.params.encoding-warning-at-caller")
@pytest.mark.host("subprocess")
def test_temporary_file_without_o_tmpfile_warns_once_too(emitted):
    seen = emitted["TemporaryFile text, O_TMPFILE refused"]
    if seen["unobservable"] is not None:
        pytest.skip(SKIP_UNOBSERVABLE + seen["unobservable"])
    assert _located(seen) == [seen["caller"]], \
        f"expected one EncodingWarning at {seen['caller']}; got {seen['warnings']}"


@pytest.mark.clause("spooled.params.encoding-warning-at-caller")
@pytest.mark.host("subprocess")
def test_spooled_temporary_file_warns_once_at_the_caller_and_not_at_rollover(emitted):
    _judge(emitted, "SpooledTemporaryFile")
    for case in ("text", "binary", "encoding given"):
        seen = emitted[f"SpooledTemporaryFile {case}"]
        assert seen["at rollover"] == [], f"{case}: the rollover warned: {seen['at rollover']}"
