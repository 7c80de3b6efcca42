"""Chapter 4: creating a fresh name safely: the retry loop, mkstemp, mkdtemp, mktemp.

One loop does all the work: build a candidate path from prefix + random part +
suffix, try to create it *exclusively*, and on a collision try another name.
The creation step itself is the existence check, so there is no moment between
"this name is free" and "it is mine" for anyone else to use.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import Any, Callable, Optional, Tuple, TypeVar

from .location import gettempdir, package, resolve_name_parts, writable_dir
from .names import next_candidate
from .platform_rules import open_flags, permission_error_is_transient

Made = TypeVar("Made")

# ---------------------------------------------------------------------------
# Flags, computed once from what this platform's os module offers
# ---------------------------------------------------------------------------

BINARY_FLAGS = open_flags(vars(os))
TEXT_FLAGS = open_flags(vars(os), text=True)

# rw for the owner, nothing for group or others and no execute bit: other
# users cannot read the secrets we are about to write.  The mode is given to
# the creating call itself; a chmod afterwards would leave a window in which
# the file is readable under a lax umask.
# [mkstemp.mode.owner-only] [creation.file.owner-read-write]
FILE_MODE = 0o600  # [security.mode.files-owner-only]
# rwx for the owner only: nobody else can list the directory, or add and swap
# files inside it.
# [creation.dir.owner-only] [security.mode.dirs-owner-only]
DIR_MODE = 0o700  # [mkdtemp.access.owner-can-use]


# ---------------------------------------------------------------------------
# The retry loop
# ---------------------------------------------------------------------------


def candidate_path(directory: Any, prefix: Any, part: str, suffix: Any) -> Any:
    """directory / (prefix + part + suffix), with ``part`` encoded for bytes names."""
    # Nothing is added: in particular no dot goes before the suffix
    # [naming.suffix.no-dot-inserted].  Nor is anything removed
    # ([naming.compose.no-sanitising]): a "/" in the prefix makes a path below
    # dir ([badinput.separators.joined]), so never build a prefix from
    # untrusted text.  The path (and so the audit argument) is bytes exactly
    # when the result will be.
    if isinstance(prefix, bytes):  # [audit.event.type-follows-result]
        return os.path.join(directory, prefix + os.fsencode(part) + suffix)
    return os.path.join(directory, prefix + part + suffix)  # [naming.compose.dir-prefix-random-suffix]


# How the loop treats each outcome of ``make(path)``:
#
# * success: the entry is ours, and nobody else's, because the OS refused to
#   create it if anything at all stood at that path;
# * FileExistsError: a collision (a leftover of ours, another process's file,
#   or an attacker's plant): try the next name, leaving the entry untouched;
# * PermissionError: on POSIX, a refusal to report; on Windows possibly a
#   collision in disguise (see platform_rules.permission_error_is_transient);
# * any other OSError (or the ValueError os.open raises for a NUL in the
#   name, before touching the disk) ends the call at once, since another name
#   cannot fix it.  Retrying would burn TMP_MAX attempts and then report the
#   wrong error.  The failed call created nothing, so nothing is left behind,
#   and the caller sees the OS's own error type.
#
# Many threads and processes may run this loop in one directory at once: the
# kernel's exclusive create decides every race, so two callers can never both
# win the same name, and each removes only what it created.


def create_exclusively(directory: Any, prefix: Any, suffix: Any, make: Callable[[Any], Made],
                       audit_event: Optional[str], os_name: Optional[str] = None) -> Tuple[Made, Any]:
    """Call ``make(path)`` on fresh candidate paths until one succeeds; return (result, path)."""
    # `make` is what differs between callers (open a file, make a directory,
    # only check); `os_name` defaults to this host's and exists so tests can
    # run the Windows branch on Linux.
    # [audit.event.absolute-path] [naming.absolute.dir-apis-relative-dir] Made
    # absolute once, up front: the audit event then carries the full path the
    # docs promise (an erratum where we follow the docs), and the result no
    # longer depends on a later chdir().
    directory = os.path.abspath(directory)  # [naming.absolute.file-apis-relative-dir]
    # TMP_MAX is read from the package, so an assignment to reference.TMP_MAX is honoured.
    for _ in range(package().TMP_MAX):  # [module.tmp-max.read-at-call-time]
        path = candidate_path(directory, prefix, next_candidate(), suffix)
        if audit_event is not None:
            # Raised before each attempt, so an audit hook sees (and may veto,
            # by raising) every path we try.
            # [audit.mkstemp.event] [audit.mkdtemp.event] [audit.hook.can-veto]
            sys.audit(audit_event, path)  # [audit.event.per-attempt]
        try:
            # Any error but the two below ends the call at once, as the OS's
            # own type ([creation.errors.missing-dir] [creation.errors.dir-not-a-directory]
            # [badinput.dir.precise-errors] [badinput.name-too-long.oserror] [faults.emfile.raises-oserror]
            # [badinput.nul-byte.valueerror] [badinput.fuzz.expected-errors]), with nothing made
            # [faults.emfile.nothing-left]; the kernel settles races between callers
            # ([load.mkstemp.unique] [load.mkdtemp.unique] [load.scoped.cleaned-up]).
            return make(path), path
        except FileExistsError:
            # Someone holds this name, whatever it is: leave it alone and try another.
            # [creation.exclusive.never-reuses] [creation.exclusive.any-entry-type]
            continue  # [security.planted-entry.never-reused]
        except PermissionError:
            if permission_error_is_transient(os_name or os.name, lambda: writable_dir(directory)):
                continue
            raise  # [creation.errors.unwritable-dir] a real refusal: retrying cannot help
    # Every attempt collided: the directory is full of our names, or someone
    # is deliberately racing us.  Stop rather than spin.
    # [creation.retry.tmp-max-bound] [mktemp.retry.exhaustion]
    raise FileExistsError(errno.EEXIST, "No usable temporary file name found")


# ---------------------------------------------------------------------------
# mkstemp: a file, returned as an open descriptor and its path
# ---------------------------------------------------------------------------


def open_new_file(flags: int) -> Callable[[Any], int]:
    """A `make` step that creates the file exclusively with ``flags`` and returns its fd."""
    # A new, empty regular file, open for reading and writing at offset 0.
    # [creation.file.empty-regular] [mkstemp.fd.read-write-at-start]
    return lambda path: os.open(path, flags, FILE_MODE)


def mkstemp(suffix: Any = None, prefix: Any = None, dir: Any = None, text: bool = False) -> Tuple[int, Any]:
    """Create a new file securely; return (descriptor, absolute path)."""
    # [module.signature.mkstemp] A descriptor rather than a file object, like
    # the C function it is named after: the caller picks the wrapping
    # (os.fdopen with any mode, or plain os.write), and nothing is buffered
    # behind their back.
    prefix, suffix, dir = resolve_name_parts(prefix, suffix, dir)
    # Text and binary differ only on Windows (O_BINARY).
    # [mkstemp.text.windows-text-mode] [mkstemp.text.no-effect-on-posix]
    flags = TEXT_FLAGS if text else BINARY_FLAGS
    # The path comes back absolute, so a later chdir() does not change which
    # file the caller will delete ([mkstemp.cleanup.caller-deletes]).
    # [mkstemp.returns.fd-and-abspath] [mkstemp.returns.absolute-relative-dir]
    return create_exclusively(dir, prefix, suffix, open_new_file(flags), "tempfile.mkstemp")


# ---------------------------------------------------------------------------
# mkdtemp: a directory
# ---------------------------------------------------------------------------


def _make_directory(path: Any) -> None:
    """mkdir with the owner-only mode; fails if the name exists in any form."""
    # mkdir never follows a symlink at the final component and fails on any
    # existing entry, so it is exclusive by nature: no flag is needed to get
    # what O_EXCL gives files.  The mode is applied by the kernel as the
    # directory is born (minus the umask, which can only remove bits), so
    # there is no moment at which another user could enter it.
    os.mkdir(path, DIR_MODE)  # on Windows too, an owner-only ACL [mkdtemp.windows.owner-only-acl]


def mkdtemp(suffix: Any = None, prefix: Any = None, dir: Any = None) -> Any:
    """Create a new directory securely; return its absolute path."""
    # [module.signature.mkdtemp] [mkdtemp.cleanup.caller-deletes]
    prefix, suffix, dir = resolve_name_parts(prefix, suffix, dir)
    _, path = create_exclusively(dir, prefix, suffix, _make_directory, "tempfile.mkdtemp")
    # Absolute even for a relative dir (since 3.12).
    return path  # [mkdtemp.returns.absolute] [mkdtemp.returns.new-directory]


# ---------------------------------------------------------------------------
# mktemp: only a name (deprecated, and why)
# ---------------------------------------------------------------------------

# mktemp is the original API, from before exclusive creation was common: it
# checks that a name is free and hands it back.  Between that check and the
# caller's own open, another process can create the name, as a symlink to a
# file of the victim's, say, and the caller then writes through it.  That
# time-of-check/time-of-use race is why it has been deprecated since 2.3; it
# survives for compatibility and, unlike mkstemp, never learned bytes.


def _refuse_existing(path: Any) -> None:
    """A `make` step that creates nothing and only rejects names already in use."""
    # lstat, not stat: a dangling symlink is an
    # occupied name too.  Not os.path.lexists either: it answers False for a
    # name containing NUL, and mktemp would hand out a name no call can use;
    # lstat raises ValueError for it instead.
    try:
        os.lstat(path)
    except OSError:
        return  # nothing there (or unreachable): the name counts as free
    raise FileExistsError(errno.EEXIST, "name in use", path)  # [mktemp.retry.skips-existing]


def _is_bytes(part: Any) -> bool:
    """Is ``part`` a bytes name, directly or behind os.PathLike?"""
    if isinstance(part, os.PathLike):
        part = os.fspath(part)
    return isinstance(part, bytes)


def mktemp(suffix: str = "", prefix: str = "tmp", dir: Any = None) -> str:
    """Return a path that did not exist at the moment of the call (unsafe: see below)."""
    # Nothing is created, so the name is free only "for now": anyone who
    # guesses or observes it can create it before the caller does.  Use
    # mkstemp or NamedTemporaryFile(delete=False) instead.
    # [module.signature.mktemp] [mktemp.args.defaults] [mktemp.unsafe.name-not-reserved]
    if any(_is_bytes(part) for part in (suffix, prefix, dir)):
        # The bytes conventions of mkstemp never reached mktemp.
        raise TypeError("mktemp() accepts only str (or path-like) names, not bytes")  # [mktemp.args.no-bytes]
    if dir is None:
        # The default directory is absolute already.
        dir = gettempdir()  # [mktemp.returns.absolute-default-dir]
    # A path-like dir is accepted like mkstemp's (the loop joins its fspath)
    # [mktemp.args.pathlike-dir]; a None prefix or suffix fails to concatenate
    # with TypeError [mktemp.args.no-none]; no audit event, since nothing is
    # created [audit.no-event.queries-and-mktemp].
    # [mktemp.returns.absolute-relative-dir] Absolute, from the loop: an
    # erratum where we follow the docs; CPython returns a relative dir as given.
    _, path = create_exclusively(dir, prefix, suffix, _refuse_existing, None)
    return path  # [mktemp.returns.free-name]
