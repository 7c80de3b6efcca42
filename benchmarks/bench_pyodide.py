"""Benchmark: the Pyodide column, warm, against the same suite on the interpreter running this script.

usage: python3 benchmarks/bench_pyodide.py [--repeat N] [--json]

One untimed run of each side first fills the caches (the npm package, the
wheels, Pyodide's byte code), then the two commands run alternately, N times
each (default 2):

  host:    python -m conformance --target stdlib --format json --output <file>
  pyodide: python -m conformance --target stdlib --python pyodide --format json --output <file>

It prints the median wall and CPU time of each and their ratio (pyodide /
host); alternating spreads a shared machine's noise over both sides.  The
goal for the Pyodide column is 90 s of wall time warm.  A measurement, not a
test: nothing fails on a slow result.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from typing import List

from bench_suite import ROOT, timed

GOAL_SECONDS = 90.0


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="timed runs of each side")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    outputs = {side: ROOT / "reports" / f"bench_pyodide_{side}.json" for side in ("host", "pyodide")}
    outputs["host"].parent.mkdir(exist_ok=True)
    base = [sys.executable, "-m", "conformance", "--target", "stdlib", "--format", "json"]
    commands = {"host": base + ["--output", str(outputs["host"])],
                "pyodide": base + ["--python", "pyodide", "--output", str(outputs["pyodide"])]}
    cold = {side: timed(command, env) for side, command in commands.items()}  # fills the caches
    runs = {side: [] for side in commands}
    for _ in range(args.repeat):
        for side, command in commands.items():
            runs[side].append(timed(command, env))
    figures: dict = {"repeat": args.repeat, "load_average": round(os.getloadavg()[0], 1)}
    for side, measured in runs.items():
        document = json.loads(outputs[side].read_text())
        figures[side] = {
            "interpreter": f"{document['interpreter']['implementation']} "
                           f"{document['interpreter']['version']} on {document['platform']}",
            "first_wall_s": round(cold[side][0], 2),
            "wall_median_s": round(statistics.median(w for w, _, _ in measured), 2),
            "cpu_median_s": round(statistics.median(c for _, c, _ in measured), 2),
            "exit_status": measured[-1][2],
            "summary": document["summary"],
        }
    figures["ratio_wall"] = round(figures["pyodide"]["wall_median_s"] / figures["host"]["wall_median_s"], 2)
    figures["ratio_cpu"] = round(figures["pyodide"]["cpu_median_s"] / figures["host"]["cpu_median_s"], 2)
    figures["within_goal"] = figures["pyodide"]["wall_median_s"] <= GOAL_SECONDS
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    for side in commands:
        side_figures = figures[side]
        print(f"{side:8} {side_figures['interpreter']:28} first {side_figures['first_wall_s']:6.1f} s, "
              f"warm {side_figures['wall_median_s']:6.1f} s wall, {side_figures['cpu_median_s']:6.1f} s CPU "
              f"(exit {side_figures['exit_status']})")
    print(f"ratio pyodide/host: {figures['ratio_wall']} wall, {figures['ratio_cpu']} CPU; goal "
          f"<= {GOAL_SECONDS:.0f} s warm: {'met' if figures['within_goal'] else 'NOT met'} "
          f"(median of {args.repeat}; load average {figures['load_average']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
