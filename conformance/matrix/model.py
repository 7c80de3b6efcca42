"""The combined matrix: every column's result document, judged together.

A *departure* is a clause a target does not keep.  Each must be explained by
that target's expectation file, with a class (``vocabulary.DEPARTURE_CLASSES``,
their meanings in ``vocabulary.CLASS_MEANINGS``), which the runner writes in
each clause's ``departure_class`` field.

Anything else -- a status in ``vocabulary.UNCLEAN`` (a fail, error or
unexpected pass not listed, a clause no test covers), an expected failure
with no class, a column that could not run -- is *unexplained*, and fails
the matrix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from conformance.vocabulary import (
    DEPARTURE_CLASSES,
    ERROR,
    EXPECTED_FAIL,
    MATRIX_SCHEMA,
    STATUSES,
    UNCLASSIFIED,
    UNCLEAN,
)


def departure_class(clause: Mapping[str, object]) -> str:
    """The class of an expected failure: the clause's ``departure_class`` field, else unclassified."""
    given = clause.get("departure_class")
    return given if isinstance(given, str) and given in DEPARTURE_CLASSES else UNCLASSIFIED


def short_name(column: Mapping[str, object]) -> str:
    """A narrow column heading: 3.12, pypy3.9, ref, or the adapter's key."""
    key = str(column["key"])
    if key.startswith("cpython-"):
        return key[len("cpython-"):]
    if key.startswith("pypy-"):
        return "pypy" + key[len("pypy-"):]
    if key == "reference":
        return "ref"
    return str(column.get("short") or key)


@dataclass
class Unexplained:
    """One thing that fails the matrix."""

    column: str
    clause: str  # "" for a column-level problem
    status: str
    message: str

    def line(self) -> str:
        where = f"{self.column}: {self.clause}" if self.clause else self.column
        return f"{where}: {self.status}: {self.message}"


def column_summary(document: Optional[Mapping[str, object]]) -> Dict[str, object]:
    """Counts by status and expected failures by class, for one column."""
    statuses = {s: 0 for s in STATUSES}
    classes = {c: 0 for c in DEPARTURE_CLASSES}
    if document:
        for clause in document.get("clauses", []):  # type: ignore[union-attr]
            status = clause.get("status", ERROR)
            statuses[status] = statuses.get(status, 0) + 1
            if status == EXPECTED_FAIL:
                klass = departure_class(clause)
                classes[klass] = classes.get(klass, 0) + 1
    return {"statuses": statuses, "classes": classes}


def unexplained_in(column: str, document: Optional[Mapping[str, object]],
                   error: str = "") -> List[Unexplained]:
    """Everything in one column that its expectations do not explain."""
    found: List[Unexplained] = []
    if document is None:
        return [Unexplained(column, "", ERROR, error or "no result")]
    for problem in document.get("errors", []) or []:  # type: ignore[union-attr]
        found.append(Unexplained(column, "", ERROR, str(problem).splitlines()[0][:300]))
    for clause in document.get("clauses", []):  # type: ignore[union-attr]
        status = clause.get("status")
        if status in UNCLEAN:
            message = str(clause.get("reason") or "").splitlines()
            found.append(Unexplained(column, str(clause.get("id")), str(status),
                                     message[0][:300] if message else ""))
        elif status == EXPECTED_FAIL and departure_class(clause) == UNCLASSIFIED:
            found.append(Unexplained(column, str(clause.get("id")), UNCLASSIFIED,
                                     "listed as expected but with no known class"))
    return found


def clause_rows(documents: Iterable[Mapping[str, object]]) -> List[Tuple[str, str, str]]:
    """(api, id, level) of every clause any column reports, in first-seen order."""
    seen: Dict[str, Tuple[str, str, str]] = {}
    for document in documents:
        for clause in document.get("clauses", []):  # type: ignore[union-attr]
            cid = str(clause.get("id"))
            if cid not in seen:
                seen[cid] = (str(clause.get("api", "")), cid, str(clause.get("level", "")))
    # Group by API, keeping each group's first appearance (the catalogue's order).
    order: Dict[str, int] = {}
    for api, _cid, _level in seen.values():
        order.setdefault(api, len(order))
    return sorted(seen.values(), key=lambda row: order[row[0]])


def build_matrix(columns: Sequence[Mapping[str, object]], generated: str, host: str,
                 duration: float) -> dict:
    """The combined document (schema ``vocabulary.MATRIX_SCHEMA``).

    ``columns`` are mappings with ``key``, ``label``, ``family``, ``target``,
    ``python``, ``version``, ``document`` (the runner's JSON or None),
    ``error`` and ``duration``.
    """
    out_columns = []
    unexplained: List[Unexplained] = []
    for column in columns:
        document = column.get("document")
        problems = unexplained_in(str(column["key"]), document, str(column.get("error") or ""))  # type: ignore
        unexplained += problems
        out_columns.append({
            "key": column["key"], "short": column.get("short") or "", "label": column["label"],
            "family": column["family"],
            "target": column["target"], "python": column.get("python"),
            "version": column.get("version", ""), "duration": round(float(column.get("duration") or 0), 2),
            "error": column.get("error") or "", "summary": column_summary(document),  # type: ignore
            "unexplained": [p.line() for p in problems], "notes": list(column.get("notes") or []),
            "result": document,
        })
    return {
        "schema": MATRIX_SCHEMA, "generated": generated, "host": host, "duration": round(duration, 2),
        "columns": out_columns,
        "clauses": [{"api": api, "id": cid, "level": level}
                    for api, cid, level in clause_rows(c["result"] for c in out_columns if c["result"])],
        "unexplained": [p.line() for p in unexplained],
    }


def cell(matrix_column: Mapping[str, object], clause_id: str) -> Optional[Mapping[str, object]]:
    """The clause result of one column, or None when the column has no such clause."""
    document = matrix_column.get("result") or {}
    for clause in document.get("clauses", []):  # type: ignore[union-attr]
        if clause.get("id") == clause_id:
            return clause
    return None


def exit_status(matrix: Mapping[str, object]) -> int:
    """0 when every departure in every column is explained, else 1."""
    return 1 if matrix.get("unexplained") else 0
