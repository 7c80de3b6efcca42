"""What the latest runs said: Result JSON documents, however a combined file nests them.

Verdicts come from Result JSON files (schema ``tempfile-conformance/1``) found
in ``reports/matrix.json`` or ``reports/*.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Tuple

from conformance.matrix.html_page import without_local_paths
from conformance.vocabulary import MATRIX_SCHEMA, RESULT_SCHEMA

# A document's schema id without its version: any version of the same family is read.
RESULT_SCHEMA_PREFIX = RESULT_SCHEMA.rsplit("/", 1)[0] + "/"
MATRIX_SCHEMA_PREFIX = MATRIX_SCHEMA.rsplit("/", 1)[0] + "/"


@dataclass(frozen=True)
class TestOutput:
    """One test of a clause as the run reported it: its name, outcome and message."""

    name: str
    outcome: str
    message: str


@dataclass(frozen=True)
class Verdict:
    """What one run said about one clause."""

    status: str
    reason: str = ""
    tests: Tuple[str, ...] = ()
    departure_class: Optional[str] = None  # the expectation entry's class, when one explained it
    outputs: Tuple[TestOutput, ...] = ()


@dataclass
class TargetRun:
    """One Result JSON document: a target judged on one interpreter."""

    name: str
    implementation: str
    judged_version: str
    platform: str
    source: str  # the file it came from, for the reader
    verdicts: Dict[str, Verdict]
    summary: Dict[str, int]
    partial: bool = False
    column: str = ""  # the matrix's own name for the column, when it gave one
    key: str = ""  # the matrix's stable id of the column ("cpython-3.12"), or the target's name
    short: str = ""  # the matrix's short heading, when it gave one
    family: str = ""  # "stdlib" for an interpreter's own tempfile, else the adapter's family
    version: str = ""  # the interpreter's full version ("3.12.1")
    expectations: str = ""  # file name (never the path) of the expectation file the run used
    # (clause id, test name, figure name, value) for every "figure:NAME" property a test recorded
    figures: Tuple[Tuple[str, str, str, str], ...] = ()

    @property
    def label(self) -> str:
        """How a column heading names the run."""
        if self.column:
            return self.column
        impl = self.implementation or "?"
        return f"{self.name} ({impl})" if impl not in self.name else self.name


def _documents(data: object, column: Optional[dict] = None) -> Iterator[Tuple[dict, dict]]:
    """Yield every (Result document, its matrix column or {}) in ``data``, however it is nested.

    The matrix (schema ``tempfile-conformance-matrix/1``) nests each document as the
    ``result`` of a column that carries a human ``label``; a plain report is one document.
    """
    if isinstance(data, dict):
        if str(data.get("schema", "")).startswith(RESULT_SCHEMA_PREFIX) and "clauses" in data:
            yield data, column or {}
            return
        own = data if isinstance(data.get("label"), str) else column
        for value in data.values():
            yield from _documents(value, own)
    elif isinstance(data, list):
        for value in data:
            yield from _documents(value, column)


def matrix_column_errors(data: object) -> List[str]:
    """Columns of a combined matrix that produced no result, as 'label: error' lines."""
    if not isinstance(data, dict) or not str(data.get("schema", "")).startswith(MATRIX_SCHEMA_PREFIX):
        return []
    return [f"{col.get('label') or col.get('key')}: {str(col.get('error')).splitlines()[0]}"
            for col in data.get("columns", []) if isinstance(col, dict) and not col.get("result")
            and col.get("error")]


def _verdict_from(entry: dict) -> Verdict:
    tests = [t for t in entry.get("tests", []) if isinstance(t, dict)]
    outputs = tuple(TestOutput(str(t.get("nodeid", "")).rsplit("::", 1)[-1], str(t.get("outcome", "")),
                               without_local_paths(str(t.get("message", "") or ""))) for t in tests)
    departure = entry.get("departure_class")
    return Verdict(str(entry.get("status", "")), without_local_paths(str(entry.get("reason", "") or "")),
                   tuple(str(t.get("nodeid", "")) for t in tests),
                   str(departure) if departure else None, outputs)


def _run_from(doc: dict, source: str, column: Optional[dict] = None) -> TargetRun:
    target = doc.get("target") or {}
    interp = doc.get("interpreter") or {}
    column = column or {}
    implementation = str(target.get("implementation") or " ".join(
        str(interp.get(k, "")) for k in ("implementation", "version")).strip())
    verdicts, figures = {}, []
    for entry in doc.get("clauses", []):
        if isinstance(entry, dict) and "id" in entry:
            figures.extend(_figures_of(str(entry["id"]), entry.get("tests", [])))
            verdicts[str(entry["id"])] = _verdict_from(entry)
    summary = {str(k): int(v) for k, v in (doc.get("summary") or {}).items() if isinstance(v, int)}
    name = str(target.get("name", "?"))
    # Only the file's name: the document holds the path on the machine that ran it.
    expectations = Path(str(doc.get("expectations") or "")).name
    return TargetRun(name, implementation, str(doc.get("judged_version", "")),
                     str(doc.get("platform", "")), source, verdicts, summary, bool(target.get("partial")),
                     str(column.get("label", "")), str(column.get("key") or name),
                     str(column.get("short", "") or ""), str(column.get("family", "") or ""),
                     str(interp.get("version") or column.get("version") or ""), expectations,
                     tuple(figures))


def _figures_of(clause_id: str, tests: object) -> Iterator[Tuple[str, str, str, str]]:
    """The measured figures tests of ``clause_id`` recorded as ``figure:NAME`` properties."""
    for test in tests if isinstance(tests, list) else []:
        if not isinstance(test, dict) or not isinstance(test.get("properties"), dict):
            continue
        name = str(test.get("nodeid", "")).rsplit("::", 1)[-1]
        for key, value in test["properties"].items():
            if str(key).startswith("figure:"):
                yield clause_id, name, str(key)[len("figure:"):], str(value)


def result_files(reports: Path) -> List[Path]:
    """``matrix.json`` if the matrix wrote one, otherwise every ``*.json`` report, oldest first."""
    combined = reports / "matrix.json"
    if combined.is_file():
        return [combined]
    if not reports.is_dir():
        return []
    return sorted(reports.glob("*.json"), key=lambda p: (p.stat().st_mtime, p.name))


def load_runs(paths: Iterable[Path], root: Optional[Path] = None) -> Tuple[List[TargetRun], List[str]]:
    """Read the runs from ``paths``; a later run of the same column replaces an earlier one."""
    runs: Dict[Tuple[str, str], TargetRun] = {}
    problems: List[str] = []
    for path in paths:
        shown = path.name if root is None else _shown(path, root)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            problems.append(f"{shown}: not readable as JSON ({exc})")
            continue
        for doc, column in _documents(data):
            run = _run_from(doc, shown, column)
            runs[(run.name, run.implementation)] = run
        problems.extend(f"{shown}: column {line}" for line in matrix_column_errors(data))
    return list(runs.values()), problems


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name
