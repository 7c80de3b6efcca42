"""NamedTemporaryFile(): the visible name, how the file is made, the wrapper, and POSIX specifics.

When and how the file is deleted is in ``test_namedtemporaryfile_deletion.py``.
"""

from __future__ import annotations

import gc
import os
import signal
import stat
import warnings

import pytest

from conformance.expect import expect_mode
from conformance.harness.children import run_in_child
from conformance.tests._descriptors import identity
from conformance.tests._shared import assert_binary_round_trip

# --- the name and how the file is made ----------------------------------------


@pytest.mark.clause("namedtemporaryfile.name.visible-absolute")
def test_name_is_a_visible_absolute_path_of_the_same_file(tf, scratch):
    with tf.NamedTemporaryFile(dir=scratch) as f:
        assert isinstance(f.name, str) and os.path.isabs(f.name)
        assert os.listdir(scratch) == [os.path.basename(f.name)]
        st = os.stat(f.name)
        assert stat.S_ISREG(st.st_mode)
        assert (st.st_dev, st.st_ino) == identity(f.fileno())


@pytest.mark.clause("namedtemporaryfile.name.type-follows-args")
def test_name_type_follows_argument_type(tf, scratch):
    with tf.NamedTemporaryFile(dir=scratch) as f:
        assert isinstance(f.name, str)
    with tf.NamedTemporaryFile(dir=os.fsencode(scratch)) as f:
        assert isinstance(f.name, bytes) and os.path.dirname(f.name) == os.fsencode(scratch)
    with tf.NamedTemporaryFile(suffix=b"") as f:  # bytes with the default directory
        assert isinstance(f.name, bytes) and os.path.exists(f.name)


@pytest.mark.clause("namedtemporaryfile.create.mkstemp-rules")
@pytest.mark.parametrize("umask", [0, 0o077])
def test_created_under_mkstemp_rules(tf, scratch, umask):
    os.umask(umask)
    chosen = os.path.join(scratch, "chosen")
    os.mkdir(chosen)
    with tf.NamedTemporaryFile(dir=chosen, prefix="pre-", suffix=".suf") as f:
        base = os.path.basename(f.name)
        assert os.path.dirname(f.name) == chosen
        assert base.startswith("pre-") and base.endswith(".suf") and len(base) > len("pre-.suf")
        expect_mode(os.stat(f.name).st_mode, 0o600 & ~umask, call="NamedTemporaryFile", umask=umask)
    with tf.NamedTemporaryFile() as f:  # default directory: TMPDIR points at scratch
        assert os.path.dirname(f.name) == scratch


@pytest.mark.clause("namedtemporaryfile.params.open-like")
def test_default_mode_is_binary(tf, scratch):
    with tf.NamedTemporaryFile(dir=scratch) as f:
        assert_binary_round_trip(f, b"\r\n")


@pytest.mark.clause("namedtemporaryfile.params.open-like")
def test_text_arguments_behave_as_for_open(tf, scratch):
    with tf.NamedTemporaryFile("w+", encoding="latin-1", errors="replace", newline="\r\n",
                               dir=scratch) as f:
        f.write("x\n\u20ac")
        f.flush()
        with open(f.name, "rb") as raw:
            assert raw.read() == b"x\r\n?"


@pytest.mark.clause("namedtemporaryfile.params.errors-keyword-only")
def test_errors_is_keyword_only(tf, scratch):
    with pytest.raises(TypeError):
        tf.NamedTemporaryFile("w+", -1, None, None, None, None, scratch, True, "strict")
    assert os.listdir(scratch) == []
    with tf.NamedTemporaryFile("w+", dir=scratch, encoding="ascii", errors="ignore") as f:
        f.write("a\u00e9b")
        f.seek(0)
        assert f.read() == "ab"


# --- the wrapper ----------------------------------------------------------------


