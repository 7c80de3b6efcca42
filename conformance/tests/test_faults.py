"""Faults: descriptor exhaustion, file size limit, interrupts and SIGKILL leave nothing behind."""

from __future__ import annotations

import codecs
import os
import signal
from typing import Callable, Dict, Iterator, List

import pytest

from conformance.harness.audit import AuditRecorder
from conformance.harness.children import run_in_child
from conformance.harness.descriptors import open_fds
from conformance.harness.scratch import make_scratch

IN_CHILD = "conformance.tests.in_child.faults"

# ---------------------------------------------------------------------------
# Descriptor exhaustion, in a child whose RLIMIT_NOFILE is lowered
# ---------------------------------------------------------------------------

EMFILE_APIS = ("mkstemp", "NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile.rollover")
_emfile_results: Dict[str, dict] = {}


@pytest.fixture
def emfile_run(target_spec, scratch_root) -> dict:
    """What each creator did with no descriptor left (one child per target)."""
    if target_spec not in _emfile_results:
        where = make_scratch(scratch_root, "emfile")
        child = run_in_child(target_spec, f"{IN_CHILD}:create_without_descriptors", {"where": where})
        assert child.value is not None, child.stderr[-2000:]
        _emfile_results[target_spec] = child.value
    return _emfile_results[target_spec]


@pytest.mark.clause("faults.emfile.raises-oserror")
@pytest.mark.parametrize("api", EMFILE_APIS)
@pytest.mark.host("subprocess", "resource-limits")
def test_no_descriptor_left_raises_emfile(emfile_run, api):
    assert emfile_run[api]["outcome"] == "EMFILE"


@pytest.mark.clause("faults.emfile.nothing-left")
@pytest.mark.parametrize("api", EMFILE_APIS)
@pytest.mark.host("subprocess", "resource-limits")
def test_no_descriptor_left_leaves_nothing(emfile_run, api, request):
    request.node.user_properties.append(("figure:leaks", emfile_run["leaked-fds"]))
    assert emfile_run[api]["entries"] == []
    assert emfile_run["leaked-fds"] == 0


@pytest.mark.clause("faults.emfile.spooled-data-kept")
@pytest.mark.host("subprocess", "resource-limits")
def test_failed_rollover_keeps_spooled_data(emfile_run):
    assert emfile_run["SpooledTemporaryFile.rollover"]["outcome"] != "no error"
    assert emfile_run["spooled-data"] == "kept in memory"


# ---------------------------------------------------------------------------
# RLIMIT_FSIZE hit while a SpooledTemporaryFile rolls over
# ---------------------------------------------------------------------------

@pytest.fixture
def fsize_run(target_spec, scratch) -> dict:
    child = run_in_child(target_spec, f"{IN_CHILD}:roll_over_past_size_limit", {"where": scratch})
    assert child.value is not None, child.stderr[-2000:]
    return child.value


@pytest.mark.clause("faults.fsize.error-surfaces")
@pytest.mark.host("subprocess", "resource-limits")
def test_rollover_past_file_size_limit_raises_efbig(fsize_run):
    assert fsize_run["raised"] is not None, "the failed rollover was swallowed"
    assert fsize_run["raised"][1] == "EFBIG"


@pytest.mark.clause("faults.fsize.nothing-left")
@pytest.mark.host("subprocess", "resource-limits")
def test_rollover_past_file_size_limit_leaves_nothing(fsize_run, request):
    request.node.user_properties.append(("figure:leaks", fsize_run["leaked-fds"]))
    assert fsize_run["entries"] == []
    assert fsize_run["leaked-fds"] == 0


# ---------------------------------------------------------------------------
# KeyboardInterrupt at every audit event of a creating call
# ---------------------------------------------------------------------------


class _Interrupter(AuditRecorder):
    """Counts audit events while armed and raises KeyboardInterrupt at the N-th one."""

    def __init__(self, at: int = 0) -> None:
        super().__init__()
        self.at, self.seen, self.armed = at, 0, False

    def __call__(self, event: str, args: tuple) -> None:
        if not self.armed or not event.startswith(self.prefixes):
            return
        self.seen += 1
        if self.seen == self.at:
            self.armed = False
            raise KeyboardInterrupt(f"injected at audit event {event}")


def _discard(made: object, where: str) -> None:
    """Release whatever a creating call returned when it was not interrupted (only inside ``where``)."""
    path = made[1] if isinstance(made, tuple) else made if isinstance(made, (str, bytes)) else \
        getattr(made, "name", None)
    if isinstance(path, (str, bytes)) and \
            os.path.dirname(os.path.realpath(os.fsdecode(path))) != os.path.realpath(where):
        raise AssertionError(f"the target returned {path!r}, outside {where}; left untouched")
    if isinstance(made, tuple):
        os.close(made[0])
        os.unlink(made[1])
    elif isinstance(made, (str, bytes)):
        os.rmdir(made)
    elif hasattr(made, "cleanup"):
        made.cleanup()  # type: ignore[attr-defined]
    elif hasattr(made, "close"):
        made.close()  # type: ignore[attr-defined]


