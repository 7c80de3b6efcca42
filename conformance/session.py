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
from pathlib import Path
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from conformance import expectations as expectations_module
from conformance import results
from conformance.results import TestRecord
from conformance.target import Target
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
            "partial": bool(target.partial), "capabilities": sorted(target.capabilities)}


def matches(clause_ids: Iterable[str], patterns: Sequence[str]) -> bool:
    """Does any id match any pattern (no patterns: everything matches)?"""
    if not patterns:
        return True
    return any(fnmatch.fnmatchcase(cid, pat) for cid in clause_ids for pat in patterns)


def selected_clauses(catalogue: Catalogue, patterns: Sequence[str]) -> List[object]:
    """The clauses matching ``patterns`` (all without patterns); none matching is an error."""
    chosen = [c for c in catalogue if matches((c.id,), patterns)]
    if not chosen:
        raise SelectionError(f"--clause {' '.join(patterns)} matches no clause id "
                             "(try python -m conformance --list-clauses)")
    return chosen


def running_release() -> Tuple[int, ...]:
    """The running interpreter's release, e.g. (3, 11, 7)."""
    return tuple(int(x) for x in re.findall(r"\d+", platform_module.python_version())[:3])


def choose_expectations(target: Target, catalogue: Catalogue, explicit: Optional[str],
                        use: bool) -> Tuple[Optional[Path], Dict[str, object]]:
    """The expectation file for this run and its entries (raises ExpectationError)."""
    if not use:
        return None, {}
    path = Path(explicit) if explicit else expectations_module.find_expectation_file(
        target.name, sys.implementation.name, target.version)
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
    return kept, errors


def build_document(target: Target, clauses: Sequence[object], records: Sequence[TestRecord],
                   errors: Sequence[str], expectations_file: Optional[Path],
                   expected: Mapping[str, object]) -> dict:
    """Aggregate and wrap everything in the result document."""
    verdicts = results.aggregate(clauses, records, version=target.version, platform=sys.platform,
                                 partial=target.partial, expectations=expected)
    return results.result_document(
        target=target_info(target), interpreter=interpreter_info(), platform=sys.platform,
        judged_version=target.version_text, results=verdicts,
        expectations_file=str(expectations_file) if expectations_file else None, errors=errors)
