"""Sphinx extension: the clause catalogue, cross-linked to its code, tests and results.

Nothing here is written twice.  At ``builder-inited`` the extension reads the
catalogue (:func:`spec.load_catalogue`), scans ``reference/`` for ``[clause.id]``
tags and ``conformance/tests/`` for ``@pytest.mark.clause`` markers, reads the
latest Result JSON, and writes small stub pages under ``docs/generated/`` whose
directives build the real content as docutils nodes (so clause text is never
parsed as markup).  Links between pages are resolved at ``doctree-resolved``,
where a link to a missing page or clause is a warning, and so a failed build
under ``-W``.

A clause with no verifying test and no ``unobservable`` reason is a warning
too, and (with ``trace_untested_is_error``, the default) an error at the end.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence

from docutils import nodes
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

sys.path.insert(0, str(Path(__file__).resolve().parent))

import trace_model  # noqa: E402  (lives beside this file, not in a package)
from trace_model import Place, TargetRun, Trace, clause_anchor, source_docname  # noqa: E402

logger = logging.getLogger(__name__)

GENERATED = "generated"
CATALOGUE_DOC = "generated/clauses/index"
TRACEABILITY_DOC = "generated/traceability"
MATRIX_DOC = "generated/matrix"
SOURCES_DOC = "generated/source/index"
NOTEBOOKS_DOC = "generated/notebooks/index"

# Filled at builder-inited; read by the directives and the link resolver.
_STATE: Dict[str, object] = {}

VERDICT_WORDS = {
    "pass": "pass", "fail": "FAIL", "error": "ERROR", "not-applicable": "n/a",
    "skipped": "skipped", "expected-fail": "expected fail", "unexpected-pass": "UNEXPECTED PASS",
    "not-implemented": "not implemented", "unobservable": "unobservable", "untested": "UNTESTED",
}


def _trace() -> Trace:
    trace = _STATE.get("trace")
    if trace is None:
        raise ExtensionError("clause_pages: the trace was not gathered (builder-inited did not run)")
    return trace  # type: ignore[return-value]


def clause_docname(api: str) -> str:
    """The page holding the entries of one API group."""
    return f"generated/clauses/{api}"


# ---------------------------------------------------------------------------
# Nodes resolved late, once every page is known.
# ---------------------------------------------------------------------------

class trace_link(nodes.Inline, nodes.TextElement):  # noqa: N801 - docutils names nodes in lowercase
    """A link to ``docname#anchor`` (or to a clause by id), made relative when written."""


class source_listing(nodes.General, nodes.Element):  # noqa: N801
    """A highlighted source file whose clause ids become links."""


def _skip(self, node):  # pragma: no cover - the resolver replaces these nodes first
    raise nodes.SkipNode


def link_to(docname: str, anchor: str, text: str, classes: Sequence[str] = (),
            literal: bool = False) -> trace_link:
    node = trace_link("", "", target_doc=docname, anchor=anchor, classes=list(classes))
    node += nodes.literal(text, text) if literal else nodes.Text(text)
    return node


def clause_link(clause_id: str, text: Optional[str] = None, classes: Sequence[str] = ()) -> trace_link:
    node = trace_link("", "", clause_id=clause_id, classes=["trace-clause-link", *classes])
    node += nodes.literal(text or clause_id, text or clause_id)
    return node


def _clause_target(clause_id: str):
    catalogue = _trace().catalogue
    if clause_id not in catalogue:
        return None
    return clause_docname(catalogue[clause_id].api), clause_anchor(clause_id)


