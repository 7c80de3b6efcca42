"""``python -m conformance matrix``: every interpreter and real implementation, judged in one command.

Finds the targets this machine offers (:mod:`.discover`), runs the suite
against each in its own process (:mod:`.run`), combines the results
(:mod:`.model`) and renders one table (:mod:`.render`).

Exit status: 0 when every departure of every target is explained by its
expectation file; 1 when anything is unexplained or a target could not run;
2 for a usage error.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import List, Sequence

from conformance import cli_common
from conformance.cli_common import Parser, UsageError, positive_int, write_output
from conformance.interpreters import cache_root
from conformance.matrix import discover, model, render, run
from conformance.matrix.discover import MatrixTarget

PROG = f"{cli_common.PROG} matrix"
DEFAULT_JOBS = 2  # the machines this runs on have two cores


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog=PROG, description="Run the conformance suite against every target found "
                                            "and show one clause-by-target table.")
    parser.add_argument("--targets", action="append", default=[], metavar="KEYS",
                        help="only these columns (comma-separated keys; see --list-targets; repeatable)")
    parser.add_argument("--list-targets", action="store_true", help="print the targets found and exit")
    parser.add_argument("--format", choices=render.FORMATS, default="text",
                        help="output format (default text)")
    parser.add_argument("--output", metavar="FILE", help="write the rendering to FILE instead of stdout")
    parser.add_argument("--output-dir", metavar="DIR",
                        help="also write DIR/matrix.json and DIR/matrix.html (for publishing)")
    parser.add_argument("--jobs", type=positive_int, default=DEFAULT_JOBS, metavar="N",
                        help=f"run N targets at once (default {DEFAULT_JOBS})")
    parser.add_argument("--no-path", action="store_true",
                        help="do not look for interpreters on PATH (pyenv and the host only)")
    return parser


def select(found: Sequence[MatrixTarget], wanted: Sequence[str]) -> List[MatrixTarget]:
    """The columns named in ``--targets`` (all when none), in discovery order."""
    keys = [k.strip() for group in wanted for k in group.split(",") if k.strip()]
    if not keys:
        return list(found)
    known = {t.key for t in found}
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise UsageError(f"unknown target(s) {', '.join(unknown)}; found: {', '.join(sorted(known))}")
    return [t for t in found if t.key in keys]


class Progress:
    """One line per event on stderr, safe from several worker threads."""

    def __init__(self, total: int, stream=None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.lock = threading.Lock()
        self.started = time.monotonic()

    def say(self, text: str) -> None:
        with self.lock:
            self.stream.write(f"[matrix {time.monotonic() - self.started:6.1f}s] {text}\n")
            self.stream.flush()

    def finished(self, result: run.ColumnResult) -> None:
        with self.lock:
            self.done += 1
            done = self.done
        if result.document is None:
            outcome = f"DID NOT RUN: {result.error}"
        else:
            summary = model.column_summary(result.document)["statuses"]
            outcome = ", ".join(f"{n} {s}" for s, n in summary.items() if n)  # type: ignore[union-attr]
        self.say(f"({done}/{self.total}) {result.target.key} in {result.duration:.1f}s: {outcome}")


def run_columns(targets: Sequence[MatrixTarget], jobs: int,
                progress: Progress) -> List[run.ColumnResult]:
    """Run every column, ``jobs`` at a time; results in column order."""
    root = cache_root()

    def one(target: MatrixTarget) -> run.ColumnResult:
        progress.say(f"{target.key}: running {target.label}")
        result = run.run_column(target, root, progress.say)
        progress.finished(result)
        return result

    # Slowest first, so quick columns fill the gaps instead of leaving a long tail: by
    # the last run's durations when known, else other interpreters and adapters first
    # (they build venvs and install packages on a cold run).
    last = run.load_durations(root)
    order = sorted(range(len(targets)), key=lambda i: (
        -last.get(targets[i].key, 0.0), targets[i].python is None and not targets[i].requirements, i))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {i: pool.submit(one, targets[i]) for i in order}
        results = [futures[i].result() for i in range(len(targets))]
    run.save_durations(root, {r.target.key: r.duration for r in results if r.document})
    return results


def combine(results: Sequence[run.ColumnResult], duration: float) -> dict:
    """The combined matrix document."""
    columns = [{
        "key": r.target.key, "short": r.target.short, "label": r.target.label, "family": r.target.family,
        "target": r.target.target, "python": r.target.python, "version": r.target.version,
        "document": r.document, "error": r.error, "duration": r.duration, "notes": r.notes,
    } for r in results]
    generated = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return model.build_matrix(columns, generated, discover.host_description(), duration)


def make_output_dir(path: str) -> None:
    """Create ``--output-dir`` before any column runs, so a bad folder fails at once."""
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {path!r}: {exc.strerror}") from None


def main(argv: List[str]) -> int:
    """Entry point for ``python -m conformance matrix ARGS``."""
    try:
        args = build_parser().parse_args(argv)
        found = discover.discover(include_path=not args.no_path)
        if args.list_targets:
            write_output("".join(t.describe() + "\n" for t in found), args.output)
            return 0
        targets = select(found, args.targets)
        if args.output_dir:
            make_output_dir(args.output_dir)
        progress = Progress(len(targets))
        progress.say(f"{len(targets)} target(s), {args.jobs} at a time: {', '.join(t.key for t in targets)}")
        started = time.monotonic()
        results = run_columns(targets, args.jobs, progress)
        matrix = combine(results, time.monotonic() - started)
        if args.output_dir:
            try:
                os.makedirs(args.output_dir, exist_ok=True)
            except OSError as exc:
                raise UsageError(f"cannot create {args.output_dir!r}: {exc.strerror}") from None
            write_output(render.render_json(matrix), os.path.join(args.output_dir, "matrix.json"))
            write_output(render.render_html(matrix), os.path.join(args.output_dir, "matrix.html"))
            progress.say(f"wrote {args.output_dir}/matrix.json and {args.output_dir}/matrix.html")
        write_output(render.render(matrix, args.format), args.output)
        status = model.exit_status(matrix)
        verdict = f"{len(matrix['unexplained'])} unexplained" if status else "every departure explained"
        progress.say(f"done in {matrix['duration']:.1f}s: {verdict}")
        return status
    except UsageError as exc:
        sys.stderr.write(f"{PROG}: error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write(f"{PROG}: interrupted\n")
        return 130
