"""Benchmark: the reference implementation against the running interpreter's tempfile.

usage: python3 benchmarks/bench_reference.py [--rounds N] [--quick] [--only TEXT]

For each operation, rounds alternate between the two implementations (and
alternate which goes first), each timing a batch of calls; the ratio of the
two batch times is taken per round and the median ratio is reported, so slow
moments of a shared machine hit both sides alike.  Set-up and clean-up that
are not the operation itself run outside the timed region.  Everything is
created in one scratch directory, removed at the end.

Goal: every ratio (reference / stdlib) within 1.2.  This is a measurement, not
a test: nothing here fails on a slow result.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Callable, Dict, List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import reference  # noqa: E402

Timed = Callable[[ModuleType, str], float]  # (module, scratch dir) -> seconds for one batch


def batch_mkstemp(mod: ModuleType, where: str, n: int = 200) -> float:
    """n mkstemp calls; closing and removal happen after the clock stops."""
    start = time.perf_counter()
    made = [mod.mkstemp(dir=where) for _ in range(n)]
    elapsed = time.perf_counter() - start
    for fd, path in made:
        os.close(fd)
        os.unlink(path)
    return elapsed


def batch_mkdtemp(mod: ModuleType, where: str, n: int = 200) -> float:
    """n mkdtemp calls; rmdir after the clock stops."""
    start = time.perf_counter()
    made = [mod.mkdtemp(dir=where) for _ in range(n)]
    elapsed = time.perf_counter() - start
    for path in made:
        os.rmdir(path)
    return elapsed


def batch_named(mod: ModuleType, where: str, n: int = 200) -> float:
    """n NamedTemporaryFile create + write + close (close removes the file)."""
    start = time.perf_counter()
    for _ in range(n):
        with mod.NamedTemporaryFile(dir=where) as f:
            f.write(b"x")
    return time.perf_counter() - start


def batch_temporary(mod: ModuleType, where: str, n: int = 200) -> float:
    """n TemporaryFile create + write + close."""
    start = time.perf_counter()
    for _ in range(n):
        with mod.TemporaryFile(dir=where) as f:
            f.write(b"x")
    return time.perf_counter() - start


CHUNK = b"s" * 1024


def batch_spooled(mod: ModuleType, where: str, n: int = 20) -> float:
    """n SpooledTemporaryFile(64 KiB) objects, each written 128 x 1 KiB (rolls over half-way)."""
    start = time.perf_counter()
    for _ in range(n):
        with mod.SpooledTemporaryFile(max_size=64 * 1024, dir=where) as f:
            for _ in range(128):
                f.write(CHUNK)
    return time.perf_counter() - start


def batch_tree_cleanup(mod: ModuleType, where: str, files: int = 1000) -> float:
    """TemporaryDirectory.cleanup() of a tree of `files` files in 10 sub-directories."""
    holder = mod.TemporaryDirectory(dir=where)
    for d in range(10):
        sub = os.path.join(holder.name, f"d{d}")
        os.mkdir(sub)
        for i in range(files // 10):
            with open(os.path.join(sub, f"f{i}"), "wb"):
                pass
    start = time.perf_counter()
    holder.cleanup()
    return time.perf_counter() - start


OPERATIONS: List[Tuple[str, Timed]] = [
    ("mkstemp", batch_mkstemp),
    ("mkdtemp", batch_mkdtemp),
    ("NamedTemporaryFile", batch_named),
    ("TemporaryFile", batch_temporary),
    ("SpooledTemporaryFile rollover", batch_spooled),
    ("TemporaryDirectory cleanup 1000", batch_tree_cleanup),
]


def measure(timed: Timed, where: str, rounds: int) -> Dict[str, float]:
    """Median batch times of both sides and the median of per-round ratios."""
    times: Dict[str, List[float]] = {"stdlib": [], "reference": []}
    ratios = []
    timed(tempfile, where)  # warm-up: imports, caches, the directory's inode
    timed(reference, where)
    for index in range(rounds):
        order = [("stdlib", tempfile), ("reference", reference)]
        if index % 2:
            order.reverse()
        this_round = {label: timed(mod, where) for label, mod in order}
        for label, value in this_round.items():
            times[label].append(value)
        ratios.append(this_round["reference"] / this_round["stdlib"])
    return {"stdlib": statistics.median(times["stdlib"]),
            "reference": statistics.median(times["reference"]),
            "ratio": statistics.median(ratios)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--quick", action="store_true", help="5 rounds, for a smoke run")
    parser.add_argument("--only", action="append", default=[],
                        help="run only operations whose label contains this text (repeatable)")
    args = parser.parse_args()
    rounds = 5 if args.quick else args.rounds
    scratch = tempfile.mkdtemp(prefix="bench-reference-")
    print(f"{sys.implementation.name} {sys.version.split()[0]}, {rounds} interleaved rounds, "
          f"median of per-round ratios")
    print(f"{'operation':<33} {'stdlib':>11} {'reference':>11} {'ratio':>7}")
    try:
        for label, timed in OPERATIONS:
            if args.only and not any(text in label for text in args.only):
                continue
            result = measure(timed, scratch, rounds)
            print(f"{label:<33} {result['stdlib'] * 1e3:>9.2f}ms {result['reference'] * 1e3:>9.2f}ms "
                  f"{result['ratio']:>7.3f}")
    finally:
        shutil.rmtree(scratch)
    print("(times are per batch: 200 calls, 20 spooled objects, or one 1,000-file cleanup)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
