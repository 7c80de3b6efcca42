"""Chapter 1: platform decisions, as pure functions of the facts they depend on.

Everything in tempfile that differs between Windows and POSIX is decided here,
from values passed in (the OS name, an environment mapping, the flags the ``os``
module offers).  Nothing in this module touches the file system, so the Windows
answers can be checked on Linux just by passing ``os_name="nt"``.
"""

from __future__ import annotations

from typing import Callable, List, Mapping, Optional

# ---------------------------------------------------------------------------
# Open flags: what each one defends against
# ---------------------------------------------------------------------------

# Every flag below is looked up by name, and a flag the platform lacks counts as
# 0, so one list serves every OS.
# [security.open.exclusive-create] [security.open.nofollow]
# [security.fd.close-on-exec] [creation.fd.not-inheritable]
_CREATE_FLAG_NAMES = (
    # Read and write through one descriptor: the caller gets a usable file.
    "O_RDWR",
    # O_CREAT|O_EXCL together make "create" atomic: the call fails with EEXIST
    # if *anything* is already at the path, including a symlink an attacker
    # planted there after guessing the name.  No check-then-create window.
    # [security.symlink.never-followed]
    "O_CREAT",
    "O_EXCL",
    # Belt and braces against the same symlink attack on systems where
    # O_EXCL alone is not honoured for symlinks (some network file systems).
    "O_NOFOLLOW",
    # [creation.fd.child-cannot-use] [security.fd.not-inherited-subprocess]
    # [security.fd.not-inherited-exec] Close-on-exec: a program we exec() must
    # not inherit our secret file.  Set atomically at open, so a fork+exec in
    # another thread cannot slip between open() and a later fcntl().
    "O_CLOEXEC",
    # The Windows spelling of "not inherited by child processes".
    "O_NOINHERIT",
)


def open_flags(available: Mapping[str, int], *, text: bool = False, os_deletes: bool = False) -> int:
    """The ``os.open`` flags for a new temporary file, from the flags ``available``."""
    # `available` is normally vars(os); a test passes a made-up mapping to see
    # the Windows answer (O_BINARY, O_NOINHERIT, O_TEMPORARY) on Linux.
    # Note that os.open adds O_CLOEXEC by itself on POSIX (PEP 446); naming
    # it here too states the intent and costs nothing.
    names = list(_CREATE_FLAG_NAMES)
    if not text:
        # Windows only: without O_BINARY the C runtime rewrites \n as \r\n.
        names.append("O_BINARY")
    if os_deletes:
        # Windows only: the OS deletes the file when its last handle closes.
        names.append("O_TEMPORARY")
    flags = 0
    for name in names:
        flags |= available.get(name, 0)
    return flags


# ---------------------------------------------------------------------------
# Where to look for a temporary directory
# ---------------------------------------------------------------------------

# [gettempdir.search.tmpdir-first] [gettempdir.search.temp-then-tmp]
# [gettempdir.search.empty-variable-ignored] The variables are consulted in this order; an empty
# value counts as unset, since "" would silently mean the current directory.
ENVIRONMENT_VARIABLES = ("TMPDIR", "TEMP", "TMP")
# [gettempdir.search.posix-platform-list]
POSIX_FALLBACKS = ("/tmp", "/var/tmp", "/usr/tmp")
WINDOWS_FALLBACKS = (r"c:\temp", r"c:\tmp", r"\temp", r"\tmp")


def windows_profile_dirs(environ: Mapping[str, str]) -> List[str]:
    """The per-user and system temp folders Windows itself uses, from ``environ``."""
    # [gettempdir.search.windows-platform-list] An erratum where we follow
    # CPython: it tries these two before the four documented names, which are
    # all the docs list.  They are where Windows itself keeps temporary files,
    # and the profile one is private to the user, unlike a shared C:\TEMP.
    profile = environ.get("USERPROFILE")
    if profile is None and "HOMEPATH" in environ:
        profile = environ.get("HOMEDRIVE", "") + environ["HOMEPATH"]
    system_root = environ.get("SYSTEMROOT")
    return [
        (profile if profile is not None else "~") + r"\AppData\Local\Temp",
        (system_root if system_root is not None else "%SYSTEMROOT%") + r"\Temp",
    ]


def candidate_dirs(os_name: str, environ: Mapping[str, str], cwd: Optional[str]) -> List[str]:
    """Directories to try, best first, for ``gettempdir`` (``cwd`` None: getcwd failed)."""
    found = [environ[name] for name in ENVIRONMENT_VARIABLES if environ.get(name)]
    if os_name == "nt":
        found += windows_profile_dirs(environ) + list(WINDOWS_FALLBACKS)
    else:
        found += POSIX_FALLBACKS
    # [gettempdir.search.cwd-last] The working directory comes last: it is
    # where a program's own files live, so littering it is a last resort, and
    # it may be shared or exported.  When even it cannot be named (it was
    # deleted), "." still works for relative use.
    found.append(cwd if cwd is not None else ".")
    return found


# ---------------------------------------------------------------------------
# Which errors mean "try another name"
# ---------------------------------------------------------------------------


def permission_error_is_transient(os_name: str, directory_is_writable: Callable[[], bool]) -> bool:
    """Should a PermissionError while creating a name be treated as a collision?"""
    # On Windows, creating a name that a just-deleted file or directory still
    # holds (it lingers until its last handle closes) fails with "access
    # denied", not "exists".  If the directory itself is writable, that error
    # can only mean such a collision, so another name is worth a try.  On POSIX
    # a PermissionError always means the directory refuses us: report it.
    return os_name == "nt" and directory_is_writable()


# ---------------------------------------------------------------------------
# Which TemporaryFile the platform gets
# ---------------------------------------------------------------------------


def temporaryfile_is_alias(os_name: str, platform: str) -> bool:
    """Is TemporaryFile just NamedTemporaryFile here (no unlink-while-open)?"""
    # [temporaryfile.windows.alias] Removing the name of an open file is a
    # POSIX guarantee; Windows refuses it and Cygwin only emulates it.
    return os_name != "posix" or platform == "cygwin"


# ---------------------------------------------------------------------------
# When a NamedTemporaryFile's name is removed
# ---------------------------------------------------------------------------

CLOSE, EXIT, FINALIZE = "close", "exit", "finalize"


def os_deletes_on_close(os_name: str, delete: bool, delete_on_close: bool) -> bool:
    """Is deletion at close left to the OS (Windows O_TEMPORARY)?"""
    # Windows can tie deletion to the handle itself, which also works when the
    # process dies; it is the only way to delete a file that is still open.
    # The price: other opens must share delete access to reach the file
    # ([namedtemporaryfile.windows.reopen-rules]).
    return os_name == "nt" and delete and delete_on_close


def unlink_on(event: str, delete: bool, delete_on_close: bool, os_deletes: bool) -> bool:
    """Must we unlink the name ourselves at ``event`` (close, exit or finalize)?"""
    if not delete or os_deletes:
        # [namedtemporaryfile.delete-false.keeps]
        # [namedtemporaryfile.delete-false.ignores-delete-on-close] Either
        # nobody deletes, or the OS already did when the handle closed.
        return False
    if event == CLOSE:
        # [namedtemporaryfile.delete.on-close]
        # [namedtemporaryfile.delete-on-close-false.close-keeps] Only when
        # asked to delete at close.
        return delete_on_close
    # [namedtemporaryfile.delete.on-context-exit] [namedtemporaryfile.delete.on-finalize]
    # [namedtemporaryfile.delete-on-close-false.context-exit] Context exit and
    # finalization always remove the name when delete is true.
    return True
