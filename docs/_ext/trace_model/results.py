"""Derived views of the runs that the results pages show: pass rates, departures, version changes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

# The kinds of departure (the classes, then unclassified and unexplained) and the verdicts
# left out of a pass rate are the standalone matrix page's: one reading for both.
from conformance.matrix.html_page import KINDS as DEPARTURE_KINDS
from conformance.matrix.html_page import NOT_JUDGED, UNEXPLAINED, site_slug
from conformance.matrix.model import short_name as column_short_name
from conformance.vocabulary import EXPECTED_FAIL, PASS, UNCLASSIFIED, UNCLEAN

from .runs import TargetRun, Verdict


def departure_kind(verdict: Verdict) -> Optional[str]:
    """The kind of departure a verdict is, or None when it is not one."""
    if verdict.status in UNCLEAN:
        return UNEXPLAINED
    if verdict.departure_class:
        return verdict.departure_class
    if verdict.status == EXPECTED_FAIL:
        return UNCLASSIFIED  # a document written before the class was a field of its own
    return None


@dataclass(frozen=True)
class Departure:
    """One clause on which a run departs, and why."""

    clause_id: str
    kind: str
    verdict: Verdict


def departures(run: TargetRun, order: Sequence[str]) -> List[Departure]:
    """The run's departures in catalogue order (``order`` lists the clause ids)."""
    found = []
    for clause_id in order:
        verdict = run.verdicts.get(clause_id)
        kind = departure_kind(verdict) if verdict else None
        if kind:
            found.append(Departure(clause_id, kind, verdict))
    return found


def passed(run: TargetRun, order: Sequence[str]) -> List[str]:
    """The clauses the run passed, in catalogue order."""
    return [c for c in order if c in run.verdicts and run.verdicts[c].status == PASS]


def pass_rate(run: TargetRun) -> Tuple[int, int]:
    """(passed, applicable): applicable clauses are those judged, not n/a, unobservable or skipped."""
    judged = [v for v in run.verdicts.values() if v.status not in NOT_JUDGED]
    return sum(v.status == PASS for v in judged), len(judged)


def kind_counts(run: TargetRun) -> Dict[str, int]:
    """How many departures of each kind the run has (every kind present, zero included)."""
    counts = dict.fromkeys(DEPARTURE_KINDS, 0)
    for verdict in run.verdicts.values():
        kind = departure_kind(verdict)
        if kind:
            counts[kind] = counts.get(kind, 0) + 1
    return counts


def page_slug(run: TargetRun) -> str:
    """The file name of a run's own page (the standalone matrix page links to the same)."""
    return site_slug(run.key)


def short_name(run: TargetRun) -> str:
    """A column heading of a few characters, as every rendering of the matrix names it."""
    return column_short_name({"key": run.key, "short": run.short})


def _version_key(text: str) -> Tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", text)[:3])


def cpython_series(runs: Sequence[TargetRun]) -> List[TargetRun]:
    """CPython's own tempfile on each interpreter, oldest release first."""
    own = [r for r in runs if r.name == "stdlib" and r.implementation.lower().startswith("cpython")]
    return sorted(own, key=lambda r: _version_key(r.version or r.judged_version))


@dataclass(frozen=True)
class VersionChange:
    """Where CPython's verdict on a clause differs from the release before."""

    version: str  # the release where the new verdict starts, e.g. "3.12"
    before: Verdict
    after: Verdict
    previous: str  # the release before it


def version_changes(runs: Sequence[TargetRun], clause_id: str) -> List[VersionChange]:
    """Every step in CPython's series of releases where the verdict on ``clause_id`` changes."""
    series = [(r.judged_version, r.verdicts[clause_id])
              for r in cpython_series(runs) if clause_id in r.verdicts]
    changes = []
    for (old_version, old), (new_version, new) in zip(series, series[1:]):
        if (old.status, departure_kind(old)) != (new.status, departure_kind(new)):
            changes.append(VersionChange(new_version, old, new, old_version))
    return changes
