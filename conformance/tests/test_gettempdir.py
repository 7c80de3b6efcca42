"""gettempdir()/gettempdirb(): the search order, what counts as usable, and the cache.

Every search here stays inside scratch: TMPDIR/TEMP/TMP point at scratch
subdirectories.  The platform list and the cwd fallback are observed either
directly (/tmp: the probe removes its own file) or in a child running in a
private mount namespace where /tmp and /var/tmp are read-only bind mounts.
test_gettempdir_faults.py sees the same clauses anywhere, without root or a
namespace, by failing creates at os.open.
"""

from __future__ import annotations

import os
from typing import List, Optional

import pytest

from conformance import host
from conformance.harness.children import run_in_child
from conformance.vocabulary import CHILD_PROCESS, MEANS_PROPERTY, RETURNED_VALUE, SKIP_UNOBSERVABLE

IN_CHILD = "conformance.tests.in_child.creation"
VARIABLES = ("TMPDIR", "TEMP", "TMP")


def _dirs(scratch: str, *names: str) -> List[str]:
    made = []
    for name in names:
        path = os.path.join(scratch, name)
        os.mkdir(path)
        made.append(path)
    return made


def _search(tf, **env: str) -> str:
    """Run a fresh search with exactly the given variables set."""
    for var in VARIABLES:
        os.environ.pop(var, None)
    os.environ.update(env)
    tf.tempdir = None
    return tf.gettempdir()


@pytest.mark.clause("gettempdir.search.tmpdir-first")
def test_tmpdir_wins(tf, scratch):
    a, b, c = _dirs(scratch, "a", "b", "c")
    assert _search(tf, TMPDIR=a, TEMP=b, TMP=c) == a


@pytest.mark.clause("gettempdir.search.temp-then-tmp")
def test_temp_before_tmp(tf, scratch):
    b, c = _dirs(scratch, "b", "c")
    assert _search(tf, TEMP=b, TMP=c) == b
    assert _search(tf, TMP=c) == c


@pytest.mark.clause("gettempdir.search.skips-missing")
def test_missing_candidate_skipped(tf, scratch):
    (b,) = _dirs(scratch, "b")
    assert _search(tf, TMPDIR=os.path.join(scratch, "absent"), TEMP=b) == b


@pytest.mark.clause("gettempdir.search.skips-non-directory")
def test_file_candidate_skipped(tf, scratch):
    (c,) = _dirs(scratch, "c")
    plain = os.path.join(scratch, "plain")
    open(plain, "w").close()
    assert _search(tf, TMPDIR=plain, TMP=c) == c


@pytest.mark.clause("gettempdir.search.skips-unwritable")
@pytest.mark.host("subprocess", "privilege-drop")
def test_unwritable_candidate_skipped(tf, scratch, unprivileged, target_spec):
    locked, b = _dirs(scratch, "locked", "b")
    os.chmod(locked, 0o555)
    env = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    env.update(TMPDIR=locked, TEMP=b)
    outcome = run_in_child(target_spec, f"{IN_CHILD}:search", unprivileged=True, env=env)
    assert outcome.value == b, outcome.stderr
    assert os.listdir(locked) == []


@pytest.mark.clause("gettempdir.search.empty-variable-ignored")
def test_empty_variable_ignored(tf, scratch):
    elsewhere, b = _dirs(scratch, "cwd", "b")
    os.chdir(elsewhere)  # reading '' as a path would land here
    assert _search(tf, TMPDIR="", TEMP=b) == b


@pytest.mark.clause("gettempdir.search.posix-platform-list")
@pytest.mark.sandbox_allows("/tmp")  # the search writes (and removes) a probe file there
def test_tmp_follows_the_variables(tf, scratch, record_property):
    record_property(MEANS_PROPERTY, RETURNED_VALUE)
    if not _usable_by_us("/tmp"):
        pytest.skip("missing capability: a usable /tmp on this host")
    absent = os.path.join(scratch, "absent")
    assert _search(tf, TMPDIR=absent, TEMP=absent, TMP=absent) == "/tmp"


