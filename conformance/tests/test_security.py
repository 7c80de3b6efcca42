"""Security: hostile entries at candidate names, permissions, descriptor inheritance, names."""

from __future__ import annotations

import fcntl
import json
import math
import os
import stat
import subprocess
import sys
from typing import Callable, Dict, List, Tuple

import pytest

from conformance.expect import expect_modes
from conformance.harness import fd_probe
from conformance.harness.children import run_in_child
from conformance.tests.in_child.creation import drawn_file_names

# ---------------------------------------------------------------------------
# Creators: each makes one object in ``where`` and returns (path or None, closer).
# ---------------------------------------------------------------------------


def _mkstemp(tf, where: str, prefix: str) -> Tuple[str, Callable[[], None]]:
    fd, path = tf.mkstemp(prefix=prefix, dir=where)
    return path, lambda: os.close(fd)


def _mkdtemp(tf, where: str, prefix: str) -> Tuple[str, Callable[[], None]]:
    return tf.mkdtemp(prefix=prefix, dir=where), lambda: None


def _named(tf, where: str, prefix: str) -> Tuple[str, Callable[[], None]]:
    handle = tf.NamedTemporaryFile(prefix=prefix, dir=where, delete=False)
    return handle.name, handle.close


def _tempdir(tf, where: str, prefix: str) -> Tuple[str, Callable[[], None]]:
    holder = tf.TemporaryDirectory(prefix=prefix, dir=where)
    return holder.name, holder.cleanup


def _anonymous(tf, where: str, prefix: str) -> Tuple[None, Callable[[], None]]:
    handle = tf.TemporaryFile(prefix=prefix, dir=where)
    handle.write(b"mine")
    return None, handle.close


CREATORS = {
    "mkstemp": _mkstemp,
    "mkdtemp": _mkdtemp,
    "NamedTemporaryFile": _named,
    "TemporaryDirectory": _tempdir,
    "TemporaryFile": _anonymous,
}


def _snapshot(path: str) -> Tuple[int, bytes]:
    """Mode and content of a victim file, to prove it was left alone."""
    with open(path, "rb") as handle:
        return stat.S_IMODE(os.lstat(path).st_mode), handle.read()


# ---------------------------------------------------------------------------
# Hostile neighbour: the first candidate name is taken by something planted.
# ---------------------------------------------------------------------------

PLANTS = ("link-to-file", "link-to-dir", "dangling-link", "regular-file", "directory")


def _plant(kind: str, at: str, victims: str) -> Callable[[], object]:
    """Put ``kind`` at ``at``; return a function describing its state (compared later)."""
    victim_file = os.path.join(victims, "victim.txt")
    victim_dir = os.path.join(victims, "victim-dir")
    if kind == "link-to-file":
        os.symlink(victim_file, at)
    elif kind == "link-to-dir":
        os.symlink(victim_dir, at)
    elif kind == "dangling-link":
        os.symlink(os.path.join(victims, "not-there"), at)
    elif kind == "regular-file":
        with open(at, "wb") as handle:
            handle.write(b"planted by a neighbour")
        os.chmod(at, 0o644)
    else:
        os.mkdir(at, 0o755)

    def state() -> object:
        info = os.lstat(at)
        detail: object = None
        if stat.S_ISLNK(info.st_mode):
            detail = os.readlink(at)
        elif stat.S_ISREG(info.st_mode):
            detail = _snapshot(at)
        else:
            detail = sorted(os.listdir(at))
        return (stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode), detail,
                _snapshot(victim_file), sorted(os.listdir(victim_dir)),
                os.path.lexists(os.path.join(victims, "not-there")))

    return state


@pytest.fixture
def victims(scratch: str) -> str:
    """A directory outside the creation directory with a file and a directory worth protecting."""
    where = os.path.join(scratch, "victims")
    os.mkdir(where)
    with open(os.path.join(where, "victim.txt"), "wb") as handle:
        handle.write(b"precious")
    os.chmod(os.path.join(where, "victim.txt"), 0o644)
    os.mkdir(os.path.join(where, "victim-dir"))
    return where


