"""Expectation files: the known departures of one target on one interpreter.

A file in ``conformance/expectations/`` lists clauses a target is known to
break, each with the evidence for it::

    [[expect]]
    clause = "cleanup.confinement.no-symlink-follow"
    status = "fail"                 # fail | error | skipped
    reason = "rmtree followed a symlink while fixing permissions"
    class = "bug"                   # erratum | version-change | platform | bug | adapter
    evidence = "CVE-2023-6597; https://github.com/python/cpython/issues/91133"
    fixed_in = "3.11.8"             # optional: the entry holds only for older interpreters

The runner picks the file from the target's name, the interpreter's
implementation and the judged version -- ``stdlib-cpython-3.11.toml``, then
``stdlib-cpython.toml``, then ``stdlib.toml`` -- unless ``--expectations`` or
``--no-expectations`` says otherwise.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

from conformance.target import looks_like_path
from conformance.vocabulary import DEPARTURE_CLASSES, EXPECTABLE_STATUSES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - 3.9 and 3.10
    import tomli as tomllib

EXPECTATIONS_DIR = Path(__file__).resolve().parent / "expectations"
_KEYS = ("clause", "status", "reason", "class", "evidence")
_OPTIONAL_KEYS = ("fixed_in",)
_RELEASE_RE = re.compile(r"^\d+\.\d+\.\d+$")


class ExpectationError(ValueError):
    """An expectation file is missing or malformed; the message names the file and entry."""


@dataclass(frozen=True)
class Expectation:
    """One known departure."""

    clause: str
    status: str
    reason: str
    klass: str
    evidence: str
    file: str
    fixed_in: Optional[Tuple[int, ...]] = None

    def holds_for(self, release: Tuple[int, ...]) -> bool:
        """Does the entry apply to an interpreter of this release (e.g. (3, 11, 7))?"""
        return self.fixed_in is None or tuple(release) < self.fixed_in


def _entry_error(path: Path, index: int, clause: str, message: str) -> ExpectationError:
    label = f"entry {index}" + (f" (clause {clause!r})" if clause else "")
    return ExpectationError(f"{path}: {label}: {message}")


def _parse_entry(path: Path, index: int, raw: object, known: Iterable[str]) -> Expectation:
    if not isinstance(raw, dict):
        raise _entry_error(path, index, "", "each [[expect]] must be a table")
    clause = raw.get("clause") if isinstance(raw.get("clause"), str) else ""
    unknown = sorted(set(raw) - set(_KEYS) - set(_OPTIONAL_KEYS))
    if unknown:
        raise _entry_error(path, index, clause, f"unknown key(s) {', '.join(unknown)}")
    missing = [k for k in _KEYS if not isinstance(raw.get(k), str) or not raw[k].strip()]
    if missing:
        raise _entry_error(path, index, clause, f"missing or empty key(s) {', '.join(missing)}")
    if clause not in known:
        raise _entry_error(path, index, clause, "names no clause in the catalogue")
    if raw["status"] not in EXPECTABLE_STATUSES:
        raise _entry_error(path, index, clause,
                           f"status {raw['status']!r} is not one of {', '.join(EXPECTABLE_STATUSES)}")
    if raw["class"] not in DEPARTURE_CLASSES:
        raise _entry_error(path, index, clause,
                           f"class {raw['class']!r} is not one of {', '.join(DEPARTURE_CLASSES)}")
    fixed_in = raw.get("fixed_in")
    if fixed_in is not None and not (isinstance(fixed_in, str) and _RELEASE_RE.match(fixed_in)):
        raise _entry_error(path, index, clause, f"fixed_in {fixed_in!r} is not a release like '3.11.8'")
    return Expectation(clause, raw["status"], " ".join(raw["reason"].split()), raw["class"],
                       " ".join(raw["evidence"].split()), path.name,
                       tuple(int(x) for x in fixed_in.split(".")) if fixed_in else None)


def load_expectations(path: Path, known_clauses: Iterable[str],
                      release: Optional[Tuple[int, ...]] = None) -> Dict[str, Expectation]:
    """Read and validate one expectation file; raise :class:`ExpectationError` on any problem.

    With ``release`` (the running interpreter's, e.g. (3, 11, 7)), entries fixed in
    that release or earlier are left out.
    """
    path = Path(path)
    known = set(known_clauses)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ExpectationError(f"expectation file {str(path)!r} does not exist") from None
    except OSError as exc:
        raise ExpectationError(f"cannot read expectation file {str(path)!r}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ExpectationError(f"{path}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - {"expect"})
    if unknown:
        raise ExpectationError(f"{path}: unknown top-level key(s) {', '.join(unknown)} "
                               "(entries are [[expect]] tables)")
    raws = data.get("expect", [])
    if not isinstance(raws, list):
        raise ExpectationError(f"{path}: 'expect' must be an array of tables ([[expect]])")
    found: Dict[str, Expectation] = {}
    for index, raw in enumerate(raws, start=1):
        entry = _parse_entry(path, index, raw, known)
        if entry.clause in found:
            raise _entry_error(path, index, entry.clause, "clause listed twice")
        found[entry.clause] = entry
    if release is not None:
        found = {cid: e for cid, e in found.items() if e.holds_for(release)}
    return found


def _safe(name: str) -> str:
    """A target name as it appears in a file name (``mypkg/tf.py`` -> ``tf``)."""
    if looks_like_path(name):
        name = os.path.splitext(os.path.basename(name))[0]
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "target"


def candidate_files(target_name: str, implementation: str, version: Tuple[int, int],
                    directory: Optional[Path] = None) -> List[Path]:
    """The files that would hold a target's expectations, most specific first."""
    base = Path(directory or EXPECTATIONS_DIR)
    name = _safe(target_name)
    judged = f"{version[0]}.{version[1]}"
    return [base / f"{name}-{implementation}-{judged}.toml", base / f"{name}-{implementation}.toml",
            base / f"{name}.toml"]


def find_expectation_file(target_name: str, implementation: str, version: Tuple[int, int],
                          directory: Optional[Path] = None) -> Optional[Path]:
    """The first existing candidate file, or None."""
    for path in candidate_files(target_name, implementation, version, directory):
        if path.is_file():
            return path
    return None
