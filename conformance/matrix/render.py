"""Rendering the combined matrix: terminal table, Markdown, a self-contained HTML page, JSON.

Rows are clauses grouped by API; columns are targets.  A cell shows the
clause's status; an explained departure shows its class instead, so the
reader sees at a glance *why* a column departs, not only *that* it does.
"""

from __future__ import annotations

import json
from typing import Dict, List, Mapping, Optional, Sequence

from conformance.matrix.html_page import render_html
from conformance.matrix.model import departure_class, short_name
from conformance.vocabulary import (
    CLASS_CODES,
    DEPARTURE_CLASSES,
    EXPECTED_FAIL,
    STATUS_CODES,
    STATUSES,
    UNCLASSIFIED,
)

FORMATS = ("text", "markdown", "html", "json")
MISSING_CODE = "?"  # the column has no such clause (older catalogue, or it did not run)


def _index(matrix: Mapping[str, object]) -> Dict[str, Dict[str, Mapping[str, object]]]:
    """column key -> clause id -> clause result."""
    index: Dict[str, Dict[str, Mapping[str, object]]] = {}
    for column in matrix["columns"]:  # type: ignore[union-attr]
        document = column.get("result") or {}
        index[column["key"]] = {c["id"]: c for c in document.get("clauses", [])}
    return index


def cell_code(clause: Optional[Mapping[str, object]]) -> str:
    """The short text of one cell."""
    if clause is None:
        return MISSING_CODE
    status = str(clause.get("status"))
    if status == EXPECTED_FAIL:  # an explained departure shows its class instead
        return CLASS_CODES[departure_class(clause)]
    return STATUS_CODES.get(status, status)


def _legend() -> List[str]:
    statuses = ", ".join(f"{code} {status}" for status, code in STATUS_CODES.items()
                         if status != EXPECTED_FAIL)
    classes = ", ".join(f"{code} {klass}" for klass, code in CLASS_CODES.items()
                        if klass != UNCLASSIFIED)
    return [f"cells: {statuses}; {MISSING_CODE} no result",
            f"explained departures (expected failures) by class: {classes}"]


def _total_rows(matrix: Mapping[str, object]) -> List[List[str]]:
    """[label, count per column...] for every status and class that occurs anywhere."""
    columns = matrix["columns"]  # type: ignore[index]
    rows = []
    for status in STATUSES:
        counts = [c["summary"]["statuses"].get(status, 0) for c in columns]
        if any(counts):
            rows.append([status] + [str(n) for n in counts])
    for klass in DEPARTURE_CLASSES:
        counts = [c["summary"]["classes"].get(klass, 0) for c in columns]
        if any(counts):
            rows.append([f"  explained: {klass}"] + [str(n) for n in counts])
    rows.append(["UNEXPLAINED"] + [str(len(c["unexplained"])) for c in columns])
    return rows


def render_text(matrix: Mapping[str, object]) -> str:
    """A fixed-width table for the terminal."""
    columns = list(matrix["columns"])  # type: ignore[call-overload]
    index = _index(matrix)
    heads = [short_name(c) for c in columns]
    ids = [row["id"] for row in matrix["clauses"]]  # type: ignore[index]
    first = max([len(i) for i in ids] + [28])
    widths = [max(len(h), 5) for h in heads]

    def line(label: str, cells: Sequence[str]) -> str:
        body = " ".join(c.rjust(w) for c, w in zip(cells, widths))
        return f"{label:<{first}} {body}".rstrip()

    out = [f"tempfile conformance matrix -- {matrix['host']}, {matrix['generated']}", ""]
    for column, head in zip(columns, heads):
        state = f" -- DID NOT RUN: {column['error']}" if column["error"] else ""
        out.append(f"  {head:<10} {column['label']}{state}")
    out += ["", line("clause", heads)]
    api = None
    for row in matrix["clauses"]:  # type: ignore[union-attr]
        if row["api"] != api:
            api = row["api"]
            out.append(f"[{api}]")
        out.append(line("  " + row["id"], [cell_code(index[c["key"]].get(row["id"])) for c in columns]))
    out += ["", line("totals", heads)]
    out += [line(r[0], r[1:]) for r in _total_rows(matrix)]
    out += [""] + _legend()
    problems = matrix["unexplained"]  # type: ignore[index]
    if problems:
        out += ["", f"UNEXPLAINED ({len(problems)}): each needs a fix or an entry in the target's "
                    "expectation file"]
        out += [f"  {p}" for p in problems]
    else:
        out += ["", "every departure is explained"]
    out.append(f"matrix time: {matrix['duration']:.1f} s")
    return "\n".join(out) + "\n"


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(matrix: Mapping[str, object]) -> str:
    """GitHub-flavoured Markdown: the table, totals, then each column's departures."""
    columns = list(matrix["columns"])  # type: ignore[call-overload]
    index = _index(matrix)
    heads = [short_name(c) for c in columns]
    out = ["# tempfile conformance matrix", "",
           f"Generated {matrix['generated']} on {_md(matrix['host'])} in {matrix['duration']:.1f} s.", ""]
    for h, c in zip(heads, columns):
        state = f" -- did not run: {_md(c['error'])}" if c["error"] else ""
        out.append(f"- **{_md(h)}**: {_md(c['label'])}{state}")
    out += ["", "| clause | " + " | ".join(_md(h) for h in heads) + " |",
            "|---|" + "---|" * len(heads)]
    api = None
    for row in matrix["clauses"]:  # type: ignore[union-attr]
        if row["api"] != api:
            api = row["api"]
            out.append(f"| **{_md(api)}** |" + " |" * len(heads))
        cells = [cell_code(index[c["key"]].get(row["id"])) for c in columns]
        out.append(f"| `{row['id']}` | " + " | ".join(cells) + " |")
    out += ["", "## Totals", "", "| | " + " | ".join(_md(h) for h in heads) + " |",
            "|---|" + "---:|" * len(heads)]
    out += ["| " + " | ".join(_md(x) for x in r) + " |" for r in _total_rows(matrix)]
    out += ["", *(f"_{_md(line)}_  " for line in _legend()), "", "## Departures", ""]
    for head, column in zip(heads, columns):
        departures = _departures(column)
        if not departures and not column["unexplained"]:
            continue
        out += [f"### {_md(head)}: {_md(column['label'])}", ""]
        out += [f"- `{cid}` **{klass}**: {_md(reason)}" for cid, klass, reason in departures]
        out += [f"- **UNEXPLAINED** {_md(p)}" for p in column["unexplained"]]
        out.append("")
    return "\n".join(out) + "\n"


def _departures(column: Mapping[str, object]) -> List[List[str]]:
    """[clause id, class, reason] of each explained departure in a column."""
    document = column.get("result") or {}
    rows = []
    for c in document.get("clauses", []):
        if c.get("status") == EXPECTED_FAIL:
            rows.append([c["id"], departure_class(c), str(c.get("reason") or "")])
    return rows


def render_json(matrix: Mapping[str, object]) -> str:
    """The combined document itself."""
    return json.dumps(matrix, indent=1, sort_keys=False) + "\n"


def render(matrix: Mapping[str, object], fmt: str) -> str:
    """The matrix in ``fmt`` (one of :data:`FORMATS`)."""
    return {"text": render_text, "markdown": render_markdown, "html": render_html,
            "json": render_json}[fmt](matrix)
