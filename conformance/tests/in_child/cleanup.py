"""TemporaryDirectory cleanup of protected trees, run without root's privileges."""

from __future__ import annotations

import gc
import os
import sys
import warnings
from typing import Any, Callable, Dict, List, Optional

from conformance.harness.child_main import judged_at_exit


def _write(path: str, mode: int) -> None:
    with open(path, "w") as handle:
        handle.write("inside")
    os.chmod(path, mode)


def _readonly_files(root: str, out: str) -> None:
    _write(os.path.join(root, "ro.txt"), 0o400)
    os.mkdir(os.path.join(root, "d"))
    _write(os.path.join(root, "d", "ro.txt"), 0o444)


def _unwritable_dir(root: str, out: str) -> None:
    inner = os.path.join(root, "d", "inner")
    os.mkdir(os.path.join(root, "d"))
    _write(os.path.join(root, "d", "f"), 0o600)
    os.mkdir(inner)
    _write(os.path.join(inner, "g"), 0o600)
    os.chmod(inner, 0o500)
    os.chmod(os.path.join(root, "d"), 0o500)


def _unsearchable_dirs(root: str, out: str) -> None:
    for name, mode in (("none", 0o000), ("no-read", 0o300), ("no-search", 0o600)):
        os.mkdir(os.path.join(root, name))
        _write(os.path.join(root, name, "f"), 0o600)
        os.chmod(os.path.join(root, name), mode)


def _unreadable_root(root: str, out: str) -> None:
    os.mkdir(os.path.join(root, "d"))
    _write(os.path.join(root, "d", "f"), 0o600)
    os.chmod(root, 0o000)  # the temporary directory itself: nothing in it can be listed


def _link_in_locked_dir(victim: str) -> Callable[[str, str], None]:
    def build(root: str, out: str) -> None:
        os.mkdir(os.path.join(root, "d"))
        os.symlink(os.path.join(out, victim), os.path.join(root, "d", "link"))
        os.chmod(os.path.join(root, "d"), 0o500)
    return build


def _link_in_readonly_root(root: str, out: str) -> None:
    os.symlink(os.path.join(out, "victim.txt"), os.path.join(root, "link"))
    os.chmod(root, 0o500)


def _link_to_open_dir(root: str, out: str) -> None:
    os.symlink(os.path.join(out, "open-dir"), os.path.join(root, "link"))
    _write(os.path.join(root, "f"), 0o600)


# Each case builds a tree inside the temporary directory ROOT; OUT holds its victims outside.
CASES: Dict[str, Callable[[str, str], None]] = {
    "readonly-files": _readonly_files,
    "unwritable-dir": _unwritable_dir,
    "unsearchable-dirs": _unsearchable_dirs,
    "unreadable-root": _unreadable_root,
    "dangling-link": _link_in_locked_dir("missing"),
    "link-to-file": _link_in_locked_dir("victim.txt"),
    "link-to-dir": _link_in_locked_dir("victim-dir"),
    "link-in-readonly-root": _link_in_readonly_root,
    "link-to-open-dir": _link_to_open_dir,
}


def _clean_one(tf: Any, where: str, case: str, out: str, trigger: str, caught: List[str]) -> Dict[str, Any]:
    holder = tf.TemporaryDirectory(dir=where)
    root = holder.name
    CASES[case](root, out)
    del caught[:]
    error: Optional[str] = None
    try:
        if trigger == "cleanup":
            holder.cleanup()
        elif trigger == "context":
            with holder:
                pass
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                del holder
                gc.collect()
    except Exception as exc:
        error = repr(exc)
    if caught:
        error = caught[0]
    return {"error": error, "left": os.path.lexists(root)}


def clean_every_case(tf: Any, where: str, outs: str, triggers: List[str]) -> Dict[str, Dict[str, Any]]:
    """For each trigger and case: what cleanup raised, and whether the tree is left."""
    caught: List[str] = []
    sys.unraisablehook = lambda info: caught.append(repr(info.exc_value))
    return {trigger: {case: _clean_one(tf, where, case, os.path.join(outs, trigger, case), trigger, caught)
                      for case in CASES} for trigger in triggers}