@pytest.mark.clause("gettempdir.search.cwd-gone-tolerated")
def test_removed_cwd_does_not_stop_the_search(tf, scratch, record_property):
    record_property(MEANS_PROPERTY, RETURNED_VALUE)
    a, gone = _dirs(scratch, "a", "gone")
    os.chdir(gone)
    try:
        try:
            os.rmdir(gone)  # POSIX lets the working directory go; os.getcwd() now fails
        except OSError as error:  # Emscripten's file system refuses (EBUSY)
            pytest.skip(f"{SKIP_UNOBSERVABLE}this host keeps a working directory ({error.strerror})")
        found = _search(tf, TMPDIR=a)
    finally:
        os.chdir(scratch)
    assert found == a


@pytest.mark.clause("gettempdir.search.windows-platform-list")
def test_windows_profile_temp_after_variables(tf, scratch):
    absent = os.path.join(scratch, "absent")
    expected = os.path.expanduser(r"~\AppData\Local\Temp")
    if not os.path.isdir(expected):
        pytest.skip("missing capability: a profile Temp directory")
    assert os.path.normcase(_search(tf, TMPDIR=absent, TEMP=absent, TMP=absent)) == \
        os.path.normcase(expected)


# --- a private mount namespace with read-only platform directories -----------------
# The guard lets the child write in the platform directories: were it to refuse, the search
# would pass them over for the guard's sake and the read-only mounts would go untested.  Where
# a mount did not take, the search writes (and removes) its probe file in the real directory.

PLATFORM_DIRS = ("/tmp", "/var/tmp", "/usr/tmp")


def _usable_by_us(path: str) -> bool:
    return os.path.isdir(path) and os.access(path, os.W_OK | os.X_OK)


def _search_in_namespace(target_spec: str, *, readonly: List[str], writable: List[str],
                         cwd: str) -> Optional[list]:
    """gettempdir() in a child that sees ``readonly`` as read-only mounts; no variables set.

    The child makes its private mounts before it imports the target
    (conformance.harness.mounts), so the target starts in that world.
    """
    env = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    outcome = run_in_child(target_spec, f"{IN_CHILD}:search_reporting_errors", env=env,
                           prepare="conformance.harness.mounts:read_only_view",
                           prepare_args={"readonly": readonly, "writable": writable, "cwd": cwd})
    if outcome.value is None:
        pytest.fail(f"namespace child failed: {outcome.stderr[-800:]}")
    return outcome.value


@pytest.fixture
def mount_namespace(request: pytest.FixtureRequest) -> None:
    if not host.has("mount-namespace"):  # probed once a session (the host marks gate on it too)
        pytest.skip("missing capability: a private mount namespace (root and unshare -m)")
    request.node.user_properties.append(("privileges", "root, private mount namespace"))
    request.node.user_properties.append((MEANS_PROPERTY, CHILD_PROCESS))


@pytest.mark.clause("gettempdir.search.posix-platform-list")
@pytest.mark.host("subprocess", "mount-namespace")
@pytest.mark.sandbox_allows(*PLATFORM_DIRS)  # the mounts must refuse, not the guard (see above)
def test_var_tmp_after_tmp(mount_namespace, tf, scratch, target_spec):
    if not _usable_by_us("/var/tmp"):
        pytest.skip("missing capability: a usable /var/tmp on this host")
    assert _search_in_namespace(target_spec, readonly=["/tmp"], writable=[scratch],
                                cwd=scratch) == ["ok", "/var/tmp"]


@pytest.mark.clause("gettempdir.search.cwd-last")
@pytest.mark.host("subprocess", "mount-namespace")
@pytest.mark.sandbox_allows(*PLATFORM_DIRS)
def test_cwd_is_the_last_resort(mount_namespace, tf, scratch, target_spec):
    assert _search_in_namespace(target_spec, readonly=list(PLATFORM_DIRS),
                                writable=[scratch], cwd=scratch) == ["ok", scratch]
    assert os.listdir(scratch) == []


