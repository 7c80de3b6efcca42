"""The matrix as one self-contained HTML page: key and totals first, then the table, then each column.

Inline CSS, no scripts, no network.  Readable on a phone (a viewport, a
scrolling table whose clause column stays in view, reasons that wrap), each
class in its own colour, links into the docs site, and no path of the machine
that ran the matrix (the JSON keeps those; the page is for publishing).
"""

from __future__ import annotations

import html
import re
from typing import List, Mapping, Optional, Sequence

from conformance.matrix.model import cell, departure_class, short_name
from conformance.vocabulary import (
    CLASS_CODES,
    CLASS_LABELS,
    CLASS_MEANINGS,
    DEPARTURE_CLASSES,
    EXPECTED_FAIL,
    NOT_APPLICABLE,
    NOT_IMPLEMENTED,
    PASS,
    SKIPPED,
    STATUS_CODES,
    STATUS_LABELS,
    UNCLASSIFIED,
    UNCLEAN,
    UNOBSERVABLE,
)

# The docs site as seen from reports/matrix.html when both are built in one checkout.
DOCS_SITE = "../docs/_build/html/"
UNEXPLAINED = "unexplained"  # a departure no expectation entry explains
MISSING = "missing"  # the column has no such clause
# An absolute path on the machine that ran the suite (home, checkout, scratch space):
# only its last component means anything to a reader elsewhere.
LOCAL_PATH_RE = re.compile(r"(?:/root|/home/[^/\s'\"]+|/work|/tmp|/var/tmp|/private)"
                           r"(?:/[^/\s'\"<>()\[\],:;]+)+/?")
