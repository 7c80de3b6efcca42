"""Who implements and who verifies each clause, and what the latest runs said.

Pure Python (no Sphinx), so the docs extension and ``tests/docs/`` share one
reading of the repository: :mod:`.scan` finds the implementation tags and test
markers, :mod:`.runs` reads the Result JSON files, and :class:`Trace` holds
both for one build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

from spec import Catalogue

from .runs import TargetRun, load_runs, result_files
from .scan import Place, Scan, scan_implementation, scan_tests


@dataclass
class Trace:
    """Everything the docs show about the catalogue, gathered once per build."""

    catalogue: Catalogue
    code: Scan
    tests: Scan
    runs: List[TargetRun]
    run_problems: List[str]

    def implemented_in(self, clause_id: str) -> List[Place]:
        return self.code.places.get(clause_id, [])

    def verified_by(self, clause_id: str) -> List[Place]:
        return self.tests.places.get(clause_id, [])

    def untested(self) -> List[str]:
        """Clauses with no test and no reason why none can exist: the build refuses these."""
        return [c.id for c in self.catalogue if not self.verified_by(c.id) and not c.unobservable]

    def source_files(self) -> List[str]:
        return self.code.files + self.tests.files


def gather(root: Path, catalogue: Catalogue, reports: Optional[Path] = None) -> Trace:
    """Scan the repository at ``root`` and read the results under ``reports``."""
    runs, problems = load_runs(result_files(reports or root / "reports"), root)
    return Trace(catalogue, scan_implementation(root, catalogue), scan_tests(root, catalogue),
                 runs, problems)
