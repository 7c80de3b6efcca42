"""Chapter 5: NamedTemporaryFile: a file with a name, and who removes the name, and when.

The file is made by ``io.open``, handed an *opener* that creates it securely
(chapter 4) and returns its descriptor.  ``io.open`` validates the mode before
calling the opener and closes the descriptor itself if wrapping it fails, so a
bad argument never leaves a half-made file behind.

Why not create the descriptor first and wrap it with ``io.open(fd, ...)``?
Because then every argument error (a bad mode, an unknown encoding) would be
discovered *after* the file exists, and each call site would need its own
clean-up.  With an opener, the order of validation is io's own, and the only
failures left after creation are the ones handled below in one place.

What the caller gets back is a wrapper, because *someone* must remember the
name and decide when to remove it.  That decision is a pure function of the
arguments (``unlink_on``), applied at close, context exit and finalization.
TemporaryFile (chapter 6) reuses the opening plumbing of this chapter.
"""

from __future__ import annotations

import functools
import os
import types
from typing import IO, Any, Callable, Iterator, List, Optional

from .compat import text_encoding
from .creation import create_exclusively, open_new_file
from .location import resolve_name_parts
from .platform_rules import open_flags

# ---------------------------------------------------------------------------
# Opening through io, with our opener
# ---------------------------------------------------------------------------


def open_with(opener: Callable[[Any, int], int], where: Any, mode: str, buffering: int,
              encoding: Optional[str], newline: Optional[str], errors: Optional[str]) -> IO[Any]:
    """io.open with our opener; ``where`` only stands in for a name until we set one."""
    # open() itself interprets (and rejects) the arguments, and does so before
    # calling the opener: nothing is created for a bad mode.
    # [temporaryfile.params.open-like] [temporaryfile.params.rejected-like-open] [badinput.mode.valueerror]
    if "b" not in mode:
        encoding = text_encoding(encoding, 3)  # [namedtemporaryfile.params.encoding-warning-at-caller]
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
# The deletion rule
# ---------------------------------------------------------------------------

CLOSE, EXIT, FINALIZE = "close", "exit", "finalize"


def os_deletes_on_close(os_name: str, delete: bool, delete_on_close: bool) -> bool:
    """Is deletion at close left to the OS (Windows O_TEMPORARY)?"""
    # Windows can tie deletion to the handle itself, which also works when the
    # process dies; it is the only way to delete a file that is still open.
    # The price: other opens must share delete access to reach the file
    # ([namedtemporaryfile.windows.reopen-rules]).
    return os_name == "nt" and delete and delete_on_close


def unlink_on(event: str, *, delete: bool, delete_on_close: bool, os_deletes: bool) -> bool:
    """Must we unlink the name ourselves at ``event`` (close, exit or finalize)?"""
    if not delete or os_deletes:
        # Either nobody deletes, or the OS already did when the handle closed.
        # [namedtemporaryfile.delete-false.keeps] [namedtemporaryfile.delete-false.ignores-delete-on-close]
        return False
    if event == CLOSE:
        # Only when asked to delete at close.
        # [namedtemporaryfile.delete.on-close] [namedtemporaryfile.delete-on-close-false.close-keeps]
        return delete_on_close
    # Context exit and finalization always remove the name when delete is true.
    # [namedtemporaryfile.delete.on-context-exit] [namedtemporaryfile.delete-on-close-false.context-exit]
    return True  # [namedtemporaryfile.delete.on-finalize]


# ---------------------------------------------------------------------------
# Applying the rule, each step at most once
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
        self.delete, self.delete_on_close, self.os_deletes = delete, delete_on_close, os_deletes
        self.file_closed = False
        self.name_handled = False

    def _remove_name(self, event: str) -> None:
        """Unlink the name if the rule says so at ``event``; never twice."""
        if self.name_handled or not unlink_on(event, delete=self.delete, delete_on_close=self.delete_on_close,
                                              os_deletes=self.os_deletes):
            return
        # Marked first: once removed, the name may be re-used by someone else,
        # and a second unlink would then delete *their* file.
        self.name_handled = True  # [namedtemporaryfile.delete.at-most-once]
        try:
            os.unlink(self.name)
        except FileNotFoundError:
            # Someone removed it already: the goal is met.
            pass  # [namedtemporaryfile.close.already-removed]

    def close(self) -> None:
        """The wrapper's close(): close the file, then apply the close-time rule."""
        if self.file_closed:
            return  # [namedtemporaryfile.close.repeatable] like io's files: a second close does nothing
        self.file_closed = True
        try:
            self.file.close()  # [namedtemporaryfile.close.releases-descriptor] whatever the rule
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
        # Runs when the wrapper (and every method borrowed from it) is gone.
        # Not guaranteed at interpreter exit, and never after SIGKILL
        # ([namedtemporaryfile.posix.sigkill-leaves-file]).  With delete true,
        # whatever delete_on_close says, the name goes ([namedtemporaryfile.delete.on-finalize]
        # [namedtemporaryfile.delete-on-close-false.finalize]).
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


