"""The checked-in table that classifies every surviving mutant, and the figures built from it.

A survivor is one of three things:

* ``equivalent`` -- on this platform the mutant behaves exactly as the original
  (dead code here, a value nobody reads, a redundant guard);
* ``unobservable`` -- it behaves differently, but not in a way any black-box test
  can see through the documented API (the reason says why);
* ``gap`` -- a documented behaviour changed and this suite did not notice: a
  test to write.

The table (``survivors.toml``) is keyed by the mutant's stable id (scope,
operator, description), so it survives line shifts between interpreter versions.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Dict, List

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the tomli backport, as spec/ uses it
    import tomli as tomllib

TABLE = Path(__file__).resolve().parent / "survivors.toml"
CLASSES = ("equivalent", "unobservable", "gap")
KILLING = ("killed", "timeout", "stopped")


def load_table(path: Path = TABLE) -> Dict[str, Dict[str, str]]:
    """id -> {"class": ..., "reason": ...}; a row with an unknown class is an error."""
    table = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    rows = table.get("survivor", {})
    for mutant_id, row in rows.items():
        if row.get("class") not in CLASSES or not row.get("reason"):
            raise ValueError(f"{path.name}: {mutant_id!r} needs a class in {CLASSES} and a reason")
    return rows


def figures(results: Dict[str, Any], table: Dict[str, Dict[str, str]]) -> Dict[str, Any]:
    """Kill rates of both judges over the live (non-platform-dead) mutants run, and the survivors' classes."""
    runs = results["results"]
    live = [i for i in runs if not results["mutants"][i].get("platform_dead")]
    suite_killed = [i for i in live if runs[i]["suite"] in KILLING]
    stdlib_run = [i for i in live if runs[i].get("test_tempfile")]
    stdlib_killed = [i for i in stdlib_run if runs[i]["test_tempfile"] in KILLING]
    survivors = [i for i in live if runs[i]["suite"] not in KILLING]
    classes: Dict[str, List[str]] = {name: [] for name in CLASSES + ("unclassified",)}
    for mutant_id in survivors:
        classes[table.get(mutant_id, {}).get("class", "unclassified")].append(mutant_id)
    only_stdlib = [i for i in survivors if runs[i].get("test_tempfile") in KILLING]
    return {
        "live_run": len(live), "suite_killed": len(suite_killed),
        "suite_rate": len(suite_killed) / len(live) if live else 0.0,
        "stdlib_run": len(stdlib_run), "stdlib_killed": len(stdlib_killed),
        "stdlib_rate": len(stdlib_killed) / len(stdlib_run) if stdlib_run else 0.0,
        "survivors": survivors, "classes": classes, "killed_only_by_test_tempfile": only_stdlib,
        "suite_rate_excluding_equivalent": (len(suite_killed) / (len(live) - len(classes["equivalent"]))
                                            if len(live) > len(classes["equivalent"]) else 0.0),
    }