@pytest.mark.clause("security.symlink.never-followed", "security.planted-entry.never-reused")
@pytest.mark.needs("name-injection")
@pytest.mark.parametrize("plant", PLANTS)
@pytest.mark.parametrize("api", sorted(CREATORS))
def test_planted_entry_is_skipped(tf, target, scratch, victims, api, plant):
    where = os.path.join(scratch, "shared")
    os.mkdir(where)
    planted = os.path.join(where, "p-aaaaaaaa")
    state = _plant(plant, planted, victims)
    before = state()
    with target.inject_names(["aaaaaaaa", "bbbbbbbb", "cccccccc"]):
        path, close = CREATORS[api](tf, where, "p-")
    if path is not None and os.path.dirname(os.path.realpath(path)) != os.path.realpath(where):
        # Never clean up (rmtree!) what a broken target returned from outside the scratch.
        pytest.fail(f"{api} returned {path!r}, outside {where}; left untouched")
    try:
        if path is not None:
            assert os.path.basename(path) == "p-bbbbbbbb", "the planted name was not skipped"
        assert state() == before, "the planted entry or its target changed"
        expected = {"p-aaaaaaaa"} | ({os.path.basename(path)} if path else set())
        assert set(os.listdir(where)) == expected
    finally:
        close()
        if path is not None and os.path.lexists(path):
            if os.path.isdir(path) and not os.path.islink(path):
                os.rmdir(path)
            else:
                os.unlink(path)


def _creating_opens(audit) -> List[int]:
    """Flags of every os-level open (mode None) that can create an entry."""
    creating = os.O_CREAT | getattr(os, "O_TMPFILE", 0)
    return [args[2] for args in audit.named("open")
            if len(args) >= 3 and args[1] is None and isinstance(args[2], int) and args[2] & creating]


FILE_APIS = ("mkstemp", "NamedTemporaryFile", "TemporaryFile")


def _flags_of_creating_opens(tf, scratch: str, audit, api: str) -> Tuple[List[int], int]:
    """Create with ``api``; the flags its creating opens used, and this host's O_TMPFILE (0 if none)."""
    _path, close = CREATORS[api](tf, scratch, "x-")
    close()
    flags = _creating_opens(audit)
    if not flags:
        pytest.skip("missing capability: the target raises no 'open' audit event when it creates")
    return flags, getattr(os, "O_TMPFILE", 0)


@pytest.mark.clause("security.open.exclusive-create")
@pytest.mark.parametrize("api", FILE_APIS)
def test_creating_open_is_exclusive(tf, scratch, audit, api):
    flags, tmpfile = _flags_of_creating_opens(tf, scratch, audit, api)
    for value in flags:
        assert value & os.O_EXCL, f"creating open without O_EXCL: flags={value:#o}"
        assert value & os.O_CREAT or (tmpfile and value & tmpfile == tmpfile), f"flags={value:#o}"


@pytest.mark.clause("security.open.exclusive-create-named")
@pytest.mark.parametrize("api", FILE_APIS)
def test_naming_open_is_exclusive(tf, scratch, audit, api):
    flags, tmpfile = _flags_of_creating_opens(tf, scratch, audit, api)
    for value in flags:
        if tmpfile and value & tmpfile == tmpfile:
            # No name is made, so nothing to make exclusive; O_EXCL would forbid linkat().
            assert not value & (os.O_CREAT | os.O_EXCL), f"O_TMPFILE open: flags={value:#o}"
        else:
            assert value & os.O_CREAT and value & os.O_EXCL, f"naming open: flags={value:#o}"


@pytest.mark.clause("security.open.nofollow")
@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="not applicable: no O_NOFOLLOW here")
@pytest.mark.parametrize("api", ("mkstemp", "NamedTemporaryFile"))
def test_creating_open_has_nofollow(tf, scratch, audit, api):
    path, close = CREATORS[api](tf, scratch, "x-")
    close()
    flags = [f for f in _creating_opens(audit) if f & os.O_CREAT]
    if not flags:
        pytest.skip("missing capability: the target raises no 'open' audit event when it creates")
    assert all(f & os.O_NOFOLLOW for f in flags), [oct(f) for f in flags]


# ---------------------------------------------------------------------------
# Permissions under any umask
# ---------------------------------------------------------------------------