def _interrupt_calls(tf, where: str) -> Dict[str, Callable[[], Callable[[], object]]]:
    """Per API: a set-up returning the creating call (rollover needs its object first)."""
    def spooled_rollover() -> Callable[[], object]:
        spooled = tf.SpooledTemporaryFile(max_size=1 << 20, dir=where)
        spooled.write(b"spooled")

        def call() -> object:
            try:
                spooled.rollover()
            finally:
                spooled.close()
            return None
        return call

    return {
        "mkstemp": lambda: lambda: tf.mkstemp(dir=where),
        "mkdtemp": lambda: lambda: tf.mkdtemp(dir=where),
        "NamedTemporaryFile": lambda: lambda: tf.NamedTemporaryFile(dir=where),
        "TemporaryFile": lambda: lambda: tf.TemporaryFile(dir=where),
        "TemporaryDirectory": lambda: lambda: tf.TemporaryDirectory(dir=where),
        "SpooledTemporaryFile.rollover": spooled_rollover,
    }


INTERRUPT_APIS = ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryFile", "TemporaryDirectory",
                  "SpooledTemporaryFile.rollover")


@pytest.mark.clause("faults.interrupt.nothing-left")
@pytest.mark.parametrize("api", INTERRUPT_APIS)
def test_interrupt_at_each_audit_event_leaves_nothing(tf, scratch, api, request):
    setup = _interrupt_calls(tf, scratch)[api]
    counter = _Interrupter()
    call = setup()
    with counter:
        counter.armed = True
        made = call()
        counter.armed = False
    _discard(made, scratch)
    if counter.seen == 0:
        pytest.skip("missing capability: the target raises no audit event while it creates")
    baseline = open_fds()
    for at in range(1, counter.seen + 1):
        call = setup()
        made, interrupted = None, False
        with _Interrupter(at) as interrupter:
            interrupter.armed = True
            try:
                made = call()
            except KeyboardInterrupt:
                interrupted = True
            interrupter.armed = False
        _discard(made, scratch)
        assert interrupted, f"the interrupt at event {at} did not reach the caller"
        assert os.listdir(scratch) == [], f"left behind after an interrupt at event {at}"
        assert open_fds() == baseline, f"descriptor leaked after an interrupt at event {at}"
    request.node.user_properties.append(("figure:trials", counter.seen))


_INTERRUPTING_ENCODING = "tfconf_interrupting_codec"


def _interrupting_search(name: str) -> None:
    if name == _INTERRUPTING_ENCODING:
        raise KeyboardInterrupt("injected by the encoding lookup")
    return None


@pytest.fixture
def interrupting_encoding() -> Iterator[str]:
    """An encoding name whose lookup raises KeyboardInterrupt (after the file is open)."""
    codecs.register(_interrupting_search)
    try:
        yield _INTERRUPTING_ENCODING
    finally:
        if hasattr(codecs, "unregister"):  # 3.10+; before that the search function stays, inert
            codecs.unregister(_interrupting_search)


@pytest.mark.clause("faults.interrupt.after-create")
@pytest.mark.parametrize("api", ("NamedTemporaryFile", "TemporaryFile"))
def test_interrupt_after_create_removes_file(tf, scratch, interrupting_encoding, api):
    maker = getattr(tf, api)
    baseline = open_fds()
    with pytest.raises(KeyboardInterrupt):
        maker(mode="w+", encoding=interrupting_encoding, dir=scratch)
    assert os.listdir(scratch) == []
    assert open_fds() == baseline


# ---------------------------------------------------------------------------
# SIGKILL
# ---------------------------------------------------------------------------

_killed_results: Dict[str, List[str]] = {}


@pytest.fixture
def killed_child(target_spec, scratch_root) -> List[str]:
    """A child holding a TemporaryFile and a NamedTemporaryFile SIGKILLs itself; the leftovers.

    One child per target: both SIGKILL tests judge the same kill, and its directory lasts the
    session, so the named file can still be read by the second.  The child is forked like
    other checks (a fresh interpreter cost as much as the rest of this module).
    """
    if target_spec not in _killed_results:
        where = make_scratch(scratch_root, "killed")
        child = run_in_child(target_spec, f"{IN_CHILD}:kill_self_holding_files", {"where": where})
        named = child.stdout.strip()
        assert child.returncode == -signal.SIGKILL and named, f"the child did not die: {child.stderr[-2000:]}"
        _killed_results[target_spec] = [named] + sorted(os.listdir(where))
    return list(_killed_results[target_spec])


@pytest.mark.clause("faults.sigkill.temporaryfile-leaves-nothing")
@pytest.mark.host("subprocess", "signals")
def test_sigkill_leaves_no_temporaryfile(killed_child):
    named, entries = killed_child[0], killed_child[1:]
    assert [e for e in entries if e != os.path.basename(named)] == []


@pytest.mark.clause("faults.sigkill.named-file-remains")
@pytest.mark.host("subprocess", "signals")
def test_sigkill_leaves_named_file(killed_child):
    named, entries = killed_child[0], killed_child[1:]
    assert os.path.basename(named) in entries
    with open(named, "rb") as handle:
        assert handle.read() == b"named"
