"""Where the suite keeps what it may reuse from run to run: one directory, every cache below it.

The interpreters layer keeps prepared environments, Debian roots and Pyodide
there (see :mod:`conformance.interpreters`).  Nothing here is needed for a
correct run: every cache can be deleted at any time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping, Optional


def cache_root(environ: Optional[Mapping[str, str]] = None) -> Path:
    """$CONFORMANCE_CACHE, else $XDG_CACHE_HOME/tempfile-conformance, else ~/.cache/...: every cache."""
    env = os.environ if environ is None else environ
    if env.get("CONFORMANCE_CACHE"):
        return Path(env["CONFORMANCE_CACHE"])
    home = env.get("HOME") or os.path.expanduser("~")  # the environment's home, not necessarily ours
    base = env.get("XDG_CACHE_HOME") or os.path.join(home, ".cache")
    return Path(base) / "tempfile-conformance"