def _file_modes(tf, scratch: str) -> Dict[str, int]:
    """Mode of the file behind every file-creating API."""
    modes: Dict[str, int] = {}
    fd, path = tf.mkstemp(dir=scratch)
    modes["mkstemp"] = stat.S_IMODE(os.fstat(fd).st_mode)
    os.close(fd)
    with tf.NamedTemporaryFile(dir=scratch) as handle:
        modes["NamedTemporaryFile"] = stat.S_IMODE(os.stat(handle.name).st_mode)
    with tf.TemporaryFile(dir=scratch) as handle:
        modes["TemporaryFile"] = stat.S_IMODE(os.fstat(handle.fileno()).st_mode)
    with tf.SpooledTemporaryFile(max_size=4, dir=scratch) as handle:
        handle.write(b"more than four bytes")
        modes["SpooledTemporaryFile"] = stat.S_IMODE(os.fstat(handle.fileno()).st_mode)
    return modes


@pytest.mark.clause("security.mode.files-owner-only")
@pytest.mark.parametrize("umask", [0, 0o022, 0o077])
def test_file_modes_under_umask(tf, scratch, umask):
    os.umask(umask)
    modes = _file_modes(tf, scratch)
    expect_modes(modes, 0o600 & ~umask, umask=umask)


@pytest.mark.clause("security.mode.dirs-owner-only")
@pytest.mark.parametrize("umask", [0, 0o022, 0o077])
def test_dir_modes_under_umask(tf, scratch, umask):
    os.umask(umask)
    made = tf.mkdtemp(dir=scratch)
    with tf.TemporaryDirectory(dir=scratch) as held:
        modes = {"mkdtemp": stat.S_IMODE(os.stat(made).st_mode),
                 "TemporaryDirectory": stat.S_IMODE(os.stat(held).st_mode)}
    expect_modes(modes, 0o700 & ~umask, umask=umask)


# ---------------------------------------------------------------------------
# Descriptors and child processes
# ---------------------------------------------------------------------------


def _open_descriptors(tf, scratch: str) -> Tuple[Dict[str, int], List[Callable[[], None]]]:
    fd, _path = tf.mkstemp(dir=scratch)
    named = tf.NamedTemporaryFile(dir=scratch)
    anon = tf.TemporaryFile(dir=scratch)
    spooled = tf.SpooledTemporaryFile(max_size=1, dir=scratch)
    spooled.write(b"rolled over")
    fds = {"mkstemp": fd, "NamedTemporaryFile": named.fileno(), "TemporaryFile": anon.fileno(),
           "SpooledTemporaryFile": spooled.fileno()}
    return fds, [lambda: os.close(fd), named.close, anon.close, spooled.close]


@pytest.fixture
def held_descriptors(tf, scratch):
    fds, closers = _open_descriptors(tf, scratch)
    yield fds
    for close in closers:
        close()


@pytest.mark.clause("security.fd.close-on-exec")
def test_descriptors_are_close_on_exec(held_descriptors):
    flags = {api: bool(fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC)
             for api, fd in held_descriptors.items()}
    assert flags == {api: True for api in flags}


@pytest.mark.clause("security.fd.not-inherited-subprocess")
def test_subprocess_without_close_fds_cannot_use_descriptor(held_descriptors):
    apis = sorted(held_descriptors)
    numbers = [str(held_descriptors[a]) for a in apis]
    proc = subprocess.run([sys.executable, "-S", fd_probe.__file__, *numbers], close_fds=False,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout)
    assert {a: seen[n] for a, n in zip(apis, numbers)} == {a: "EBADF" for a in apis}


@pytest.mark.clause("security.fd.not-inherited-exec")
def test_fork_then_exec_cannot_use_descriptor(held_descriptors):
    apis = sorted(held_descriptors)
    numbers = [str(held_descriptors[a]) for a in apis]
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: plain fork shares the descriptors; exec must drop them
        try:
            os.dup2(write_end, 1)
            os.execv(sys.executable, [sys.executable, "-S", fd_probe.__file__, *numbers])
        finally:
            os._exit(127)
    os.close(write_end)
    with os.fdopen(read_end, "r") as pipe:
        output = pipe.read()
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    seen = json.loads(output)
    assert {a: seen[n] for a, n in zip(apis, numbers)} == {a: "EBADF" for a in apis}


# ---------------------------------------------------------------------------
# Names: unique, uniform, without a trend, distinct across fork and processes
# ---------------------------------------------------------------------------


def _draw_count() -> int:
    return 100_000 if os.environ.get("CONFORMANCE_HYPOTHESIS") == "thorough" else 20_000


def _chi2_limit(dof: int, z: float = 5.0) -> float:
    """Upper chi-square quantile (Wilson-Hilferty); z=5 is a one-sided p of about 3e-7."""
    k = float(dof)
    return k * (1 - 2 / (9 * k) + z * math.sqrt(2 / (9 * k))) ** 3


