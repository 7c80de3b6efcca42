"""Chapter 5: file objects: TemporaryFile and NamedTemporaryFile.

Both are built the same way: ``io.open`` is handed an *opener* that creates the
file securely (chapter 4) and returns its descriptor.  ``io.open`` validates
the mode before calling the opener and closes the descriptor itself if wrapping
it fails, so a bad argument never leaves a half-made file behind.

Why not create the descriptor first and wrap it with ``io.open(fd, ...)``?
Because then every argument error (a bad mode, an unknown encoding) would be
discovered *after* the file exists, and each call site would need its own
clean-up.  With an opener, the order of validation is io's own, and the only
failures left after creation are the ones handled below in one place.

The two functions differ in what the caller gets back.  TemporaryFile returns
the io stream itself: there is no name to manage, so nothing to wrap.
NamedTemporaryFile returns a wrapper, because *someone* must remember the name
and decide when to remove it; that decision is a pure function of the
arguments (chapter 1, ``unlink_on``) applied at close, exit and finalization.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import sys
import types
from typing import IO, Any, Callable, Iterator, List, Optional

from .creation import BINARY_FLAGS, FILE_MODE, candidate_path, create_exclusively, open_new_file
from .location import resolve_name_parts
from .names import LENGTH
from .platform_rules import (
    CLOSE,
    EXIT,
    FINALIZE,
    open_flags,
    os_deletes_on_close,
    temporaryfile_is_alias,
    unlink_on,
)

# ---------------------------------------------------------------------------
# Shared plumbing
# ---------------------------------------------------------------------------


def _keep_encoding(encoding: Optional[str], stacklevel: int = 2) -> Optional[str]:
    """Stand-in for io.text_encoding on 3.9, which has no EncodingWarning to emit."""
    return encoding


# io.text_encoding (3.10+) turns None into "locale" and, under
# -X warn_default_encoding, warns the *caller* that no encoding was chosen.
# The stacklevel passed to it points the warning at the user's line, not ours:
# a warning that blames the library gets ignored.
text_encoding: Callable[..., Optional[str]] = getattr(io, "text_encoding", _keep_encoding)


def open_with(opener: Callable[[Any, int], int], where: Any, mode: str, buffering: int,
              encoding: Optional[str], newline: Optional[str], errors: Optional[str]) -> IO[Any]:
    """io.open with our opener; ``where`` only stands in for a name until we set one."""
    # [temporaryfile.params.open-like] [temporaryfile.params.rejected-like-open]
    # [badinput.mode.valueerror] open() itself interprets (and rejects) the
    # arguments, and does so before calling the opener: nothing is created
    # for a bad mode.
    if "b" not in mode:
        encoding = text_encoding(encoding, 3)
    return open(where, mode, buffering=buffering, encoding=encoding, newline=newline,
                errors=errors, opener=opener)


def set_name(file: IO[Any], name: Any) -> None:
    """Give the innermost raw file ``name`` (it was opened under a stand-in)."""
    # io.open was given the *directory* as its file argument (it needs some
    # name to show before the opener runs), so until now `name` says the
    # directory: misleading in a repr, and wrong for anyone reopening it.
    # Text wraps a buffer, a buffer wraps the raw FileIO; unbuffered binary is
    # the FileIO itself.  Outer layers report the raw file's name.
    innermost = file
    for layer in ("buffer", "raw"):
        innermost = getattr(innermost, layer, innermost)
    innermost.name = name


# ---------------------------------------------------------------------------
# TemporaryFile (POSIX): a file with no name at all
# ---------------------------------------------------------------------------

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
        return os.open(directory, flags, FILE_MODE)

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
            # [temporaryfile.linux.o-tmpfile-fallback] [temporaryfile.unix.no-directory-entry]
            # The name exists only for this instant; the open descriptor keeps
            # the data alive until it is closed.
            os.unlink(path)
        except BaseException:
            # [faults.interrupt.nothing-left] Interrupted (an audit hook on
            # os.remove, Ctrl-C): still drop both the descriptor and the name.
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
    # [module.signature.temporaryfile] [temporaryfile.params.errors-keyword-only]
    # [temporaryfile.mode.default-binary] [temporaryfile.create.in-dir] [naming.dir.temporaryfile-location]
    # The docs' first examples are exactly this object in use: write, seek back, read,
    # close ([examples.temporaryfile.write-seek-read] [examples.temporaryfile.context-manager]).
    # [temporaryfile.create.owner-only] [temporaryfile.create.missing-dir]
    # Whichever path runs below, the only handle on the data is the
    # descriptor, so close or collection destroys it ([temporaryfile.close.destroys]
    # [temporaryfile.gc.destroys] [temporaryfile.context.closes]) and so does a
    # SIGKILL ([faults.sigkill.temporaryfile-leaves-nothing]).
    global o_tmpfile_works
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
            # [temporaryfile.posix.name-is-descriptor] No path to show, so the
            # descriptor.  [temporaryfile.posix.true-file-object] The stream
            # itself is returned, unwrapped.
            set_name(file, file.fileno())
            return file
    file = open_with(_unlinked_opener(dir, prefix, suffix), dir, *options)
    set_name(file, file.fileno())
    return file


# ---------------------------------------------------------------------------
# NamedTemporaryFile: who removes the name, and when
# ---------------------------------------------------------------------------


class _Remover:
    """Closes the file and removes its name, each at most once, also on collection."""

    # Why a separate object, rather than __del__ on the wrapper itself?  Bound
    # methods handed out by the wrapper must keep the file usable while they
    # live (see _borrowed).  If they held the wrapper, the wrapper would hold
    # them back through its attribute cache: a reference cycle, collected
    # only by the cycle collector, at an unpredictable time.  Holding this
    # small object instead keeps every reference one-way, so plain reference
    # counting removes the file as soon as the last user lets go.

    def __init__(self, file: IO[Any], name: Any, delete: bool, delete_on_close: bool,
                 os_deletes: bool) -> None:
        self.file = file
        self.name = name
        self.rules = (delete, delete_on_close, os_deletes)
        self.file_closed = False
        self.name_handled = False

    def _remove_name(self, event: str) -> None:
        """Unlink the name if the rules say so at ``event``; never twice."""
        if self.name_handled or not unlink_on(event, *self.rules):
            return
        # Marked first: once removed, the name may be re-used by someone else,
        # and a second unlink would then delete *their* file.
        self.name_handled = True
        try:
            os.unlink(self.name)
        except FileNotFoundError:
            # [namedtemporaryfile.close.already-removed] Someone removed it
            # already: the goal is met.
            pass

    def close(self) -> None:
        """The wrapper's close(): close the file, then apply the close-time rule."""
        # [namedtemporaryfile.close.releases-descriptor] Whatever the rules.
        if self.file_closed:
            return
        self.file_closed = True
        try:
            self.file.close()
        finally:
            self._remove_name(CLOSE)

    def finish(self, event: str) -> None:
        """Context exit or finalization: close if still open, then apply that event's rule."""
        # Close first, unlink second: Windows cannot delete a file that is
        # still open without delete sharing, and on every OS a failing close
        # (a flush that hits a full disk) should be reported while the name
        # still exists for the caller to inspect.  The finally clause makes
        # sure a failing close does not leave the name behind.
        try:
            if not self.file_closed:
                self.file_closed = True
                self.file.close()
        finally:
            self._remove_name(event)

    def __del__(self) -> None:
        # [namedtemporaryfile.delete.on-finalize] [namedtemporaryfile.delete-on-close-false.finalize]
        # Runs when the wrapper (and every method borrowed from it) is gone.
        # Not guaranteed at interpreter exit, and never after SIGKILL
        # ([namedtemporaryfile.posix.sigkill-leaves-file]).
        self.finish(FINALIZE)


