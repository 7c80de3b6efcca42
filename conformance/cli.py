"""The command line: ``python -m conformance [--target T] [--list-clauses] ...``.

``python -m conformance matrix ...`` hands over to :func:`conformance.matrix.cli.main`.

Exit status: 0 a clean run; 1 an unexpected result in the core tier (a failure,
error, unexpected pass or untested clause not listed in the expectations) or a
broken session; 2 a usage error or a target that cannot be loaded (one line on
stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import List, Optional, Tuple

from conformance import __version__, report, results
from conformance.cli_common import PROG, Parser, UsageError, check_writable, positive_int, write_output
from conformance.expectations import ExpectationError
from conformance.listing import LISTING_FORMATS, render_listing
from conformance.session import SelectionError, clause_selected
from conformance.target import TargetError
from conformance.targets import judged_version
from conformance.vocabulary import RESULT_SCHEMA
from spec import SpecError, load_catalogue


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
                        help="only clauses whose id matches PATTERN (fnmatch), or the clauses of an "
                             "API named PATTERN (e.g. mkstemp); repeatable")
    parser.add_argument("--list-clauses", action="store_true",
                        help="print the clause catalogue and exit")
    parser.add_argument("--format", default="text", choices=report.FORMATS, help="output format")
    parser.add_argument("--output", metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument("--jobs", type=positive_int, metavar="N",
                        help="split the test modules over N processes (same verdicts, less wall time)")
    parser.add_argument("--shard", help=argparse.SUPPRESS)  # internal: the test files of one --jobs shard
    expect = parser.add_mutually_exclusive_group()
    expect.add_argument("--expectations", metavar="FILE",
                        help="use this expectation file instead of the automatic choice (a "
                             "MODULE.conformance.toml next to a module target, else a built-in one)")
    expect.add_argument("--no-expectations", action="store_true",
                        help="ignore expectation files: every departure counts")
    parser.add_argument("--python", metavar="SPEC",
                        help="run the suite under another interpreter: 3.9, pypy3, /path/to/python, "
                             "or KIND:REST (pyenv:3.12, uv:3.14, debian:forky/3.14, which:pypy3, "
                             "path:FILE, host)")
    parser.add_argument("--no-sandbox", action="store_true",
                        help="run a module or path target, or a --python interpreter, without the "
                             "sandbox (only for code you trust)")
    parser.add_argument("--version", action="version",
                        version=f"{PROG} {__version__} (result schema {RESULT_SCHEMA})")
    talk = parser.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_true", help="report only problems")
    talk.add_argument("-v", "--verbose", action="count", default=0, help="show every test")
    return parser


def list_clauses(fmt: str, patterns: List[str], output: Optional[str]) -> int:
    """Print the catalogue (or the clauses matching ``patterns``)."""
    if fmt not in LISTING_FORMATS:
        raise UsageError(f"--list-clauses supports --format {', '.join(LISTING_FORMATS)}")
    chosen = [c for c in load_catalogue() if clause_selected(c, patterns)]
    if patterns and not chosen:
        raise UsageError(f"--clause {' '.join(patterns)} matches no clause id or API name")
    write_output(render_listing(chosen, fmt), output)
    return 0


def _use_colour(output: Optional[str]) -> bool:
    return output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _run(args: argparse.Namespace) -> int:
    if args.as_version:
        judged_version(args.as_version)  # a bad value is a usage error before anything runs
    if args.output:
        check_writable(args.output)  # not after a run of minutes
    from conformance import runner  # here, so that usage errors come before pytest is imported

    options = runner.RunOptions(
        target=args.target, as_version=args.as_version, patterns=list(args.clause),
        jobs=args.jobs, expectations=args.expectations,
        use_expectations=not args.no_expectations, sandbox=not args.no_sandbox,
        test_files=args.shard.split(os.pathsep) if args.shard else [])
    if args.python:
        from conformance import interpreters

        document = interpreters.run_elsewhere(args.python, runner.child_arguments(options, whole_run=True))
    else:
        document = runner.run(options)
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


def _one_line_errors() -> Tuple[type, ...]:
    """The errors told to the user in one line.  The interpreter layer's own is among them only
    once that layer is loaded: a run without ``--python`` never loads it (nor pays for importing it)."""
    from conformance.runner import RunnerError

    interpreters = sys.modules.get("conformance.interpreters")
    loaded = (interpreters.InterpreterError,) if interpreters is not None else ()
    return (UsageError, SpecError, TargetError, ExpectationError, SelectionError, RunnerError) + loaded


def main(argv: Optional[List[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["matrix"]:  # python -m conformance matrix ...: every implementation at once
        from conformance.matrix.cli import main as matrix_main

        return matrix_main(argv[1:])
    try:
        args = build_parser().parse_args(argv)
        if args.list_clauses:
            return list_clauses(args.format, list(args.clause), args.output)
        return _run(args)
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except Exception as exc:
        if isinstance(exc, _one_line_errors()):
            sys.stderr.write(f"{PROG}: error: {exc}\n")
            return 2
        if os.environ.get("CONFORMANCE_DEBUG"):  # never a traceback for the user otherwise
            raise
        sys.stderr.write(f"{PROG}: error: internal error: {type(exc).__name__}: {exc} "
                         "(set CONFORMANCE_DEBUG=1 for the traceback)\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write(f"{PROG}: interrupted\n")
        return 130
