"""The evidence each expectation entry cites, read from the expectation file a run used."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, Tuple

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - older interpreters
    import tomli as tomllib

from .runs import without_local_paths

EXPECTATIONS_FOLDER = "conformance/expectations"
URL_RE = re.compile(r"https?://[^\s;,)]+")


def evidence_by_clause(root: Path, file_name: str) -> Dict[str, str]:
    """Clause id -> the ``evidence`` text of its entry in ``conformance/expectations/FILE``."""
    if not file_name:
        return {}
    path = root / EXPECTATIONS_FOLDER / Path(file_name).name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    return {str(e["clause"]): without_local_paths(str(e.get("evidence", ""))) for e in data.get("expect", [])
            if isinstance(e, dict) and "clause" in e}


def split_urls(text: str) -> List[Tuple[str, bool]]:
    """``text`` cut into (piece, is_url) runs, so the URLs can become links."""
    pieces: List[Tuple[str, bool]] = []
    last = 0
    for match in URL_RE.finditer(text):
        if match.start() > last:
            pieces.append((text[last:match.start()], False))
        pieces.append((match.group(0), True))
        last = match.end()
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces
