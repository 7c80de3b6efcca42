"""The command line: ``python -m conformance [--target T] [--list-clauses] ...``.

Exit status: 0 a clean run, 1 an unexpected result, 2 a usage error (one line
on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import List, Optional

from spec import SpecError, load_catalogue


class UsageError(Exception):
    """Bad command-line input; reported as one line and exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m conformance",
                     description="Judge an implementation of the tempfile API clause by clause.")
    parser.add_argument("--list-clauses", action="store_true",
                        help="print the clause catalogue and exit")
    parser.add_argument("--format", default="text", choices=["text", "json"],
                        help="output format")
    return parser


def list_clauses(fmt: str, out=None) -> int:
    out = out or sys.stdout
    catalogue = load_catalogue()
    if fmt == "json":
        json.dump([c.as_dict() for c in catalogue], out, indent=2)
        out.write("\n")
        return 0
    for c in catalogue:
        span = c.since + ("-" + c.until if c.until else "+")
        out.write(f"{c.id:<48} {c.level:<11} {c.kind:<10} {','.join(c.platforms):<8} {span}\n")
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if args.list_clauses:
            return list_clauses(args.format)
        raise UsageError("nothing to do yet")
    except (UsageError, SpecError) as exc:
        sys.stderr.write(f"python -m conformance: error: {exc}\n")
        return 2
