"""The rules a clause file must follow: field names, allowed values, and their checks."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Mapping, Tuple

from spec.docs_refs import check_docs_ref

CLAUSE_DIR = Path(__file__).resolve().parent / "clauses"
DOCS_PAGE = "https://docs.python.org/3.14/library/tempfile.html"

LEVELS = ("must", "should", "may", "informative")
KINDS = ("documented", "derived", "erratum")
PLATFORMS = ("all", "posix", "linux", "windows")

# Keys a clause may carry; anything else is a typo we want to hear about.
REQUIRED = ("id", "statement", "level", "kind", "platforms", "since", "source")
OPTIONAL = ("until", "rationale", "erratum", "related", "unobservable", "notes", "docs_ref",
             "boundary_unobservable")
ERRATUM_REQUIRED = (
    "versions", "docs_say", "cpython_does", "reproduction", "observed",
    "reference_follows", "why",
)
META_KEYS = ("api", "title", "order", "anchor")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9][a-z0-9_-]*)+$")
_VERSION_RE = re.compile(r"^3\.(\d{1,2})$")

Version = Tuple[int, int]


class SpecError(ValueError):
    """A clause file is malformed; the message names the file and the clause."""


def parse_version(text: str) -> Version:
    """Turn ``"3.12"`` into ``(3, 12)``; anything else is a :class:`SpecError`."""
    match = _VERSION_RE.match(str(text))
    if not match:
        raise SpecError(f"bad version string {text!r} (expected '3.N')")
    return (3, int(match.group(1)))


# ---------------------------------------------------------------------------
# Validation: every complaint names the file and, where it can, the clause.
# ---------------------------------------------------------------------------

def fail(path: Path, clause_id: str, message: str) -> SpecError:
    where = f"{path.name}: clause {clause_id!r}" if clause_id else path.name
    return SpecError(f"{where}: {message}")


def check_keys(path: Path, cid: str, raw: Mapping[str, Any]) -> None:
    unknown = sorted(set(raw) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise fail(path, cid, f"unknown key(s) {', '.join(unknown)}")
    missing = [k for k in REQUIRED if k not in raw or raw[k] in ("", [], None)]
    if missing:
        raise fail(path, cid, f"missing field(s) {', '.join(missing)}")
    for key in ("id", "statement", "level", "kind", "since", "source"):
        if not isinstance(raw[key], str):
            raise fail(path, cid, f"{key} must be a string")


def check_values(path: Path, cid: str, raw: Mapping[str, Any]) -> None:
    if not _ID_RE.match(cid):
        raise fail(path, cid, "id must be dotted lowercase words, e.g. 'mkstemp.mode.owner-only'")
    if raw["level"] not in LEVELS:
        raise fail(path, cid, f"level {raw['level']!r} is not one of {', '.join(LEVELS)}")
    if raw["kind"] not in KINDS:
        raise fail(path, cid, f"kind {raw['kind']!r} is not one of {', '.join(KINDS)}")
    platforms = raw["platforms"]
    if not isinstance(platforms, list) or not all(p in PLATFORMS for p in platforms):
        raise fail(path, cid, f"platforms must be a list drawn from {', '.join(PLATFORMS)}")
    try:
        since = parse_version(raw["since"])
        until = parse_version(raw["until"]) if raw.get("until") is not None else None
    except SpecError as exc:
        raise fail(path, cid, str(exc)) from None
    if until is not None and until < since:
        raise fail(path, cid, f"until {raw['until']} comes before since {raw['since']}")
    if not raw["source"].startswith(DOCS_PAGE):
        raise fail(path, cid, f"source must cite the tempfile docs page ({DOCS_PAGE}#...)")


def check_kind_extras(path: Path, cid: str, raw: Mapping[str, Any]) -> None:
    kind = raw["kind"]
    if kind == "derived" and not str(raw.get("rationale", "")).strip():
        raise fail(path, cid, "a derived clause needs a rationale")
    docs_ref = raw.get("docs_ref")
    if kind == "documented" and not str(docs_ref or "").strip():
        raise fail(path, cid, "a documented clause needs docs_ref, the docs sentence(s) it rests on")
    if docs_ref is not None:
        problems = check_docs_ref(str(docs_ref))
        if problems:
            raise fail(path, cid, "docs_ref: " + "; ".join(problems))
    if raw.get("boundary_unobservable") and raw["since"] == "3.8" and raw.get("until") is None:
        raise fail(path, cid, "boundary_unobservable needs a version range (since after 3.8 or until)")
    erratum = raw.get("erratum")
    if kind == "erratum":
        if not isinstance(erratum, dict):
            raise fail(path, cid, "an erratum clause needs an [clause.erratum] table")
        missing = [k for k in ERRATUM_REQUIRED if not str(erratum.get(k, "")).strip()]
        unknown = sorted(set(erratum) - set(ERRATUM_REQUIRED))
        if missing:
            raise fail(path, cid, f"erratum lacks {', '.join(missing)}")
        if unknown:
            raise fail(path, cid, f"erratum has unknown key(s) {', '.join(unknown)}")
        if erratum["reference_follows"] not in ("docs", "cpython"):
            raise fail(path, cid, "erratum.reference_follows must be 'docs' or 'cpython'")
    elif erratum is not None:
        raise fail(path, cid, "only an erratum clause may carry an erratum table")