def _borrowed(method: Callable[..., Any], remover: _Remover) -> Callable[..., Any]:
    """``method`` wrapped so that holding it keeps the file (via ``remover``) alive."""

    # Without this, NamedTemporaryFile().write(b"x") would drop the wrapper
    # right after the attribute lookup, its remover would close the file, and
    # the write would hit a closed file.  functools.wraps copies the name and
    # docstring, so help(f.write) and tracebacks still show the real method.
    @functools.wraps(method)
    def call(*args: Any, **kwargs: Any) -> Any:
        return method(*args, **kwargs)

    call._remover = remover  # type: ignore[attr-defined]
    return call


class _TemporaryFileWrapper:
    """The object NamedTemporaryFile returns: the file, its name, and removal rules."""

    # [namedtemporaryfile.not-path-like] No __fspath__: an erratum of the docs
    # source, where we follow CPython (no release makes the wrapper path-like).

    # Why a wrapper and not a subclass of the io classes?  The class of the
    # file depends on mode and buffering (FileIO, BufferedRandom, BufferedWriter,
    # TextIOWrapper...), and it is created by io.open, not by us.  Delegation
    # serves all of them with one small class.

    def __init__(self, file: IO[Any], name: Any, delete: bool = True, delete_on_close: bool = True,
                 os_deletes: bool = False) -> None:
        # [namedtemporaryfile.file.attribute] [namedtemporaryfile.name.visible-absolute]
        self.file = file
        self.name = name
        self._remover = _Remover(file, name, delete, delete_on_close, os_deletes)

    def __getattr__(self, attr: str) -> Any:
        # [namedtemporaryfile.delegation] Called only for names not found
        # normally: everything the file offers.
        value = getattr(self.__dict__["file"], attr)
        if callable(value):
            value = _borrowed(value, self._remover)
            # Methods never change, so keep the wrapped one for next time;
            # data attributes (closed, newlines...) are always read afresh.
            setattr(self, attr, value)
        return value

    def __enter__(self) -> _TemporaryFileWrapper:
        # [namedtemporaryfile.context.returns-self] The wrapper, so `name` and
        # the removal rules stay reachable inside the block.
        self.file.__enter__()
        return self

    def __exit__(self, *exc_info: Any) -> Any:
        # The file's own __exit__ closes it (and says whether to swallow the
        # exception: io files never do, but we pass the answer on rather than
        # assume).  The remover then finds the file closed and only applies
        # the exit rule: with delete true the name goes, whatever
        # delete_on_close says.
        result = self.file.__exit__(*exc_info)
        self._remover.finish(EXIT)
        return result

    def close(self) -> None:
        """Close the file; remove it too if delete and delete_on_close are both true."""
        self._remover.close()

    def __iter__(self) -> Iterator[Any]:
        # A generator method, so the wrapper stays alive while iteration runs:
        # `for line in NamedTemporaryFile(...)` holds no other reference to it,
        # and iterating the bare file would let the remover close it mid-loop.
        yield from self.file

    __class_getitem__ = classmethod(types.GenericAlias)


