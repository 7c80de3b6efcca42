"""open_fds: exactly the descriptors open, its own listing's descriptor left out, and nothing heard."""

from __future__ import annotations

import os

from conformance.harness.audit import subscribed
from conformance.harness.descriptors import open_fds


def _by_fstat() -> set:
    found = set()
    for name in os.listdir("/proc/self/fd"):
        try:
            os.fstat(int(name))
        except OSError:  # the listing's own descriptor
            continue
        found.add(int(name))
    return found


def test_open_descriptors_and_gaps_are_seen_exactly():
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(6)]
    try:
        for gap in (held[1], held[4]):  # the listing's descriptor then lands in a gap
            os.close(gap)
        found = open_fds()
        assert found == _by_fstat()
        assert {held[0], held[2], held[3], held[5]} <= found
        assert not {held[1], held[4]} & found
    finally:
        for fd in (held[0], held[2], held[3], held[5]):
            os.close(fd)


def test_a_recorder_hears_only_the_listing():
    heard = []
    with subscribed(lambda event, args: heard.append(event)):
        open_fds()
    assert heard == ["os.listdir"]
