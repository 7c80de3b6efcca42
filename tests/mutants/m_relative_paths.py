"""Mutant: A relative dir gives relative paths (the directory is not made absolute).

Must go red: naming.absolute.file-apis-relative-dir, naming.absolute.dir-apis-relative-dir,
mkstemp.returns.absolute-relative-dir, mkdtemp.returns.absolute, mktemp.returns.absolute-relative-
dir, audit.event.absolute-path.
"""


from . import _mutant

BREAKS = (
    "naming.absolute.file-apis-relative-dir",
    "naming.absolute.dir-apis-relative-dir",
    "mkstemp.returns.absolute-relative-dir",
    "mkdtemp.returns.absolute",
    "mktemp.returns.absolute-relative-dir",
    "audit.event.absolute-path",
)

_mutant.install_loop(_mutant.retry_loop(absolute=False))

_mutant.expose(__name__)
