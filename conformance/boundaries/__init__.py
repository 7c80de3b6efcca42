"""Confront every clause's version range with the interpreters a matrix run judged.

``python -m conformance.boundaries MATRIX_JSON`` reads a matrix document
(schema ``tempfile-conformance-matrix/1``) and, for each clause whose range is
narrower than the spec's history (``since`` after the first version, or an
``until``), checks two things on the CPython columns:

* inside the range every column passes the clause or departs as its
  expectation file says, with a class (``expected-fail`` + departure class);
* at each edge the behaviour really changes: the CPython column just outside
  the range is judged *as if it were inside* (``--as-version`` of the edge
  version, only that edge's clauses, no expectation file) and the clause's test
  must fail there.  That is one small suite run per (column, edge version) pair,
  the cheapest check that can tell a right edge from a wrong one.  A clause
  whose own test cannot show its edge says why in ``boundary_unobservable``.

Any contradiction is listed with the versions that disagree and makes the
command exit 1.  ``--format json`` writes per clause ``verified_on`` (the
versions that passed), which the docs show as "verified on 3.x-3.y".
The package imports only :mod:`spec` and :mod:`conformance.vocabulary`; the command
(probes, text report, argument parsing) lives in :mod:`conformance.boundaries.cli`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

import spec
from conformance import vocabulary as v

BOUNDARIES_SCHEMA = "tempfile-conformance-boundaries/1"
FIRST_VERSION = (3, 8)  # where the spec's history starts: a since of 3.8 is no edge
# Inside a range these statuses confirm the clause (or explain its absence).
_INSIDE_OK = frozenset({v.PASS, v.SKIPPED, v.UNOBSERVABLE})

Version = Tuple[int, int]
ProbeKey = Tuple[str, str]  # (column key, as-version)


def _text(version: Version) -> str:
    return f"{version[0]}.{version[1]}"


@dataclass(frozen=True)
class Column:
    """One CPython stdlib column of the matrix, reduced to what the check needs."""

    key: str
    version: Version  # the version it was judged as
    python: Optional[str]  # the --python value that reaches it again (None: this interpreter)
    platform: str
    statuses: Mapping[str, Tuple[str, str]]  # clause id -> (status, departure class or "")


@dataclass
class Edge:
    """What one side of a clause's range showed."""

    side: str  # "since" or "until"
    outside: str  # the neighbouring version judged as inside, or "" when none
    verdict: str  # shown | old-only | contradicted | inconclusive | unobservable | no-column | not-probed
    detail: str = ""


@dataclass
class ClauseCheck:
    """The verdict on one clause."""

    id: str
    since: str
    until: Optional[str]
    verified_on: List[str] = field(default_factory=list)
    classified_on: List[str] = field(default_factory=list)
    inside: int = 0  # CPython columns inside the range
    edges: List[Edge] = field(default_factory=list)
    problems: List[str] = field(default_factory=list)


def _departure_class(entry: Mapping) -> str:
    """The class of an expected failure; documents before the field carry it in the reason."""
    found = entry.get("departure_class")
    if found:
        return str(found)
    head = str(entry.get("reason", "")).split(":", 1)[0].strip()
    return head if head in v.DEPARTURE_CLASSES else v.UNCLASSIFIED


def cpython_columns(matrix: Mapping) -> List[Column]:
    """The stdlib columns run on CPython on this machine's platform, lowest version first."""
    if matrix.get("schema") != v.MATRIX_SCHEMA:
        raise ValueError(f"not a matrix document (schema {matrix.get('schema')!r})")
    found = []
    for column in matrix.get("columns", []):
        result = column.get("result") or {}
        if (result.get("interpreter") or {}).get("implementation") != "cpython":
            continue
        if (result.get("target") or {}).get("name") != "stdlib" or not result.get("judged_version"):
            continue
        if result.get("platform", sys.platform) != sys.platform:
            continue  # Pyodide's CPython: its platform's departures would blur the version edges
        statuses = {c["id"]: (c["status"], _departure_class(c)) for c in result.get("clauses", [])}
        found.append(Column(column["key"], spec.parse_version(result["judged_version"]),
                            column.get("python"), result.get("platform", sys.platform), statuses))
    return sorted(found, key=lambda c: c.version)


def ranged(catalogue: spec.Catalogue) -> List[spec.Clause]:
    """Clauses whose range is narrower than the spec's whole history."""
    return [c for c in catalogue
            if spec.parse_version(c.since) > FIRST_VERSION or c.until is not None]


def _neighbours(clause: spec.Clause, columns: Sequence[Column]) -> List[Tuple[str, Optional[Column], str]]:
    """(side, column just outside, version to judge it as) for each edge of the range."""
    edges = []
    since = spec.parse_version(clause.since)
    if since > FIRST_VERSION:
        below = [c for c in columns if c.version < since]
        edges.append(("since", below[-1] if below else None, clause.since))
    if clause.until is not None:
        above = [c for c in columns if c.version > spec.parse_version(clause.until)]
        edges.append(("until", above[0] if above else None, clause.until))
    return edges


def _observable_here(clause: spec.Clause, columns: Sequence[Column]) -> bool:
    return not clause.unobservable and any(clause.on_platform(c.platform) for c in columns)


def plan_probes(catalogue: spec.Catalogue, columns: Sequence[Column]) -> Dict[ProbeKey, List[str]]:
    """The suite runs the edge check needs: (column, as-version) -> clause ids."""
    plan: Dict[ProbeKey, List[str]] = {}
    for clause in ranged(catalogue):
        if clause.boundary_unobservable or not _observable_here(clause, columns):
            continue
        for _side, column, as_version in _neighbours(clause, columns):
            if column is not None:
                plan.setdefault((column.key, as_version), []).append(clause.id)
    return plan