@pytest.mark.clause("gettempdir.search.none-usable")
@pytest.mark.host("subprocess", "mount-namespace")
@pytest.mark.sandbox_allows(*PLATFORM_DIRS)
def test_no_usable_directory_is_file_not_found(mount_namespace, tf, scratch, target_spec):
    import errno

    # The working directory (scratch) goes read-only too: it may lie outside /tmp (in /dev/shm, say).
    outcome = _search_in_namespace(target_spec, readonly=[*PLATFORM_DIRS, scratch],
                                   writable=[], cwd=scratch)
    assert outcome == ["FileNotFoundError", errno.ENOENT]


# --- results and the cache ---------------------------------------------------------

@pytest.mark.clause("gettempdir.search.probe-leaves-nothing")
def test_search_leaves_no_files(tf, scratch):
    (a,) = _dirs(scratch, "a")
    assert _search(tf, TMPDIR=a) == a
    tf.gettempdirb()
    assert os.listdir(a) == []


@pytest.mark.clause("gettempdir.search.relative-candidate")
def test_relative_candidate_made_absolute(tf, scratch):
    _dirs(scratch, "sub")
    os.chdir(scratch)
    assert _search(tf, TMPDIR="sub") == os.path.join(scratch, "sub")


@pytest.mark.clause("gettempdir.search.dot-kept-relative")
def test_dot_candidate_kept(tf, scratch):
    os.chdir(scratch)
    assert _search(tf, TMPDIR=".") == "."


@pytest.mark.clause("gettempdir.cache.result-reused")
def test_result_cached(tf, scratch):
    a, b = _dirs(scratch, "a", "b")
    assert _search(tf, TMPDIR=a) == a
    os.environ["TMPDIR"] = b
    assert tf.gettempdir() == a
    assert tf.gettempdirb() == os.fsencode(a)


@pytest.mark.clause("gettempdir.cache.stored-in-tempdir")
def test_cache_is_tempdir(tf, scratch):
    a, b = _dirs(scratch, "a", "b")
    found = _search(tf, TMPDIR=a)
    assert type(tf.tempdir) is str and tf.tempdir == found == a
    os.environ["TMPDIR"] = b
    tf.tempdir = None
    assert tf.gettempdir() == b


@pytest.mark.clause("gettempdir.returns.str")
def test_always_str(tf, scratch):
    tf.tempdir = os.fsencode(scratch)
    assert tf.gettempdir() == scratch
    tf.tempdir = scratch
    assert type(tf.gettempdir()) is str


@pytest.mark.clause("gettempdir.returns.tempdir-as-is")
def test_tempdir_returned_unchanged_before_3_10(tf, scratch):
    tf.tempdir = os.fsencode(scratch)
    assert tf.gettempdir() == os.fsencode(scratch)


@pytest.mark.clause("gettempdir.bytes.same-directory")
def test_bytes_variant_same_directory(tf, scratch):
    (a,) = _dirs(scratch, "a")
    _search(tf, TMPDIR=a)
    assert tf.gettempdirb() == os.fsencode(tf.gettempdir()) == os.fsencode(a)
    tf.tempdir = os.fsencode(a)
    assert tf.gettempdirb() == os.fsencode(a)
    assert type(tf.gettempdirb()) is bytes


@pytest.mark.clause("gettempdir.bytes.shares-cache")
def test_bytes_variant_fills_shared_cache(tf, scratch):
    a, b = _dirs(scratch, "a", "b")
    for var in VARIABLES:
        os.environ.pop(var, None)
    os.environ["TMPDIR"] = a
    tf.tempdir = None
    assert tf.gettempdirb() == os.fsencode(a)
    os.environ["TMPDIR"] = b
    assert tf.gettempdir() == a
