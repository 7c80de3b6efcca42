"""Scratch directories, and removing whatever the judged code left in them.

Scratch directories are made with ``os`` and ``secrets`` directly, never with
the module under test.  Removal distrusts the tree: the code that filled it is
the code being judged, so a symlink is never followed and nothing outside the
given root is touched, whatever the tree holds.
"""

from __future__ import annotations

import os
import secrets
import shutil
import stat
import sys
from typing import Optional

# Linux offers O_PATH: a handle on a directory we may not even read, which lets us
# repair its mode without ever resolving a name twice.
_O_PATH = getattr(os, "O_PATH", 0)
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
_FD_BASED = bool(_O_PATH) and os.open in os.supports_dir_fd and os.scandir in os.supports_fd


def harness_tmp_root() -> str:
    """Where the harness puts its scratch trees: $CONFORMANCE_SCRATCH, else /tmp."""
    return os.environ.get("CONFORMANCE_SCRATCH") or ("/tmp" if os.name == "posix" else ".")


# --- where a test session's scratch goes: memory when the host offers it -------------

_MEMORY_FILE_SYSTEMS = ("tmpfs", "ramfs")
_SHARED_MEMORY = "/dev/shm"  # Linux's memory file system for everyone, mode 1777 like /tmp
_ENOUGH_ROOM = 256 * 1024 * 1024  # the quick run writes a few MiB; CONFORMANCE_LOAD=full, empty files


def file_system_type(path: str) -> Optional[str]:
    """The type of the file system ``path`` lies on, read from /proc/self/mountinfo (None: unknown)."""
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as table:
            rows = [line.split() for line in table]
    except OSError:
        return None
    real, best, kind = os.path.realpath(path), "", None
    for fields in rows:
        if "-" not in fields[6:]:
            continue
        point = fields[4].replace("\\040", " ")
        if is_within(real, point) and len(point) >= len(best):  # a later mount on top wins
            best, kind = point, fields[fields.index("-", 6) + 1]
    return kind


def _memory_directory() -> Optional[str]:
    """/tmp if it is held in memory already, else /dev/shm if it is and has room for us, else None."""
    if file_system_type("/tmp") in _MEMORY_FILE_SYSTEMS:  # inside bwrap, say
        return "/tmp"
    try:
        room = os.statvfs(_SHARED_MEMORY)
    except OSError:
        return None
    usable = os.access(_SHARED_MEMORY, os.W_OK | os.X_OK) and room.f_bavail * room.f_frsize >= _ENOUGH_ROOM
    return _SHARED_MEMORY if usable and file_system_type(_SHARED_MEMORY) in _MEMORY_FILE_SYSTEMS else None


def session_tmp_root() -> str:
    """Where a test session makes its scratch trees: $CONFORMANCE_SCRATCH, else memory, else /tmp.

    Most checks create and remove a few entries; on a disk-backed /tmp each of
    those calls cost 30-130 us here against 4-11 us in memory, and they added up
    to about a third of the main job's time.  Which file system holds the scratch
    changes no verdict: the judged calls are the same ones.
    """
    if os.environ.get("CONFORMANCE_SCRATCH") or not sys.platform.startswith("linux"):
        return harness_tmp_root()
    return _memory_directory() or harness_tmp_root()


def make_scratch(parent: str, label: str = "t") -> str:
    """Create a fresh owner-only directory under ``parent`` and return its real path."""
    for _ in range(100):
        path = os.path.join(parent, f"tfconf-{label}-{secrets.token_hex(6)}")
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            continue
        return os.path.realpath(path)
    raise RuntimeError("could not create a scratch directory")  # pragma: no cover


def is_within(path: str, root: str) -> bool:
    """Is the absolute ``path`` ``root`` itself or below it (no resolution done)?"""
    root = root.rstrip(os.sep) or os.sep
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def remove_untrusted_tree(path: str, root: str) -> None:
    """Remove ``path`` (at or below ``root``) and all it holds, trusting nothing in it.

    Links are removed, never followed; modes that would stop the removal
    (read-only files, 000 directories) are repaired on the entry itself, found
    through a descriptor rather than by name.  ``ValueError`` when ``path`` is
    not inside ``root`` once its parent directories are resolved.
    """
    parent, name = os.path.split(os.path.abspath(path))
    real_parent = os.path.realpath(parent)
    if name in ("", ".", "..") or not is_within(os.path.join(real_parent, name), os.path.realpath(root)):
        raise ValueError(f"refusing to remove {path!r}: not inside {root!r}")
    if not _FD_BASED:  # pragma: no cover - hosts without O_PATH: rmtree's own link-safe walk
        if os.path.lexists(path):
            shutil.rmtree(path)
        return
    parent_fd = os.open(real_parent, _DIR_FLAGS)
    try:
        _remove_entry(parent_fd, name)
    finally:
        os.close(parent_fd)


def _remove_entry(dir_fd: int, name: str) -> None:
    """Remove ``name`` inside the directory ``dir_fd``, emptying it first if it is a directory."""
    try:
        info = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return
    if not stat.S_ISDIR(info.st_mode):
        os.unlink(name, dir_fd=dir_fd)
        return
    handle = os.open(name, _O_PATH | _DIR_FLAGS, dir_fd=dir_fd)  # fails on a swapped-in link
    try:
        if stat.S_IMODE(info.st_mode) & stat.S_IRWXU != stat.S_IRWXU:
            # chmod through /proc acts on the opened directory itself, never on a name.
            os.chmod(f"/proc/self/fd/{handle}", stat.S_IMODE(info.st_mode) | stat.S_IRWXU)
        listing = os.open(".", _DIR_FLAGS, dir_fd=handle)
        try:
            children = [entry.name for entry in os.scandir(listing)]
            for child in children:
                _remove_entry(listing, child)
        finally:
            os.close(listing)
    finally:
        os.close(handle)
    os.rmdir(name, dir_fd=dir_fd)


class ScratchPool:
    """Hands out empty owner-only directories under ``root``, one per test.

    A directory given back exactly as it was handed out -- still a directory,
    still ours, mode 0o700, empty -- is handed out again instead of being
    removed and made anew: on a busy file system that pair of calls costs more
    than most tests.  Anything else given back is removed as untrusted.
    """

    def __init__(self, root: str, label: str = "t") -> None:
        self.root = root
        self.label = label
        self._spare: Optional[str] = None

    def take(self) -> str:
        """An empty owner-only directory no one else is using."""
        path, self._spare = self._spare, None
        return path if path is not None else make_scratch(self.root, self.label)

    def give_back(self, path: str, reusable: bool = True) -> None:
        """Keep ``path`` for the next test if ``reusable`` and untouched, else remove it."""
        if reusable and self._spare is None and _untouched(path):
            self._spare = path
        else:
            remove_untrusted_tree(path, self.root)

    def close(self) -> None:
        """Remove the directory kept for a next test that never came."""
        path, self._spare = self._spare, None
        if path is not None:
            remove_untrusted_tree(path, self.root)


def _untouched(path: str) -> bool:
    """Is ``path`` still an empty directory of ours with mode 0o700 (no link, nothing inside)?"""
    try:
        info = os.stat(path, follow_symlinks=False)
        empty = not os.listdir(path)
    except OSError:
        return False
    return (stat.S_ISDIR(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o700
            and info.st_uid == getattr(os, "geteuid", os.getuid)() and empty)  # Emscripten: getuid only
