"""Running one matrix column: install what it needs, call the runner, read its JSON.

Every column runs in its own process, through the runner's own command line
(``python -m conformance --target T --format json --output F`` and, for other
interpreters, ``--python``), so a target that patches the process (pyfakefs)
or crashes it cannot touch the others.  Third-party adapters get their
PyPI packages from a per-interpreter cache directory that is put on the
child's ``PYTHONPATH``: installed once, reused warm.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

from conformance.matrix.discover import MatrixTarget

# One column may not run longer than this (the whole suite takes seconds).
COLUMN_TIMEOUT = 900
INSTALL_TIMEOUT = 600


@dataclass
class ColumnResult:
    """What one column produced: the runner's document, or why there is none."""

    target: MatrixTarget
    document: Optional[dict] = None
    error: str = ""
    exit_code: int = 0
    duration: float = 0.0
    notes: List[str] = field(default_factory=list)


def load_durations(root: Path) -> Dict[str, float]:
    """Each column's duration in the last matrix run (for scheduling), or {}."""
    try:
        data = json.loads((root / "matrix-durations.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): float(v) for k, v in data.items()} if isinstance(data, dict) else {}


def save_durations(root: Path, durations: Dict[str, float]) -> None:
    """Remember this run's durations, merged into the last ones; a failure to write is harmless."""
    merged = dict(load_durations(root), **{k: round(v, 1) for k, v in durations.items()})
    try:
        root.mkdir(parents=True, exist_ok=True)
        (root / "matrix-durations.json").write_text(json.dumps(merged, indent=1), encoding="utf-8")
    except OSError:
        pass


def package_dir(target: MatrixTarget, root: Path) -> Path:
    """Where an adapter's packages live for the host interpreter (keyed by requirements)."""
    digest = hashlib.sha256("\n".join(sorted(target.requirements)).encode()).hexdigest()[:12]
    interp = f"{sys.implementation.name}-{sys.version_info[0]}.{sys.version_info[1]}"
    return root / "adapter-packages" / interp / f"{target.key}-{digest}"


def ensure_packages(target: MatrixTarget, root: Path, log: Callable[[str], None]) -> Optional[Path]:
    """Install the adapter's requirements once; return the directory to put on PYTHONPATH."""
    if not target.requirements:
        return None
    where = package_dir(target, root)
    marker = where / ".installed"
    if marker.is_file():
        return where
    log(f"{target.key}: installing {' '.join(target.requirements)} (once, into {where})")
    partial = where.with_name(where.name + ".partial")
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
               "--no-warn-script-location", "--no-compile", "--target", str(partial),
               *target.requirements]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=INSTALL_TIMEOUT)
    except (OSError, subprocess.SubprocessError) as exc:
        raise RuntimeError(f"pip could not run: {exc}") from None
    if done.returncode != 0:
        tail = " | ".join(done.stderr.strip().splitlines()[-2:])
        raise RuntimeError(f"pip install {' '.join(target.requirements)} failed: {tail}")
    marker_text = "\n".join(target.requirements) + "\n"
    (partial / ".installed").write_text(marker_text, encoding="utf-8")
    if where.exists():  # a concurrent matrix finished first: keep its copy
        shutil.rmtree(partial, ignore_errors=True)
    else:
        partial.rename(where)
    return where


def project_root() -> str:
    """The directory holding the ``conformance`` package (so children import this copy)."""
    return str(Path(__file__).resolve().parents[2])


def runner_command(target: MatrixTarget, output: str) -> List[str]:
    """The runner's command line for one column."""
    command = [sys.executable, "-m", "conformance"]
    if target.python:
        command += ["--python", target.python]
    return command + ["--target", target.target, "--format", "json", "--output", output, "--quiet"]


def child_environment(extra_path: Optional[Path], pytest_addopts: str = "") -> Dict[str, str]:
    """The environment of a column's process: ours, with the adapter's packages first."""
    env = dict(os.environ)
    if pytest_addopts:
        env["PYTEST_ADDOPTS"] = " ".join(filter(None, [env.get("PYTEST_ADDOPTS", ""), pytest_addopts]))
    parts = [str(extra_path)] if extra_path else []
    parts.append(project_root())
    if env.get("PYTHONPATH"):
        parts.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(parts)
    return env


# pytest's own crash (exit code 3), seen only with the async adapters: their worker
# threads finalise abandoned objects, and CPython 3.11's AST state is not thread-safe
# (gh-106905), so a traceback formatted in a worker can break pytest's main thread.
# Such a column is run again, at most this many more times, and the retry is logged.
CRASH_RETRIES = 2
_PYTEST_CRASH = "pytest stopped with exit code 3"


def run_column(target: MatrixTarget, root: Path, log: Callable[[str], None]) -> ColumnResult:
    """Run one column to completion; never raises, a problem becomes ``error``."""
    started = time.monotonic()
    try:
        extra = ensure_packages(target, root, log)
    except RuntimeError as exc:
        return ColumnResult(target, error=str(exc), duration=time.monotonic() - started)
    result = _run_once(target, extra)
    for attempt in range(CRASH_RETRIES):
        if result.document is not None or _PYTEST_CRASH not in result.error:
            break
        log(f"{target.key}: pytest crashed ({result.error[-120:]}); retry {attempt + 1} of {CRASH_RETRIES}")
        notes = result.notes + [f"retried after: {result.error}"]
        result = _run_once(target, extra)
        result.notes = notes
    result.duration = time.monotonic() - started
    return result


def _run_once(target: MatrixTarget, extra: Optional[Path]) -> ColumnResult:
    """One run of the runner for a column."""
    started = time.monotonic()
    result = ColumnResult(target)
    handle, output = tempfile.mkstemp(prefix="matrix-", suffix=".json")
    os.close(handle)
    try:
        try:
            done = subprocess.run(runner_command(target, output), capture_output=True, text=True,
                                  timeout=COLUMN_TIMEOUT, env=child_environment(extra, target.pytest_addopts))
        except subprocess.TimeoutExpired:
            result.error = f"the runner did not finish within {COLUMN_TIMEOUT} s"
            return result
        except OSError as exc:
            result.error = f"the runner could not start: {exc}"
            return result
        result.exit_code = done.returncode
        result.document = _read_document(output)
        if result.document is None:
            tail = " | ".join(done.stderr.strip().splitlines()[-3:])
            result.error = f"the runner exited {done.returncode} without a result: {tail or 'no output'}"
    finally:
        result.duration = time.monotonic() - started
        try:
            os.unlink(output)
        except OSError:
            pass
    return result


def _read_document(path: str) -> Optional[dict]:
    """The runner's JSON document, or None if it wrote none (or garbage)."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError:
        return None
    if not text.strip():
        return None
    try:
        document = json.loads(text)
    except ValueError:
        return None
    if not isinstance(document, dict) or "clauses" not in document:
        return None
    return document
