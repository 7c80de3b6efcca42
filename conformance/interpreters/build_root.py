"""``python -m conformance.interpreters.build_root [--suite S] [--rebuild]``: build the cached Debian root.

Progress goes to stderr and the root's path to stdout; when debootstrap, bwrap
or the mirror is missing the command exits 2 with one line.  Kept apart from
:mod:`.debian_root` so that ``-m`` runs a module the package has not imported.
"""

from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

from conformance.interpreters.base import InterpreterError
from conformance.interpreters.debian_root import DEFAULT_SUITE, build_root

PROG = "python -m conformance.interpreters.build_root"


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Build a root; 0 and its path on success, 2 and one line on stderr when it cannot be built."""
    parser = argparse.ArgumentParser(prog=PROG, description="Build (or rebuild) the cached Debian root.")
    parser.add_argument("--suite", default=DEFAULT_SUITE, help=f"Debian suite (default {DEFAULT_SUITE})")
    parser.add_argument("--rebuild", action="store_true", help="replace a root that is already built")
    args = parser.parse_args(argv)
    try:
        root = build_root(args.suite, rebuild=args.rebuild)
    except InterpreterError as exc:
        sys.stderr.write(f"{PROG}: error: {exc}\n")
        return 2
    sys.stdout.write(f"{root}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
