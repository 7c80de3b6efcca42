"""Judge each mutant twice, in the sandbox: with this suite, and with CPython's own test_tempfile.

This suite judges a mutant as a module target and is compared clause by clause
with its verdicts on the unmutated copy: the mutant is *killed* when some clause
that did not fail on the copy fails or errs on the mutant.  test_tempfile runs
with the mutant shadowing ``tempfile`` on the path and kills it by failing.
A run that hangs past its time limit counts as killed (someone would notice),
and is reported as such.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

from conformance.vocabulary import ERROR, FAIL

from .mutate import Mutant
from .sandbox import Outcome, run_sandboxed

RED = (FAIL, ERROR)
KILLED, SURVIVED, TIMEOUT, UNLOADABLE = "killed", "survived", "timeout", "unloadable"


@dataclass
class Judges:
    """The two commands and their time limits, for one interpreter."""

    suite_python: str  # an interpreter with this project installed, same version as the judged one
    judged_python: str  # the judged interpreter itself, for test_tempfile
    version: str  # "3.11": the documented behaviour the copy is judged against
    suite_timeout: float = 600.0
    stdlib_timeout: float = 300.0
    with_test_tempfile: bool = True


@dataclass
class Verdict:
    """What each judge made of one mutant (or of the unmutated copy)."""

    suite: str
    killed_by: List[str] = field(default_factory=list)
    test_tempfile: Optional[str] = None
    seconds: float = 0.0

    def as_dict(self) -> Dict[str, object]:
        return {"suite": self.suite, "killed_by": self.killed_by, "test_tempfile": self.test_tempfile,
                "seconds": round(self.seconds, 1)}


def _statuses(document_path: Path) -> Optional[Dict[str, str]]:
    if not document_path.exists():
        return None
    return {c["id"]: c["status"] for c in json.loads(document_path.read_text())["clauses"]}


def run_suite(judges: Judges, folder: Path) -> Tuple[Optional[Dict[str, str]], Outcome]:
    """This suite on ``folder/tempfile.py``; the clause statuses (None: no document)."""
    output = folder / "result.json"
    argv = [judges.suite_python, "-m", "conformance", "--target", str(folder / "tempfile.py"),
            "--as-version", judges.version, "--no-expectations", "--format", "json", "--output", str(output)]
    outcome = run_sandboxed(argv, folder, judges.suite_timeout, env={"HOME": str(folder)})
    return _statuses(output), outcome


def run_test_tempfile(judges: Judges, folder: Path) -> Outcome:
    """CPython's own test_tempfile with ``folder/tempfile.py`` shadowing the stdlib module."""
    argv = [judges.judged_python, "-m", "test", "test_tempfile", "-q"]
    env = {"PYTHONPATH": str(folder), "HOME": str(folder)}
    return run_sandboxed(argv, folder, judges.stdlib_timeout, env=env)


def judge_copy(judges: Judges, folder: Path, source: bytes) -> Tuple[Dict[str, str], Verdict]:
    """The unmutated copy: every later verdict is compared with this one."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tempfile.py").write_bytes(source)
    statuses, outcome = run_suite(judges, folder)
    if statuses is None:
        raise RuntimeError(f"the unmutated copy gave no result: {outcome.output[-800:]}")
    verdict = Verdict(SURVIVED, seconds=outcome.seconds)
    if judges.with_test_tempfile:
        stdlib = run_test_tempfile(judges, folder)
        if stdlib.returncode != 0:
            raise RuntimeError(f"test_tempfile fails on the unmutated copy: {stdlib.output[-800:]}")
        verdict.test_tempfile = SURVIVED
    return statuses, verdict


def judge_mutant(judges: Judges, folder: Path, source: bytes, mutant: Mutant,
                 baseline: Dict[str, str]) -> Verdict:
    """Both judges on one mutant, in ``folder`` (removed afterwards)."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        (folder / "tempfile.py").write_bytes(mutant.apply(source))
        statuses, outcome = run_suite(judges, folder)
        if outcome.timed_out:
            verdict = Verdict(TIMEOUT)
        elif statuses is None:
            verdict = Verdict(UNLOADABLE)  # the suite said it cannot load the target: exit 2
        else:
            red = sorted(i for i, s in statuses.items() if s in RED and baseline.get(i) not in RED)
            verdict = Verdict(KILLED if red else SURVIVED, killed_by=red)
        verdict.seconds = outcome.seconds
        if judges.with_test_tempfile:
            stdlib = run_test_tempfile(judges, folder)
            failed = KILLED if stdlib.returncode else SURVIVED
            verdict.test_tempfile = TIMEOUT if stdlib.timed_out else failed
        return verdict
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def judge_all(judges: Judges, scratch: Path, source: bytes, selected: List[Mutant],
              done: Dict[str, Dict[str, object]], baseline: Dict[str, str],
              save: Callable[[], None], say: Callable[[str], None]) -> None:
    """Judge every selected mutant not in ``done`` yet, saving after each (a long run can resume)."""
    todo = [m for m in selected if m.id not in done]
    for number, mutant in enumerate(todo, 1):
        verdict = judge_mutant(judges, scratch / "mutant", source, mutant, baseline)
        done[mutant.id] = verdict.as_dict()
        save()
        say(f"[{number}/{len(todo)}] {verdict.suite:>10} / {verdict.test_tempfile or '-':>8}  {mutant.id}")
