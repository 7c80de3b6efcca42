"""Security: an entry planted at the first candidate name (a link, a file, a directory) is never used."""

from __future__ import annotations

import os
import stat
from typing import Callable, Tuple

import pytest

from conformance.tests._security_helpers import CREATORS


def _snapshot(path: str) -> Tuple[int, bytes]:
    """Mode and content of a victim file, to prove it was left alone."""
    with open(path, "rb") as handle:
        return stat.S_IMODE(os.lstat(path).st_mode), handle.read()


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
