"""Chapter 9: TemporaryDirectory, and removing a tree that resists removal.

Creating the directory is mkdtemp's job (chapter 4).  The work here is the
cleanup: a tree the user filled may contain read-only files, directories we
cannot list, or symlinks pointing anywhere, and cleanup must remove what is
ours without ever acting on what a symlink points to.
"""

from __future__ import annotations

import os
import types
import warnings
import weakref
from typing import Any, Callable, Optional

from .compat import is_junction, rmtree_with_onexc, set_file_flags
from .creation import DIR_MODE, mkdtemp

# ---------------------------------------------------------------------------
# Removing a tree, repairing permissions on the way
# ---------------------------------------------------------------------------

# shutil.rmtree does the walking; it calls our handler for each entry it fails
# to remove, and carries on with the rest when the handler returns.  The
# handler sorts the failures:
#
# * FileNotFoundError: something removed the entry first (another thread, the
#   user's own code).  The goal, "it is gone", is met.
# * PermissionError: usually our own doing.  Code under test often makes a
#   file read-only, or a directory 0o500 (no new entries, so no deletions in
#   it) or 0o000 (not even listable).  The owner may always chmod what they
#   own, so we grant ourselves access (to the entry and to its parent, since
#   deleting an entry is a write to the parent) and try once more.  A
#   directory is retried as a tree of its own.
# * anything else: a real error (I/O, a read-only file system, the tree
#   replaced by a plain file) that repair cannot fix.
#
# Two guards keep this from going wrong: a top directory that still refuses
# after one repair is reported rather than retried forever, and the repair
# never follows a symlink (see grant_owner_access).


def grant_owner_access(path: Any) -> None:
    """Make ``path`` fully accessible to its owner; never act through a symlink."""
    if os.path.islink(path):  # [cleanup.symlink.target-untouched] [cleanup.nothing-outside-removed]
        # chmod would change the *target*: a symlink planted in the tree could
        # make cleanup open up /etc/shadow or a victim's home directory
        # (CVE-2023-6597, fixed in CPython 3.12.2 and backports).  A link
        # needs no permission of its own to be removed, so we skip it.  The
        # check and the chmod are two steps, but the path lies inside our own
        # 0o700 tree, where no other user can swap a link in between.
        return
    # BSD and macOS "immutable"/"append-only" flags block removal even for
    # the owner; clearing them comes first.  Files get 0o700 too: the mode
    # lives only until the unlink that follows.
    set_file_flags(path, 0)
    os.chmod(path, DIR_MODE)


def _give_up(error: BaseException, ignore_errors: bool) -> None:
    """Report ``error``, or swallow it in best-effort mode."""
    # Raising from inside rmtree's handler stops the whole removal; returning
    # lets rmtree go on with the siblings.  Best-effort mode therefore leaves
    # only the entries that truly resist, and removes everything else.
    # [temporarydirectory.errors.from-cleanup] [temporarydirectory.errors.from-context-exit]
    if not ignore_errors:  # [temporarydirectory.ignore-errors.suppresses]
        raise error


def _retry_after_repair(top: Any, path: Any, ignore_errors: bool) -> None:
    """``path`` refused removal: open up it and its parent, then remove it again."""
    if path != top:
        # Removing an entry needs write access to the directory holding it.
        grant_owner_access(os.path.dirname(path))
    grant_owner_access(path)
    try:
        os.unlink(path)
    except IsADirectoryError:
        remove_tree(path, ignore_errors)
    except PermissionError as still_refused:
        # BSDs answer EPERM, not EISDIR, when unlinking a directory.
        # A file, though, refuses for a reason repair cannot fix: report that
        # refusal, not the NotADirectoryError of treating it as a tree.
        if not os.path.isdir(path) or is_junction(path):
            _give_up(still_refused, ignore_errors)  # [temporarydirectory.errors.permission-not-masked]
        else:
            remove_tree(path, ignore_errors, second_try=(path == top))


