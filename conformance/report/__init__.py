"""Rendering a result document as text, JSON, JUnit XML or Markdown.

Every renderer reads only the result document (``conformance/schema/result.schema.json``),
so a run made by another interpreter (``--python``) renders the same way.
"""

from __future__ import annotations

import json

from conformance.report.common import summary_line
from conformance.report.junit import render_junit
from conformance.report.markdown import render_markdown
from conformance.report.text import render_text

FORMATS = ("text", "json", "junit", "markdown")


def render_json(document: dict) -> str:
    """The result document itself."""
    return json.dumps(document, indent=2) + "\n"


def render(document: dict, fmt: str, verbosity: int = 0, colour: bool = False) -> str:
    """Dispatch on ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return render_json(document)
    if fmt == "junit":
        return render_junit(document)
    if fmt == "markdown":
        return render_markdown(document)
    return render_text(document, verbosity, colour)


__all__ = ["FORMATS", "render", "render_json", "render_junit", "render_markdown", "render_text",
           "summary_line"]
