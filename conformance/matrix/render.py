"""Rendering the combined matrix: terminal table, Markdown, a self-contained HTML page, JSON.

Rows are clauses grouped by API; columns are targets.  A cell shows the
clause's status; an explained departure shows its class instead, so the
reader sees at a glance *why* a column departs, not only *that* it does.
"""

from __future__ import annotations

import html
import json
from typing import Dict, List, Mapping, Optional, Sequence

from conformance.matrix.model import departure_class
from conformance.vocabulary import (
    CLASS_CODES,
    DEPARTURE_CLASSES,
    EXPECTED_FAIL,
    STATUS_CODES,
    STATUSES,
    TEST_ERROR,
    TEST_FAILED,
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


def _failing_tests(column: Mapping[str, object]) -> List[List[str]]:
    """[nodeid, outcome, message] of each failed or errored test in a column."""
    document = column.get("result") or {}
    seen, rows = set(), []
    for clause in document.get("clauses", []):
        for test in clause.get("tests", []):
            if test.get("outcome") in (TEST_FAILED, TEST_ERROR) and test["nodeid"] not in seen:
                seen.add(test["nodeid"])
                rows.append([test["nodeid"], test["outcome"], str(test.get("message") or "")])
    return rows


_CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em}table{border-collapse:collapse;margin:1em 0}
th,td{border:1px solid #ccc;padding:2px 6px;text-align:center;white-space:nowrap}
td.id{text-align:left;font-family:monospace}tr.api th{text-align:left;background:#eef}
thead th{position:sticky;top:0;background:#f7f7f7}
.pass{background:#d9f2d9}.fail,.error,.unexpected-pass,.untested{background:#f7c6c6;font-weight:bold}
.expected-fail{background:#fde9b8}.not-applicable{color:#999}.skipped,.not-implemented,.unobservable{
background:#eee;color:#555}.missing{background:#fff}
details{margin:.4em 0}summary{cursor:pointer;font-weight:bold}pre{white-space:pre-wrap;margin:0;
font-size:12px}.bad{color:#a00;font-weight:bold}.ok{color:#070;font-weight:bold}
td.l{text-align:left}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def render_html(matrix: Mapping[str, object]) -> str:
    """One HTML page with inline CSS, no scripts, no network: the table, totals, per-target details."""
    columns = list(matrix["columns"])  # type: ignore[call-overload]
    index = _index(matrix)
    heads = [short_name(c) for c in columns]
    problems = matrix["unexplained"]  # type: ignore[index]
    verdict = (f'<p class="bad">{len(problems)} unexplained departure(s)</p>' if problems
               else '<p class="ok">Every departure is explained.</p>')
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           "<title>tempfile conformance matrix</title>", f"<style>{_CSS}</style></head><body>",
           "<h1>tempfile conformance matrix</h1>",
           f"<p>Generated {_e(matrix['generated'])} on {_e(matrix['host'])} "
           f"in {float(matrix['duration']):.1f} s.</p>", verdict, "<table>", "<thead><tr><th>clause</th>"]
    out += [f'<th title="{_e(c["label"])}">{_e(h)}</th>' for h, c in zip(heads, columns)]
    out.append("</tr></thead><tbody>")
    api = None
    for row in matrix["clauses"]:  # type: ignore[union-attr]
        if row["api"] != api:
            api = row["api"]
            out.append(f'<tr class="api"><th colspan="{len(columns) + 1}">{_e(api)}</th></tr>')
        cells = []
        for column in columns:
            clause = index[column["key"]].get(row["id"])
            status = str(clause.get("status")) if clause else "missing"
            tip = f"{status}: {clause.get('reason') or ''}" if clause else "no result"
            cells.append(f'<td class="{_e(status)}" title="{_e(tip)}">{_e(cell_code(clause))}</td>')
        out.append(f'<tr><td class="id">{_e(row["id"])}</td>{"".join(cells)}</tr>')
    out.append("</tbody></table><h2>Totals</h2><table><thead><tr><th></th>")
    out += [f"<th>{_e(h)}</th>" for h in heads]
    out.append("</tr></thead><tbody>")
    for r in _total_rows(matrix):
        counts = "".join(f"<td>{_e(x)}</td>" for x in r[1:])
        out.append(f'<tr><td class="l">{_e(r[0])}</td>{counts}</tr>')
    out.append("</tbody></table>")
    out += [f"<p>{_e(line)}</p>" for line in _legend()]
    out.append("<h2>Targets</h2>")
    for head, column in zip(heads, columns):
        out += _column_details(head, column)
    if problems:
        out.append("<h2>Unexplained</h2><ul>")
        out += [f"<li>{_e(p)}</li>" for p in problems]
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _column_details(head: str, column: Mapping[str, object]) -> List[str]:
    """A <details> block: what ran, explained departures, unexplained ones, failing tests."""
    counts = column["summary"]["statuses"]  # type: ignore[index]
    shown = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    document = column.get("result") or {}
    interp = document.get("interpreter") or {}
    out = [f"<details><summary>{_e(head)}: {_e(column['label'])} -- "
           f"{_e(shown or 'no result')}{' -- UNEXPLAINED' if column['unexplained'] else ''}</summary>"]
    if column["error"]:
        out.append(f'<p class="bad">did not run: {_e(column["error"])}</p>')
    if interp:
        out.append(f"<p>{_e(interp.get('implementation'))} {_e(interp.get('version'))} "
                   f"({_e(interp.get('executable'))}); judged as {_e(document.get('judged_version'))}; "
                   f"expectations: {_e(document.get('expectations') or 'none')}; "
                   f"{float(column.get('duration') or 0):.1f} s</p>")
    departures = _departures(column)
    if departures:
        out.append("<table><thead><tr><th>clause</th><th>class</th><th>reason</th></tr></thead><tbody>")
        out += [f'<tr><td class="id">{_e(cid)}</td><td>{_e(klass)}</td><td class="l">{_e(reason)}</td></tr>'
                for cid, klass, reason in departures]
        out.append("</tbody></table>")
    if column["unexplained"]:
        out.append("<ul>" + "".join(f'<li class="bad">{_e(p)}</li>' for p in column["unexplained"]) + "</ul>")
    failing = _failing_tests(column)
    if failing:
        out.append(f"<details><summary>{len(failing)} failing test(s)</summary><table><tbody>")
        out += [f'<tr><td class="id">{_e(node)}</td><td>{_e(outcome)}</td>'
                f'<td class="l"><pre>{_e(message)}</pre></td></tr>' for node, outcome, message in failing]
        out.append("</tbody></table></details>")
    out.append("</details>")
    return out


def render_json(matrix: Mapping[str, object]) -> str:
    """The combined document itself."""
    return json.dumps(matrix, indent=1, sort_keys=False) + "\n"


def render(matrix: Mapping[str, object], fmt: str) -> str:
    """The matrix in ``fmt`` (one of :data:`FORMATS`)."""
    return {"text": render_text, "markdown": render_markdown, "html": render_html,
            "json": render_json}[fmt](matrix)
