"""``python -m strength``: mutate the judged interpreter's tempfile.py and measure who notices.

    python -m strength                      # every live mutant of this interpreter's tempfile.py
    python -m strength --python 3.12        # another interpreter's (pyenv version or path)
    python -m strength --sample 30          # a fixed, reproducible subset (what CI runs)
    python -m strength --list               # the mutants only, nothing is run
    python -m strength --page               # rewrite the docs page from the stored results
    python -m strength --check              # exit 1 while a survivor in the results is unclassified

Results go to strength/results/<version>.json; a run resumes where the last
one stopped when the judged file has not changed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, NoReturn, Optional

from .mutate import Mutant, mutants
from .page import PAGE, write_page
from .run import Judges, judge_all, judge_copy
from .sandbox import SandboxUnavailable
from .source import InterpreterNotFound, Judged, judged
from .survivors import figures, load_table

PROG = "python -m strength"
RESULTS = Path(__file__).resolve().parent / "results"
ROOT = Path(__file__).resolve().parent.parent
SCHEMA = "tempfile-conformance-strength/1"


class UsageError(Exception):
    """A bad command line; the message is one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Mutants of the judged tempfile.py, judged by this suite "
                     "and by test_tempfile.")
    parser.add_argument("--python", metavar="VERSION_OR_PATH", help="judge this interpreter's tempfile.py")
    parser.add_argument("--sample", type=int, metavar="N", help="run only N live mutants, a fixed subset")
    parser.add_argument("--only", action="append", default=[], metavar="ID", help="run only this mutant id")
    parser.add_argument("--list", action="store_true", help="list the mutants; run nothing")
    parser.add_argument("--show", action="append", default=[], metavar="ID",
                        help="print the change a mutant makes, in context; run nothing")
    parser.add_argument("--page", action="store_true", help="rewrite the docs page from stored results")
    parser.add_argument("--check", action="store_true", help="fail while a survivor is unclassified")
    parser.add_argument("--no-test-tempfile", action="store_true", help="skip CPython's own suite")
    parser.add_argument("--results", type=Path, help="results file (default: strength/results/VERSION.json)")
    parser.add_argument("--scratch", type=Path, default=Path("/var/tmp/tempfile-strength"),
                        help="the only writable folder of the sandboxed runs")
    return parser


def sample(found: List[Mutant], size: Optional[int]) -> List[Mutant]:
    """The live mutants, or a fixed subset of ``size``: the first by a hash of their ids."""
    live = [m for m in found if m.platform_dead is None]
    if size is None:
        return live
    chosen = sorted(live, key=lambda m: hashlib.sha256(m.id.encode()).hexdigest())[:size]
    return sorted(chosen, key=lambda m: m.start)


def suite_python_for(target: Judged, cache: Path) -> str:
    """An interpreter of the judged version with this project installed (a venv, made once)."""
    if target.minor == ".".join(platform.python_version_tuple()[:2]):
        return sys.executable
    venv = cache / f"venv-{target.version}"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([target.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", str(ROOT)], check=True)
    return str(python)


def _document(target: Judged, found: List[Mutant], path: Path) -> Dict[str, Any]:
    described = {m.id: {"operator": m.operator, "scope": m.scope, "line": m.line,
                        "description": m.description, "platform_dead": m.platform_dead} for m in found}
    if path.exists():
        stored = json.loads(path.read_text())
        if stored.get("tempfile_sha256") == target.digest():
            stored["mutants"] = described  # the same file, so the same ids; the mutator may mark more
            return stored
    return {"schema": SCHEMA, "interpreter": target.version, "tempfile_sha256": target.digest(),
            "mutants": described, "baseline": {}, "results": {}}


def show(source: bytes, mutant: Mutant, context: int = 3) -> str:
    """The lines a mutant changes, before and after, with a few lines around them."""
    before = source.decode().splitlines()
    after = mutant.apply(source).decode().splitlines()
    first = max(mutant.line - 1 - context, 0)
    tail = len(before) - mutant.line - context
    lines = [f"== {mutant.id}"] + [f"   {t}" for t in before[first:mutant.line - 1]]
    changed_before = before[mutant.line - 1:len(before) - tail]
    changed_after = after[mutant.line - 1:len(after) - tail]
    lines += [f" - {t}" for t in changed_before if t not in changed_after]
    lines += [f" + {t}" for t in changed_after if t not in changed_before]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    target = judged(args.python)
    source = target.source()
    found = mutants(source)
    if args.list:
        for m in found:
            print(f"{m.line:5} {m.id}" + (f"  [{m.platform_dead}]" if m.platform_dead else ""))
        return 0
    if args.show:
        for m in found:
            if m.id in args.show:
                print(show(source, m))
        return 0
    path = args.results or RESULTS / f"{target.minor}.json"
    document = _document(target, found, path)
    selected = [m for m in found if m.id in set(args.only)] if args.only else sample(found, args.sample)

    def save() -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")

    args.scratch.mkdir(parents=True, exist_ok=True)
    judges = Judges(suite_python_for(target, args.scratch), target.executable, target.minor,
                    with_test_tempfile=not args.no_test_tempfile)
    started = time.monotonic()
    baseline, verdict = judge_copy(judges, args.scratch / "copy", source)
    document["baseline"] = {**baseline.as_dict(), "seconds": round(verdict.seconds, 1)}
    save()
    dead = sum(1 for m in found if m.platform_dead)
    print(f"{PROG}: {len(found)} mutants of {target.tempfile_path} ({target.version}), "
          f"{dead} never run here; judging {len(selected)}", file=sys.stderr)
    judge_all(judges, args.scratch, source, selected, document["results"], baseline, save,
              lambda line: print(line, file=sys.stderr, flush=True))
    shutil.rmtree(args.scratch / "copy", ignore_errors=True)
    numbers = figures(document, load_table())
    print(f"this suite killed {numbers['suite_killed']}/{numbers['live_run']} ({numbers['suite_rate']:.0%}), "
          f"test_tempfile {numbers['stdlib_killed']}/{numbers['stdlib_run']} ({numbers['stdlib_rate']:.0%}), "
          f"{len(numbers['classes']['unclassified'])} survivors unclassified, "
          f"{time.monotonic() - started:.0f} s")
    return 0


def check(results: Optional[Path]) -> int:
    """Every survivor of the given run (default: every stored run) has a row in the table."""
    table = load_table()
    missing = []
    for path in [results] if results else sorted(RESULTS.glob("*.json")):
        unclassified = figures(json.loads(path.read_text()), table)["classes"]["unclassified"]
        missing += [f"{path.stem}: {mutant_id}" for mutant_id in unclassified]
    for line in missing:
        print(f"unclassified survivor {line}")
    return 1 if missing else 0


def main(argv: Optional[List[str]] = None) -> int:
    try:
        args = _parser().parse_args(argv)
        if args.sample is not None and args.sample < 1:
            raise UsageError("--sample must be a positive number")
        if args.page:
            write_page(RESULTS, load_table(), PAGE)
            return 0
        if args.check:
            return check(args.results)
        return run(args)
    except (UsageError, InterpreterNotFound, SandboxUnavailable) as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
