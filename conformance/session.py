"""From a finished pytest session to the result document: which clauses, which expectations, which tests.

Everything here is a plain function of its arguments (records, catalogue,
target, expectation entries), so the plugin (a plain ``pytest`` run), the
runner (``python -m conformance``) and the ``--jobs`` merge all build the
document the same way.
"""

from __future__ import annotations

import fnmatch
import platform as platform_module
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

from conformance import expectations as expectations_module
from conformance import results
from conformance.results import TestRecord
from conformance.target import Target
from conformance.vocabulary import AUDIT_GUARD_ONLY, MEANS_PROPERTY, OBSERVATION_MEANS
from spec import Catalogue


class SelectionError(ValueError):
    """``--clause`` patterns that select nothing; one line for the user."""


def interpreter_info() -> Dict[str, str]:
    """The interpreter running the suite."""
    return {"implementation": sys.implementation.name,
            "version": platform_module.python_version(), "executable": sys.executable}


def target_info(target: Target) -> Dict[str, object]:
    """The ``target`` object of the result document."""
    return {"name": target.name, "implementation": target.implementation,
            "partial": bool(target.partial), "capabilities": sorted(target.capabilities),
            "origin": target.origin}


@dataclass(frozen=True)
class Judged:
    """What the results layer needs to know of a target.

    It comes from a loaded :class:`Target`, or -- when the target ran confined
    in a child process and was never imported here -- from that child's document.
    """

    info: Dict[str, object]  # the document's "target" object
    version: Tuple[int, int]

    @classmethod
    def of(cls, target: Target) -> Judged:
        """From a target loaded in this process."""
        return cls(target_info(target), target.version)

    @classmethod
    def from_document(cls, document: Mapping[str, object]) -> Judged:
        """From a result document written by a child run."""
        major, minor = str(document["judged_version"]).split(".")
        return cls(dict(document["target"]), (int(major), int(minor)))  # type: ignore[arg-type]

    @property
    def name(self) -> str:
        return str(self.info["name"])

    @property
    def origin(self) -> Optional[str]:
        origin = self.info.get("origin")
        return str(origin) if origin else None

    @property
    def partial(self) -> bool:
        return bool(self.info.get("partial"))


def matches(names: Iterable[str], patterns: Sequence[str]) -> bool:
    """Does any name match any fnmatch pattern (no patterns: everything matches)?"""
    if not patterns:
        return True
    return any(fnmatch.fnmatchcase(name, pat) for name in names for pat in patterns)


def clause_selected(clause: object, patterns: Sequence[str]) -> bool:
    """A ``--clause`` pattern matches a clause's id, or its API's name (``mkstemp``: the whole group)."""
    return matches((clause.id, clause.api), patterns)  # type: ignore[attr-defined]


def selected_clauses(catalogue: Catalogue, patterns: Sequence[str]) -> List[object]:
    """The clauses matching ``patterns`` (all without patterns); none matching is an error."""
    chosen = [c for c in catalogue if clause_selected(c, patterns)]
    if not chosen:
        raise SelectionError(f"--clause {' '.join(patterns)} matches no clause id or API name "
                             "(try python -m conformance --list-clauses)")
    return chosen


def selected_ids(catalogue: Catalogue, patterns: Sequence[str]) -> Set[str]:
    """The ids of the clauses ``patterns`` select."""
    return {c.id for c in catalogue if clause_selected(c, patterns)}


def item_selected(clause_ids: Sequence[str], selected: Set[str], patterns: Sequence[str]) -> bool:
    """Does a test naming ``clause_ids`` run?  (An id outside the catalogue matches by pattern only.)"""
    return not patterns or any(cid in selected for cid in clause_ids) or matches(clause_ids, patterns)


def running_release() -> Tuple[int, ...]:
    """The running interpreter's release, e.g. (3, 11, 7)."""
    return tuple(int(x) for x in re.findall(r"\d+", platform_module.python_version())[:3])


def choose_expectations(target: Judged, catalogue: Catalogue, explicit: Optional[str],
                        use: bool) -> Tuple[Optional[Path], Dict[str, object]]:
    """The expectation file for this run and its entries (raises ExpectationError)."""
    if not use:
        return None, {}
    beside = expectations_module.file_beside(target.origin) if target.origin else None
    if explicit:
        path: Optional[Path] = Path(explicit)
    elif beside is not None and beside.is_file():
        path = beside
    else:
        path = expectations_module.find_expectation_file(target.name, sys.implementation.name,
                                                         target.version, platform=sys.platform)
    if path is None:
        return None, {}
    entries = expectations_module.load_expectations(path, (c.id for c in catalogue), running_release())
    return path, dict(entries)


def session_records(records: Mapping[str, TestRecord], seen: Iterable[str],
                    catalogue: Catalogue, collection_errors: Sequence[str] = (),
                    ) -> Tuple[List[TestRecord], List[str]]:
    """The tests that reported, plus problems that make the session unclean."""
    kept, errors = [], list(collection_errors)
    seen_set = set(seen)
    for nodeid, record in records.items():
        if nodeid not in seen_set:
            continue  # never ran: it must not count for anything
        kept.append(record)
        if not record.clauses:
            errors.append(f"{nodeid}: conformance test without a @pytest.mark.clause marker")
        unknown = [c for c in record.clauses if c not in catalogue]
        if unknown:
            errors.append(f"{nodeid}: names clause id(s) not in the catalogue: {', '.join(unknown)}")
        means = record.properties.get(MEANS_PROPERTY)
        if means is not None and means not in OBSERVATION_MEANS:
            errors.append(f"{nodeid}: records means {means!r}, not one of {', '.join(OBSERVATION_MEANS)}")
    return kept, errors


def build_document(target: Judged, clauses: Sequence[object], records: Sequence[TestRecord],
                   errors: Sequence[str], expectations_file: Optional[Path],
                   expected: Mapping[str, object], confinement: str = AUDIT_GUARD_ONLY) -> dict:
    """Aggregate and wrap everything in the result document."""
    verdicts = results.aggregate(clauses, records, version=target.version, platform=sys.platform,
                                 partial=target.partial, expectations=expected)
    return results.result_document(
        target=target.info, interpreter=interpreter_info(), platform=sys.platform,
        judged_version=f"{target.version[0]}.{target.version[1]}", results=verdicts,
        expectations_file=str(expectations_file) if expectations_file else None, errors=errors,
        sandbox=confinement, missing_on_host=results.host_missing(records))
