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

A file may start from another one and add (or restate) entries::

    extends = "stdlib"              # the running interpreter's stdlib file, e.g. stdlib-cpython-3.11
    # extends = "stdlib-cpython-3.11"   a built-in file by name
    # extends = "../base.toml"          or a path, relative to this file

so a module that wraps or copies the stdlib lists only its own departures.

Which file a run uses: ``--expectations FILE`` if given; else a file next to a
module or path target, named after it (``mymod.py`` -> ``mymod.conformance.toml``,
a package ``pkg/`` -> ``pkg.conformance.toml`` beside its directory); else a
built-in file chosen from the target's name, the interpreter's implementation,
the judged version and the platform -- ``stdlib-cpython-3.14-emscripten.toml``
(Pyodide), then ``stdlib-cpython-3.11.toml``, then
``stdlib-cpython.toml``, then ``stdlib.toml``.  ``--no-expectations`` uses none.
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
BESIDE_SUFFIX = ".conformance.toml"  # the file next to a module target: mymod.conformance.toml
EXTENDS_HOST_STDLIB = "stdlib"  # extends = "stdlib": the running interpreter's own stdlib file
_TOP_LEVEL_KEYS = ("expect", "extends")
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


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ExpectationError(f"expectation file {str(path)!r} does not exist") from None
    except OSError as exc:
        raise ExpectationError(f"cannot read expectation file {str(path)!r}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ExpectationError(f"{path}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - set(_TOP_LEVEL_KEYS))
    if unknown:
        raise ExpectationError(f"{path}: unknown top-level key(s) {', '.join(unknown)} "
                               "(entries are [[expect]] tables; 'extends' names a base file)")
    return data


def base_file(path: Path, extends: object) -> Path:
    """The file an ``extends`` value in ``path`` names."""
    if not isinstance(extends, str) or not extends.strip():
        raise ExpectationError(f"{path}: 'extends' must name a built-in file or a path")
    if extends == EXTENDS_HOST_STDLIB:
        found = find_expectation_file("stdlib", sys.implementation.name, sys.version_info[:2])
        if found is None:
            raise ExpectationError(f"{path}: extends = 'stdlib', but this interpreter's stdlib "
                                   f"({sys.implementation.name} {sys.version_info[0]}.{sys.version_info[1]}) "
                                   "has no expectation file")
        return found
    if extends.endswith(".toml") or looks_like_path(extends):
        return (path.parent / extends).resolve()
    return EXPECTATIONS_DIR / f"{extends}.toml"


def load_expectations(path: Path, known_clauses: Iterable[str],
                      release: Optional[Tuple[int, ...]] = None,
                      _extending: Tuple[Path, ...] = ()) -> Dict[str, Expectation]:
    """Read and validate one expectation file (and what it extends); raise :class:`ExpectationError`.

    With ``release`` (the running interpreter's, e.g. (3, 11, 7)), entries fixed in
    that release or earlier are left out.  An entry of the file itself replaces
    its base's entry for the same clause.
    """
    path = Path(path)
    known = set(known_clauses)
    data = _read(path)
    found: Dict[str, Expectation] = {}
    if "extends" in data:
        base = base_file(path, data["extends"])
        chain = _extending + (path.resolve(),)
        if base.resolve() in chain:
            raise ExpectationError(f"{path}: 'extends' leads back to {base} (a loop)")
        found.update(load_expectations(base, known, None, chain))
    raws = data.get("expect", [])
    if not isinstance(raws, list):
        raise ExpectationError(f"{path}: 'expect' must be an array of tables ([[expect]])")
    own: Dict[str, Expectation] = {}
    for index, raw in enumerate(raws, start=1):
        entry = _parse_entry(path, index, raw, known)
        if entry.clause in own:
            raise _entry_error(path, index, entry.clause, "clause listed twice")
        own[entry.clause] = entry
    found.update(own)
    if release is not None:
        found = {cid: e for cid, e in found.items() if e.holds_for(release)}
    return found


def file_beside(origin: str) -> Path:
    """Where the expectation file of the module in ``origin`` (its source file) sits."""
    source = Path(origin)
    if source.name == "__init__.py":  # a package: beside its directory
        source = source.parent
        return source.parent / f"{source.name}{BESIDE_SUFFIX}"
    return source.parent / f"{source.stem}{BESIDE_SUFFIX}"


def _safe(name: str) -> str:
    """A target name as it appears in a file name (``mypkg/tf.py`` -> ``tf``)."""
    if looks_like_path(name):
        name = os.path.splitext(os.path.basename(name))[0]
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "target"


def candidate_files(target_name: str, implementation: str, version: Tuple[int, int],
                    directory: Optional[Path] = None, platform: str = "") -> List[Path]:
    """The files that would hold a target's expectations, most specific first.

    With ``platform`` (``sys.platform``) a file for that platform comes first:
    ``stdlib-cpython-3.14-emscripten.toml`` is CPython 3.14 on Pyodide.
    """
    base = Path(directory or EXPECTATIONS_DIR)
    name = _safe(target_name)
    judged = f"{version[0]}.{version[1]}"
    on_platform = [base / f"{name}-{implementation}-{judged}-{platform}.toml"] if platform else []
    return on_platform + [base / f"{name}-{implementation}-{judged}.toml",
                          base / f"{name}-{implementation}.toml", base / f"{name}.toml"]


def find_expectation_file(target_name: str, implementation: str, version: Tuple[int, int],
                          directory: Optional[Path] = None, platform: str = "") -> Optional[Path]:
    """The first existing candidate file, or None."""
    for path in candidate_files(target_name, implementation, version, directory, platform):
        if path.is_file():
            return path
    return None
