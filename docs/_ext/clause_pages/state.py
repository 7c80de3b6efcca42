"""Where the generated pages live, and the trace gathered once per build for the directives."""

from __future__ import annotations

from typing import Optional, Set

from sphinx.errors import ExtensionError
from trace_model import Trace

GENERATED = "generated"  # under the docs source; the pages are written at every build


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