def _resolve_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Turn every trace_link into a relative reference and render the source listings."""
    known = app.env.all_docs
    for node in list(doctree.findall(trace_link)):
        if node.get("clause_id"):
            target = _clause_target(node["clause_id"])
            if target is None:
                logger.warning("unknown clause id %r", node["clause_id"], location=node,
                               type="clause_pages", subtype="link")
                node.replace_self(node.children or [nodes.Text(node["clause_id"])])
                continue
            target_doc, anchor = target
        else:
            target_doc, anchor = node["target_doc"], node.get("anchor", "")
        if target_doc not in known:
            logger.warning("link to a page that does not exist: %s", target_doc, location=node,
                           type="clause_pages", subtype="link")
            node.replace_self(node.children)
            continue
        uri = app.builder.get_relative_uri(docname, target_doc) + (f"#{anchor}" if anchor else "")
        ref = nodes.reference("", "", *node.children, internal=True, refuri=uri,
                              classes=node.get("classes", []))
        node.replace_self(ref)
    for node in list(doctree.findall(source_listing)):
        rendered = render_listing(node["relpath"], node["text"], lambda cid: _listing_href(app, docname, cid))
        node.replace_self(nodes.raw("", rendered, format="html"))


def _listing_href(app: Sphinx, docname: str, clause_id: str) -> Optional[str]:
    target = _clause_target(clause_id)
    if target is None:
        return None
    return app.builder.get_relative_uri(docname, target[0]) + "#" + target[1]


# ---------------------------------------------------------------------------
# Source listings: Pygments per line, an anchor per line, clause ids as links.
# ---------------------------------------------------------------------------

_TAG_SPLIT = re.compile(r"(<[^>]+>)")


def _linkify(fragment: str, href_for) -> str:
    """Wrap every known clause id in the text (not the tags) of a highlighted line."""
    def swap(match: re.Match) -> str:
        href = href_for(match.group(1))
        if href is None:
            return match.group(0)
        return f'<a class="trace-clause-link" href="{html.escape(href)}">{match.group(1)}</a>'

    parts = _TAG_SPLIT.split(fragment)
    return "".join(p if p.startswith("<") else trace_model.ID_TOKEN_RE.sub(swap, p) for p in parts)


def render_listing(relpath: str, text: str, href_for) -> str:
    """The HTML of one source file: a numbered, anchored line per source line."""
    source_lines = text.splitlines()
    body = highlight(text, PythonLexer(), HtmlFormatter(nowrap=True))
    lines = body.split("\n")[: len(source_lines)]
    out = [f'<div class="highlight trace-src" data-path="{html.escape(relpath)}"><pre>']
    for number, line in enumerate(lines, start=1):
        anchor = trace_model.line_anchor(number)
        # Each line is a block of its own, so no newline between them (it would double the spacing).
        out.append(f'<span class="trace-line" id="{anchor}"><a class="trace-lineno" href="#{anchor}">'
                   f'{number}</a>{_linkify(line, href_for) or " "}</span>')
    out.append("</pre></div>")
    return "".join(out)


class SourceListing(SphinxDirective):
    """``.. source-listing:: reference/_files.py`` renders that file of the repository."""

    required_arguments = 1

    def run(self) -> List[nodes.Node]:
        relpath = self.arguments[0]
        path = Path(self.config.trace_repo_root) / relpath
        self.env.note_dependency(str(path))
        text = path.read_text(encoding="utf-8")
        named = sorted({m.group(1) for m in trace_model.ID_TOKEN_RE.finditer(text)
                        if m.group(1) in _trace().catalogue})
        result: List[nodes.Node] = []
        para = nodes.paragraph()
        para += nodes.literal(relpath, relpath)
        para += nodes.Text(f": {len(text.splitlines())} lines, rendered from the repository at build time. ")
        if named:
            para += nodes.Text(f"It names {len(named)} clause(s); each id below links to its entry: ")
            for i, cid in enumerate(named):
                para += nodes.Text(", " if i else "")
                para += clause_link(cid)
            para += nodes.Text(".")
        else:
            para += nodes.Text("It names no clause.")
        result.append(para)
        result.append(source_listing("", relpath=relpath, text=text))
        return result


# ---------------------------------------------------------------------------
# Small builders of docutils nodes.
# ---------------------------------------------------------------------------

def inline_text(text: str) -> List[nodes.Node]:
    """Plain text, except that `back-quoted` runs become literals (never parsed as reST)."""
    out: List[nodes.Node] = []
    for i, part in enumerate(re.split(r"`([^`]+)`", text)):
        if part:
            out.append(nodes.literal(part, part) if i % 2 else nodes.Text(part))
    return out


def para(*content, classes: Sequence[str] = ()) -> nodes.paragraph:
    node = nodes.paragraph(classes=list(classes))
    for item in content:
        if isinstance(item, str):
            node.extend(inline_text(item))
        elif isinstance(item, (list, tuple)):
            node.extend(item)
        else:
            node += item
    return node


def field(name: str, *body: nodes.Node) -> nodes.field:
    node = nodes.field()
    node += nodes.field_name(name, name)
    fbody = nodes.field_body()
    fbody.extend(body)
    node += fbody
    return node


def verdict_node(status: str) -> nodes.inline:
    word = VERDICT_WORDS.get(status, status or "?")
    return nodes.inline(word, word, classes=["verdict", f"verdict-{status or 'unknown'}"])


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], classes: Sequence[str] = (),
          widths: Optional[Sequence[int]] = None) -> nodes.table:
    """A simple table; each cell is a string, a node, or a list of nodes."""
    tbl = nodes.table(classes=["trace-table", *classes])
    group = nodes.tgroup(cols=len(headers))
    tbl += group
    for width in widths or [1] * len(headers):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head += _row(headers)
    body = nodes.tbody()
    group += body
    for row in rows:
        body += _row(row)
    return tbl


def _row(cells: Sequence[object]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        if isinstance(cell, nodes.Node) and not isinstance(cell, (nodes.Inline, nodes.Text)):
            entry += cell
        else:
            entry += para(cell)
        row += entry
    return row


def place_links(places: Sequence[Place], with_label: bool, css: str) -> nodes.Node:
    """A bullet list of links to source lines."""
    items = nodes.bullet_list(classes=["trace-places"])
    for place in places:
        item = nodes.list_item()
        if with_label:
            item += para(link_to(place.docname, place.anchor, place.label, [css], literal=True),
                         f" in {place.relpath}, line {place.lineno}")
        else:
            item += para(link_to(place.docname, place.anchor, f"{place.relpath}, line {place.lineno}", [css]))
        items += item
    return items


def version_span(clause) -> str:
    if clause.until:
        return f"Python {clause.since} to {clause.until}"
    return f"Python {clause.since} and later"


# ---------------------------------------------------------------------------
# The clause entries.
# ---------------------------------------------------------------------------

class ClauseGroup(SphinxDirective):
    """``.. clause-group:: mkstemp``: one section per clause of that API group."""

    required_arguments = 1

    def run(self) -> List[nodes.Node]:
        trace = _trace()
        api = self.arguments[0]
        clauses = trace.catalogue.by_api(api)
        self.env.note_dependency(str(Path(self.config.trace_repo_root) / "spec" / "clauses"))
        intro = para(f"{len(clauses)} clause(s), from spec/clauses/{clauses[0].file if clauses else '?'}. "
                     "Each entry links to the lines of the reference that implement it, the "
                     "conformance tests that verify it, and the latest verdict of every target "
                     "in this build's results.")
        return [intro] + [self.entry(trace, clause) for clause in clauses]

    def entry(self, trace: Trace, clause) -> nodes.section:
        anchor = clause_anchor(clause.id)
        section = nodes.section(ids=[anchor], classes=["clause-entry", f"clause-kind-{clause.kind}"])
        section["clause-id"] = clause.id
        title = nodes.title()
        title += nodes.literal(clause.id, clause.id)
        section += title
        self.env.get_domain("std").note_hyperlink_target(anchor, self.env.docname, anchor, clause.id)
        section += para(clause.statement, classes=["clause-statement"])
        section += self.summary(clause)
        section += self.facts(trace, clause)
        if clause.erratum:
            section += nodes.rubric("Erratum", "Erratum")
            section += self.erratum(clause.erratum)
        section += nodes.rubric("Latest verdicts", "Latest verdicts")
        section += verdicts_for(trace, clause.id)
        return section

    @staticmethod
    def summary(clause) -> nodes.paragraph:
        """Level, kind, platforms, versions and the citation, on one line."""
        anchor = clause.source.split("#", 1)[1] if "#" in clause.source else "the module page"
        link = nodes.reference("", "", nodes.Text(f"Python docs: {anchor}"), refuri=clause.source,
                               classes=["trace-citation"])
        kind = "documented behaviour" if clause.kind == "documented" else clause.kind
        return para(verdict_like(clause.level, "level"), " ", verdict_like(kind, "kind"),
                    f" · platforms: {', '.join(clause.platforms)} · {version_span(clause)} · ", link,
                    classes=["clause-summary"])

    def facts(self, trace: Trace, clause) -> nodes.field_list:
        fields = nodes.field_list(classes=["clause-facts"])
        if clause.rationale:
            fields += field("Rationale", para(clause.rationale))
        code = trace.implemented_in(clause.id)
        fields += field("Implemented in", place_links(code, False, "trace-implemented-in") if code
                        else para("no [tag] in reference/ names this clause", classes=["trace-missing"]))
        tests = trace.verified_by(clause.id)
        if tests:
            fields += field("Verified by", place_links(tests, True, "trace-verified-by"))
        elif clause.unobservable:
            fields += field("Verified by", para("no test can observe it here", classes=["trace-missing"]))
        else:
            fields += field("Verified by", para("NO TEST: this clause is a defect until one is written",
                                                classes=["trace-missing", "trace-untested"]))
        if clause.unobservable:
            fields += field("Unobservable", para(clause.unobservable))
        if clause.related:
            related = para()
            for i, rid in enumerate(clause.related):
                related += nodes.Text(", " if i else "")
                related += clause_link(rid)
            fields += field("Related", related)
        if clause.notes:
            fields += field("Notes", para(clause.notes))
        return fields

    @staticmethod
    def erratum(erratum) -> nodes.field_list:
        fields = nodes.field_list(classes=["clause-erratum"])
        labels = [("versions", "Affected versions"), ("docs_say", "The docs say"),
                  ("cpython_does", "CPython does"), ("reproduction", "Reproduction"),
                  ("observed", "Observed"), ("reference_follows", "The reference follows"),
                  ("why", "Why")]
        for key, label in labels:
            value = erratum.get(key, "")
            if not value:
                continue
            if key in ("reproduction", "observed"):
                language = "python" if key == "reproduction" else "text"
                block = nodes.literal_block(value, value, language=language)
                fields += field(label, block)
            else:
                fields += field(label, para(" ".join(value.split())))
        return fields


def verdict_like(word: str, kind: str) -> nodes.inline:
    return nodes.inline(word, word, classes=[kind, f"{kind}-{word}"])


def verdicts_for(trace: Trace, clause_id: str) -> nodes.Node:
    """The table of every run's verdict on one clause, or a sentence saying there are none."""
    if not trace.runs:
        return para("No results in this build.", classes=["trace-no-results"])
    rows = []
    for run in trace.runs:
        verdict = run.verdicts.get(clause_id)
        if verdict is None:
            rows.append([run.label, run.judged_version, verdict_node("absent"), "clause not in this run"])
        else:
            rows.append([run.label, run.judged_version, verdict_node(verdict.status), verdict.reason])
    return table(["Target", "Judged as", "Verdict", "Reason"], rows, ["trace-verdicts"], [3, 1, 1, 5])


