"""The command line: ``python -m conformance [--target T] [--list-clauses] ...``.

``python -m conformance matrix ...`` hands over to :func:`conformance.matrix.cli.main`.

Exit status: 0 a clean run; 1 an unexpected result in the core tier (a failure,
error, unexpected pass or untested clause not listed in the expectations) or a
broken session; 2 a usage error or a target that cannot be loaded (one line on
stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import List, Optional, TextIO

from conformance import report, results, sandbox
from conformance.cli_common import PROG, Parser, UsageError, positive_int, write_output
from conformance.expectations import ExpectationError
from conformance.session import SelectionError, matches
from conformance.target import TargetError, looks_like_path
from spec import SpecError, load_catalogue, parse_version


def build_parser() -> argparse.ArgumentParser:
    """The parser of a run (the ``matrix`` subcommand has its own)."""
    parser = Parser(prog=PROG,
                     description="Judge an implementation of the tempfile API clause by clause.",
                     epilog="exit status: 0 clean run; 1 an unexpected fail, error, pass or untested "
                            "clause in the core tier (must/should), or a broken session; 2 usage "
                            "error or a target that cannot be loaded.  'python -m conformance "
                            "matrix --help' judges every implementation found at once.")
    parser.add_argument("--target", default="stdlib", metavar="T",
                        help="stdlib (default), reference, a module name, a path/to/module.py, "
                             "or adapter:NAME")
    parser.add_argument("--as-version", metavar="X.Y",
                        help="judge against this Python version's documented behaviour "
                             "(default: the interpreter's for stdlib, 3.14 otherwise)")
    parser.add_argument("--clause", action="append", default=[], metavar="PATTERN",
                        help="only clauses whose id matches PATTERN (fnmatch; repeatable)")
    parser.add_argument("--list-clauses", action="store_true",
                        help="print the clause catalogue and exit")
    parser.add_argument("--format", default="text", choices=report.FORMATS, help="output format")
    parser.add_argument("--output", metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument("--jobs", type=positive_int, metavar="N",
                        help="split the test modules over N processes (same verdicts, less wall time)")
    parser.add_argument("--shard", help=argparse.SUPPRESS)  # internal: the test files of one --jobs shard
    expect = parser.add_mutually_exclusive_group()
    expect.add_argument("--expectations", metavar="FILE",
                        help="use this expectation file instead of the automatic choice")
    expect.add_argument("--no-expectations", action="store_true",
                        help="ignore expectation files: every departure counts")
    parser.add_argument("--python", metavar="PATH_OR_VERSION",
                        help="run the suite under another interpreter (3.9, pypy3, /path/to/python, "
                             "debian:forky/3.14) in a cached virtual environment")
    parser.add_argument("--no-sandbox", action="store_true",
                        help="run a module or path target, or a --python interpreter, without the "
                             "kernel sandbox (bwrap); the audit guard still watches")
    talk = parser.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_true", help="report only problems")
    talk.add_argument("-v", "--verbose", action="count", default=0, help="show every test")
    return parser


def list_clauses(fmt: str, patterns: List[str], out: TextIO) -> int:
    """Print the catalogue (or the clauses matching ``patterns``)."""
    if fmt not in ("text", "json"):
        raise UsageError("--list-clauses supports --format text or json")
    chosen = [c for c in load_catalogue() if matches((c.id,), patterns)]
    if patterns and not chosen:
        raise UsageError(f"--clause {' '.join(patterns)} matches no clause id")
    if fmt == "json":
        json.dump([c.as_dict() for c in chosen], out, indent=2)
        out.write("\n")
        return 0
    for c in chosen:
        span = c.since + ("-" + c.until if c.until else "+")
        out.write(f"{c.id:<48} {c.level:<11} {c.kind:<10} {','.join(c.platforms):<8} {span}\n")
    return 0


def _use_colour(output: Optional[str]) -> bool:
    return output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _child_arguments(args: argparse.Namespace) -> List[str]:
    """The command line for the same run under another interpreter (JSON out)."""
    argv = ["--target", args.target]
    if args.as_version:
        argv += ["--as-version", args.as_version]
    for pattern in args.clause:
        argv += ["--clause", pattern]
    if args.jobs:
        argv += ["--jobs", str(args.jobs)]
    if args.expectations:
        argv += ["--expectations", os.path.abspath(args.expectations)]
    if args.no_expectations:
        argv.append("--no-expectations")
    return argv


def check_as_version(text: str) -> None:
    """A usage error unless ``text`` lies in the catalogue's range (oldest since to newest since/until)."""
    wanted = parse_version(text)
    known = [parse_version(v) for c in load_catalogue() for v in (c.since, c.until) if v]
    if not min(known) <= wanted <= max(known):
        low, high = (f"{v[0]}.{v[1]}" for v in (min(known), max(known)))
        raise UsageError(f"--as-version {text} is outside the versions the catalogue describes "
                         f"({low} to {high})")


def _run(args: argparse.Namespace) -> int:
    if args.as_version:
        check_as_version(args.as_version)  # a bad value is a usage error before anything runs
    if looks_like_path(args.target):
        args.target = os.path.abspath(args.target)
    readable = [os.path.dirname(args.target)] if looks_like_path(args.target) else []
    document = None
    if args.python:
        from conformance import interpreters

        document = interpreters.run_elsewhere(args.python, _child_arguments(args),
                                              sandboxed=not args.no_sandbox)
    elif sandbox.is_foreign(args.target) and not (args.no_sandbox or args.shard):
        document = sandbox.run_confined(_child_arguments(args), readable)
        if document is None:
            sys.stderr.write(f"{PROG}: note: {sandbox.MISSING_NOTE}\n")
    if document is None:
        from conformance import runner

        document = runner.run(runner.RunOptions(
            target=args.target, as_version=args.as_version, patterns=list(args.clause),
            jobs=args.jobs, expectations=args.expectations,
            use_expectations=not args.no_expectations,
            test_files=args.shard.split(os.pathsep) if args.shard else []))
        document.setdefault("sandbox", sandbox.AUDIT_GUARD_ONLY)
    verbosity = -1 if args.quiet else args.verbose
    write_output(report.render(document, args.format, verbosity, _use_colour(args.output)), args.output)
    return results.exit_status(document)


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the exit flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def main(argv: Optional[List[str]] = None) -> int:
    from conformance.interpreters import InterpreterError
    from conformance.runner import RunnerError

    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["matrix"]:  # python -m conformance matrix ...: every implementation at once
        from conformance.matrix.cli import main as matrix_main

        return matrix_main(argv[1:])
    try:
        args = build_parser().parse_args(argv)
        if args.list_clauses:
            return list_clauses(args.format, list(args.clause), sys.stdout)
        return _run(args)
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except (UsageError, SpecError, TargetError, ExpectationError, SelectionError, RunnerError,
            InterpreterError, sandbox.ConfinedRunError) as exc:
        sys.stderr.write(f"{PROG}: error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write(f"{PROG}: interrupted\n")
        return 130
    except Exception as exc:  # never a traceback for the user; CONFORMANCE_DEBUG=1 shows it
        if os.environ.get("CONFORMANCE_DEBUG"):
            raise
        sys.stderr.write(f"{PROG}: error: internal error: {type(exc).__name__}: {exc} "
                         "(set CONFORMANCE_DEBUG=1 for the traceback)\n")
        return 2
