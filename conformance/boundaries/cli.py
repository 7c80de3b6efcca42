"""The command: run the edge probes, check, and write the report (``python -m conformance.boundaries``)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from typing import Callable, Dict, Mapping, Optional, Sequence

import spec
from conformance.boundaries import (
    Column,
    ProbeKey,
    check,
    cpython_columns,
    document,
    plan_probes,
    render_text,
    verified_on,
)

Runner = Callable[[Column, str, Sequence[str]], Mapping[str, str]]


def run_probe(column: Column, as_version: str, clause_ids: Sequence[str]) -> Mapping[str, str]:
    """One suite run on ``column``'s interpreter judged as ``as_version``: clause id -> status."""
    with tempfile.TemporaryDirectory(prefix="boundaries-") as where:
        out = os.path.join(where, "probe.json")
        argv = [sys.executable, "-m", "conformance", "--target", "stdlib", "--as-version", as_version,
                "--no-expectations", "--format", "json", "--output", out, "-q"]
        if column.python:
            argv += ["--python", column.python]
        for clause_id in clause_ids:
            argv += ["--clause", clause_id]
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=900)
        if not os.path.exists(out):
            raise RuntimeError(f"probe on {column.key} as {as_version} wrote no report: "
                               f"{proc.stderr.strip()[-300:]}")
        with open(out, encoding="utf-8") as handle:
            return {c["id"]: c["status"] for c in json.load(handle)["clauses"]}


def run_probes(plan: Mapping[ProbeKey, Sequence[str]], columns: Sequence[Column],
               runner: Runner = run_probe) -> Dict[ProbeKey, Mapping[str, str]]:
    """Run every planned probe, saying on stderr what runs."""
    by_key = {c.key: c for c in columns}
    done = {}
    for (key, as_version), ids in sorted(plan.items()):
        print(f"boundaries: {key} judged as {as_version} ({len(ids)} clauses)", file=sys.stderr)
        done[(key, as_version)] = runner(by_key[key], as_version, ids)
    return done


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line (exit 2), never the usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line: exit 0 when every range holds, 1 on a contradiction, 2 on a usage error."""
    parser = _Parser(prog="python -m conformance.boundaries",
                     description="Check the clauses' version ranges against a matrix run.")
    parser.add_argument("matrix", help="matrix JSON (python -m conformance matrix --output-dir DIR)")
    parser.add_argument("--no-probe", action="store_true",
                        help="skip the edge runs (the range's inside is still checked)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--output", help="write the report here instead of stdout")
    args = parser.parse_args(argv)
    try:
        with open(args.matrix, encoding="utf-8") as handle:
            columns = cpython_columns(json.load(handle))
        catalogue = spec.load_catalogue()
    except (OSError, ValueError, KeyError) as exc:
        print(f"python -m conformance.boundaries: error: {exc}", file=sys.stderr)
        return 2
    probes = None if args.no_probe else run_probes(plan_probes(catalogue, columns), columns)
    doc = document(check(catalogue, columns, probes), columns, verified_on(catalogue, columns),
                   args.matrix)
    text = json.dumps(doc, indent=2) + "\n" if args.format == "json" else render_text(doc)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text)
        sys.stderr.write(render_text(doc) if args.format == "json" else "")
    else:
        sys.stdout.write(text)
    return 0 if doc["ok"] else 1