# ---------------------------------------------------------------------------
# Overview pages: catalogue summary, traceability, matrix.
# ---------------------------------------------------------------------------

class CatalogueSummary(SphinxDirective):
    """A table of the API groups with their clause counts."""

    def run(self) -> List[nodes.Node]:
        trace = _trace()
        rows = []
        for api in trace.catalogue.apis:
            clauses = trace.catalogue.by_api(api.name)
            levels = {lvl: sum(c.level == lvl for c in clauses) for lvl in ("must", "should", "may",
                                                                             "informative")}
            rows.append([link_to(clause_docname(api.name), "", api.title), str(len(clauses)),
                         ", ".join(f"{n} {lvl}" for lvl, n in levels.items() if n),
                         str(sum(c.kind == "erratum" for c in clauses))])
        errata = sum(c.kind == "erratum" for c in trace.catalogue)
        rows.append(["All", str(len(trace.catalogue)), "", str(errata)])
        return [table(["Group", "Clauses", "Levels", "Errata"], rows, ["trace-catalogue"], [3, 1, 4, 1])]


class Traceability(SphinxDirective):
    """Counts of clauses with and without code and tests, and the list of gaps."""

    def run(self) -> List[nodes.Node]:
        trace = _trace()
        cat = trace.catalogue
        coded = [c for c in cat if trace.implemented_in(c.id)]
        tested = [c for c in cat if trace.verified_by(c.id)]
        unobservable = [c for c in cat if not trace.verified_by(c.id) and c.unobservable]
        untested = trace.untested()
        out: List[nodes.Node] = []
        out.append(table(["Measure", "Clauses"], [
            ["In the catalogue", str(len(cat))],
            ["Implemented (a [tag] in reference/)", str(len(coded))],
            ["Without implementation tag", str(len(cat) - len(coded))],
            ["Verified by at least one conformance test", str(len(tested))],
            ["Without a test, with an unobservable reason", str(len(unobservable))],
            ["Without a test and without a reason (defects)", str(len(untested))],
        ], ["trace-counts"], [5, 1]))
        out.append(nodes.rubric("By group", "By group"))
        rows = []
        for api in cat.apis:
            group = cat.by_api(api.name)
            rows.append([link_to(clause_docname(api.name), "", api.title), str(len(group)),
                         str(sum(bool(trace.implemented_in(c.id)) for c in group)),
                         str(sum(bool(trace.verified_by(c.id)) for c in group)),
                         str(sum(1 for c in group if c.id in untested))])
        out.append(table(["Group", "Clauses", "With code", "With tests", "Untested"], rows,
                         ["trace-by-group"], [3, 1, 1, 1, 1]))
        out.append(nodes.rubric("Clauses lacking a test", "Clauses lacking a test"))
        out.append(self.clause_list([c for c in cat if not trace.verified_by(c.id)],
                                    lambda c: c.unobservable and f"unobservable: {c.unobservable}"
                                    or "no test and no reason: a defect"))
        out.append(nodes.rubric("Clauses lacking code", "Clauses lacking code"))
        out.append(self.clause_list([c for c in cat if not trace.implemented_in(c.id)],
                                    lambda c: "no [tag] in reference/"))
        stray = [(p, cid, "code") for p, cid in trace.code.unknown] + [
            (p, cid, "test") for p, cid in trace.tests.unknown]
        if stray:
            out.append(nodes.rubric("Ids that name no clause", "Ids that name no clause"))
            items = nodes.bullet_list()
            for place, cid, where in stray:
                item = nodes.list_item()
                item += para(nodes.literal(cid, cid), f" ({where}) at ",
                             link_to(place.docname, place.anchor, f"{place.relpath}, line {place.lineno}"))
                items += item
            out.append(items)
        return out

    @staticmethod
    def clause_list(clauses, why) -> nodes.Node:
        if not clauses:
            return para("None.")
        items = nodes.bullet_list(classes=["trace-gaps"])
        for clause in clauses:
            item = nodes.list_item()
            item += para(clause_link(clause.id), f" ({clause.level}): {why(clause)}")
            items += item
        return items


