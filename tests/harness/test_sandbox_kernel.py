"""The kernel sandbox holds on its own: hostile code leaves everything outside its scratch tree untouched.

The audit guard (test_sandbox_guard.py) stops what Python reports.  These tests
use a target that goes around it -- straight to the C library through ctypes,
or in a process with no guard installed -- and check that bwrap alone keeps
two canary folders intact: one under /var/tmp (visible, read-only inside) and
one under /tmp (hidden by the private /tmp).  A control run binds a canary
writable and must see the damage, so the canary checks can fail.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest

from conformance import sandbox
from conformance.vocabulary import AUDIT_GUARD_ONLY, SANDBOX_BWRAP

ESCAPEE = Path(__file__).resolve().parent / "escapee.py"
EPERM, ENOENT, EROFS = 1, 2, 30

pytestmark = pytest.mark.skipif(not sandbox.available(), reason="bwrap cannot build a sandbox here")

Snapshot = Dict[str, Tuple[int, bytes]]


def _fill(canary: Path) -> None:
    (canary / "keep.txt").write_bytes(b"precious")
    (canary / "also-keep.txt").write_bytes(b"also precious")
    (canary / "empty-dir").mkdir()


def snapshot(canary: Path) -> Snapshot:
    """Every entry under ``canary``: its mode and (for files) its bytes."""
    found: Snapshot = {}
    for path in sorted(canary.rglob("*")):
        info = path.lstat()
        data = path.read_bytes() if stat.S_ISREG(info.st_mode) and info.st_mode & 0o400 else b""
        found[str(path.relative_to(canary))] = (info.st_mode, data)
    return found


def _remove_own_canary(canary: Path) -> None:
    """Undo a control run's chmod, then delete the canary this test made."""
    for path in canary.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o700)
    shutil.rmtree(canary, ignore_errors=True)


@pytest.fixture
def places(tmp_path: Path) -> Iterator[Dict[str, Path]]:
    """Scratch and output folders, and two filled canaries outside them."""
    made = {"scratch": tmp_path / "scratch", "output": tmp_path / "output",
            "hidden": tmp_path / "canary-in-tmp"}
    for path in made.values():
        path.mkdir()
    made["visible"] = Path(tempfile.mkdtemp(prefix="tfconf-canary-", dir="/var/tmp"))
    _fill(made["hidden"])
    _fill(made["visible"])
    try:
        yield made
    finally:
        _remove_own_canary(made["visible"])


def run_escapee(places: Dict[str, Path], argv: List[str], *, writable_canary: bool = False) -> List[dict]:
    """Run ``argv`` in the sandbox with the escapee's canaries set; return its logged attempts."""
    log = places["output"] / "attempts.jsonl"
    output = places["visible"] if writable_canary else places["output"]
    if writable_canary:  # the control: the log must live where the child can write
        log = places["scratch"] / "attempts.jsonl"
    wrapped = sandbox.wrap_command(argv, str(places["scratch"]), str(output))
    assert wrapped is not None
    env = dict(os.environ, ESCAPEE_LOG=str(log),
               ESCAPEE_CANARIES=os.pathsep.join(str(places[k]) for k in ("visible", "hidden")))
    subprocess.run(wrapped, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=300)
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text().splitlines()]


def _refused(attempts: List[dict], how: str) -> None:
    """Every logged attempt of kind ``how`` failed: read-only for the visible canary, absent for /tmp."""
    mine = [a for a in attempts if a["how"] == how]
    assert mine, f"the escapee never attacked ({how}): the test proves nothing"
    for attempt in mine:
        if attempt["action"] == "remount":
            assert attempt["errno"] == EPERM, attempt  # the child cannot undo the read-only mounts
            continue
        expected = ENOENT if "/canary-in-tmp" in attempt["path"] else EROFS
        assert attempt["errno"] == expected, attempt


def test_c_library_attack_from_a_judged_target_changes_nothing_outside(places):
    before = {k: snapshot(places[k]) for k in ("visible", "hidden")}
    argv = [sys.executable, "-m", "conformance", "--target", str(ESCAPEE), "--clause", "mkstemp.*",
            "--clause", "mkdtemp.*", "--format", "json", "--output", str(places["output"] / "r.json")]
    attempts = run_escapee(places, argv)
    _refused(attempts, "libc")
    assert {k: snapshot(places[k]) for k in ("visible", "hidden")} == before
    assert (places["output"] / "r.json").is_file(), "the judged run itself must still work"


