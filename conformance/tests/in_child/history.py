"""Checks of test_history that need a process of their own (interpreter exit, dropped privileges)."""

from __future__ import annotations

import os
import warnings
from typing import Any, Dict


def leave_blocked_tree(tf: Any, scratch: str) -> str:
    """A TemporaryDirectory whose removal at interpreter exit must fail: a file stands where the tree was."""
    keep = tf.TemporaryDirectory(dir=scratch)
    os.rmdir(keep.name)
    open(keep.name, "w").close()
    leave_blocked_tree.kept = keep  # type: ignore[attr-defined]  # alive until the interpreter exits
    return keep.name


def clean_locked_tree(tf: Any, scratch: str) -> Dict[str, Any]:
    """cleanup() of a tree with a mode-0 directory: the DeprecationWarnings it raised, and whether it went."""
    holder = tf.TemporaryDirectory(dir=scratch)
    locked = os.path.join(holder.name, "locked")
    os.mkdir(locked)
    open(os.path.join(locked, "f"), "w").close()
    os.chmod(locked, 0)  # without DAC overrides, cleanup must repair this before removing it
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        holder.cleanup()
    deprecations = [w for w in caught if issubclass(w.category, DeprecationWarning)]
    found = [f"{w.category.__name__}: {w.message}" for w in deprecations]
    return {"warnings": found, "removed": not os.path.lexists(holder.name)}
