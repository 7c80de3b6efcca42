"""The twelve collision and naming clauses turn red on one-behaviour breaks of the stdlib's own tempfile.py.

Each case copies the running interpreter's ``tempfile.py``, changes one
behaviour, and judges the copy as a module target that declares no
capability -- so only black-box means (audit-event planting, existence-check
planting, the names returned) can see the break.  The copies run only inside
the kernel sandbox (bwrap).  Slow: set CONFORMANCE_MUTANTS=1.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from typing import Dict, FrozenSet, List, NamedTuple, Tuple

import pytest

from conformance import sandbox
from conformance.vocabulary import FAIL, PASS, UNOBSERVABLE

CLAUSES = (
    "creation.exclusive.never-reuses", "creation.exclusive.any-entry-type",
    "creation.retry.tmp-max-bound", "security.symlink.never-followed",
    "security.planted-entry.never-reused", "mktemp.retry.skips-existing", "mktemp.retry.exhaustion",
    "mktemp.args.defaults", "module.tmp-max.read-at-call-time",
    "naming.compose.exact-with-injected-part", "naming.suffix.default-none", "audit.event.per-attempt",
)
FLAGS = "_text_openflags = _os.O_RDWR | _os.O_CREAT"
LOOP = "for seq in range(TMP_MAX):"
MKTEMP = 'def mktemp(suffix="{}", prefix=template, dir=None):'
ANNOUNCE = '        _sys.audit("tempfile.mkstemp", file)'
OPEN = "        try:\n            fd = _os.open(file, flags, 0o600)"
RETRY = "        except FileExistsError:\n            continue    # try again\n"
MKDIR = "_os.mkdir(file, 0o700)\n"
EXCLUSIVE = ("creation.exclusive.never-reuses", "creation.exclusive.any-entry-type",
             "creation.retry.tmp-max-bound", "audit.event.per-attempt", "security.symlink.never-followed",
             "security.planted-entry.never-reused")
TMP_MAX_READ = ("module.tmp-max.read-at-call-time", "creation.retry.tmp-max-bound", "mktemp.retry.exhaustion")


class Break(NamedTuple):
    """One behaviour changed: (old text, new text, how many times), and what must show it."""

    edits: Tuple[Tuple[str, str, int], ...]
    red: FrozenSet[str]
    unobservable: FrozenSet[str] = frozenset()


BREAKS: Dict[str, Break] = {
    "unmodified": Break((), frozenset()),
    "mkstemp-gives-up-at-first-collision": Break(
        ((RETRY, "        except FileExistsError:\n            raise\n", 1),),
        frozenset(EXCLUSIVE + ("module.tmp-max.read-at-call-time",))),
    "mkdtemp-gives-up-at-first-collision": Break(
        ((MKDIR + RETRY, MKDIR + "        except FileExistsError:\n            raise\n", 1),),
        frozenset(EXCLUSIVE)),
    "mkdtemp-reuses-what-exists": Break(
        ((MKDIR + RETRY, MKDIR + "        except FileExistsError:\n            return file\n", 1),),
        frozenset(EXCLUSIVE)),
    "open-without-excl-follows-links": Break(
        ((FLAGS + " | _os.O_EXCL", FLAGS, 1),
         ("    _text_openflags |= _os.O_NOFOLLOW", "    pass", 1)),
        frozenset(EXCLUSIVE + ("module.tmp-max.read-at-call-time",))),
    "tmp-max-ignored": Break(((LOOP, "for seq in range(10000):", 3),), frozenset(TMP_MAX_READ)),
    "tmp-max-read-at-import": Break(
        ((LOOP, LOOP.replace("TMP_MAX", "_TMP_MAX_AT_IMPORT"), 3),
         ("\ndef _exists(fn):", "\n_TMP_MAX_AT_IMPORT = TMP_MAX\n\ndef _exists(fn):", 1)),
        frozenset(TMP_MAX_READ)),
    "mktemp-ignores-what-exists": Break(
        (("        if not _exists(file):\n            return file",
          "        _exists(file)\n        return file", 1),),
        frozenset({"mktemp.retry.skips-existing", "mktemp.retry.exhaustion"})),
    "mktemp-never-gives-up": Break(
        (("    raise FileExistsError(_errno.EEXIST,\n"
          '                          "No usable temporary filename found")', "    return file", 1),),
        frozenset({"mktemp.retry.exhaustion"})),
    "mktemp-default-suffix": Break(
        ((MKTEMP.format(""), MKTEMP.format("~"), 1),),
        frozenset({"mktemp.args.defaults", "naming.suffix.default-none"})),
    "separator-after-prefix": Break(
        (("(dir, pre + name + suf)", "(dir, pre + '_' + name + suf)", 1),
         ("(dir, prefix + name + suffix)", "(dir, prefix + '_' + name + suffix)", 2)),
        frozenset({"naming.compose.exact-with-injected-part", "mktemp.args.defaults"})),
    "default-suffix-not-empty": Break(
        (("    if suffix is None:\n        suffix = output_type()",
          "    if suffix is None:\n        suffix = b'~' if output_type is bytes else '~'", 1),),
        frozenset({"naming.suffix.default-none"})),
    "announces-first-attempt-only": Break(
        ((ANNOUNCE, "        if seq == 0:\n    " + ANNOUNCE, 1),),
        frozenset({"audit.event.per-attempt"}), frozenset({"module.tmp-max.read-at-call-time"})),
    "announces-after-the-attempt": Break(
        ((ANNOUNCE + "\n" + OPEN, OPEN + "\n    " + ANNOUNCE, 1),),
        frozenset(), frozenset({"module.tmp-max.read-at-call-time"})),
}

slow = pytest.mark.skipif(os.environ.get("CONFORMANCE_MUTANTS") != "1",
                          reason="stdlib-copy runs are slow: set CONFORMANCE_MUTANTS=1 to run them")


def _broken_copy(where: str, edits: Tuple[Tuple[str, str, int], ...]) -> str:
    with open(tempfile.__file__, encoding="utf-8") as handle:
        text = handle.read()
    for old, new, count in edits:
        if text.count(old) < count:
            pytest.skip(f"not applicable: this interpreter's tempfile.py lacks {old.strip()[:60]!r}")
        text = text.replace(old, new, count)
    copy = os.path.join(where, "tempfile_copy.py")
    with open(copy, "w", encoding="utf-8") as handle:
        handle.write(text)
    return copy


def _judge(copy: str, where: str) -> Dict[str, str]:
    output = os.path.join(where, "result.json")
    argv: List[str] = [sys.executable, "-m", "conformance", "--target", copy, "--format", "json",
                       "--output", output]
    for clause in CLAUSES:
        argv += ["--clause", clause]
    command = sandbox.wrap_command(argv, where, where)
    assert command is not None
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert os.path.isfile(output), done.stderr[-2000:]
    with open(output, encoding="utf-8") as handle:
        return {c["id"]: c["status"] for c in json.load(handle)["clauses"]}


@slow
@pytest.mark.skipif(not sandbox.available(), reason="bwrap cannot build a sandbox here")
@pytest.mark.parametrize("name", sorted(BREAKS))
def test_each_break_turns_its_clauses_red(name, tmp_path):
    case = BREAKS[name]
    statuses = _judge(_broken_copy(str(tmp_path), case.edits), str(tmp_path))
    assert {c for c in case.red if statuses.get(c) != FAIL} == set(), statuses
    assert {c for c in case.unobservable if statuses.get(c) != UNOBSERVABLE} == set(), statuses
    others = set(CLAUSES) - case.red - case.unobservable
    assert {c for c in others if statuses.get(c) != PASS} == set(), statuses
