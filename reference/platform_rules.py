"""Chapter 1: platform decisions shared by later chapters, as pure functions of their facts.

Two rules differ between Windows and POSIX and are needed by more than one
chapter: which flags open a new file, and which errors mean "that name is
taken, try another".  Both are decided here from values passed in (the flags
the ``os`` module offers, the OS name), so the Windows answers can be checked
on Linux just by passing them.  Rules used by one chapter only live in it:
the candidate directories in chapter 3, NamedTemporaryFile's deletion rule in
chapter 5, TemporaryFile's platform choice in chapter 6.
"""

from __future__ import annotations

from typing import Callable, Mapping

# ---------------------------------------------------------------------------
# Open flags: what each one defends against
# ---------------------------------------------------------------------------

# Every flag below is looked up by name, and a flag the platform lacks counts as
# 0, so one list serves every OS.
_CREATE_FLAG_NAMES = (
    # Read and write through one descriptor: the caller gets a usable file.
    "O_RDWR",
    # O_CREAT|O_EXCL together make "create" atomic: the call fails with EEXIST
    # if *anything* is already at the path, including a symlink an attacker
    # planted there after guessing the name.  No check-then-create window.
    "O_CREAT",
    "O_EXCL",  # [security.open.exclusive-create] [security.symlink.never-followed]
    # Belt and braces against the same symlink attack on systems where
    # O_EXCL alone is not honoured for symlinks (some network file systems).
    "O_NOFOLLOW",  # [security.open.nofollow]
    # Close-on-exec: a program we exec() must not inherit our secret file.
    # Set atomically at open, so a fork+exec in another thread cannot slip
    # between open() and a later fcntl().
    # [security.fd.close-on-exec] [creation.fd.not-inheritable] [creation.fd.child-cannot-use]
    "O_CLOEXEC",  # [security.fd.not-inherited-subprocess] [security.fd.not-inherited-exec]
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
# Which errors mean "try another name"
# ---------------------------------------------------------------------------


def permission_error_is_transient(os_name: str, directory_is_writable: Callable[[], bool]) -> bool:
    """Should a PermissionError while creating a name be treated as a collision?"""
    # On Windows, creating a name that a just-deleted file or directory still
    # holds (it lingers until its last handle closes) fails with "access
    # denied", not "exists".  If the directory itself is writable, that error
    # can only mean such a collision, so another name is worth a try.  On POSIX
    # a PermissionError always means the directory refuses us: report it, even
    # when the directory is writable but not searchable (mode 0o200).
    return os_name == "nt" and directory_is_writable()  # [creation.errors.unsearchable-dir]
