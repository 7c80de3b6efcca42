"""What both commands (``python -m conformance`` and its ``matrix`` subcommand) share on the command line."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Optional

PROG = "python -m conformance"


class UsageError(Exception):
    """Bad command-line input; reported as one line and exit status 2."""


class Parser(argparse.ArgumentParser):
    """An argument parser that raises :class:`UsageError` instead of printing usage and exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def write_output(text: str, path: Optional[str]) -> None:
    """Write ``text`` to ``path``, or to stdout when ``path`` is None."""
    if path is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise UsageError(f"cannot write {path!r}: {exc.strerror}") from None


def check_writable(path: str) -> None:
    """Refuse, before any work, an output file that could not be written afterwards."""
    target = os.path.abspath(path)
    folder = os.path.dirname(target)
    if os.path.isdir(target):
        raise UsageError(f"cannot write {path!r}: it is a directory")
    if not os.path.isdir(folder):
        raise UsageError(f"cannot write {path!r}: no directory {folder!r}")
    if os.path.exists(target):
        if not os.access(target, os.W_OK):
            raise UsageError(f"cannot write {path!r}: permission denied")
    elif not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write {path!r}: the directory is not writable")