KINDS = (*DEPARTURE_CLASSES, UNCLASSIFIED, UNEXPLAINED)
NOT_JUDGED = (NOT_APPLICABLE, NOT_IMPLEMENTED, UNOBSERVABLE, SKIPPED)  # left out of a pass rate
_COLOURS = {  # background, text: the docs site's matrix uses the same
    PASS: ("#ffffff", "#2e7d32"), DEPARTURE_CLASSES[0]: ("#dbe8ff", "#1f3f8f"),
    DEPARTURE_CLASSES[1]: ("#d3f1ee", "#0b5750"), DEPARTURE_CLASSES[2]: ("#fff0c2", "#6b4400"),
    DEPARTURE_CLASSES[3]: ("#ffdcc7", "#8a3200"), DEPARTURE_CLASSES[4]: ("#ece0fa", "#4b2287"),
    UNCLASSIFIED: ("#eeeadb", "#5b5420"), UNEXPLAINED: ("#fbd0d0", "#8f0a0a"),
}
_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:1em auto;max-width:80em;padding:0 1em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
table{border-collapse:separate;border-spacing:0;margin:.6em 0}table.key td{text-align:left;white-space:normal}
th,td{border-bottom:1px solid #ddd;padding:2px 6px;text-align:center;white-space:nowrap}
.scroll{overflow-x:auto;max-width:100%}
.scroll th:first-child,.scroll td:first-child{position:sticky;left:0;background:#fff;z-index:1;
text-align:left;white-space:normal;overflow-wrap:anywhere;min-width:11em;max-width:22em}
thead th{background:#f4f4f4}td.id{font-family:ui-monospace,monospace;font-size:12px}
tr.api th{text-align:left;background:#eef;position:static}
td a{color:inherit;text-decoration:none;display:block}
td.reason,td.meaning{text-align:left;white-space:normal;overflow-wrap:anywhere}
details{margin:.5em 0}summary{cursor:pointer;font-weight:600}
pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:0;font-size:12px}
.bad{color:#8f0a0a;font-weight:bold}.ok{color:#2e7d32;font-weight:bold}
.muted{color:#888}
""" + "".join(f".{status}{{color:#888}}" for status in (*NOT_JUDGED, MISSING)) + "".join(
    f".{kind}{{background:{bg};color:{fg}}}" for kind, (bg, fg) in _COLOURS.items())


def without_local_paths(text: str) -> str:
    """``text`` with every local absolute path cut to ``…/`` and its last component."""
    return LOCAL_PATH_RE.sub(lambda m: "…/" + m.group(0).rstrip("/").rsplit("/", 1)[-1], text)


def site_slug(column_key: str) -> str:
    """The file name (without .html) of a column's page in the docs site."""
    return re.sub(r"[^a-z0-9.]+", "-", column_key.lower()).strip("-") or "run"


def clause_fragment(clause_id: str) -> str:
    """A clause id as the docs site writes it in its anchors (dots and the like as dashes)."""
    return re.sub(r"[^a-z0-9_-]+", "-", clause_id.lower())


def _e(text: object) -> str:
    return html.escape(without_local_paths(str(text)), quote=True)


def cell_kind(clause: Optional[Mapping[str, object]]) -> str:
    """A cell's colour: its departure's class, 'unexplained', or its status."""
    if clause is None:
        return MISSING
    status = str(clause.get("status"))
    if status in UNCLEAN:
        return UNEXPLAINED
    return departure_class(clause) if status == EXPECTED_FAIL else status


def _code(clause: Optional[Mapping[str, object]]) -> str:
    kind = cell_kind(clause)
    if kind in CLASS_CODES:
        return CLASS_CODES[kind]
    return "?" if clause is None else STATUS_CODES.get(str(clause.get("status")), str(clause.get("status")))


def _cell(column: Mapping[str, object], clause: Optional[Mapping[str, object]], site: str) -> str:
    kind = cell_kind(clause)
    tip = "no result" if clause is None else (
        f"{column['label']}: {STATUS_LABELS.get(str(clause.get('status')), clause.get('status'))}"
        + (f" ({CLASS_LABELS.get(kind, kind)})" if kind in KINDS else "")
        + (f": {clause.get('reason')}" if clause.get("reason") else ""))
    text = _e(_code(clause))
    if kind in KINDS:  # a departure links to its reason on the column's page
        href = f"{site}generated/results/{site_slug(str(column['key']))}.html#departure-" \
               f"{clause_fragment(str(clause['id']))}"  # type: ignore[index]
        text = f'<a href="{_e(href)}">{text}</a>'
    return f'<td class="{_e(kind)}" title="{_e(tip)}">{text}</td>'


def _key_and_totals(matrix: Mapping[str, object], heads: Sequence[str], site: str) -> List[str]:
    """The colour key, then one row per column: pass rate and a count per kind."""
    out = ["<h2>Key</h2>", '<table class="key"><tbody>']
    for kind in KINDS:
        meaning = CLASS_MEANINGS.get(kind, "a failure, error or unexpected pass no expectation explains"
                                     if kind == UNEXPLAINED else "listed as expected, with no class")
        out.append(f'<tr><td class="{kind}">{_e(CLASS_CODES.get(kind, "FAIL"))}</td>'
                   f'<td class="meaning"><b>{_e(CLASS_LABELS.get(kind, kind))}</b>: {_e(meaning)}</td></tr>')
    others = [s for s in STATUS_CODES if s != EXPECTED_FAIL and s not in UNCLEAN]
    words = ", ".join(f"{STATUS_CODES[s]} {STATUS_LABELS[s]}" for s in others)
    out.append(f'</tbody></table><p class="muted">Other cells: {_e(words)}; ? no result.</p>')
    counted = [k for k in KINDS if any(cell_kind(c) == k for column in matrix["columns"]  # type: ignore
                                       for c in (column.get("result") or {}).get("clauses", []))]
    out.append('<h2>Totals</h2><div class="scroll"><table><thead><tr><th>implementation</th>'
               "<th>passed</th>" + "".join(f'<th class="{k}">{_e(CLASS_CODES.get(k, "FAIL"))}</th>'
                                           for k in counted) + "</tr></thead><tbody>")
    for head, column in zip(heads, matrix["columns"]):  # type: ignore[call-overload]
        clauses = (column.get("result") or {}).get("clauses", [])
        judged = [c for c in clauses if c.get("status") not in NOT_JUDGED]
        passed = sum(c.get("status") == PASS for c in judged)
        counts = {k: sum(cell_kind(c) == k for c in clauses) for k in KINDS}
        name = (f'<a href="{_e(site)}generated/results/{_e(site_slug(str(column["key"])))}.html">'
                f'{_e(column["label"])}</a>') if clauses else _e(column["label"])  # no result, no page
        rate = f"{passed}/{len(judged)}" if judged else _e(column.get("error") or "no result")
        out.append(f'<tr><td>{head}: {name}</td><td>{rate}</td>' + "".join(
            f'<td class="{k if counts[k] else ""}">{counts[k] or ""}</td>' for k in counted) + "</tr>")
    out.append("</tbody></table></div>")
    return out


def render_html(matrix: Mapping[str, object], site: str = DOCS_SITE) -> str:
    """The page; ``site`` is the docs site's address as seen from where the page is published."""
    columns = list(matrix["columns"])  # type: ignore[call-overload]
    heads = [_e(short_name(c)) for c in columns]
    problems = matrix["unexplained"]  # type: ignore[index]
    verdict = (f'<p class="bad">{len(problems)} unexplained departure(s): see the end of the page.</p>'
               if problems else '<p class="ok">Every departure is explained.</p>')
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           "<title>tempfile conformance matrix</title>", f"<style>{_CSS}</style></head><body>",
           "<h1>tempfile conformance matrix</h1>",
           f"<p>Generated {_e(matrix['generated'])} on {_e(matrix['host'])} in "
           f"{float(matrix['duration']):.1f} s. Every clause is explained in the "  # type: ignore[arg-type]
           f'<a href="{_e(site)}generated/clauses/index.html">clause catalogue</a>; each column has its '
           f'page in the <a href="{_e(site)}generated/results/index.html">results</a>.</p>', verdict]
    out += _key_and_totals(matrix, heads, site)
    out.append('<h2>Clauses</h2><div class="scroll"><table><thead><tr><th>clause</th>')
    out += [f'<th title="{_e(c["label"])}">{h}</th>' for h, c in zip(heads, columns)]
    out.append("</tr></thead><tbody>")
    api = None
    for row in matrix["clauses"]:  # type: ignore[union-attr]
        if row["api"] != api:
            api = row["api"]
            out.append(f'<tr class="api"><th colspan="{len(columns) + 1}">{_e(api)}</th></tr>')
        link = f'{site}generated/clauses/{row["api"]}.html#clause-{clause_fragment(row["id"])}'
        cells = "".join(_cell(c, cell(c, row["id"]), site) for c in columns)
        out.append(f'<tr><td class="id"><a href="{_e(link)}">{_e(row["id"])}</a></td>{cells}</tr>')
    out.append("</tbody></table></div><h2>Columns</h2>")
    for head, column in zip(heads, columns):
        out += _column_details(head, column)
    if problems:
        out.append("<h2>Unexplained</h2><ul>" + "".join(f"<li>{_e(p)}</li>" for p in problems) + "</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _column_details(head: str, column: Mapping[str, object]) -> List[str]:
    """A folded block per column: what ran, its departures with reasons, its failing tests."""
    document = column.get("result") or {}
    interp = document.get("interpreter") or {}
    counts = column["summary"]["statuses"]  # type: ignore[index]
    shown = ", ".join(f"{n} {STATUS_LABELS.get(s, s)}" for s, n in counts.items() if n)
    out = [f"<details><summary>{head}: {_e(column['label'])}: {_e(shown or 'no result')}"
           f"{' (UNEXPLAINED)' if column['unexplained'] else ''}</summary>"]
    if column["error"]:
        out.append(f'<p class="bad">did not run: {_e(column["error"])}</p>')
    if interp:  # the interpreter's version, never its path
        expectations = str(document.get("expectations") or "none").replace("\\", "/").rsplit("/", 1)[-1]
        out.append(f"<p>{_e(interp.get('implementation'))} {_e(interp.get('version'))}, judged as "
                   f"{_e(document.get('judged_version'))}; expectations: {_e(expectations)}; "
                   f"{float(column.get('duration') or 0):.1f} s</p>")  # type: ignore[arg-type]
    departures = [c for c in document.get("clauses", []) if cell_kind(c) in KINDS]
    if departures:
        out.append('<div class="scroll"><table><thead><tr><th>clause</th><th>kind</th><th>reason</th>'
                   "</tr></thead><tbody>")
        out += [f'<tr><td class="id">{_e(c["id"])}</td><td class="{cell_kind(c)}">'
                f'{_e(CLASS_LABELS.get(cell_kind(c), cell_kind(c)))}</td>'
                f'<td class="reason">{_e(c.get("reason") or "")}</td></tr>' for c in departures]
        out.append("</tbody></table></div>")
    failing = [(t, c["id"]) for c in document.get("clauses", []) for t in c.get("tests", [])
               if c.get("status") in UNCLEAN or c.get("status") == EXPECTED_FAIL]
    failing = [(t, cid) for t, cid in failing if t.get("message")]
    if failing:
        out.append(f"<details><summary>test output of the departures ({len(failing)})</summary>")
        out += [f"<p><b>{_e(cid)}</b> {_e(t.get('nodeid', ''))} "
                f"({_e(t.get('outcome'))})</p><pre>{_e(t.get('message'))}</pre>" for t, cid in failing]
        out.append("</details>")
    out.append("</details>")
    return out
