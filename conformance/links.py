"""Where a clause is explained on the Sphinx site, as a URL relative to the site's root.

The docs extension (``docs/_ext``) writes one page per API and an anchor per
clause; the result document and the reports link to the same place through
these two functions, so the two cannot drift apart.
"""

from __future__ import annotations

import re

CLAUSE_PAGES = "generated/clauses"


def clause_anchor(clause_id: str) -> str:
    """The HTML id of a clause's entry: ``clause-`` and the id, dots and other marks as dashes."""
    return "clause-" + re.sub(r"[^a-z0-9_-]+", "-", clause_id.lower())


def clause_url(api: str, clause_id: str) -> str:
    """The clause's entry on its API's page, e.g. ``generated/clauses/mkstemp.html#clause-mkstemp-mode``."""
    return f"{CLAUSE_PAGES}/{api}.html#{clause_anchor(clause_id)}"