def clean_with_foreign_entry(tf: Any, where: str, ignore: bool) -> Any:
    """Cleanup of a tree holding another user's directory, with ``ignore_cleanup_errors=ignore``."""
    holder = tf.TemporaryDirectory(dir=where, ignore_cleanup_errors=ignore)
    root = holder.name
    foreign = os.path.join(root, "foreign")
    os.mkdir(foreign)
    with open(os.path.join(foreign, "inner"), "w"):
        pass
    with open(os.path.join(root, "removable"), "w"):
        pass
    os.chmod(foreign, 0o755)
    try:  # another user's directory: we may neither empty it nor change its mode
        os.chown(os.path.join(foreign, "inner"), 54321, 54321)
        os.chown(foreign, 54321, 54321)
    except PermissionError:
        return "no-chown"
    error, oserror = None, False
    try:
        holder.cleanup()
    except Exception as exc:
        error, oserror = type(exc).__name__ + ": " + str(exc), isinstance(exc, OSError)
    return {"error": error, "oserror": oserror,
            "left": sorted(os.listdir(root)) if os.path.isdir(root) else None}


def clean_with_stuck_directory(tf: Any, where: str) -> List[Any]:
    """ignore_cleanup_errors=True with a sub-directory given away: what is raised and left."""
    td = tf.TemporaryDirectory(dir=where, ignore_cleanup_errors=True)
    for index in range(3):
        open(os.path.join(td.name, f"f{index}"), "w").close()
    stuck = os.path.join(td.name, "stuck")
    os.mkdir(stuck)
    open(os.path.join(stuck, "x"), "w").close()
    os.chmod(stuck, 0o555)
    # Give the sub-directory away: without CAP_FOWNER we may no longer change its mode,
    # and without CAP_DAC_OVERRIDE we may not empty it.  (CAP_CHOWN is kept.)
    os.chown(stuck, 65534, 65534)
    error = None
    try:
        td.cleanup()
    except Exception as exc:
        error = repr(exc)
    return [error, sorted(os.listdir(td.name)) if os.path.isdir(td.name) else None]


_KEPT_UNTIL_EXIT: List[Any] = []  # alive until the interpreter shuts down, as a module global would be


@judged_at_exit
def block_removal_at_exit(tf: Any, where: str) -> str:
    """A TemporaryDirectory whose tree is replaced by a file, kept alive until this process exits."""
    keep = tf.TemporaryDirectory(dir=where)
    os.rmdir(keep.name)
    open(keep.name, "w").close()  # a file where the tree was: its removal at exit must fail
    _KEPT_UNTIL_EXIT.append(keep)
    return keep.name


def clean_locked_tree(tf: Any, where: str) -> Dict[str, Any]:
    """cleanup() of a tree holding a mode-0 directory: the deprecation warnings seen, and whether it went."""
    td = tf.TemporaryDirectory(dir=where)
    locked = os.path.join(td.name, "locked")
    os.mkdir(locked)
    open(os.path.join(locked, "f"), "w").close()
    os.chmod(locked, 0)  # without DAC overrides, cleanup must repair this before removing it
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        td.cleanup()
    return {"warnings": [w.category.__name__ + ": " + str(w.message) for w in caught
                         if issubclass(w.category, DeprecationWarning)],
            "removed": not os.path.lexists(td.name)}


def clean_refused_file(tf: Any, where: str) -> Optional[str]:
    """cleanup() of a tree whose files the system refuses to remove: the exception's name, or None.

    The file sits in a 0o500 directory, so the first refusal is the mode's and
    cleanup repairs it; Landlock then refuses the retried unlink as well.
    """
    from conformance.harness import landlock

    td = tf.TemporaryDirectory(dir=where)
    inner = os.path.join(td.name, "inner")
    os.mkdir(inner)
    _write(os.path.join(inner, "refused"), 0o600)
    os.chmod(inner, 0o500)
    try:
        landlock.forbid_file_removal()
    except OSError as exc:
        return f"no-landlock: {exc}"
    try:
        td.cleanup()
    except Exception as exc:
        return type(exc).__name__
    return None
