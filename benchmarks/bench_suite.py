"""Wall time of our suite against CPython's own tempfile tests, on one interpreter.

usage: python3 benchmarks/bench_suite.py [--python EXE] [--repeat N] [--json]

Runs, alternately and N times each (default 3), in fresh processes:

  ours:    EXE -m conformance --target stdlib --format json --output <scratch>
  cpython: EXE -m test test_tempfile

and prints the median wall time of each, their ratio (ours / cpython), the
clause and test counts of our run, and the CPU time both used.  Alternating
the runs spreads the noise of a shared machine over both sides evenly.  The
goal for our default run is under 15 s wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 15.0


def timed(command: List[str], env: Dict[str, str]) -> Tuple[float, float, int]:
    """Wall seconds, child CPU seconds and exit status of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          stdin=subprocess.DEVNULL, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable, help="interpreter to measure")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    output = ROOT / "reports" / "bench_suite_result.json"
    output.parent.mkdir(exist_ok=True)
    ours_cmd = [args.python, "-m", "conformance", "--target", "stdlib", "--format", "json",
                "--output", str(output)]
    theirs_cmd = [args.python, "-m", "test", "test_tempfile"]
    ours, theirs = [], []
    for _ in range(args.repeat):
        ours.append(timed(ours_cmd, env))
        theirs.append(timed(theirs_cmd, env))
    document = json.loads(output.read_text())
    tests = {t["nodeid"] for c in document["clauses"] for t in c["tests"]}
    figures = {
        "interpreter": document["interpreter"],
        "repeat": args.repeat,
        "ours_wall_median_s": round(statistics.median(w for w, _, _ in ours), 2),
        "ours_cpu_median_s": round(statistics.median(c for _, c, _ in ours), 2),
        "ours_exit_status": ours[-1][2],
        "cpython_wall_median_s": round(statistics.median(w for w, _, _ in theirs), 2),
        "cpython_cpu_median_s": round(statistics.median(c for _, c, _ in theirs), 2),
        "cpython_exit_status": theirs[-1][2],
        "clauses": len(document["clauses"]),
        "tests": len(tests),
        "load_average": os.getloadavg()[0],
    }
    figures["ratio_wall"] = round(figures["ours_wall_median_s"] / figures["cpython_wall_median_s"], 2)
    figures["ratio_cpu"] = round(figures["ours_cpu_median_s"] / max(figures["cpython_cpu_median_s"], 1e-9), 2)
    figures["within_goal"] = figures["ours_wall_median_s"] < GOAL_SECONDS
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    interp = figures["interpreter"]
    print(f"interpreter: {interp['implementation']} {interp['version']} ({interp['executable']})")
    print(f"our suite:       {figures['ours_wall_median_s']:6.2f} s wall, "
          f"{figures['ours_cpu_median_s']:6.2f} s CPU  ({figures['clauses']} clauses, "
          f"{figures['tests']} tests, exit {figures['ours_exit_status']})")
    print(f"test_tempfile:   {figures['cpython_wall_median_s']:6.2f} s wall, "
          f"{figures['cpython_cpu_median_s']:6.2f} s CPU  (exit {figures['cpython_exit_status']})")
    print(f"ratio ours/cpython: {figures['ratio_wall']} wall, {figures['ratio_cpu']} CPU; "
          f"goal < {GOAL_SECONDS:.0f} s: {'met' if figures['within_goal'] else 'NOT met'} "
          f"(median of {args.repeat}; load average {figures['load_average']:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
