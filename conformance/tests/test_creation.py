"""Secure creation across mkstemp, mkdtemp and the three classes: exclusive, private, bounded."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from conformance.expect import expect_mode
from conformance.harness import fd_probe
from conformance.harness.children import run_in_child
from conformance.tests._creators import (
    CREATING_APIS,
    DIR_APIS,
    FILE_APIS,
    created,
    entries,
    opened_descriptor,
)
from conformance.tests._descriptors import is_fake_descriptor
from conformance.tests._shared import TAKEN, names_drawn_until_exhausted
from conformance.vocabulary import SKIP_UNOBSERVABLE

NAME_RETRY_APIS = ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryDirectory")


def _plant(scratch: str, name: str) -> str:
    path = os.path.join(scratch, name)
    with open(path, "wb") as handle:
        handle.write(b"planted")
    os.chmod(path, 0o644)
    return path


@pytest.mark.clause("creation.exclusive.never-reuses")
@pytest.mark.needs("name-injection")
def test_taken_name_is_left_alone(tf, target, scratch):
    planted = _plant(scratch, "tmpTAKEN")
    for api in CREATING_APIS:
        with target.inject_names(["TAKEN", f"FREE{api}", "SPARE1", "SPARE2"]):
            with created(tf, api, prefix="tmp", dir=scratch) as path:
                if path is not None:
                    assert path == os.path.join(scratch, f"tmpFREE{api}"), api
        with open(planted, "rb") as handle:
            assert handle.read() == b"planted", api
        assert stat.S_IMODE(os.stat(planted).st_mode) == 0o644, api


@pytest.mark.clause("creation.exclusive.any-entry-type")
@pytest.mark.needs("name-injection")
def test_directory_and_file_both_count_as_taken(tf, target, scratch):
    os.mkdir(os.path.join(scratch, "tmpDIR"))
    _plant(scratch, "tmpFILE")
    with target.inject_names(["DIR", "NEXT1"]):
        fd, path = tf.mkstemp(prefix="tmp", dir=scratch)
    os.close(fd)
    assert path == os.path.join(scratch, "tmpNEXT1")
    with target.inject_names(["FILE", "NEXT2"]):
        path = tf.mkdtemp(prefix="tmp", dir=scratch)
    assert path == os.path.join(scratch, "tmpNEXT2")
    assert os.listdir(os.path.join(scratch, "tmpDIR")) == []


@pytest.mark.clause("creation.retry.tmp-max-bound")
@pytest.mark.needs("name-injection")
def test_gives_up_after_tmp_max_attempts(tf, target, scratch):
    _plant(scratch, "tmp" + TAKEN)
    for api in NAME_RETRY_APIS:
        before = entries(scratch)
        drawn = names_drawn_until_exhausted(tf, target, api, 4, prefix="tmp", dir=scratch)
        assert drawn == 4, (api, drawn)
        assert entries(scratch) == before, api


@pytest.mark.clause("creation.file.owner-read-write")
def test_file_mode_is_owner_read_write(tf, scratch):
    for umask in (0, 0o022, 0o077):
        os.umask(umask)
        for api in FILE_APIS:
            with opened_descriptor(tf, api, dir=scratch) as fd:
                mode = stat.S_IMODE(os.fstat(fd).st_mode)
            expect_mode(mode, 0o600, call=api, umask=umask)


@pytest.mark.clause("creation.dir.owner-only")
def test_directory_mode_is_owner_only(tf, scratch):
    for umask in (0, 0o022, 0o077):
        os.umask(umask)
        for api in DIR_APIS:
            with created(tf, api, dir=scratch) as path:
                mode = stat.S_IMODE(os.stat(path).st_mode)
            expect_mode(mode, 0o700, call=api, umask=umask)


@pytest.mark.clause("creation.file.empty-regular")
def test_new_entries_are_empty(tf, scratch):
    for api in ("mkstemp", "NamedTemporaryFile"):
        with created(tf, api, dir=scratch) as path:
            info = os.lstat(path)
            assert stat.S_ISREG(info.st_mode) and info.st_size == 0, api
    for api in DIR_APIS:
        with created(tf, api, dir=scratch) as path:
            assert stat.S_ISDIR(os.lstat(path).st_mode) and os.listdir(path) == [], api


NOT_KERNEL_DESCRIPTOR = (SKIP_UNOBSERVABLE + "the target's descriptor is not one the kernel holds for its "
                         "file (a fake file system's own number), so inheritance cannot be seen")


@pytest.mark.clause("creation.fd.not-inheritable")
def test_descriptors_are_not_inheritable(tf, scratch):
    for api in FILE_APIS:
        with opened_descriptor(tf, api, dir=scratch) as fd:
            if is_fake_descriptor(fd):
                pytest.skip(NOT_KERNEL_DESCRIPTOR)
            assert os.get_inheritable(fd) is False, api


@pytest.mark.clause("creation.fd.child-cannot-use")
@pytest.mark.host("subprocess")
def test_child_process_cannot_use_descriptor(tf, scratch):
    control = os.open(scratch, os.O_RDONLY)  # made inheritable below on purpose: the child must see it
    fd_one, path = tf.mkstemp(dir=scratch)
    named = tf.NamedTemporaryFile(dir=scratch)
    anonymous = tf.TemporaryFile(dir=scratch)
    fds = {"mkstemp": fd_one, "NamedTemporaryFile": named.fileno(),
           "TemporaryFile": anonymous.fileno(), "control": control}
    try:
        if any(is_fake_descriptor(fd) for fd in fds.values()):
            pytest.skip(NOT_KERNEL_DESCRIPTOR)
        os.set_inheritable(control, True)
        proc = subprocess.run([sys.executable, "-S", fd_probe.__file__] + [str(v) for v in fds.values()],
                              close_fds=False, capture_output=True, text=True, timeout=60)
    finally:
        os.close(fd_one)
        named.close()
        anonymous.close()
        os.close(control)
    seen = json.loads(proc.stdout)
    assert seen[str(control)] == "open", "the probe is broken: an inheritable descriptor was not seen"
    for api in FILE_APIS:
        assert seen[str(fds[api])] != "open", f"{api}'s descriptor is open in the child"


@pytest.mark.clause("creation.errors.missing-dir")
def test_missing_directory_is_file_not_found(tf, scratch):
    missing = os.path.join(scratch, "absent")
    for api in CREATING_APIS:
        with pytest.raises(FileNotFoundError):
            with created(tf, api, dir=missing):
                pass
    assert entries(scratch) == set()


@pytest.mark.clause("creation.errors.dir-not-a-directory")
def test_file_as_directory_is_not_a_directory_error(tf, scratch):
    plain = _plant(scratch, "plain")
    for api in CREATING_APIS:
        with pytest.raises(NotADirectoryError):
            with created(tf, api, dir=plain):
                pass
    assert entries(scratch) == {"plain"}


def _create_unprivileged(target_spec: str, scratch: str, mode: int, request) -> dict:
    """What each creating API does in a fresh directory of ``mode``, asked without root's privileges."""
    locked = os.path.join(scratch, "locked")
    os.mkdir(locked, mode)
    os.chmod(locked, mode)
    outcome = run_in_child(target_spec, "conformance.tests.in_child.creation:create_in", {"where": locked},
                           unprivileged=True)
    request.node.user_properties.append(("ran_as", outcome.how))
    assert outcome.value is not None, outcome.stderr
    os.chmod(locked, 0o700)
    assert os.listdir(locked) == []
    return outcome.value


@pytest.mark.clause("creation.errors.unwritable-dir")
@pytest.mark.host("subprocess", "privilege-drop")
def test_unwritable_directory_is_permission_error(tf, scratch, unprivileged, target_spec, request):
    outcome = _create_unprivileged(target_spec, scratch, 0o555, request)
    assert outcome == {api: "PermissionError" for api in CREATING_APIS}


@pytest.mark.clause("creation.errors.unsearchable-dir")
@pytest.mark.host("subprocess", "privilege-drop")
def test_unsearchable_directory_is_permission_error(tf, scratch, unprivileged, target_spec, request):
    # Writable, so a check that retries "access denied" while the directory is writable (right
    # on Windows only, where an existing directory's name is refused that way) would retry here.
    outcome = _create_unprivileged(target_spec, scratch, 0o200, request)
    assert outcome == {api: "PermissionError" for api in CREATING_APIS}