@pytest.mark.clause("namedtemporaryfile.file.attribute")
def test_file_attribute_is_the_true_file(tf, scratch):
    probe = os.path.join(scratch, "probe")
    with open(probe, "w+b") as handle:
        expected = type(handle)
    os.unlink(probe)
    with tf.NamedTemporaryFile(dir=scratch) as f:
        assert type(f.file) is expected
        assert f.file.fileno() == f.fileno()


@pytest.mark.clause("namedtemporaryfile.delegation")
def test_file_api_is_delegated(tf, scratch):
    with tf.NamedTemporaryFile("w+", dir=scratch, encoding="utf-8") as f:
        assert f.write("one\ntwo\n") == 8
        f.flush()
        assert f.tell() == 8 and f.seek(0) == 0
        assert f.readline() == "one\n"
        assert f.read() == "two\n"
        f.seek(0)
        assert list(f) == ["one\n", "two\n"]
        assert (f.mode, f.closed, f.encoding) == (f.file.mode, False, "utf-8")
        assert f.fileno() == f.file.fileno()
    # Read once while open, closed must still follow the file: no stale copy of the flag.
    assert f.closed and f.file.closed


@pytest.mark.clause("namedtemporaryfile.delegation.unheld-object")
def test_method_of_an_unheld_object_acts_on_the_open_file(tf, scratch):
    # Outside any assert: pytest's rewriting would keep the object in a variable of its own.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)  # 3.14 warns about the object left unclosed
        binary = tf.NamedTemporaryFile(dir=scratch).write(b"data")
        text = tf.NamedTemporaryFile("w+", dir=scratch, encoding="utf-8").write("text")
        gc.collect()
    assert (binary, text) == (4, 4)
    assert os.listdir(scratch) == []


@pytest.mark.clause("namedtemporaryfile.context.returns-self")
def test_with_binds_the_wrapper_and_closes(tf, scratch):
    f = tf.NamedTemporaryFile(dir=scratch)
    with f as entered:
        assert entered is f
        assert entered is not f.file
    assert f.closed


@pytest.mark.clause("namedtemporaryfile.context.closed-refused")
def test_with_on_a_closed_object_is_refused(tf, scratch):
    f = tf.NamedTemporaryFile(dir=scratch)
    f.close()
    with pytest.raises(ValueError):
        with f:
            pass


# --- POSIX specifics -------------------------------------------------------------------


REOPEN_CASES = [{}, {"delete": False}, {"delete": True, "delete_on_close": False},
                {"delete": False, "delete_on_close": False}]


@pytest.mark.clause("namedtemporaryfile.posix.reopen-while-open")
@pytest.mark.parametrize("flags", REOPEN_CASES, ids=lambda d: ",".join(f"{k}={v}" for k, v in d.items()))
def test_reopen_by_name_while_open(tf, scratch, target, flags):
    if "delete_on_close" in flags and target.version < (3, 12):
        pytest.skip("not applicable: delete_on_close arrived in 3.12")
    with tf.NamedTemporaryFile(dir=scratch, **flags) as f:
        f.write(b"shared")
        f.flush()
        with open(f.name, "rb") as second:
            assert second.read() == b"shared"
    if not flags.get("delete", True):
        os.unlink(f.name)


@pytest.mark.clause("namedtemporaryfile.posix.sigkill-leaves-file")
@pytest.mark.host("subprocess", "signals")
def test_sigkill_leaves_the_file_behind(tf, scratch, target_spec):
    outcome = run_in_child(target_spec, "conformance.tests.in_child.faults:kill_self_holding_files",
                           {"where": scratch})
    assert outcome.returncode == -signal.SIGKILL, outcome.stderr
    name = outcome.stdout.strip()
    assert os.path.dirname(name) == scratch
    assert os.path.isfile(name)


@pytest.mark.clause("namedtemporaryfile.not-path-like")
def test_not_path_like(tf, scratch):
    with tf.NamedTemporaryFile(dir=scratch) as f:
        assert not isinstance(f, os.PathLike)
        with pytest.raises(TypeError):
            os.fspath(f)
