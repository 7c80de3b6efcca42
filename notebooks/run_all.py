#!/usr/bin/env python3
"""Execute every notebook in notebooks/ top to bottom and report each run time.

The stored notebooks stay untouched (they are kept without outputs); this
only proves that each one runs cleanly.  Exit status 1 if any notebook
raises, times out or cannot start its kernel.

usage: python notebooks/run_all.py [--timeout SECONDS] [NOTEBOOK ...]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path
from typing import List, Optional

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def use_this_checkout() -> None:
    """Put the repository first on the kernels' import path.

    Kernels inherit our environment, so the notebooks import this checkout's
    ``reference`` and ``conformance`` even where an older or partial install
    of the project sits in site-packages.
    """
    current = os.environ.get("PYTHONPATH", "")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), current) if p)


def run_one(path: Path, timeout: float, output_dir: Optional[Path] = None) -> Optional[str]:
    """Execute one notebook in its own directory; return an error summary or None.

    With ``output_dir`` the executed copy (outputs included) is written there,
    also when a cell failed, so the failure can be read in context.
    """
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    error = None
    try:
        client.execute()
    except Exception as exc:  # CellExecutionError, timeouts, dead kernels: all are failures
        lines = re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).strip().splitlines()  # drop terminal colours
        error = lines[-1] if lines else type(exc).__name__
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, str(output_dir / path.name))
    return error


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Execute the teaching notebooks.")
    parser.add_argument("--timeout", type=float, default=120,
                        help="per-cell time limit in seconds (default 120)")
    parser.add_argument("--output-dir", type=Path, default=None,
                        help="also write the executed notebooks (with outputs) here")
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to run (default: every notebooks/*.ipynb)")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or sorted(HERE.glob("*.ipynb"))
    if not paths:
        print("no notebooks found", file=sys.stderr)
        return 1
    use_this_checkout()
    failures = 0
    for path in paths:
        start = time.perf_counter()
        error = run_one(path, args.timeout, args.output_dir)
        elapsed = time.perf_counter() - start
        status = "ok" if error is None else f"FAILED: {error}"
        print(f"{path.name:<40} {elapsed:6.1f} s  {status}", flush=True)
        failures += error is not None
    print(f"{len(paths) - failures}/{len(paths)} notebooks ran cleanly")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
