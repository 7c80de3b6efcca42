"""Teaching pages agree with the spec on the releases that fixed a named bug (a CVE or a gh issue).

The spec's clauses say, in prose, which releases fixed what ("Fixed in CPython 3.8.19, …
and 3.12.1").  A page that names the same bug and says it was fixed in another patch
release of the same series contradicts the spec, and this test fails on it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, Iterable, List, Set, Tuple

from spec import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("docs/**/*.md", "notebooks/src/*.py", "README.md")
BUG_ID_RE = re.compile(r"\b(CVE-\d{4}-\d+|gh-\d+)\b")
VERSION_RE = re.compile(r"\b3\.(\d+)\.(\d+)\b")
# "fixed in", "the fixed versions": not "older than the fix", which names the releases before it.
FIX_RE = re.compile(r"\bfixed\b", re.I)
# A sentence ends at a full stop before a capital, a semicolon or a blank line.
SENTENCE_END_RE = re.compile(r"\.\s+(?=[A-Z])|;|\n\s*\n")


def table_rows(lines: List[str]) -> List[str]:
    """A Markdown table as one sentence per row: its first cell, then its 'Fixed in' cell, if any."""
    cells = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines]
    header, rows = cells[0], [r for r in cells[1:] if not all(set(c) <= set("-: ") for c in r)]
    fixed = next((i for i, name in enumerate(header) if FIX_RE.search(name)), None)
    if fixed is None:
        return [" | ".join(r) for r in rows]
    return [f"{r[0]} fixed in {r[fixed]}" for r in rows if len(r) > fixed]


def sentences(text: str) -> List[str]:
    """The sentences of a page, a Markdown table counting one sentence per row."""
    found: List[str] = []
    prose: List[str] = []
    table: List[str] = []
    for line in text.splitlines() + [""]:
        if line.lstrip().startswith("|"):
            table.append(line)
            continue
        if table:
            found.extend(table_rows(table))
            table = []
        prose.append(line)
    found.extend(" ".join(s.split()) for s in SENTENCE_END_RE.split("\n".join(prose)) if s.strip())
    return found


def dated_fixes(text: str) -> Iterable[Tuple[str, str, str, str]]:
    """(bug id, series, fixed release, sentence) for each fix a text dates.

    The bug is the one the sentence names or, if it names none, the last one named
    before it (a paragraph goes on about the bug it introduced).
    """
    current: Set[str] = set()
    for sentence in sentences(text):
        named = set(BUG_ID_RE.findall(sentence))
        current = named or current
        for series, release in fixed_series(sentence).items():
            for bug in sorted(current):
                yield bug, series, release, sentence


def fixed_series(sentence: str) -> Dict[str, str]:
    """Series -> patch release, for the versions a sentence about a fix names ('3.12' -> '3.12.1')."""
    if not FIX_RE.search(sentence):
        return {}
    return {f"3.{minor}": f"3.{minor}.{patch}" for minor, patch in VERSION_RE.findall(sentence)}


def spec_fixes() -> Dict[str, Dict[str, str]]:
    """Bug id -> {series: fixed release}, from every clause field that dates a fix."""
    facts: Dict[str, Dict[str, str]] = {}
    for clause in load_catalogue():
        for text in (clause.statement, clause.rationale or "", clause.notes or ""):
            for bug, series, release, _ in dated_fixes(text):
                facts.setdefault(bug, {})[series] = release
    return facts


def contradictions(text: str, facts: Dict[str, Dict[str, str]], where: str) -> Iterable[str]:
    """Every sentence of a page that dates a fix of a bug differently from the spec."""
    for bug, series, release, sentence in dated_fixes(text):
        expected = facts.get(bug, {}).get(series)
        if expected and expected != release:
            yield f"{where}: says {release} fixed {bug}; the spec says {expected}: {sentence[:160]}"


def test_the_spec_dates_the_cleanup_fix():
    # The fact the pages below are checked against must itself be found.
    assert spec_fixes()["CVE-2023-6597"]["3.12"] == "3.12.1"


def test_a_contradicting_page_is_caught():
    facts = {"CVE-2023-6597": {"3.12": "3.12.1", "3.11": "3.11.8"}}
    page = "CVE-2023-6597 was fixed in 3.11.8 and 3.12.2. Present in 3.12.0."
    assert list(contradictions(page, facts, "page")) == [
        "page: says 3.12.2 fixed CVE-2023-6597; the spec says 3.12.1: "
        "CVE-2023-6597 was fixed in 3.11.8 and 3.12.2"]
    assert not list(contradictions("CVE-2023-6597: fixed in 3.12.1", facts, "page"))
    # A sentence that names no bug is about the last one named; a table row about its own.
    prose = "## CVE-2023-6597\n\nCleanup followed links.\n\nThe fixed versions (3.11.8, 3.12.2) do not."
    assert [line.split(";")[0] for line in contradictions(prose, facts, "page")] == [
        "page: says 3.12.2 fixed CVE-2023-6597"]
    table = ("| Upstream | Fixed in | Still carried by |\n| --- | --- | --- |\n"
             "| gh-1, CVE-2023-6597 | 3.11.8, 3.12.2 | 3.11.7 |\n| gh-2 | 3.12.9 | 3.12.1 |\n")
    assert [line.split(";")[0] for line in contradictions(table, facts, "page")] == [
        "page: says 3.12.2 fixed CVE-2023-6597"]


def test_no_page_contradicts_the_spec_on_a_fixed_release():
    facts = spec_fixes()
    found = [line for pattern in PAGES for path in sorted(ROOT.glob(pattern))
             for line in contradictions(path.read_text(encoding="utf-8"), facts,
                                        path.relative_to(ROOT).as_posix())]
    assert not found, "\n".join(found)
