"""Audit events: which API raises what, with which argument, and when."""

from __future__ import annotations

import os

import pytest

from conformance.harness.audit import AuditRecorder
from conformance.tests._creators import created, entries


def _tempfile_events(audit: AuditRecorder) -> list:
    return [(name, args) for name, args in audit.events if name.startswith("tempfile.")]


@pytest.mark.clause("audit.mkstemp.event")
def test_mkstemp_event(tf, scratch, audit):
    fd, path = tf.mkstemp(dir=scratch)
    os.close(fd)
    events = audit.named("tempfile.mkstemp")
    assert events and events[-1] == (path,)
    assert all(len(args) == 1 for args in events)


@pytest.mark.clause("audit.namedtemporaryfile.event")
def test_namedtemporaryfile_event(tf, scratch, audit):
    with tf.NamedTemporaryFile(dir=scratch) as handle:
        name = handle.name
    events = audit.named("tempfile.mkstemp")
    assert events and events[-1] == (name,)


@pytest.mark.clause("audit.temporaryfile.event")
def test_temporaryfile_event(tf, scratch, audit):
    with tf.TemporaryFile(dir=scratch):
        pass
    events = audit.named("tempfile.mkstemp")
    assert events, "TemporaryFile raised no tempfile.mkstemp event"
    assert os.path.dirname(events[-1][0]) == scratch


@pytest.mark.clause("audit.mkdtemp.event")
def test_mkdtemp_event(tf, scratch, audit):
    path = tf.mkdtemp(dir=scratch)
    events = audit.named("tempfile.mkdtemp")
    assert events and events[-1] == (path,)
    assert all(len(args) == 1 for args in events)


@pytest.mark.clause("audit.temporarydirectory.event")
def test_temporarydirectory_event(tf, scratch, audit):
    with tf.TemporaryDirectory(dir=scratch) as name:
        pass
    events = audit.named("tempfile.mkdtemp")
    assert events and events[-1] == (name,)


@pytest.mark.clause("audit.event.absolute-path")
def test_event_argument_absolute_for_relative_dir(tf, scratch, audit):
    os.chdir(scratch)
    for api in ("mkstemp", "mkdtemp"):
        with created(tf, api, dir="."):
            pass
        events = audit.named(f"tempfile.{api}")
        assert events, api
        for (argument,) in events:
            assert os.path.isabs(argument), (api, argument)
            assert os.path.dirname(argument) == scratch, api


@pytest.mark.clause("audit.event.per-attempt")
@pytest.mark.needs("name-injection")
def test_one_event_per_candidate(tf, target, scratch, audit):
    open(os.path.join(scratch, "tmpTAKEN"), "w").close()
    os.mkdir(os.path.join(scratch, "tmpBUSY"))
    with target.inject_names(["TAKEN", "BUSY", "FREE"]):
        fd, path = tf.mkstemp(prefix="tmp", dir=scratch)
    os.close(fd)
    with target.inject_names(["TAKEN", "BUSY", "FRESH"]):
        made = tf.mkdtemp(prefix="tmp", dir=scratch)
    join = os.path.join
    assert audit.named("tempfile.mkstemp") == [
        (join(scratch, "tmpTAKEN"),), (join(scratch, "tmpBUSY"),), (path,)]
    assert audit.named("tempfile.mkdtemp") == [
        (join(scratch, "tmpTAKEN"),), (join(scratch, "tmpBUSY"),), (made,)]


@pytest.mark.clause("audit.event.type-follows-result")
def test_event_argument_type(tf, scratch, audit):
    for api in ("mkstemp", "mkdtemp"):
        for directory in (scratch, os.fsencode(scratch)):
            audit.events.clear()
            with created(tf, api, dir=directory) as path:
                pass
            (argument,) = audit.named(f"tempfile.{api}")[-1]
            assert type(argument) is type(path) is type(directory), (api, directory)


class _Veto(Exception):
    """Raised by the vetoing hook."""


class _VetoingRecorder(AuditRecorder):
    """An audit listener that refuses every tempfile.* event."""

    def __call__(self, event: str, args: tuple) -> None:
        if event.startswith("tempfile."):
            raise _Veto(event)


@pytest.mark.clause("audit.hook.can-veto")
def test_hook_can_stop_creation(tf, scratch):
    with _VetoingRecorder():
        for api in ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryDirectory"):
            with pytest.raises(_Veto):
                with created(tf, api, dir=scratch):
                    pass
    assert entries(scratch) == set()


@pytest.mark.clause("audit.no-event.queries-and-mktemp")
def test_queries_and_mktemp_are_silent(tf, scratch, audit):
    tf.tempdir = None
    tf.gettempdir()
    tf.tempdir = None
    tf.gettempdirb()
    tf.mktemp(dir=scratch)
    tf.mktemp()
    assert _tempfile_events(audit) == []
