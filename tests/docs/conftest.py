"""The docs tests read the repository as the docs extension does: from docs/_ext, not a package."""

from __future__ import annotations

import sys
from pathlib import Path

DOCS_EXT = Path(__file__).resolve().parents[2] / "docs" / "_ext"
if str(DOCS_EXT) not in sys.path:
    sys.path.insert(0, str(DOCS_EXT))
