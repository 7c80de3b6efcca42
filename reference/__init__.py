"""tempfile, rebuilt from its documentation: an annotated reference implementation.

``import reference as tempfile`` is a drop-in for the standard module.  The
chapters, in the order a reader should take them (each builds on the ones
before):

1. ``platform_rules`` -- open flags and retryable errors, per platform.
2. ``names``          -- unpredictable name parts; the name-injection hook.
3. ``location``       -- the default directory and prefix; str or bytes names.
4. ``creation``       -- the retry loop; mkstemp, mkdtemp, mktemp.
5. ``named``          -- NamedTemporaryFile and its deletion rule.
6. ``temporaryfile``  -- TemporaryFile, and which one a platform gets.
7. ``delegating``     -- a file object whose storage may be swapped.
8. ``spooled``        -- SpooledTemporaryFile.
9. ``directory``      -- TemporaryDirectory and tree removal.

``compat`` holds every portability shim (older Pythons, other OSes); read it
when a chapter points there.

Name injection (for tests): ``reference.inject_names(names)`` is a context
manager; while it is active, every creating call (mkstemp, mkdtemp, mktemp,
NamedTemporaryFile, TemporaryDirectory, and TemporaryFile's fallback) takes
the random part of each candidate name from the iterable ``names``, one per
attempt, and draws random parts again once ``names`` is exhausted::

    with reference.inject_names(["taken", "free"]):
        fd, path = reference.mkstemp(dir=d)   # ".../tmpfree" if d/tmptaken exists

Random parts are 8 characters from ``a-z0-9_``, drawn from os.urandom (see
``names``).  The hook is declared to the conformance suite through
``__conformance_capabilities__``.

Comments cite the spec's clauses (spec/clauses/*.toml) by id in square
brackets, at the line that implements them, e.g. ``[mkstemp.mode.owner-only]``.
"""

# Imported under private names, as the standard module does, so that `os`
# and `Any` do not show up as public attributes of the package.  (No
# `from __future__ import annotations` here for the same reason: it binds
# the name `annotations`.)  The public extras are the chapters' submodules
# and inject_names.
import os as _os
from typing import Any as _Any

from .creation import mkdtemp, mkstemp, mktemp
from .directory import TemporaryDirectory
from .location import gettempdir, gettempdirb, gettempprefix, gettempprefixb
from .named import NamedTemporaryFile
from .names import inject_names
from .spooled import SpooledTemporaryFile
from .temporaryfile import TemporaryFile  # the platform's choice: see the end of that chapter

# The documented names plus TMP_MAX; `template` is reachable but not star-exported.
__all__ = [  # [module.names.documented-public] [module.names.all-extras]
    "NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile", "TemporaryDirectory",
    "mkstemp", "mkdtemp", "mktemp", "TMP_MAX", "gettempprefix", "tempdir", "gettempdir",
    "gettempprefixb", "gettempdirb",
]

# ---------------------------------------------------------------------------
# Settings: read by every call at call time, so user assignments take effect
# ---------------------------------------------------------------------------

# These three are plain attributes of this package, and the chapters read them
# through location.package() on every call.  So `reference.tempdir = "/x"`,
# `reference.TMP_MAX = 5` and `reference.template = "app-"` behave as they do
# for the standard module.  The docs discourage setting tempdir (pass dir=
# instead: a global setting surprises every other user of the module), but
# support it, so we do too.

# How many names a creating call tries before giving up: the C library's
# figure where the os module exposes one, else 10000.  In C, TMP_MAX is the
# number of distinct names tmpnam() promises (glibc's 238328 is 62**3); here
# it only bounds the retry loop, which in practice ends at the first or
# second attempt.
TMP_MAX: int = getattr(_os, "TMP_MAX", 10000)  # [module.tmp-max.positive-int]

# The default prefix that gettempprefix() reports.
template: str = "tmp"  # [module.template.default-prefix]

# None until the first call that needs a default directory searches for one;
# a user may set it (str or bytes) to skip the search.
tempdir: _Any = None  # [tempdir.initial.none] [tempdir.override.default-dir]

# The conformance suite's capability contract (conformance/targets.py).
__conformance_capabilities__ = {"name-injection": inject_names}
