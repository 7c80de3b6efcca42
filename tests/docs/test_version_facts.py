"""Teaching pages agree with the spec on the releases that fixed a named bug (a CVE or a gh issue).

The spec's clauses say, in prose, which releases fixed what ("Fixed in CPython 3.8.19, …
and 3.12.1").  A page that names the same bug and says it was fixed in another patch
release of the same series contradicts the spec, and this test fails on it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, Iterable, List

from spec import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("docs/**/*.md", "notebooks/src/*.py", "README.md")
BUG_ID_RE = re.compile(r"\b(CVE-\d{4}-\d+|gh-\d+)\b")
VERSION_RE = re.compile(r"\b3\.(\d+)\.(\d+)\b")
# "fixed in", "the fixed versions": not "older than the fix", which names the releases before it.
FIX_RE = re.compile(r"\bfixed\b", re.I)
# A sentence ends at a full stop before a capital, a semicolon or a blank line.
SENTENCE_END_RE = re.compile(r"\.\s+(?=[A-Z])|;|\n\s*\n")


def sentences(text: str) -> List[str]:
    return [" ".join(s.split()) for s in SENTENCE_END_RE.split(text) if s.strip()]


def fixed_series(sentence: str) -> Dict[str, str]:
    """Series -> patch release, for the versions a sentence about a fix names ('3.12' -> '3.12.1')."""
    if not FIX_RE.search(sentence):
        return {}
    return {f"3.{minor}": f"3.{minor}.{patch}" for minor, patch in VERSION_RE.findall(sentence)}


def spec_fixes() -> Dict[str, Dict[str, str]]:
    """Bug id -> {series: fixed release}, from every clause field that names the bug."""
    facts: Dict[str, Dict[str, str]] = {}
    for clause in load_catalogue():
        fields = [clause.statement, clause.rationale or "", clause.notes or ""]
        for text in fields:
            ids = set(BUG_ID_RE.findall(text))
            for sentence in sentences(text):
                for bug in ids:
                    facts.setdefault(bug, {}).update(fixed_series(sentence))
    return {bug: series for bug, series in facts.items() if series}


def contradictions(text: str, facts: Dict[str, Dict[str, str]], where: str) -> Iterable[str]:
    """Every sentence of a page (about a bug the spec dates) whose fixed release disagrees."""
    named = [bug for bug in facts if bug in text]
    for sentence in sentences(text) if named else ():
        for series, release in fixed_series(sentence).items():
            for bug in named:
                expected = facts[bug].get(series)
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


def test_no_page_contradicts_the_spec_on_a_fixed_release():
    facts = spec_fixes()
    found = [line for pattern in PAGES for path in sorted(ROOT.glob(pattern))
             for line in contradictions(path.read_text(encoding="utf-8"), facts,
                                        path.relative_to(ROOT).as_posix())]
    assert not found, "\n".join(found)