def test_python_attack_without_any_audit_guard_changes_nothing_outside(places):
    before = {k: snapshot(places[k]) for k in ("visible", "hidden")}
    _refused(run_escapee(places, [sys.executable, str(ESCAPEE), "python"]), "python")
    assert {k: snapshot(places[k]) for k in ("visible", "hidden")} == before


@pytest.mark.parametrize("mode", ["libc", "python"])
def test_control_a_writable_canary_is_damaged(places, mode):
    """With the canary bound writable the same attacks succeed, so the checks above can fail."""
    before = snapshot(places["visible"])
    argv = [sys.executable, str(ESCAPEE)] + (["python"] if mode == "python" else [])
    attempts = run_escapee(places, argv, writable_canary=True)
    assert any(a["errno"] == 0 for a in attempts if str(places["visible"]) in a["path"]), attempts
    assert snapshot(places["visible"]) != before


def test_wrap_command_shape(tmp_path):
    scratch, output = tmp_path / "s", tmp_path / "o"
    scratch.mkdir()
    output.mkdir()
    command = sandbox.wrap_command(["python3", "-V"], str(scratch), str(output))
    assert command is not None and command[-3:] == ["--", "python3", "-V"]
    text = " ".join(command)
    assert "--ro-bind / /" in text and "--tmpfs /tmp" in text and "--die-with-parent" in text
    assert f"--bind {scratch} {scratch}" in text and f"--bind {output} {output}" in text
    assert "--unshare-net" in text or "--unshare-all" in text
    # The scratch tree lies under /tmp here: it must be bound after the private /tmp, or it would vanish.
    assert text.index("--tmpfs /tmp") < text.index(f"--bind {scratch}")


def _cli(argv: List[str], cwd: Path, env: Dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "conformance", *argv], cwd=str(cwd), env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600)


def test_the_cli_runs_a_path_target_in_the_sandbox_and_says_so(places):
    """No wrapping by hand: ``--target path.py`` alone confines the hostile target."""
    before = {k: snapshot(places[k]) for k in ("visible", "hidden")}
    log = places["output"] / "attempts.jsonl"
    env = dict(os.environ, ESCAPEE_LOG=str(log),
               ESCAPEE_CANARIES=os.pathsep.join(str(places[k]) for k in ("visible", "hidden")))
    out = places["output"] / "r.json"
    done = _cli(["--target", str(ESCAPEE), "--clause", "mkstemp.*", "--format", "json", "--output", str(out)],
                places["scratch"], env)
    assert out.is_file(), done.stderr[-800:]
    document = json.loads(out.read_text())
    assert document["sandbox"] == SANDBOX_BWRAP
    # Its mkstemp ran (and attacked first: see escapee.mkstemp); its log, outside the child's
    # writable folders, could not even be written.
    assert any(c["id"].startswith("mkstemp.") and c["tests"] for c in document["clauses"])
    assert not log.exists()
    assert {k: snapshot(places[k]) for k in ("visible", "hidden")} == before


def test_without_bwrap_one_line_and_the_audit_guard_alone(tmp_path):
    """A benign path target: with bwrap off PATH the run goes on in-process and records it."""
    module = tmp_path / "plain_tempfile.py"
    module.write_text("from tempfile import *  # noqa: F403\nfrom tempfile import __all__  # noqa: F401\n")
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    os.symlink(sys.executable, fake_bin / "python3")
    env = dict(os.environ, PATH=str(fake_bin))
    out = tmp_path / "r.json"
    done = _cli(["--target", str(module), "--clause", "mkdtemp.*", "--format", "json", "--output", str(out)],
                tmp_path, env)
    assert json.loads(out.read_text())["sandbox"] == AUDIT_GUARD_ONLY
    notes = [line for line in done.stderr.splitlines() if "bwrap" in line]
    assert len(notes) == 1 and sandbox.MISSING_NOTE in notes[0]


def test_started_from_tmp_the_child_still_gets_a_private_writable_tmp(tmp_path, monkeypatch):
    """The caller's folder is bound read-only when the layout hides it, but never /tmp itself."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.chdir("/tmp")
    command = sandbox.wrap_command([sys.executable, "-c", "import tempfile; print(tempfile.mkdtemp())"],
                                   str(scratch), str(scratch))
    assert command is not None and "--ro-bind /tmp /tmp" not in " ".join(command)
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    made = done.stdout.strip()
    assert done.returncode == 0 and made.startswith("/tmp/"), done.stderr[-400:]
    assert not os.path.exists(made), "the child's /tmp must be its own"
