"""The reference's clause tags: every one names a real clause, sits next to its code, and says which
side each erratum follows; every core clause is tagged."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from spec import load_catalogue

REFERENCE = Path(__file__).resolve().parents[2] / "reference"
# A clause id in square brackets, the citation form the docs link on.
CITATION = re.compile(r"\[([a-z][a-z0-9_]*(?:\.[a-z0-9][a-z0-9_-]*)+)\]")


def sources() -> Dict[str, List[str]]:
    """Every module of the reference, as lines."""
    return {p.name: p.read_text(encoding="utf-8").splitlines() for p in sorted(REFERENCE.glob("*.py"))}


def citations() -> Dict[str, List[Tuple[str, int]]]:
    """Every cited id, with the places (file, line) that cite it."""
    found: Dict[str, List[Tuple[str, int]]] = {}
    for name, lines in sources().items():
        for number, line in enumerate(lines, 1):
            for clause_id in CITATION.findall(line):
                found.setdefault(clause_id, []).append((name, number))
    return found


def comment_lines(text: str) -> Dict[int, str]:
    """Line number -> text of every line that holds nothing but a comment."""
    lines = text.splitlines()
    return {token.start[0]: token.string for token in tokenize.generate_tokens(io.StringIO(text).readline)
            if token.type == tokenize.COMMENT and not lines[token.start[0] - 1][:token.start[1]].strip()}


def is_tag_only(comment: str) -> bool:
    """A comment that holds clause ids and nothing else."""
    return bool(CITATION.search(comment)) and not re.sub(r"[\s#()\[\]:;,.]", "",
                                                         CITATION.sub("", comment))


def misplaced_tags(text: str) -> List[Tuple[int, str]]:
    """Tag comments not next to code: followed by a blank line, or a tag-only line after another."""
    lines = text.splitlines()
    comments = comment_lines(text)
    found = []
    for number, comment in comments.items():
        if not CITATION.search(comment) or number >= len(lines):
            continue
        following = lines[number]  # the next line (numbers are 1-based)
        if not following.strip():
            found.append((number, "tag comment followed by a blank line"))
        elif is_tag_only(comment) and number + 1 in comments and is_tag_only(comments[number + 1]):
            found.append((number, "tag-only line followed by another tag-only line"))
    return found


def test_every_cited_clause_exists():
    known = {clause.id for clause in load_catalogue()}
    unknown = {cid: where for cid, where in citations().items() if cid not in known}
    assert not unknown, f"reference/ cites clauses missing from spec/clauses: {unknown}"


def test_every_core_clause_is_tagged():
    # Replaces a minimum count of tags, which rewarded quantity: what matters is that no
    # core clause is left without the line of the reference that implements it.
    cited = citations()
    # The reference is a 3.14 implementation: a clause that starts in a later release is not its to carry.
    platforms = ("linux", "win32", "darwin")
    for_314 = [c for c in load_catalogue() if any(c.applies((3, 14), p) for p in platforms)]
    untagged = [c.id for c in for_314 if c.tier == "core" and c.id not in cited]
    assert not untagged, f"core clauses with no [tag] in reference/: {untagged}"


@pytest.mark.parametrize("name", sorted(p.name for p in REFERENCE.glob("*.py")))
def test_each_tag_sits_next_to_code(name):
    misplaced = misplaced_tags((REFERENCE / name).read_text(encoding="utf-8"))
    assert not misplaced, f"{name}: {misplaced}"


@pytest.mark.parametrize("text, bad", [
    ("# [a.b]\n\nx = 1\n", True),
    ("# [a.b]\n# [c.d]\nx = 1\n", True),
    ("# [a.b] [c.d]\nx = 1\n", False),
    ("x = 1  # [a.b]\n\ny = 2\n", False),
    ("# Why this is so [a.b], in words.\n# [c.d]\nx = 1\n", False),
])
def test_the_placement_check_itself(text, bad):
    assert bool(misplaced_tags(text)) is bad


@pytest.mark.parametrize("clause", [c for c in load_catalogue() if c.kind == "erratum"],
                         ids=lambda c: c.id)
def test_each_erratum_is_cited_next_to_the_side_it_follows(clause):
    texts = sources()
    places = citations().get(clause.id)
    assert places, f"{clause.id}: erratum not cited in reference/"
    side = "the docs" if clause.erratum["reference_follows"] == "docs" else "CPython"
    for name, number in places:
        # The citation's comment block (a few lines from the id on) names the side followed.
        lines = texts[name][number - 1:number + 4]
        window = " ".join(" ".join(line.strip().lstrip("#").split()) for line in lines)
        if "erratum" in window and f"follow {side}" in window:
            return
    pytest.fail(f"{clause.id}: no comment says 'erratum ... follow {side}' at {places}")