def remove_tree(top: Any, ignore_errors: bool = False, second_try: bool = False) -> None:
    """Delete ``top`` and everything below it, fixing permissions that stand in the way."""
    # See the section comment above [cleanup.removes.protected-contents].
    # `second_try` is set when this call is itself the retry for a `top` that
    # refused once: a second refusal of `top` is then final.  The handler is
    # a closure so that it knows `top` and the mode without globals.

    def onexc(func: Callable[..., Any], path: Any, error: BaseException) -> None:
        if isinstance(error, FileNotFoundError):
            return  # gone already (removed concurrently): that is the goal
        if not isinstance(error, PermissionError):
            return _give_up(error, ignore_errors)
        if second_try and path == top:
            # Repairing the top once did not help: stop instead of looping.
            return _give_up(error, ignore_errors)
        try:
            _retry_after_repair(top, path, ignore_errors)
        except FileNotFoundError:
            pass
        except OSError as repair_failed:
            # [temporarydirectory.ignore-errors.best-effort]
            # The repair itself can fail (chmod on a sub-directory another
            # user owns).  An erratum where we follow the docs: best-effort
            # mode swallows it and lets rmtree go on with the rest; CPython
            # lets it escape.
            _give_up(repair_failed, ignore_errors)

    rmtree_with_onexc(top, onexc)


# ---------------------------------------------------------------------------
# TemporaryDirectory
# ---------------------------------------------------------------------------


def _implicit_cleanup(name: Any, warning: str, ignore_errors: bool, delete: bool) -> None:
    """What the finalizer runs when a TemporaryDirectory is collected without cleanup()."""
    # [temporarydirectory.delete-false.finalize-keeps] An erratum where we
    # follow CPython: delete=False also spares the tree at collection (the
    # docs' class text still promises removal); only cleanup() removes it.
    if delete:
        # Errors here have no caller: the finalizer reports them as unraisable.
        # [temporarydirectory.finalize.removes-tree] [temporarydirectory.errors.at-finalization]
        # (at interpreter exit too: [temporarydirectory.errors.at-shutdown])
        remove_tree(name, ignore_errors)
        # Relying on garbage collection is fragile (timing, shutdown order): say so.
        # [temporarydirectory.finalize.resource-warning]
        warnings.warn(warning, ResourceWarning, stacklevel=1)


class TemporaryDirectory:
    """A directory created like mkdtemp and removed, with its contents, on cleanup."""

    def __init__(self, suffix: Any = None, prefix: Any = None, dir: Any = None,
                 ignore_cleanup_errors: bool = False, *, delete: bool = True) -> None:
        # The documented signature: [module.signature.temporarydirectory]
        # [module.signature.temporarydirectory-ignore-cleanup-errors]
        # and keyword-only delete [module.signature.temporarydirectory-delete].
        self._best_effort, self._remove_at_exit = ignore_cleanup_errors, delete
        # Created and audited by mkdtemp [temporarydirectory.create.mkdtemp-rules]
        # [audit.temporarydirectory.event], so the name is absolute even for a
        # relative dir [temporarydirectory.name.absolute-relative-dir].
        self.name = mkdtemp(suffix, prefix, dir)  # [temporarydirectory.name.attribute]
        # A weakref.finalize, not __del__: it holds only the name (never self,
        # which would keep the object alive) and also runs at interpreter exit.
        # __del__ methods may run in any order during shutdown, after the
        # modules they need are half torn down; finalize's exit hook runs
        # while everything still works.  The warning text is built now, while
        # the repr is cheap and certain to succeed.
        self._finalizer = weakref.finalize(
            self, _implicit_cleanup, self.name, f"Implicitly cleaning up {self!r}",
            self._best_effort, self._remove_at_exit)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"

    def __enter__(self) -> Any:
        # The path, not the object, as the docs' example shows
        # ([examples.temporarydirectory.context-manager]); the object itself has
        # no __fspath__ [temporarydirectory.not-path-like] (an erratum of the docs
        # source; we follow CPython, where no release has one).
        return self.name  # [temporarydirectory.enter.returns-name]

    def __exit__(self, *exc_info: Any) -> Optional[bool]:
        if self._remove_at_exit:  # [temporarydirectory.delete-false.exit-keeps]
            self.cleanup()  # [temporarydirectory.exit.removes-tree]
        return None

    def cleanup(self) -> None:
        """Remove the directory and its contents now."""
        # detach() disarms the finalizer; it returns None once it has run or
        # been detached, so a second cleanup() only acts if the path exists.
        # [temporarydirectory.cleanup.repeatable] [temporarydirectory.cleanup.already-gone]
        # [temporarydirectory.cleanup.retries-what-is-left] the path is looked at on every call.
        if self._finalizer.detach() is not None or os.path.exists(self.name):
            # Whatever delete says [temporarydirectory.delete-false.cleanup-removes].
            remove_tree(self.name, self._best_effort)  # [temporarydirectory.cleanup.removes-tree]

    __class_getitem__ = classmethod(types.GenericAlias)  # [module.classes.generic]