class _TemporaryFileWrapper:  # no __fspath__ [namedtemporaryfile.not-path-like]: erratum, we follow CPython
    """The object NamedTemporaryFile returns: the file, its name, and removal rules."""

    # Why a wrapper and not a subclass of the io classes?  The class of the
    # file depends on mode and buffering (FileIO, BufferedRandom, BufferedWriter,
    # TextIOWrapper...), and it is created by io.open, not by us.  Delegation
    # serves all of them with one small class.

    def __init__(self, file: IO[Any], name: Any, delete: bool = True, delete_on_close: bool = True,
                 os_deletes: bool = False) -> None:
        self.file = file  # [namedtemporaryfile.file.attribute]
        self.name = name  # [namedtemporaryfile.name.visible-absolute]
        self._remover = _Remover(file, name, delete, delete_on_close, os_deletes)

    def __getattr__(self, attr: str) -> Any:
        # Called only for names not found normally: everything the file offers.
        value = getattr(self.__dict__["file"], attr)  # [namedtemporaryfile.delegation]
        if callable(value):
            value = _borrowed(value, self._remover)  # [namedtemporaryfile.delegation.unheld-object]
            # Methods never change, so keep the wrapped one for next time;
            # data attributes (closed, newlines...) are always read afresh.
            setattr(self, attr, value)  # [namedtemporaryfile.delegation]
        return value

    def __enter__(self) -> _TemporaryFileWrapper:
        # The wrapper, so `name` and the removal rules stay reachable inside the block.
        self.file.__enter__()  # raises on a closed file [namedtemporaryfile.context.closed-refused]
        return self  # [namedtemporaryfile.context.returns-self]

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


# ---------------------------------------------------------------------------
# NamedTemporaryFile
# ---------------------------------------------------------------------------

# Both flag sets, computed once: without and with Windows' O_TEMPORARY.
_NAMED_FLAGS = {False: open_flags(vars(os)), True: open_flags(vars(os), os_deletes=True)}


def NamedTemporaryFile(mode: str = "w+b", buffering: int = -1, encoding: Optional[str] = None,
                       newline: Optional[str] = None, suffix: Any = None, prefix: Any = None,
                       dir: Any = None, delete: bool = True, *, errors: Optional[str] = None,
                       delete_on_close: bool = True) -> _TemporaryFileWrapper:
    """A file with a visible name, removed according to delete and delete_on_close."""
    # The documented signature and open()'s parameters ([module.signature.namedtemporaryfile]
    # [module.signature.namedtemporaryfile-delete-on-close] [namedtemporaryfile.params.errors-keyword-only]
    # [namedtemporaryfile.params.open-like]); the name's type follows the arguments.
    # [namedtemporaryfile.name.type-follows-args]
    prefix, suffix, dir = resolve_name_parts(prefix, suffix, dir)
    # The file is opened with no sharing restriction, so on POSIX anyone (the
    # caller too) may open the name again while it is open
    # [namedtemporaryfile.posix.reopen-while-open]; with delete_on_close=False
    # it may be reopened after close as well [examples.namedtemporaryfile.reopen-after-close],
    # and delete=False is the safe stand-in for mktemp [examples.mktemp-replacement].
    # On Windows with both flags true, deletion is requested from the OS at
    # open time (O_TEMPORARY): the file then disappears even if we crash.
    os_deletes = os_deletes_on_close(os.name, delete, delete_on_close)
    flags = _NAMED_FLAGS[os_deletes]
    # The opener runs inside io.open, so it reports the path through this list.
    created: List[Any] = []

    def opener(_where: Any, _flags: int) -> int:
        # Created by mkstemp's own loop, audit event included.
        # [namedtemporaryfile.create.mkstemp-rules] [audit.namedtemporaryfile.event]
        fd, path = create_exclusively(dir, prefix, suffix, open_new_file(flags), "tempfile.mkstemp")
        created.append(path)
        return fd

    try:
        file = open_with(opener, dir, mode, buffering, encoding, newline, errors)
    except BaseException:
        # The file exists but wrapping it failed (a bad encoding, an
        # interrupt): remove it, unless the OS does so itself.
        # [badinput.encoding.lookuperror] [faults.interrupt.after-create] [badinput.fuzz.nothing-leaked]
        if created and not os_deletes:
            os.unlink(created[0])
        raise
    set_name(file, created[0])
    return _TemporaryFileWrapper(file, created[0], delete, delete_on_close, os_deletes)
