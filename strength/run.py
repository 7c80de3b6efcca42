"""Judge each mutant twice, in the sandbox: with this suite, and with CPython's own test_tempfile.

This suite judges a mutant as a module target and is compared clause by clause
with its verdicts on the unmutated copy: the mutant is *killed* when some clause
that did not fail on the copy fails or errs on the mutant, or when a test that
passed on the copy fails (which counts even inside a clause the copy already fails).  test_tempfile runs
with the mutant shadowing ``tempfile`` on the path and kills it by failing.
A run that hangs past its time limit, or that stops with an error instead of
verdicts, counts as killed (someone would notice), and is reported as such.
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
KILLED, SURVIVED, TIMEOUT, STOPPED = "killed", "survived", "timeout", "stopped"


@dataclass
class Judges:
    """The two commands and their time limits, for one interpreter."""

    suite_python: str  # an interpreter with this project installed, same version as the judged one
    judged_python: str  # the judged interpreter itself, for test_tempfile
    version: str  # "3.11": the documented behaviour the copy is judged against
    # A deadlocked mutant (a lock never released) costs each judge its whole limit:
    # the limits are a few times the unmutated copy's own time (see judge_copy).
    suite_timeout: float = 600.0
    stdlib_timeout: float = 120.0
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


TEST_RED = ("failed", "error")


@dataclass
class Observed:
    """What one run of this suite showed: each clause's status, and each of its tests' outcomes."""

    clauses: Dict[str, str]  # clause id -> status
    tests: Dict[str, Dict[str, str]]  # clause id -> {test node id -> outcome}

    def as_dict(self) -> Dict[str, object]:
        return {"statuses": self.clauses, "tests": self.tests}


def _observed(document_path: Path) -> Optional[Observed]:
    """The clause statuses and test outcomes of a result document (None: no document)."""
    if not document_path.exists():
        return None
    clauses = json.loads(document_path.read_text())["clauses"]
    return Observed({c["id"]: c["status"] for c in clauses},
                    {c["id"]: {t["nodeid"]: t["outcome"] for t in c.get("tests", [])} for c in clauses})


def newly_red(now: Observed, before: Observed) -> List[str]:
    """Clauses that went red, or that hold a test which passed on the copy and fails now.

    The second half matters where the copy itself already fails a clause (an erratum
    of that version): one more failing test of the clause is still a change noticed.
    """
    red = {i for i, s in now.clauses.items() if s in RED and before.clauses.get(i) not in RED}
    red |= {i for i, tests in now.tests.items()
            if any(o in TEST_RED and before.tests.get(i, {}).get(n) == "passed" for n, o in tests.items())}
    return sorted(red)


# The judged file lives one folder down, never in the suite's working directory: with
# ``python -m`` that directory is first on sys.path, and a tempfile.py there would
# replace the real module under pytest and the harness themselves.
JUDGED = Path("judged") / "tempfile.py"


def place(folder: Path, source: bytes) -> None:
    """Write the judged copy below ``folder``."""
    (folder / JUDGED).parent.mkdir(parents=True, exist_ok=True)
    (folder / JUDGED).write_bytes(source)


def run_suite(judges: Judges, folder: Path) -> Tuple[Optional[Observed], Outcome]:
    """This suite on the judged copy in ``folder``; what it observed (None: no document)."""
    output = folder / "result.json"
    argv = [judges.suite_python, "-m", "conformance", "--target", str(folder / JUDGED),
            "--as-version", judges.version, "--no-expectations", "--format", "json", "--output", str(output)]
    outcome = run_sandboxed(argv, folder, judges.suite_timeout, env={"HOME": str(folder)})
    return _observed(output), outcome


def run_test_tempfile(judges: Judges, folder: Path) -> Outcome:
    """CPython's own test_tempfile with the judged copy shadowing the stdlib module."""
    argv = [judges.judged_python, "-m", "test", "test_tempfile", "-q"]
    env = {"PYTHONPATH": str((folder / JUDGED).parent), "HOME": str(folder)}
    return run_sandboxed(argv, folder, judges.stdlib_timeout, env=env)


def judge_copy(judges: Judges, folder: Path, source: bytes) -> Tuple[Observed, Verdict]:
    """The unmutated copy: every later verdict is compared with this one."""
    folder.mkdir(parents=True, exist_ok=True)
    place(folder, source)
    statuses, outcome = run_suite(judges, folder)
    if statuses is None:
        raise RuntimeError(f"the unmutated copy gave no result: {outcome.output[-800:]}")
    verdict = Verdict(SURVIVED, seconds=outcome.seconds)
    judges.suite_timeout = max(180.0, 4 * outcome.seconds)
    if judges.with_test_tempfile:
        stdlib = run_test_tempfile(judges, folder)
        if stdlib.returncode != 0:
            raise RuntimeError(f"test_tempfile fails on the unmutated copy: {stdlib.output[-800:]}")
        judges.stdlib_timeout = max(60.0, 10 * stdlib.seconds)
        verdict.test_tempfile = SURVIVED
    return statuses, verdict


def judge_mutant(judges: Judges, folder: Path, source: bytes, mutant: Mutant,
                 baseline: Observed) -> Verdict:
    """Both judges on one mutant, in ``folder`` (removed afterwards)."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        place(folder, mutant.apply(source))
        statuses, outcome = run_suite(judges, folder)
        if outcome.timed_out:
            verdict = Verdict(TIMEOUT)
        elif statuses is None:
            # No verdicts at all: the suite stopped with an error (a target it cannot import, or
            # one whose gettempdir() fails under the harness) -- noticed, so it counts as killed.
            verdict = Verdict(STOPPED)
        else:
            red = newly_red(statuses, baseline)
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
              done: Dict[str, Dict[str, object]], baseline: Observed,
              save: Callable[[], None], say: Callable[[str], None]) -> None:
    """Judge every selected mutant not in ``done`` yet, saving after each (a long run can resume)."""
    todo = [m for m in selected if m.id not in done]
    for number, mutant in enumerate(todo, 1):
        verdict = judge_mutant(judges, scratch / "mutant", source, mutant, baseline)
        done[mutant.id] = verdict.as_dict()
        save()
        say(f"[{number}/{len(todo)}] {verdict.suite:>10} / {verdict.test_tempfile or '-':>8}  {mutant.id}")
