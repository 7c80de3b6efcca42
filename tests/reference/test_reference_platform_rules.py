"""White-box tests of the platform-dependent decisions of the reference (chapters 1, 3, 5, 6), on Linux."""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reference import location, named, temporaryfile
from reference import platform_rules as rules

FAKE_FLAGS = {
    "O_RDWR": 1, "O_CREAT": 2, "O_EXCL": 4, "O_NOFOLLOW": 8, "O_CLOEXEC": 16,
    "O_NOINHERIT": 32, "O_BINARY": 64, "O_TEMPORARY": 128, "O_APPEND": 256,
}


# ---------------------------------------------------------------------------
# open_flags
# ---------------------------------------------------------------------------


def test_binary_flags_take_every_protective_flag_and_o_binary():
    assert rules.open_flags(FAKE_FLAGS) == 1 | 2 | 4 | 8 | 16 | 32 | 64


def test_text_flags_drop_only_o_binary():
    assert rules.open_flags(FAKE_FLAGS, text=True) == 1 | 2 | 4 | 8 | 16 | 32


def test_os_deletes_adds_o_temporary():
    assert rules.open_flags(FAKE_FLAGS, os_deletes=True) == rules.open_flags(FAKE_FLAGS) | 128


def test_missing_flags_count_as_zero():
    assert rules.open_flags({"O_RDWR": 1, "O_CREAT": 2, "O_EXCL": 4}) == 7


def test_real_flags_on_this_host_are_exclusive_and_nofollow():
    flags = rules.open_flags(vars(os))
    for name in ("O_RDWR", "O_CREAT", "O_EXCL", "O_NOFOLLOW", "O_CLOEXEC"):
        assert flags & getattr(os, name) == getattr(os, name), name


# ---------------------------------------------------------------------------
# candidate_dirs
# ---------------------------------------------------------------------------


def test_posix_order_variables_then_fixed_then_cwd():
    env = {"TMP": "/c", "TMPDIR": "/a", "TEMP": "/b"}
    assert location.candidate_dirs("posix", env, "/work") == [
        "/a", "/b", "/c", "/tmp", "/var/tmp", "/usr/tmp", "/work"]


def test_empty_variables_are_skipped_and_missing_cwd_becomes_dot():
    env = {"TMPDIR": "", "TEMP": "/b"}
    assert location.candidate_dirs("posix", env, None) == ["/b", "/tmp", "/var/tmp", "/usr/tmp", "."]


def test_windows_order_profile_system_then_documented_four():
    env = {"TMP": r"D:\t", "USERPROFILE": r"C:\Users\ann", "SYSTEMROOT": r"C:\Windows"}
    assert location.candidate_dirs("nt", env, r"C:\work") == [
        r"D:\t", r"C:\Users\ann\AppData\Local\Temp", r"C:\Windows\Temp",
        r"c:\temp", r"c:\tmp", r"\temp", r"\tmp", r"C:\work"]


@pytest.mark.parametrize("env, profile", [
    ({"USERPROFILE": r"C:\Users\bo", "HOMEPATH": r"\ignored"}, r"C:\Users\bo"),
    ({"HOMEDRIVE": "E:", "HOMEPATH": r"\Users\cy"}, r"E:\Users\cy"),
    ({"HOMEPATH": r"\Users\cy"}, r"\Users\cy"),
    ({}, "~"),
])
def test_windows_profile_dir_follows_expanduser_rules(env, profile):
    assert location.windows_profile_dirs(env)[0] == profile + r"\AppData\Local\Temp"


def test_windows_unset_systemroot_is_left_unexpanded():
    assert location.windows_profile_dirs({})[1] == r"%SYSTEMROOT%\Temp"


@given(
    env=st.dictionaries(st.sampled_from(["TMPDIR", "TEMP", "TMP", "HOME", "OTHER"]),
                        st.text(alphabet="/ab", max_size=4)),
    os_name=st.sampled_from(["posix", "nt", "java"]),
    cwd=st.one_of(st.none(), st.just("/cwd")),
)
def test_variables_lead_in_fixed_order_and_cwd_closes(env, os_name, cwd):
    found = location.candidate_dirs(os_name, env, cwd)
    expected_vars = [env[k] for k in ("TMPDIR", "TEMP", "TMP") if env.get(k)]
    assert found[:len(expected_vars)] == expected_vars
    assert found[-1] == (cwd or ".")
    fixed = found[len(expected_vars):-1]
    fallbacks = location.WINDOWS_FALLBACKS if os_name == "nt" else location.POSIX_FALLBACKS
    assert fixed[-4:] == list(fallbacks)


# ---------------------------------------------------------------------------
# PermissionError as a collision
# ---------------------------------------------------------------------------


def test_permission_error_retried_only_on_windows_with_writable_dir():
    assert rules.permission_error_is_transient("nt", lambda: True) is True
    assert rules.permission_error_is_transient("nt", lambda: False) is False


def test_posix_never_asks_about_the_directory():
    def must_not_be_called() -> bool:
        raise AssertionError("POSIX decision must not probe the directory")

    assert rules.permission_error_is_transient("posix", must_not_be_called) is False


# ---------------------------------------------------------------------------
# TemporaryFile alias
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("os_name, platform, alias", [
    ("posix", "linux", False), ("posix", "darwin", False), ("posix", "cygwin", True),
    ("nt", "win32", True), ("java", "java", True),
])
def test_alias_only_where_open_files_cannot_lose_their_name(os_name, platform, alias):
    assert temporaryfile.temporaryfile_is_alias(os_name, platform) is alias


# ---------------------------------------------------------------------------
# Deletion matrix of NamedTemporaryFile
# ---------------------------------------------------------------------------


def expected_unlink(event: str, delete: bool, delete_on_close: bool, windows: bool) -> bool:
    """The docs' table, written independently of the implementation."""
    if not delete:
        return False  # "If delete is false, the value of delete_on_close is ignored."
    if windows and delete_on_close:
        return False  # O_TEMPORARY: the OS removes it when the handle closes
    if event == "close":
        return delete_on_close
    return True  # exit and finalize remove it when delete is true


@given(
    event=st.sampled_from([named.CLOSE, named.EXIT, named.FINALIZE]),
    delete=st.booleans(), delete_on_close=st.booleans(),
    os_name=st.sampled_from(["posix", "nt"]),
)
def test_unlink_decision_matches_the_documented_table(event, delete, delete_on_close, os_name):
    os_deletes = named.os_deletes_on_close(os_name, delete, delete_on_close)
    assert os_deletes == (os_name == "nt" and delete and delete_on_close)
    got = named.unlink_on(event, delete=delete, delete_on_close=delete_on_close, os_deletes=os_deletes)
    assert got == expected_unlink(event, delete, delete_on_close, os_name == "nt")
