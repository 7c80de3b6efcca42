"""Which clauses the mutants turn red, and which core clauses no mutant reaches.

Run: ``PYTHONPATH=tests python3 -m mutants.coverage_report``.  The mutants are read, not
imported (importing one patches the reference package in this process): each
names the clauses it must turn red in a module-level ``BREAKS`` tuple, and
tests/mutants/test_mutants.py checks that it really does.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from typing import Dict, List

from spec import load_catalogue

from . import breaks_of, mutant_paths

CORE_LEVELS = ("must", "should")
CORE_KINDS = ("documented", "derived", "erratum")
JUDGED_AS = ((3, 14), "linux")


def main() -> int:
    catalogue = load_catalogue()
    clauses = list(getattr(catalogue, "clauses", catalogue))
    known = {clause.id for clause in clauses}
    red: Dict[str, List[str]] = defaultdict(list)
    paths = mutant_paths()
    for path in paths:
        for clause_id in breaks_of(path):
            if clause_id not in known:
                print(f"{path.name}: unknown clause {clause_id}", file=sys.stderr)
                return 1
            red[clause_id].append(path.stem)
    core = [c for c in clauses if c.level in CORE_LEVELS and c.kind in CORE_KINDS and c.applies(*JUDGED_AS)]
    missed = [c.id for c in core if c.id not in red]
    print(f"mutants: {len(paths)}")
    print(f"clauses turned red: {len(red)} (core tier: {sum(1 for c in core if c.id in red)} of {len(core)})")
    print(f"core-tier clauses no mutant turns red: {len(missed)}")
    groups: Dict[str, List[str]] = defaultdict(list)
    for clause_id in missed:
        groups[clause_id.split(".")[0]].append(clause_id)
    for group, ids in groups.items():
        print(f"  {group}: " + ", ".join(i[len(group) + 1:] for i in ids))
    return 0


if __name__ == "__main__":
    sys.exit(main())
