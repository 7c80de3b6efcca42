"""A Markdown page of one result document: heading facts, summaries, a table per API and tier."""

from __future__ import annotations

from typing import List

from conformance.report.common import grouped, heading, summary_line
from conformance.results import count
from conformance.vocabulary import CLASS_LABELS, CORE, PASS, TIER_TITLES, TIERS, UNCLEAN


def _md(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _notes(clause: dict) -> str:
    if clause["status"] == PASS:
        return ""
    note = _md(clause.get("reason", ""))[:300]
    if clause["status"] in UNCLEAN and clause.get("statement"):
        note += f" -- clause: {_md(clause['statement'])[:300]}"
    if clause.get("docs"):
        note += f" ([docs]({clause['docs']}))"
    return note


def _status(clause: dict) -> str:
    klass = clause.get("departure_class")
    return f"{clause['status']} ({CLASS_LABELS.get(klass, klass)})" if klass else clause["status"]


def render_markdown(document: dict) -> str:
    """A Markdown page: heading facts, summary, then one table per API and tier."""
    target = document["target"]
    lines: List[str] = [f"# tempfile conformance: {_md(target['name'])}", ""]
    lines += [f"- {_md(line)}" for line in heading(document)]
    clauses = document["clauses"]
    for tier in TIERS:
        members = [c for c in clauses if c["tier"] == tier]
        if not members:
            continue
        lines += ["", f"## {TIER_TITLES[tier]}", "", f"**{summary_line(count(members, tier))}**"]
        for api, group in grouped(members).items():
            lines += ["", f"### {_md(api)}", "", "| Clause | Level | Status | Notes |",
                      "| --- | --- | --- | --- |"]
            lines += [f"| `{c['id']}` | {c['level']} | {_status(c)} | {_notes(c)} |" for c in group]
    if document.get("errors"):
        lines += ["", "## Session errors", ""] + [f"- {_md(e)[:500]}" for e in document["errors"]]
    lines += ["", summary_line(count([c for c in clauses if c["tier"] == CORE], CORE)), ""]
    return "\n".join(lines)
