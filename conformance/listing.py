"""``--list-clauses``: the catalogue (or the clauses a ``--clause`` selects) as text, JSON or Markdown."""

from __future__ import annotations

import json
from typing import List, Sequence

from conformance.links import clause_url
from conformance.vocabulary import CATALOGUE_SCHEMA

LISTING_FORMATS = ("text", "json", "markdown")


def _span(clause: object) -> str:
    until = clause.until  # type: ignore[attr-defined]
    return clause.since + ("-" + until if until else "+")  # type: ignore[attr-defined]


def listing_json(clauses: Sequence[object]) -> str:
    """``{"schema": ..., "clauses": [...]}``, each clause as the catalogue holds it plus its docs link."""
    entries = [dict(c.as_dict(), docs=clause_url(c.api, c.id)) for c in clauses]  # type: ignore
    return json.dumps({"schema": CATALOGUE_SCHEMA, "clauses": entries}, indent=2) + "\n"


def listing_text(clauses: Sequence[object]) -> str:
    """One line per clause: id, level, kind, platforms, versions."""
    return "".join(f"{c.id:<48} {c.level:<11} {c.kind:<10} {','.join(c.platforms):<8} {_span(c)}\n"  # type: ignore
                   for c in clauses)


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def listing_markdown(clauses: Sequence[object]) -> str:
    """A table per API: clause (linked to its docs entry), level, kind, platforms, versions, statement."""
    lines: List[str] = ["# tempfile clauses"]
    api = None
    for c in clauses:
        if c.api != api:  # type: ignore[attr-defined]
            api = c.api  # type: ignore[attr-defined]
            lines += ["", f"## {api}", "", "| Clause | Level | Kind | Platforms | Versions | Statement |",
                      "| --- | --- | --- | --- | --- | --- |"]
        lines.append(f"| [`{c.id}`]({clause_url(c.api, c.id)}) | {c.level} | {c.kind} | "  # type: ignore
                     f"{', '.join(c.platforms)} | {_span(c)} | {_cell(c.statement)} |")  # type: ignore
    return "\n".join(lines) + "\n"


def render_listing(clauses: Sequence[object], fmt: str) -> str:
    """Dispatch on ``fmt`` (one of :data:`LISTING_FORMATS`)."""
    if fmt == "json":
        return listing_json(clauses)
    if fmt == "markdown":
        return listing_markdown(clauses)
    return listing_text(clauses)