class VerdictMatrix(SphinxDirective):
    """Every clause against every target run in this build's results."""

    def run(self) -> List[nodes.Node]:
        trace = _trace()
        if not trace.runs:
            return [para("No results in this build. Run the suite with ``--format json`` into "
                         "reports/ (or the matrix, which writes reports/matrix.json) before "
                         "building the docs.", classes=["trace-no-results"])]
        out: List[nodes.Node] = [self.summary(trace.runs)]
        if trace.run_problems:
            # The matrix job itself fails on these; the page only has to show them.
            note = nodes.admonition(classes=["warning"])
            note += nodes.title("", "Columns without results")
            items = nodes.bullet_list()
            for problem in trace.run_problems:
                item = nodes.list_item()
                item += para(problem)
                items += item
            note += items
            out.append(note)
        for api in trace.catalogue.apis:
            section = nodes.section(ids=[f"matrix-{api.name}"])
            section += nodes.title(api.title, api.title)
            rows = []
            for clause in trace.catalogue.by_api(api.name):
                cells: List[object] = [clause_link(clause.id), verdict_like(clause.level, "level")]
                for run in trace.runs:
                    verdict = run.verdicts.get(clause.id)
                    cells.append(verdict_node(verdict.status if verdict else "absent"))
                rows.append(cells)
            headers = ["Clause", "Level"] + [run.label for run in trace.runs]
            section += table(headers, rows, ["trace-matrix"], [4, 1] + [1] * len(trace.runs))
            out.append(section)
        return out

    @staticmethod
    def summary(runs: Sequence[TargetRun]) -> nodes.Node:
        statuses = list(VERDICT_WORDS)
        rows = []
        for run in runs:
            counts = run.summary or {s: sum(v.status == s for v in run.verdicts.values()) for s in statuses}
            shown = ", ".join(f"{counts[s]} {VERDICT_WORDS[s]}" for s in statuses if counts.get(s))
            rows.append([run.label, run.judged_version, run.platform, shown or "no clauses", run.source])
        return table(["Target", "Judged as", "Platform", "Verdicts", "From"], rows,
                     ["trace-run-summary"], [3, 1, 1, 6, 2])


