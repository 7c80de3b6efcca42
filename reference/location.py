"""Chapter 3: where temporary things go, and what type their names have.

The module-level settings ``tempdir``, ``template`` and ``TMP_MAX`` live on the
package itself (``reference.tempdir``), exactly where user code assigns them,
and every function here reads them at call time.  That is what makes
``reference.tempdir = "/x"`` affect the calls that follow.
"""

from __future__ import annotations

import errno
import os
import sys
import threading
from types import ModuleType
from typing import Any, List, Mapping, Optional, Tuple, Type

from .names import random_part
from .platform_rules import open_flags, permission_error_is_transient

# ---------------------------------------------------------------------------
# The package's settings
# ---------------------------------------------------------------------------


# Why not module globals here?  Because users write `tempfile.tempdir = ...`
# on the module they imported, which for us is the package.  A copy kept in
# this module would silently ignore that assignment.  Looking the package up
# in sys.modules on each call costs two dictionary lookups.


def package() -> ModuleType:
    """The package object, whose attributes hold the user-visible settings."""
    return sys.modules[__package__]


def writable_dir(path: Any) -> bool:
    """Is ``path`` a directory we may create entries in?"""
    return os.path.isdir(path) and os.access(path, os.W_OK)


# ---------------------------------------------------------------------------
# The default prefix
# ---------------------------------------------------------------------------


# The four queries take no arguments [module.signature.queries-take-no-arguments].
# The b-variants exist because since 3.5 every creating function also works on
# bytes names, and a bytes caller needs bytes defaults to build them from;
# os.fsencode gives the same bytes the OS would see.


def gettempprefix() -> str:
    """The default file-name prefix, as str."""
    # The package's `template` ("tmp"), decoded if someone stored bytes there.
    # No directory part, and no directory search: asking for a prefix must
    # never touch the disk.
    return os.fsdecode(package().template)  # [prefix.str.value] [prefix.no-search]


def gettempprefixb() -> bytes:
    """The default file-name prefix, as bytes."""
    return os.fsencode(package().template)  # [prefix.bytes.value] [prefix.no-directory-component]


# ---------------------------------------------------------------------------
# Where to look for a temporary directory
# ---------------------------------------------------------------------------

# The variables are consulted in this order; an empty value counts as unset,
# since "" would silently mean the current directory.
# [gettempdir.search.tmpdir-first] [gettempdir.search.temp-then-tmp]
ENVIRONMENT_VARIABLES = ("TMPDIR", "TEMP", "TMP")
POSIX_FALLBACKS = ("/tmp", "/var/tmp", "/usr/tmp")  # [gettempdir.search.posix-platform-list]
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
    # A pure function of the facts passed in, so the Windows list can be checked on Linux.
    # [gettempdir.search.empty-variable-ignored]
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
# Finding a usable directory
# ---------------------------------------------------------------------------

# The search walks the candidates above and keeps the first directory in
# which a file can really be made.  "Exists and is a directory" is not
# enough: a directory may be read-only to us, on a read-only or full file
# system, or (as root does not notice) lacking permissions we need once we
# drop privileges.  Only doing what mkstemp will do proves it.
#
# The probe opens files like mkstemp does, so it tests what mkstemp will need.
# It is itself a temporary file in a possibly shared directory, so it needs
# the same protection: O_EXCL|O_NOFOLLOW, or a symlink planted under the
# probe's name would have us write "probe" into some file of the victim's.
_PROBE_FLAGS = open_flags(vars(os))
# How many random names to try per directory before assuming it is unusable.
# Far fewer than TMP_MAX: a directory where 100 random names in a row are
# taken is not one we want as the default for every temporary file.
_PROBE_ATTEMPTS = 100


def _directory_accepts_files(directory: str) -> bool:
    """Can we create, write and delete a file in ``directory``?"""
    # Missing directories, plain files and unwritable directories all fail at
    # the create (ENOENT, ENOTDIR, EACCES), so one try-and-see covers every
    # reason for unusable.
    for _ in range(_PROBE_ATTEMPTS):
        probe = os.path.join(directory, random_part())
        try:
            fd = os.open(probe, _PROBE_FLAGS, 0o600)
        except FileExistsError:
            continue  # [gettempdir.search.taken-name-retried] someone's entry: leave it, draw again
        except PermissionError:
            if permission_error_is_transient(os.name, lambda: writable_dir(directory)):
                continue
            return False  # [gettempdir.search.skips-unwritable]
        except OSError:
            return False  # [gettempdir.search.skips-missing] [gettempdir.search.skips-non-directory]
        try:
            # A full disk accepts the create but not the data.
            os.write(fd, b"probe")
            return True
        except OSError:
            return False  # [gettempdir.search.probe-writes-data]
        finally:
            os.close(fd)
            os.unlink(probe)  # [gettempdir.search.probe-leaves-nothing]
    return False


def _current_dir() -> Optional[str]:
    """os.getcwd(), or None when the working directory no longer exists."""
    try:
        return os.getcwd()
    except OSError:
        return None  # [gettempdir.search.cwd-gone-tolerated]