def _check_inside(clause: spec.Clause, columns: Sequence[Column], check: ClauseCheck) -> None:
    for column in columns:
        if not clause.in_versions(column.version):
            continue
        check.inside += 1
        status, departure = column.statuses.get(clause.id, (v.UNTESTED, ""))
        where = f"{_text(column.version)} ({column.key})"
        if status == v.PASS:
            check.verified_on.append(_text(column.version))
        elif status == v.EXPECTED_FAIL and departure != v.UNCLASSIFIED:
            check.classified_on.append(_text(column.version))
        elif status == v.NOT_APPLICABLE and not clause.on_platform(column.platform):
            continue
        elif status not in _INSIDE_OK:
            hint = {v.EXPECTED_FAIL: " without a departure class",
                    v.NOT_APPLICABLE: " (the matrix judged it outside the range)"}.get(status, "")
            check.problems.append(f"inside the range, {where} gives {status}{hint}")


def _check_edge(clause: spec.Clause, side: str, column: Optional[Column], as_version: str,
                probes: Optional[Mapping[ProbeKey, Mapping[str, str]]], check: ClauseCheck) -> None:
    if clause.boundary_unobservable:
        check.edges.append(Edge(side, "", v.UNOBSERVABLE, clause.boundary_unobservable))
        return
    if column is None:
        check.edges.append(Edge(side, "", "no-column", "no CPython column outside this edge"))
        return
    outside = _text(column.version)
    if probes is None:
        check.edges.append(Edge(side, outside, "not-probed", "run without --no-probe to check"))
        return
    status = probes.get((column.key, as_version), {}).get(clause.id, v.UNTESTED)
    if status == v.FAIL:
        if not check.inside:
            check.edges.append(Edge(side, outside, "old-only",
                                    f"{outside} judged as {as_version} fails; no column inside yet"))
        elif not check.verified_on:
            check.edges.append(Edge(side, outside, "inconclusive",
                                    "its test fails inside the range too; say why in boundary_unobservable"))
            check.problems.append(f"{side} edge: no column inside the range passes, so failing on "
                                  f"{outside} shows nothing")
        else:
            check.edges.append(Edge(side, outside, "shown", f"{outside} judged as {as_version} fails"))
    elif status == v.PASS:
        check.edges.append(Edge(side, outside, "contradicted",
                                f"{outside} judged as {as_version} already passes"))
        check.problems.append(f"{side} = {as_version} contradicted: {outside} ({column.key}) "
                              f"shows the behaviour too")
    elif status == v.NOT_APPLICABLE and not clause.on_platform(column.platform):
        check.edges.append(Edge(side, outside, v.UNOBSERVABLE, "not on this column's platform"))
    else:
        check.edges.append(Edge(side, outside, "inconclusive", f"probe gave {status}"))
        check.problems.append(f"{side} edge: {outside} judged as {as_version} gives {status}")


def check(catalogue: spec.Catalogue, columns: Sequence[Column],
          probes: Optional[Mapping[ProbeKey, Mapping[str, str]]]) -> List[ClauseCheck]:
    """Every ranged clause against the columns (and the edge probes, when run)."""
    checks = []
    for clause in ranged(catalogue):
        result = ClauseCheck(clause.id, clause.since, clause.until)
        if not _observable_here(clause, columns):
            reason = clause.unobservable or f"no column runs on {', '.join(clause.platforms)}"
            result.edges.append(Edge("range", "", v.UNOBSERVABLE, reason))
        else:
            _check_inside(clause, columns, result)
            for side, column, as_version in _neighbours(clause, columns):
                _check_edge(clause, side, column, as_version, probes, result)
        checks.append(result)
    return checks


def verified_on(catalogue: spec.Catalogue, columns: Sequence[Column]) -> Dict[str, List[str]]:
    """For every clause, the CPython versions on which it passed."""
    return {c.id: [_text(col.version) for col in columns
                   if col.statuses.get(c.id, ("", ""))[0] == v.PASS] for c in catalogue}


def document(checks: Sequence[ClauseCheck], columns: Sequence[Column],
             verified: Mapping[str, List[str]], matrix_path: str) -> dict:
    """The JSON document: per-clause verdicts and, for every clause, where it passed."""
    contradicted = [c.id for c in checks if c.problems]
    return {
        "schema": BOUNDARIES_SCHEMA,
        "matrix": matrix_path,
        "columns": [{"key": c.key, "version": _text(c.version)} for c in columns],
        "ranged": [{"id": c.id, "since": c.since, "until": c.until, "verified_on": c.verified_on,
                    "classified_on": c.classified_on, "problems": c.problems,
                    "edges": [vars(e) for e in c.edges]} for c in checks],
        "verified_on": {cid: {"versions": vs, "range": f"{vs[0]}–{vs[-1]}" if vs else None}
                        for cid, vs in verified.items()},
        "contradicted": contradicted,
        "ok": not contradicted,
    }


def render_text(doc: Mapping) -> str:
    """A short human report: the problems first, then a count of edges by verdict."""
    lines = [f"version boundaries of {len(doc['ranged'])} ranged clauses against "
             f"CPython {', '.join(c['version'] for c in doc['columns'])}"]
    counts: Dict[str, int] = {}
    for clause in doc["ranged"]:
        for edge in clause["edges"]:
            counts[edge["verdict"]] = counts.get(edge["verdict"], 0) + 1
        for problem in clause["problems"]:
            lines.append(f"  CONTRADICTED {clause['id']} (since {clause['since']}"
                         f"{', until ' + clause['until'] if clause['until'] else ''}): {problem}")
    lines.append("edges: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    lines.append("OK" if doc["ok"] else f"{len(doc['contradicted'])} clause(s) contradicted")
    return "\n".join(lines) + "\n"