FIGURE_GROUPS = ("security", "cleanup", "faults", "load", "badinput")
SUMMED_FIGURES = ("trials", "examples", "collisions", "errors", "leaks")


class FiguresPage(SphinxDirective):
    """The adversarial groups per target: verdicts, and the figures their tests measured."""

    def run(self) -> List[nodes.Node]:
        trace = _trace()
        if not trace.runs:
            return [para("No results in this build: figures come from the result files in reports/.",
                         classes=["trace-no-results"])]
        out: List[nodes.Node] = [self.overview(trace)]
        for run in trace.runs:
            section = nodes.section(ids=[f"figures-{nodes.make_id(run.label)}"])
            section += nodes.title(run.label, run.label)
            rows = [[clause_link(cid), test, name, value] for cid, test, name, value in run.figures]
            section += (table(["Clause", "Test", "Figure", "Value"], rows, ["trace-figures"], [4, 4, 2, 2])
                        if rows else para("This run recorded no figures."))
            out.append(section)
        return out

    @staticmethod
    def overview(trace: Trace) -> nodes.Node:
        """One row per target: how many adversarial clauses held, and the summed counts."""
        rows = []
        for run in trace.runs:
            cells: List[object] = [run.label]
            for group in FIGURE_GROUPS:
                ids = [c.id for c in trace.catalogue.by_api(group)]
                judged = [run.verdicts[i].status for i in ids if i in run.verdicts]
                held = sum(s == "pass" for s in judged)
                applicable = sum(s not in ("not-applicable", "not-implemented", "skipped") for s in judged)
                cells.append(f"{held}/{applicable}")
            for name in SUMMED_FIGURES:
                values = [float(v) for _, _, n, v in run.figures if n == name and _is_number(v)]
                cells.append(f"{sum(values):g}" if values else "-")
            rows.append(cells)
        headers = (["Target"] + [f"{g} held" for g in FIGURE_GROUPS]
                   + [f"{n} (sum)" for n in SUMMED_FIGURES])
        return table(headers, rows, ["trace-figures-overview"], [3] + [1] * (len(headers) - 1))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