def _mktemp_names(tf, scratch: str, count: int) -> List[str]:
    return [os.path.basename(tf.mktemp(prefix="", suffix="", dir=scratch)) for _ in range(count)]


NAME_SOURCES = {"mktemp": (_mktemp_names, 1), "mkstemp": (drawn_file_names, 20)}


_drawn_cache: Dict[Tuple[int, str], List[str]] = {}


@pytest.fixture(params=sorted(NAME_SOURCES))
def drawn_names(request, target, tf, scratch) -> List[str]:
    """Names from mktemp (cheap, no file) or from real mkstemp files (fewer); drawn once per target."""
    key = (id(target.module), request.param)
    if key not in _drawn_cache:  # three tests judge the same sample: draw it once
        draw, divisor = NAME_SOURCES[request.param]
        _drawn_cache[key] = draw(tf, scratch, _draw_count() // divisor)
    names = _drawn_cache[key]
    request.node.user_properties.append(("figure:trials", len(names)))
    return names


@pytest.mark.clause("security.names.no-collisions")
def test_draws_never_repeat(drawn_names, request):
    collisions = len(drawn_names) - len(set(drawn_names))
    request.node.user_properties.append(("figure:collisions", collisions))
    assert collisions == 0


@pytest.mark.clause("security.names.uniform")
def test_each_position_is_uniform(drawn_names, request):
    lengths = {len(n) for n in drawn_names}
    assert len(lengths) == 1, f"random parts of varying length: {sorted(lengths)}"
    alphabet = sorted(set("".join(drawn_names)))
    assert len(alphabet) > 1
    limit = _chi2_limit(len(alphabet) - 1)
    expected = len(drawn_names) / len(alphabet)
    worst = 0.0
    for position in range(lengths.pop()):
        counts = dict.fromkeys(alphabet, 0)
        for name in drawn_names:
            counts[name[position]] += 1
        chi2 = sum((c - expected) ** 2 / expected for c in counts.values())
        worst = max(worst, chi2)
        assert chi2 < limit, f"position {position}: chi-square {chi2:.1f} >= {limit:.1f}"
    request.node.user_properties.append(("figure:worst_chi2", round(worst, 1)))
    request.node.user_properties.append(("figure:alphabet_size", len(alphabet)))


@pytest.mark.clause("security.names.no-sequence")
def test_consecutive_names_show_no_trend(drawn_names):
    pairs = list(zip(drawn_names, drawn_names[1:]))
    n = len(pairs)
    alphabet = len(set("".join(drawn_names)))
    increasing = sum(1 for a, b in pairs if b > a)
    # Both proportions are binomial; six standard deviations keep false alarms negligible.
    assert abs(increasing - n / 2) < 6 * math.sqrt(n / 4), f"{increasing} of {n} pairs increase"
    length = len(drawn_names[0])
    agree = sum(1 for a, b in pairs for x, y in zip(a, b) if x == y)
    trials, p = n * length, 1 / alphabet
    assert abs(agree - trials * p) < 6 * math.sqrt(trials * p * (1 - p)), (
        f"consecutive names agree at {agree} of {trials} positions")


def _child_names(tf, where: str, count: int) -> List[str]:
    os.mkdir(where)
    return drawn_file_names(tf, where, count)


@pytest.mark.clause("security.names.fork-distinct")
def test_fork_parent_and_child_draw_different_names(tf, scratch):
    _child_names(tf, os.path.join(scratch, "before"), 3)  # the generator exists before the fork
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.close(read_end)
            names = _child_names(tf, os.path.join(scratch, "child"), 20)
            os.write(write_end, " ".join(names).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    parent = _child_names(tf, os.path.join(scratch, "parent"), 20)
    with os.fdopen(read_end, "rb") as pipe:
        child = pipe.read().decode().split()
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert len(child) == 20
    assert set(parent).isdisjoint(child), "parent and child drew the same names after fork"


@pytest.mark.clause("security.names.process-distinct")
def test_fresh_processes_draw_different_names(target_spec, scratch):
    check, args = "conformance.tests.in_child.creation:drawn_file_names", {"where": scratch, "count": 10}
    first = run_in_child(target_spec, check, args, fresh=True)  # new interpreters, not forks
    second = run_in_child(target_spec, check, args, fresh=True)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert len(first.value) == 10 and set(first.value).isdisjoint(second.value)
