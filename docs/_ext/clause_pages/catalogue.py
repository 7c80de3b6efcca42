"""The clause catalogue: one entry per clause, grouped by API, and the table of groups."""

from __future__ import annotations

from pathlib import Path
from typing import List

from docutils import nodes
from sphinx.util.docutils import SphinxDirective, SphinxRole
from trace_model import Trace
from trace_model.scan import clause_anchor

from spec import LEVELS

from .badges import badge_strip
from .blocks import field, para, place_links, table, verdict_like
from .links import clause_link, link_to
from .state import clause_docname, current_trace

# The erratum's fields in reading order, with the words a reader sees; two are shown as code.
ERRATUM_FIELDS = (("versions", "Affected versions"), ("docs_say", "The docs say"),
                  ("cpython_does", "CPython does"), ("reproduction", "Reproduction"),
                  ("observed", "Observed"), ("reference_follows", "The reference follows"),
                  ("why", "Why"))
CODE_FIELDS = {"reproduction": "python", "observed": "text"}
ERRATUM_KIND = "erratum"  # vocabulary: spec.KINDS, the kind of clause that records a docs/CPython gap


def version_span(clause) -> str:
    """The releases a clause holds for, in words."""
    if clause.until:
        return f"Python {clause.since} to {clause.until}"
    return f"Python {clause.since} and later"


class ClauseGroup(SphinxDirective):
    """``.. clause-group:: mkstemp``: one section per clause of that API group."""

    required_arguments = 1

    def run(self) -> List[nodes.Node]:
        trace = current_trace()
        api = self.arguments[0]
        clauses = trace.catalogue.by_api(api)
        self.env.note_dependency(str(Path(self.config.trace_repo_root) / "spec" / "clauses"))
        intro = para(f"{len(clauses)} clause(s), from spec/clauses/{clauses[0].file if clauses else '?'}. "
                     "Each entry links to the lines of the reference that implement it, the "
                     "conformance tests that verify it, and the latest verdict of every target "
                     "in this build's results.")
        return [intro] + [self.entry(trace, clause) for clause in clauses]

    def entry(self, trace: Trace, clause) -> nodes.section:
        """The section of one clause: statement, facts, erratum, verdicts."""
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
        section.extend(badge_strip(trace, clause.id))
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

    @staticmethod
    def facts(trace: Trace, clause) -> nodes.field_list:
        """Rationale, where it is implemented and verified, and related clauses."""
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
        """Where the docs and CPython disagree, field by field."""
        fields = nodes.field_list(classes=["clause-erratum"])
        for key, label in ERRATUM_FIELDS:
            value = erratum.get(key, "")
            if not value:
                continue
            if key in CODE_FIELDS:
                fields += field(label, nodes.literal_block(value, value, language=CODE_FIELDS[key]))
            else:
                fields += field(label, para(" ".join(value.split())))
        return fields


class CatalogueSummary(SphinxDirective):
    """A table of the API groups with their clause counts."""

    def run(self) -> List[nodes.Node]:
        catalogue = current_trace().catalogue
        rows = []
        for api in catalogue.apis:
            clauses = catalogue.by_api(api.name)
            levels = {lvl: sum(c.level == lvl for c in clauses) for lvl in LEVELS}
            rows.append([link_to(clause_docname(api.name), "", api.title), str(len(clauses)),
                         ", ".join(f"{n} {lvl}" for lvl, n in levels.items() if n),
                         str(sum(c.kind == ERRATUM_KIND for c in clauses))])
        errata = sum(c.kind == ERRATUM_KIND for c in catalogue)
        rows.append(["All", str(len(catalogue)), "", str(errata)])
        return [table(["Group", "Clauses", "Levels", "Errata"], rows, ["trace-catalogue"], [3, 1, 4, 1])]


class ClauseRole(SphinxRole):
    """``:clause:`mkstemp.mode.owner-only``` links to that clause's entry."""

    def run(self):
        return [clause_link(self.text.strip())], []
