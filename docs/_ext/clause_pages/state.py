"""Where the generated pages live, and the trace gathered once per build for the directives."""

from __future__ import annotations

from typing import Optional, Set

from sphinx.errors import ExtensionError
from trace_model import Trace

from conformance.matrix.html_page import clause_fragment

GENERATED = "generated"  # under the docs source; the pages are written at every build
MATRIX_DOC = "generated/matrix"
MATRIX_DEPARTURES_DOC = "generated/matrix-departures"


def clause_docname(api: str) -> str:
    """The page holding the entries of one API group."""
    return f"generated/clauses/{api}"


class BuildState:
    """What ``builder-inited`` gathered: read by the directives, the link resolver and the checks."""

    trace: Optional[Trace] = None
    generated: Set[str] = set()  # docnames of the pages this extension wrote


def current_trace() -> Trace:
    """The trace of this build; an error if ``builder-inited`` did not gather one."""
    if BuildState.trace is None:
        raise ExtensionError("clause_pages: the trace was not gathered (builder-inited did not run)")
    return BuildState.trace


def results_docname(slug: str) -> str:
    """The page of one implementation's results (``slug``: :func:`trace_model.results.page_slug`)."""
    return f"generated/results/{slug}"


def departure_anchor(clause_id: str) -> str:
    """The HTML id of one departure on an implementation's page."""
    return "departure-" + clause_fragment(clause_id)


def find_run(key: str):
    """The run whose column key is ``key``, or None."""
    return next((run for run in current_trace().runs if run.key == key), None)