# Both flag sets, computed once: with and without Windows' O_TEMPORARY.
_NAMED_FLAGS = {False: BINARY_FLAGS, True: open_flags(vars(os), os_deletes=True)}


def NamedTemporaryFile(mode: str = "w+b", buffering: int = -1, encoding: Optional[str] = None,
                       newline: Optional[str] = None, suffix: Any = None, prefix: Any = None,
                       dir: Any = None, delete: bool = True, *, errors: Optional[str] = None,
                       delete_on_close: bool = True) -> _TemporaryFileWrapper:
    """A file with a visible name, removed according to delete and delete_on_close."""
    # [module.signature.namedtemporaryfile] [module.signature.namedtemporaryfile-delete-on-close]
    # [namedtemporaryfile.params.errors-keyword-only] [namedtemporaryfile.params.open-like]
    # [namedtemporaryfile.create.mkstemp-rules] [namedtemporaryfile.name.type-follows-args]
    # [audit.namedtemporaryfile.event] Created by mkstemp's own loop.
    prefix, suffix, dir = resolve_name_parts(prefix, suffix, dir)
    # [namedtemporaryfile.posix.reopen-while-open] The file is opened with no
    # sharing restriction, so on POSIX anyone (the caller too) may open the name
    # again while it is open; [examples.namedtemporaryfile.reopen-after-close]
    # with delete_on_close=False it may be reopened after close as well, and
    # [examples.mktemp-replacement] delete=False is the safe stand-in for mktemp.
    # On Windows with both flags true, deletion is requested from the OS at
    # open time (O_TEMPORARY): the file then disappears even if we crash.
    os_deletes = os_deletes_on_close(os.name, delete, delete_on_close)
    flags = _NAMED_FLAGS[os_deletes]
    # The opener runs inside io.open, so it reports the path through this list.
    created: List[Any] = []

    def opener(_where: Any, _flags: int) -> int:
        fd, path = create_exclusively(dir, prefix, suffix, open_new_file(flags), "tempfile.mkstemp")
        created.append(path)
        return fd

    try:
        file = open_with(opener, dir, mode, buffering, encoding, newline, errors)
    except BaseException:
        # [badinput.encoding.lookuperror] [faults.interrupt.after-create]
        # [badinput.fuzz.nothing-leaked] The
        # file exists but wrapping it failed (a bad encoding, an interrupt):
        # remove it, unless the OS does so itself.
        if created and not os_deletes:
            os.unlink(created[0])
        raise
    set_name(file, created[0])
    return _TemporaryFileWrapper(file, created[0], delete, delete_on_close, os_deletes)


# ---------------------------------------------------------------------------
# Which TemporaryFile this platform gets
# ---------------------------------------------------------------------------


def temporary_file_for(os_name: str, platform: str) -> Callable[..., Any]:
    """TemporaryFile for this platform: the nameless one, or NamedTemporaryFile."""
    # Decided once, at import, from the platform passed in; the package binds
    # the answer to its public name TemporaryFile.  Callers must not rely on
    # either behaviour: the docs promise only "a file that is gone after use".
    if temporaryfile_is_alias(os_name, platform):
        return NamedTemporaryFile
    return TemporaryFile


PLATFORM_TEMPORARY_FILE = temporary_file_for(os.name, sys.platform)