class CliHelp(SphinxDirective):
    """The ``--help`` text of ``python -m conformance``, taken from its parser at build time."""

    def run(self) -> List[nodes.Node]:
        from conformance.cli import build_parser

        saved = os.environ.get("COLUMNS")
        os.environ["COLUMNS"] = "88"  # argparse wraps to the terminal; pin it for a stable page
        try:
            text = build_parser().format_help()
        finally:
            if saved is None:
                del os.environ["COLUMNS"]
            else:
                os.environ["COLUMNS"] = saved
        return [nodes.literal_block(text, text, language="text")]


class ClauseRole(SphinxRole):
    """``:clause:`mkstemp.mode.owner-only``` links to that clause's entry."""

    def run(self):
        return [clause_link(self.text.strip())], []


# ---------------------------------------------------------------------------
# Generation of the stub pages, and the build-level checks.
# ---------------------------------------------------------------------------

def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _heading(text: str, char: str = "=") -> str:
    return f"{text}\n{char * max(len(text), 4)}\n"


def _stubs(trace: Trace, notebooks: Sequence[str]) -> Dict[str, str]:
    """Relative path under docs/generated -> page text."""
    pages: Dict[str, str] = {}
    auto = ".. This page is generated by docs/_ext/clause_pages.py; edit spec/ or the code instead.\n\n"
    api_docs = "\n".join(f"   {a.name}" for a in trace.catalogue.apis)
    pages["clauses/index.rst"] = (
        auto + ".. _clause-catalogue:\n\n" + _heading("Clause catalogue")
        + "\nEvery promise of ``tempfile`` that this project specifies, one entry per clause, "
        "grouped by the public name it belongs to. The text comes from ``spec/clauses/*.toml``.\n\n"
        ".. clause-catalogue-summary::\n\n.. toctree::\n   :maxdepth: 1\n   :hidden:\n\n" + api_docs + "\n")
    for api in trace.catalogue.apis:
        pages[f"clauses/{api.name}.rst"] = auto + _heading(api.title) + f"\n.. clause-group:: {api.name}\n"
    pages["traceability.rst"] = (
        auto + _heading("Traceability") + "\nWhich clauses the reference implements (a ``[clause.id]`` "
        "tag in ``reference/``) and which the conformance suite verifies (a ``@pytest.mark.clause`` "
        "marker in ``conformance/tests/``). The docs build fails while any clause has neither a test "
        "nor a reason why no test can observe it.\n\n.. traceability::\n")
    pages["matrix.rst"] = (
        auto + _heading("Verdict matrix") + "\nThe latest verdict of every target on every clause, "
        "read from this build's result files. See :doc:`/howto/read-the-matrix` for what each "
        "verdict means.\n\n.. verdict-matrix::\n")
    pages["figures.rst"] = (
        auto + _heading("Security, faults and load: figures") + "\nFor every target in this build's "
        "results: how many clauses of each adversarial group held (passed, out of those that "
        "applied), and the figures the tests measured while judging them: names drawn, hypothesis "
        "examples tried, collisions, errors and leaked descriptors (all expected to be zero), and "
        "the rate of the load test. Speed is reported here, never asserted.\n\n.. figures-page::\n")
    files = trace.source_files()
    index = (auto + _heading("Source listings") + "\nThe reference implementation and the conformance "
             "tests, rendered with a numbered anchor per line. Clause ids in the code link to their "
             "entries; the entries link back here.\n")
    for caption, group in (("Reference implementation", trace.code.files),
                           ("Conformance tests", trace.tests.files)):
        entries = "".join(f"   {source_docname(f).split('/', 2)[2]}\n" for f in group)
        index += f"\n.. toctree::\n   :maxdepth: 1\n   :caption: {caption}\n\n{entries}" if group else ""
    pages["source/index.rst"] = index if files else index + "\nNo source files yet.\n"
    for relpath in files:
        name = source_docname(relpath).split("/", 2)[2]
        title = relpath[len("conformance/tests/"):] if relpath.startswith("conformance/tests/") else relpath
        pages[f"source/{name}.rst"] = auto + _heading(title) + f"\n.. source-listing:: {relpath}\n"
    nb_list = "\n".join(f"   {Path(n).stem}" for n in notebooks)
    pages["notebooks/index.rst"] = (
        auto + _heading("Notebooks") + "\nExperiments you can run yourself. They are stored without "
        "outputs and executed afresh by every docs build, so what you see is what this build's "
        "interpreter did.\n\n"
        + (".. toctree::\n   :maxdepth: 1\n\n" + nb_list + "\n" if notebooks else "No notebooks yet.\n"))
    return pages


