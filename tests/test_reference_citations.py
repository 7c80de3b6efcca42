"""The reference's comments cite clauses that exist, and say which side each erratum follows."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from spec import load_catalogue

REFERENCE = Path(__file__).resolve().parent.parent / "reference"
# A clause id in square brackets, the citation form the docs link on.
CITATION = re.compile(r"\[([a-z][a-z0-9_]*(?:\.[a-z0-9][a-z0-9_-]*)+)\]")


def citations() -> Dict[str, List[Tuple[str, int]]]:
    """Every cited id, with the places (file, line) that cite it."""
    found: Dict[str, List[Tuple[str, int]]] = {}
    for path in sorted(REFERENCE.glob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for clause_id in CITATION.findall(line):
                found.setdefault(clause_id, []).append((path.name, number))
    return found


def test_every_cited_clause_exists():
    known = {clause.id for clause in load_catalogue()}
    unknown = {cid: where for cid, where in citations().items() if cid not in known}
    assert not unknown, f"reference/ cites clauses missing from spec/clauses: {unknown}"


def test_citations_are_plentiful():
    # A floor, so that stripping the annotations is noticed.
    assert len(citations()) >= 100


@pytest.mark.parametrize("clause", [c for c in load_catalogue() if c.kind == "erratum"],
                         ids=lambda c: c.id)
def test_each_erratum_is_cited_next_to_the_side_it_follows(clause):
    sources = {p.name: p.read_text(encoding="utf-8").splitlines() for p in REFERENCE.glob("*.py")}
    places = citations().get(clause.id)
    assert places, f"{clause.id}: erratum not cited in reference/"
    side = "the docs" if clause.erratum["reference_follows"] == "docs" else "CPython"
    for name, number in places:
        # The citation's comment block (a few lines from the id on) names the side followed.
        lines = sources[name][number - 1:number + 4]
        window = " ".join(" ".join(line.strip().lstrip("#").split()) for line in lines)
        if "erratum" in window and f"follow {side}" in window:
            return
    pytest.fail(f"{clause.id}: no comment says 'erratum ... follow {side}' at {places}")