def find_default_tempdir() -> str:
    """Search the candidate directories and return the first usable one."""
    candidates = candidate_dirs(os.name, os.environ, _current_dir())
    for directory in candidates:
        # Fixed as absolute now, so a later chdir() cannot move every future
        # temporary file elsewhere [gettempdir.search.relative-candidate].
        # "." (only ever the fallback for a vanished cwd, or a TMPDIR of ".")
        # stays as it is [gettempdir.search.dot-kept-relative].
        if directory != os.curdir:
            directory = os.path.abspath(directory)
        if _directory_accepts_files(directory):
            return directory
    # [gettempdir.search.none-usable]
    raise FileNotFoundError(errno.ENOENT, f"No usable temporary directory found in {candidates}")


# ---------------------------------------------------------------------------
# gettempdir(): search once, then remember
# ---------------------------------------------------------------------------

# Two threads asking at once must agree on one directory, and the search (file
# creation in every candidate) should run once per process, not once per call.
# The first check runs without the lock, so that the common case (already
# searched) costs no locking at all; the second, under the lock, settles races
# between threads that both saw None.
_search_lock = threading.Lock()


def _tempdir_value() -> Any:
    """The package's ``tempdir``, searched for and stored on first need."""
    settings = package()
    # A value the user stored is used as is [tempdir.override.not-validated].
    if settings.tempdir is None:
        with _search_lock:
            # Checked again under the lock: another thread may have finished first.
            if settings.tempdir is None:
                # The result is stored where users can see and override it: the package's `tempdir`.
                # [gettempdir.cache.stored-in-tempdir] [gettempdir.cache.result-reused]
                settings.tempdir = find_default_tempdir()  # [gettempdir.bytes.shares-cache]
    return settings.tempdir


def gettempdir() -> str:
    """The default directory for temporary files, as str."""
    # Always str since 3.10, even when a user stored bytes in `tempdir`.
    # os.fsdecode uses the file system encoding with surrogateescape, so even
    # undecodable bytes survive the round trip back through os.fsencode:
    # gettempdir and gettempdirb name the same directory.
    return os.fsdecode(_tempdir_value())  # [gettempdir.returns.str]


def gettempdirb() -> bytes:
    """The default directory for temporary files, as bytes."""
    return os.fsencode(_tempdir_value())  # [gettempdir.bytes.same-directory]


# ---------------------------------------------------------------------------
# Arguments: one type for prefix, suffix and dir, and their defaults
# ---------------------------------------------------------------------------


def name_type(prefix: Any, suffix: Any, dir: Any) -> Type[Any]:
    """str or bytes: the type of the name that prefix, suffix and dir will build."""
    seen: Optional[Type[Any]] = None
    for part in (prefix, suffix, dir):
        if part is None:
            continue
        # The str/bytes test first: it is a cheap C check, while isinstance
        # against the os.PathLike ABC is slow and rarely needed.
        if not isinstance(part, (str, bytes)) and isinstance(part, os.PathLike):
            # [naming.types.pathlike-dir] Meant for dir; a path-like prefix or
            # suffix passes here but fails when concatenated, with TypeError
            # ([naming.types.pathlike-prefix-unsupported]).
            part = os.fspath(part)
        kind = bytes if isinstance(part, bytes) else str
        if seen is not None and kind is not seen:
            # A path cannot be half bytes, half str [naming.types.mixing-is-typeerror].
            raise TypeError("prefix, suffix and dir must be all str or all bytes, not a mix")
        seen = kind
    if seen is not None:
        return seen
    # With nothing to go on, the type of `tempdir` decides.  History: before
    # 3.5, only str names existed, and programs that wanted bytes results set
    # tempdir to bytes.  When 3.5 taught the functions to infer the type from
    # their arguments, this "bytes tempdir means bytes names" rule was kept so
    # those programs would not break; the docs keep it while asking nobody to
    # rely on it.  Anything but None or str counts as bytes, so a path-like
    # tempdir (which the docs forbid) gives bytes, as in CPython.
    # [tempdir.bytes.default-return-type] [tempdir.bytes.str-argument-wins] [tempdir.pathlike.quirk]
    # (an erratum where we follow the docs: 3.8 and 3.9 raise TypeError instead)
    tempdir = package().tempdir
    return str if tempdir is None or isinstance(tempdir, str) else bytes  # [naming.types.str-by-default]


def resolve_name_parts(prefix: Any, suffix: Any, dir: Any) -> Tuple[Any, Any, Any]:
    """prefix, suffix and dir with every None replaced by its default, all of one type."""
    # One place for every creating API, so that mkstemp, mkdtemp, the file
    # classes and TemporaryDirectory cannot drift apart in their defaults.
    # The type is decided first and before any I/O: a str/bytes mix fails
    # before the directory search could run.  An empty b'' still counts as
    # bytes, so suffix=b'' is the way to ask for bytes names with every other
    # default [naming.types.empty-bytes-suffix].
    kind = name_type(prefix, suffix, dir)
    if suffix is None:
        suffix = kind()  # [naming.suffix.default-none] no suffix means an empty one
    if prefix is None:
        # [naming.prefix.default] [naming.types.bytes-in-bytes-out]
        prefix = gettempprefix() if kind is str else gettempprefixb()
    if dir is None:
        # Only a call without dir consults (and may trigger) the search
        # [tempdir.init.only-when-needed]: an erratum where we follow CPython,
        # since the docs say every call initialises tempdir, needed or not.
        # [naming.dir.default-gettempdir] [tempdir.init.by-default-dir-use]
        dir = gettempdir() if kind is str else gettempdirb()
    return prefix, suffix, dir