def _generate(app: Sphinx) -> None:
    from spec import load_catalogue

    root = Path(app.config.trace_repo_root)
    reports = Path(app.config.trace_reports_dir) if app.config.trace_reports_dir else root / "reports"
    trace = trace_model.gather(root, load_catalogue(), reports)
    _STATE["trace"] = trace
    out_dir = Path(app.srcdir) / GENERATED
    notebooks = _copy_notebooks(root / "notebooks", out_dir / "notebooks")
    pages = _stubs(trace, notebooks)
    for rel, text in pages.items():
        _write_if_changed(out_dir / rel, text)
    for stale in out_dir.rglob("*.rst"):
        if stale.relative_to(out_dir).as_posix() not in pages:
            stale.unlink()
    _STATE["generated"] = {f"{GENERATED}/{rel[:-4]}" for rel in pages}
    _report_problems(root, trace)


def _copy_notebooks(source: Path, dest: Path) -> List[str]:
    """Copy ``notebooks/*.ipynb`` under the docs source (myst-nb reads only from there)."""
    names = sorted(p.name for p in source.glob("*.ipynb")) if source.is_dir() else []
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        if not (dest / name).exists() or (dest / name).read_bytes() != (source / name).read_bytes():
            shutil.copyfile(source / name, dest / name)
    for stale in dest.glob("*.ipynb"):
        if stale.name not in names:
            stale.unlink()
    return names


