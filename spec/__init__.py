"""The clause catalogue: every promise of ``tempfile``, loaded and validated.

The clauses live in ``spec/clauses/*.toml``, one file per API.  This module is
the only reader of those files: the conformance suite, the docs build and the
tests all go through :func:`load_catalogue`, so a clause is written once.

A file looks like this::

    [meta]
    api = "mkstemp"                 # the group its clauses belong to
    title = "mkstemp()"             # how the docs and reports name the group
    order = 40                      # where the group stands in reports

    [[clause]]
    id = "mkstemp.mode.owner-only"  # stable: tests, code and docs point at it
    statement = "..."               # our own words, precise enough to test
    level = "must"                  # must | should | may | informative
    kind = "documented"             # documented | derived | erratum
    platforms = ["posix"]           # all | posix | linux | windows
    since = "3.8"                   # first Python version it holds for
    until = "3.11"                  # optional: last version it holds for
    source = "https://docs.python.org/3.14/library/tempfile.html#tempfile.mkstemp"

Documented clauses add ``docs_ref``, the sentence(s) of the docs page they
rest on (grammar in :mod:`spec.docs_refs`); derived clauses add ``rationale``;
errata add an ``[clause.erratum]`` table; any clause may name ``related`` ids,
a clause that no test can observe on any platform we run on says why in
``unobservable``, and a clause with a version range whose own test cannot show
the change at its edge says why in ``boundary_unobservable``.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, Mapping, Optional, Sequence, Tuple

from spec.rules import (
    CLAUSE_DIR,
    DOCS_PAGE,
    KINDS,
    LEVELS,
    META_KEYS,
    PLATFORMS,
    SpecError,
    Version,
    check_keys,
    check_kind_extras,
    check_values,
    fail,
    parse_version,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on 3.9 and 3.10
    import tomli as tomllib

__all__ = [
    "Catalogue",
    "Clause",
    "SpecError",
    "CLAUSE_DIR",
    "DOCS_PAGE",
    "LEVELS",
    "KINDS",
    "PLATFORMS",
    "host_platforms",
    "load_catalogue",
    "parse_version",
]


def host_platforms(platform: Optional[str] = None) -> frozenset:
    """The platform tags a clause may name that hold on ``platform`` (default: this host)."""
    platform = sys.platform if platform is None else platform
    if platform.startswith("win"):
        return frozenset({"all", "windows"})
    if platform.startswith("linux"):
        return frozenset({"all", "posix", "linux"})
    return frozenset({"all", "posix"})


@dataclass(frozen=True)
class Clause:
    """One testable promise of the tempfile API."""

    id: str
    api: str
    statement: str
    level: str
    kind: str
    platforms: Tuple[str, ...]
    since: str
    source: str
    until: Optional[str] = None
    rationale: str = ""
    erratum: Mapping[str, str] = field(default_factory=dict)
    related: Tuple[str, ...] = ()
    unobservable: str = ""
    notes: str = ""
    docs_ref: str = ""
    boundary_unobservable: str = ""
    file: str = ""

    @property
    def tier(self) -> str:
        """'core' for must/should clauses, 'optional' for may/informative ones."""
        return "core" if self.level in ("must", "should") else "optional"

    def in_versions(self, version: Version) -> bool:
        """Does the clause hold for Python ``version``?"""
        if version < parse_version(self.since):
            return False
        return self.until is None or version <= parse_version(self.until)

    def on_platform(self, platform: Optional[str] = None) -> bool:
        """Does the clause hold on ``platform`` (a ``sys.platform`` value)?"""
        return bool(set(self.platforms) & host_platforms(platform))

    def applies(self, version: Version, platform: Optional[str] = None) -> bool:
        """Both gates at once: the version range and the platform list."""
        return self.in_versions(version) and self.on_platform(platform)

    def as_dict(self) -> dict:
        """A JSON-ready mapping (the ``--list-clauses --format json`` shape)."""
        return {
            "id": self.id,
            "api": self.api,
            "statement": self.statement,
            "level": self.level,
            "kind": self.kind,
            "platforms": list(self.platforms),
            "since": self.since,
            "until": self.until,
            "source": self.source,
            "rationale": self.rationale or None,
            "erratum": dict(self.erratum) or None,
            "related": list(self.related),
            "unobservable": self.unobservable or None,
            "docs_ref": self.docs_ref or None,
            "boundary_unobservable": self.boundary_unobservable or None,
        }


@dataclass(frozen=True)
class Api:
    """A group of clauses: one public name of the module, or a cross-cutting theme."""

    name: str
    title: str
    order: int
    file: str


@dataclass(frozen=True)
class Catalogue:
    """All clauses, in file order, with their groups."""

    clauses: Tuple[Clause, ...]
    apis: Tuple[Api, ...]

    def __iter__(self) -> Iterator[Clause]:
        return iter(self.clauses)

    def __len__(self) -> int:
        return len(self.clauses)

    def __contains__(self, clause_id: object) -> bool:
        return clause_id in self._by_id

    def __getitem__(self, clause_id: str) -> Clause:
        return self._by_id[clause_id]

    @functools.cached_property
    def _by_id(self) -> Dict[str, Clause]:
        """Each clause by its id (asked about once per test, so not a scan each time)."""
        return {c.id: c for c in self.clauses}

    def by_api(self, api: str) -> Tuple[Clause, ...]:
        """The clauses of one group, in file order."""
        return tuple(c for c in self.clauses if c.api == api)



def _build_clause(path: Path, api: str, raw: Mapping[str, Any]) -> Clause:
    cid = str(raw.get("id", "")) if isinstance(raw, dict) else ""
    if not isinstance(raw, dict):
        raise fail(path, cid, "each [[clause]] must be a table")
    check_keys(path, cid, raw)
    check_values(path, cid, raw)
    check_kind_extras(path, cid, raw)
    related = raw.get("related", [])
    if not isinstance(related, list) or not all(isinstance(r, str) for r in related):
        raise fail(path, cid, "related must be a list of clause ids")
    return Clause(
        id=cid,
        api=api,
        statement=" ".join(raw["statement"].split()),
        level=raw["level"],
        kind=raw["kind"],
        platforms=tuple(raw["platforms"]),
        since=raw["since"],
        until=raw.get("until"),
        source=raw["source"],
        rationale=" ".join(str(raw.get("rationale", "")).split()),
        erratum={k: str(v).strip("\n") for k, v in (raw.get("erratum") or {}).items()},
        related=tuple(related),
        unobservable=" ".join(str(raw.get("unobservable", "")).split()),
        notes=" ".join(str(raw.get("notes", "")).split()),
        docs_ref=str(raw.get("docs_ref", "")).strip(),
        boundary_unobservable=" ".join(str(raw.get("boundary_unobservable", "")).split()),
        file=path.name,
    )


def _load_file(path: Path) -> Tuple[Api, list]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise fail(path, "", f"not valid TOML: {exc}") from None
    meta = data.get("meta")
    if not isinstance(meta, dict) or not isinstance(meta.get("api"), str):
        raise fail(path, "", "needs a [meta] table with an 'api' string")
    unknown = sorted(set(meta) - set(META_KEYS)) + sorted(set(data) - {"meta", "clause"})
    if unknown:
        raise fail(path, "", f"unknown key(s) {', '.join(unknown)}")
    api = Api(meta["api"], str(meta.get("title", meta["api"])), int(meta.get("order", 999)),
              path.name)
    raws = data.get("clause", [])
    if not isinstance(raws, list):
        raise fail(path, "", "'clause' must be an array of tables ([[clause]])")
    return api, [_build_clause(path, api.name, raw) for raw in raws]


def load_catalogue(directory: Optional[Path] = None,
                   files: Optional[Sequence[Path]] = None) -> Catalogue:
    """Read and validate every clause file; raise :class:`SpecError` on the first problem."""
    paths = list(files) if files is not None else sorted(Path(directory or CLAUSE_DIR).glob("*.toml"))
    apis, clauses, seen = [], [], {}
    for path in paths:
        api, found = _load_file(Path(path))
        apis.append(api)
        for clause in found:
            if clause.id in seen:
                raise fail(Path(path), clause.id, f"duplicate id (first defined in {seen[clause.id]})")
            seen[clause.id] = Path(path).name
            clauses.append(clause)
    for clause in clauses:
        dangling = [r for r in clause.related if r not in seen]
        if dangling:
            raise SpecError(f"{clause.file}: clause {clause.id!r}: related id(s) "
                            f"{', '.join(dangling)} name no clause")
    apis.sort(key=lambda a: (a.order, a.name))
    order = {a.name: i for i, a in enumerate(apis)}
    clauses.sort(key=lambda c: order[c.api])  # stable: file order within a group
    return Catalogue(tuple(clauses), tuple(apis))
