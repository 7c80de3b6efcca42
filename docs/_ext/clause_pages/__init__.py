"""Sphinx extension: the clause catalogue, cross-linked to its code, tests and results.

Nothing here is written twice.  At ``builder-inited`` (:mod:`.pages`) the
extension reads the catalogue (:func:`spec.load_catalogue`), scans
``reference/`` for ``[clause.id]`` tags and ``conformance/tests/`` for
``@pytest.mark.clause`` markers, reads the latest Result JSON
(:mod:`trace_model`), and renders small stub pages from ``templates/`` under
``docs/generated/``.  Their directives build the content as docutils nodes:

* :mod:`.catalogue` the clause entries and the table of groups;
* :mod:`.traceability` counts and gaps;
* :mod:`.overview` the landing page's table of implementations;
* :mod:`.implementation` one page per implementation: departures, then passes;
* :mod:`.badges` a verdict as a badge, and the strip of them on each clause;
* :mod:`.verdicts` the matrix, by group or departures only;
* :mod:`.figures` the adversarial groups and their measured figures;
* :mod:`.listings` the source files, an anchor per line;
* :mod:`.cli_help` the runner's ``--help``;
* :mod:`.code_map` the map of the code, read from the modules' docstrings.

Links between pages are resolved at ``doctree-resolved`` (:mod:`.links`), where
a link to a missing page or clause is a warning, and so a failed build under
``-W``.  A clause with no verifying test and no ``unobservable`` reason is a
warning too, and (with ``trace_untested_is_error``, the default) an error at
the end.
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx

from . import pages
from .badges import ClauseVerdicts
from .blocks import depart_details_html, details, pass_through, visit_details_html
from .catalogue import CatalogueSummary, ClauseGroup, ClauseRole
from .cli_help import CliHelp
from .code_map import CodeMap
from .figures import FiguresPage
from .implementation import ImplementationResults
from .links import resolve_links, skip_node, trace_link
from .listings import SourceListing, render_listings, source_listing
from .overview import ResultsOverview
from .traceability import Traceability
from .verdicts import DepartureClasses, VerdictMatrix

DIRECTIVES = {
    "clause-group": ClauseGroup,
    "clause-catalogue-summary": CatalogueSummary,
    "traceability": Traceability,
    "verdict-matrix": VerdictMatrix,
    "figures-page": FiguresPage,
    "source-listing": SourceListing,
    "cli-help": CliHelp,
    "results-overview": ResultsOverview,
    "implementation-results": ImplementationResults,
    "clause-verdicts": ClauseVerdicts,
    "departure-classes": DepartureClasses,
    "code-map": CodeMap,
}


def setup(app: Sphinx) -> dict:
    """Register the config values, nodes, directives, role and event handlers."""
    default_root = str(Path(__file__).resolve().parents[3])
    app.add_config_value("trace_repo_root", default_root, "env")
    app.add_config_value("trace_reports_dir", os.environ.get("TEMPFILE_DOCS_REPORTS", ""), "env")
    app.add_config_value("trace_untested_is_error", True, "env")
    for node in (trace_link, source_listing):
        app.add_node(node, html=(skip_node, None), latex=(skip_node, None), text=(skip_node, None))
    app.add_node(details, html=(visit_details_html, depart_details_html), latex=(pass_through, pass_through),
                 text=(pass_through, pass_through))
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    app.add_role("clause", ClauseRole())
    app.connect("builder-inited", pages.generate)
    app.connect("env-get-outdated", pages.outdated)
    app.connect("doctree-resolved", resolve_links)
    app.connect("doctree-resolved", render_listings)
    app.connect("build-finished", pages.finished)
    app.add_css_file("trace.css")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