def _clause_location(root: Path, clause) -> str:
    """``spec/clauses/FILE.toml:LINE`` of the clause's id line, for a clickable warning."""
    path = root / "spec" / "clauses" / clause.file
    pattern = re.compile(r'^\s*id\s*=\s*["\']' + re.escape(clause.id) + r'["\']')
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if pattern.match(line):
            return f"{path}:{lineno}"
    return f"{path}:1"


def _report_problems(root: Path, trace: Trace) -> None:
    for clause_id in trace.untested():
        logger.warning("clause %s has no conformance test and no unobservable reason", clause_id,
                       location=_clause_location(root, trace.catalogue[clause_id]),
                       type="clause_pages", subtype="untested")
    for place, cid in trace.code.unknown + trace.tests.unknown:
        logger.warning("%r names no clause in the catalogue", cid,
                       location=f"{root / place.relpath}:{place.lineno}", type="clause_pages",
                       subtype="stray")
    for problem in trace.tests.problems:
        logger.warning("%s", problem, type="clause_pages", subtype="parse")


def _outdated(app: Sphinx, env, added, changed, removed) -> List[str]:
    """Generated pages depend on the whole repository: re-read them every build."""
    return sorted(d for d in _STATE.get("generated", ()) if d in env.found_docs)


def _finished(app: Sphinx, exception: Optional[BaseException]) -> None:
    if exception is None and app.config.trace_untested_is_error and "trace" in _STATE:
        missing = _trace().untested()
        if missing:
            raise ExtensionError(f"{len(missing)} clause(s) have no test and no unobservable reason: "
                                 + ", ".join(missing[:20]) + (" ..." if len(missing) > 20 else ""))


def setup(app: Sphinx) -> dict:
    default_root = str(Path(__file__).resolve().parents[2])
    app.add_config_value("trace_repo_root", default_root, "env")
    app.add_config_value("trace_reports_dir", os.environ.get("TEMPFILE_DOCS_REPORTS", ""), "env")
    app.add_config_value("trace_untested_is_error", True, "env")
    app.add_node(trace_link, html=(_skip, None), latex=(_skip, None), text=(_skip, None))
    app.add_node(source_listing, html=(_skip, None), latex=(_skip, None), text=(_skip, None))
    app.add_directive("clause-group", ClauseGroup)
    app.add_directive("clause-catalogue-summary", CatalogueSummary)
    app.add_directive("traceability", Traceability)
    app.add_directive("verdict-matrix", VerdictMatrix)
    app.add_directive("figures-page", FiguresPage)
    app.add_directive("source-listing", SourceListing)
    app.add_directive("cli-help", CliHelp)
    app.add_role("clause", ClauseRole())
    app.connect("builder-inited", _generate)
    app.connect("env-get-outdated", _outdated)
    app.connect("doctree-resolved", _resolve_links)
    app.connect("build-finished", _finished)
    app.add_css_file("trace.css")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
