"""Chapter 6: TemporaryFile: a file with no name at all, and which one a platform gets.

TemporaryFile returns the io stream itself: there is no name to manage, so
nothing to wrap.  It is opened like NamedTemporaryFile (chapter 5), through
``io.open`` with an opener, by one of two openers: the best one gives the file
no name ever (Linux's O_TMPFILE), the fallback names it for an instant.  Where
a name cannot be removed while the file is open, the platform gets
NamedTemporaryFile instead; the last lines of this chapter bind the answer.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import IO, Any, Callable, Optional

from .compat import text_encoding
from .creation import BINARY_FLAGS, FILE_MODE, candidate_path, create_exclusively, open_new_file
from .location import resolve_name_parts
from .named import NamedTemporaryFile, open_with, set_name
from .names import LENGTH

# Flipped off for the rest of the process when the kernel turns out to predate
# O_TMPFILE (Linux < 3.11), so we stop paying for a failed attempt each time.
# A per-file-system refusal (EOPNOTSUPP on some network or FUSE mounts) does
# not flip it: another directory, on another file system, may well support it.
o_tmpfile_works = hasattr(os, "O_TMPFILE")


# What stands for the random part in the audit event of a file without a name.
ANONYMOUS_PART = "#" * LENGTH


def _anonymous_opener(directory: Any, prefix: Any, suffix: Any) -> Callable[[Any, int], int]:
    """An opener creating an unnamed file in ``directory`` with O_TMPFILE."""
    # [temporaryfile.linux.o-tmpfile] The file never gets a directory entry: no
    # name to guess, race for or leave behind if we crash.  O_CREAT must go:
    # the kernel rejects it together with O_TMPFILE (EINVAL).  O_EXCL then
    # means "never linkat() this file into a directory": without it, anyone
    # holding the descriptor could give the file a name after all.  The mode
    # still matters: /proc/self/fd/N reopens the file by its inode's
    # permissions, so 0o600 keeps other users out there too.
    flags = (BINARY_FLAGS | os.O_TMPFILE) & ~os.O_CREAT

    def opener(_where: Any, _flags: int) -> int:
        # [audit.temporaryfile.event] An erratum where we follow the docs:
        # monitors see this file too.  It has no name, so the event carries
        # the name's shape, prefix + ANONYMOUS_PART + suffix in dir: "#" can
        # never come out of the name alphabet, so no reader mistakes it for a
        # file that exists (Linux itself shows such a file as "dir/#inode").
        # CPython raises no event here.  Building the path also checks prefix
        # and suffix: a bad one (an int, say) is a TypeError here as on every
        # other path and platform, instead of being accepted on Linux only.
        sys.audit("tempfile.mkstemp", candidate_path(os.path.abspath(directory), prefix,
                                                     ANONYMOUS_PART, suffix))
        return os.open(directory, flags, FILE_MODE)  # [temporaryfile.create.owner-only]

    return opener


def _unlinked_opener(directory: Any, prefix: Any, suffix: Any) -> Callable[[Any, int], int]:
    """An opener running mkstemp's loop, then removing the name at once."""

    # The classic recipe, for systems without O_TMPFILE: create a name
    # exclusively, then unlink it while the descriptor stays open.  The file
    # exists with a name for one system call's time, and with mode 0o600, so
    # nobody else can open it in that window.

    def opener(_where: Any, _flags: int) -> int:
        fd, path = create_exclusively(directory, prefix, suffix, open_new_file(BINARY_FLAGS),
                                      "tempfile.mkstemp")
        try:
            # The name exists only for this instant; the open descriptor keeps
            # the data alive until it is closed.
            # [temporaryfile.linux.o-tmpfile-fallback] [temporaryfile.unix.no-directory-entry]
            os.unlink(path)
        except BaseException:
            # Refused or interrupted (an audit hook on os.remove, Ctrl-C): the
            # caller hears of it, and nobody else ever holds the descriptor, so
            # it is closed here [temporaryfile.unix.removal-error-surfaces]; the
            # name goes too if it can [faults.interrupt.nothing-left].
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(path)
            raise
        return fd

    return opener


def TemporaryFile(mode: str = "w+b", buffering: int = -1, encoding: Optional[str] = None,
                  newline: Optional[str] = None, suffix: Any = None, prefix: Any = None,
                  dir: Any = None, *, errors: Optional[str] = None) -> IO[Any]:
    """A true file object whose file has no name and vanishes when closed."""
    # The documented signature ([module.signature.temporaryfile] [temporaryfile.params.errors-keyword-only]
    # [temporaryfile.mode.default-binary]).
    global o_tmpfile_works
    # Settled once, here, not in each attempt below: the way without O_TMPFILE
    # would otherwise warn a second time about the same missing encoding (the
    # warning names our caller's line) [temporaryfile.params.encoding-warning-at-caller].
    if "b" not in mode:
        encoding = text_encoding(encoding, 2)
    # [temporaryfile.create.in-dir] [naming.dir.temporaryfile-location]
    prefix, suffix, dir = resolve_name_parts(prefix, suffix, dir)
    options = (mode, buffering, encoding, newline, errors)
    # Best first: a file that never has a name.  The order of the except
    # clauses matters, since IsADirectoryError is itself an OSError.
    if o_tmpfile_works:
        try:
            file = open_with(_anonymous_opener(dir, prefix, suffix), dir, *options)
        except IsADirectoryError:
            # An old kernel ignores the unknown flag and opens the directory.
            o_tmpfile_works = False
        except OSError:
            # This file system cannot do it (or dir is bad): the fallback
            # below creates the file the classic way, or reports the error.
            pass
        else:
            # No path to show, so the descriptor; and the stream itself is returned, unwrapped.
            set_name(file, file.fileno())  # [temporaryfile.posix.name-is-descriptor]
            return file  # [temporaryfile.posix.true-file-object]
    # Here as above, the only handle on the data is the descriptor, so close or
    # collection destroys it, and so does a SIGKILL; the docs' first examples
    # show exactly that ([examples.temporaryfile.write-seek-read] [examples.temporaryfile.context-manager]).
    # [temporaryfile.close.destroys] [temporaryfile.gc.destroys] [temporaryfile.context.closes]
    # [faults.sigkill.temporaryfile-leaves-nothing] A bad dir fails here [temporaryfile.create.missing-dir].
    file = open_with(_unlinked_opener(dir, prefix, suffix), dir, *options)
    set_name(file, file.fileno())
    return file


# ---------------------------------------------------------------------------
# Which TemporaryFile this platform gets
# ---------------------------------------------------------------------------


def temporaryfile_is_alias(os_name: str, platform: str) -> bool:
    """Is TemporaryFile just NamedTemporaryFile here (no unlink-while-open)?"""
    # Removing the name of an open file is a POSIX guarantee; Windows refuses
    # it and Cygwin only emulates it.
    return os_name != "posix" or platform == "cygwin"  # [temporaryfile.windows.alias]


# Decided once, at import; the package exports this binding.  Callers must not
# rely on either behaviour: the docs promise only "a file that is gone after use".
TemporaryFile = NamedTemporaryFile if temporaryfile_is_alias(os.name, sys.platform) else TemporaryFile
