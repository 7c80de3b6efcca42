"""Anchors into the tempfile docs page: which sentence(s) a documented clause rests on.

A documented clause carries ``docs_ref``: one or more anchors separated by
``"; "``, each a section of the page and a part of it, optionally followed by a
short quote (at most eight words) to find the sentence by eye::

    docs_ref = "mkstemp ¶3"
    docs_ref = "TemporaryDirectory.cleanup ¶1; TemporaryDirectory versionchanged 3.10"
    docs_ref = 'gettempdir list item 4 "/tmp, /var/tmp, and /usr/tmp"'

Sections are the page's entries (``mkstemp``, ``TemporaryDirectory.cleanup``)
plus ``intro`` (before the first entry), ``globals`` (the paragraph just before
``tempdir``), ``examples`` and ``deprecated`` (the mktemp section's opening).
Parts: ``¶N`` counts the entry's prose paragraphs (a bulleted list belongs to
the paragraph that introduces it), ``list item N`` an item of the entry's
numbered or bulleted list, ``signature`` the entry's heading line, and the
directives by name: ``audit-event``, ``note``, ``warning``, ``versionchanged 3.N``,
``versionadded 3.N``.  Counts follow the 3.14 page.
"""

from __future__ import annotations

import re
from typing import List, Mapping

# Prose paragraphs per section of the 3.14 page (a typo'd ¶ number is caught).
SECTIONS: Mapping[str, int] = {
    "intro": 3, "TemporaryFile": 7, "NamedTemporaryFile": 7, "SpooledTemporaryFile": 2,
    "SpooledTemporaryFile.rollover": 1, "TemporaryDirectory": 2, "TemporaryDirectory.name": 1,
    "TemporaryDirectory.cleanup": 1, "mkstemp": 8, "mkdtemp": 4, "gettempdir": 3,
    "gettempdirb": 1, "gettempprefix": 1, "gettempprefixb": 1, "globals": 1, "tempdir": 2,
    "examples": 1, "deprecated": 1, "mktemp": 1,
}
MAX_QUOTE_WORDS = 8

_PART = (r"(?P<para>¶(?P<n>\d+))|list item \d+|signature|audit-event|note|warning"
         r"|(?:versionchanged|versionadded) 3\.\d+")
_ANCHOR = re.compile(rf'^(?P<section>[A-Za-z.]+) (?P<part>{_PART})(?: "(?P<quote>[^"]+)")?$')


def check_docs_ref(text: str) -> List[str]:
    """The problems of one ``docs_ref`` value (an empty list when it is well formed)."""
    problems = []
    for anchor in text.split("; "):
        match = _ANCHOR.match(anchor.strip())
        if not match:
            problems.append(f"{anchor!r} is not 'SECTION PART' (e.g. 'mkstemp ¶3')")
            continue
        section = match.group("section")
        if section not in SECTIONS:
            problems.append(f"{anchor!r}: unknown section {section!r}")
        elif match.group("n") and not 1 <= int(match.group("n")) <= SECTIONS[section]:
            problems.append(f"{anchor!r}: {section} has {SECTIONS[section]} paragraph(s)")
        quote = match.group("quote")
        if quote and len(quote.split()) > MAX_QUOTE_WORDS:
            problems.append(f"{anchor!r}: a quote is a pointer, at most {MAX_QUOTE_WORDS} words")
    return problems
