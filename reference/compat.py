"""Portability shims: what older Pythons or other operating systems lack, in one place.

Each name here is the real facility where it exists and a stand-in elsewhere,
so the chapters can call one spelling on every supported Python (3.9 up) and
OS.  Nothing here is specific to temporary files; read it when a chapter
points here.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import sys
from typing import Any, Callable, Optional

OnExc = Callable[[Callable[..., Any], Any, BaseException], None]

# ---------------------------------------------------------------------------
# io.text_encoding (3.10+)
# ---------------------------------------------------------------------------


def _keep_encoding(encoding: Optional[str], stacklevel: int = 2) -> Optional[str]:
    """Stand-in for io.text_encoding on 3.9, which has no EncodingWarning to emit."""
    return encoding


# io.text_encoding turns None into "locale" and, under -X warn_default_encoding,
# warns the *caller* that no encoding was chosen.  The stacklevel passed to it
# points the warning at the user's line, not ours: a warning that blames the
# library gets ignored.
text_encoding: Callable[..., Optional[str]] = getattr(io, "text_encoding", _keep_encoding)

# ---------------------------------------------------------------------------
# BSD file flags (os.chflags)
# ---------------------------------------------------------------------------


def _no_file_flags(path: Any, flags: int) -> None:
    """Linux and Windows have no BSD file flags (immutable, append-only) to clear."""


set_file_flags: Callable[[Any, int], None] = getattr(os, "chflags", _no_file_flags)

# ---------------------------------------------------------------------------
# os.path.isjunction (3.12+)
# ---------------------------------------------------------------------------

# Windows' documented value; the stat module defines the name on Windows only.
_MOUNT_POINT_TAG = getattr(stat, "IO_REPARSE_TAG_MOUNT_POINT", 0xA0000003)


def _junction_by_reparse_tag(path: Any) -> bool:
    """os.path.isjunction for Pythons before 3.12: Windows tags junctions in lstat()."""
    # A junction is Windows' directory link.  Cleanup must treat it like a
    # symlink (remove the link, never descend into its target), so it needs
    # recognising on 3.9-3.11 too.  Off Windows, st_reparse_tag does not
    # exist and nothing is a junction.
    try:
        tag = os.lstat(path).st_reparse_tag
    except (OSError, ValueError, AttributeError):
        return False
    return tag == _MOUNT_POINT_TAG


is_junction: Callable[[Any], bool] = getattr(os.path, "isjunction", _junction_by_reparse_tag)

# ---------------------------------------------------------------------------
# shutil.rmtree's error handler: onexc (3.12+) or onerror
# ---------------------------------------------------------------------------

RMTREE_HAS_ONEXC = sys.version_info >= (3, 12)


def rmtree_with_onexc(path: Any, onexc: OnExc, rmtree: Callable[..., None] = shutil.rmtree,
                      has_onexc: bool = RMTREE_HAS_ONEXC) -> None:
    """shutil.rmtree(path, onexc=onexc), also where only ``onerror`` exists (< 3.12)."""
    # 3.12 replaced rmtree's `onerror` (handed sys.exc_info()) by `onexc`
    # (handed the exception) and deprecated the old one.  Both call the handler
    # at the same moments, so the handler is written once, for onexc, and
    # adapted here.  `rmtree` and `has_onexc` are parameters so that tests
    # can drive both branches on any interpreter.
    if has_onexc:  # the new name, so 3.12+ warns of nothing [cleanup.callback.no-deprecation-warning]
        rmtree(path, onexc=onexc)
    else:
        # onerror received sys.exc_info(); the exception is its second item.
        rmtree(path, onerror=lambda func, where, info: onexc(func, where, info[1]))
