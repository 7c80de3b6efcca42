"""Security: names are unique, uniform, without a trend, and distinct across fork and processes."""

from __future__ import annotations

import math
import os
from typing import Dict, List, Tuple

import pytest

from conformance.harness.children import run_in_child
from conformance.tests.in_child.creation import drawn_file_names


def _draw_count() -> int:
    return 100_000 if os.environ.get("CONFORMANCE_HYPOTHESIS") == "thorough" else 20_000


def _chi2_limit(dof: int, z: float = 5.0) -> float:
    """Upper chi-square quantile (Wilson-Hilferty); z=5 is a one-sided p of about 3e-7."""
    k = float(dof)
    return k * (1 - 2 / (9 * k) + z * math.sqrt(2 / (9 * k))) ** 3


def _mktemp_names(tf, scratch: str, count: int) -> List[str]:
    mktemp = tf.mktemp  # looked up once: through the tf proxy each lookup is a Python call
    return [os.path.basename(mktemp(prefix="", suffix="", dir=scratch)) for _ in range(count)]


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
@pytest.mark.host("fork")
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
@pytest.mark.host("subprocess")
def test_fresh_processes_draw_different_names(target_spec, scratch):
    check, args = "conformance.tests.in_child.creation:drawn_file_names", {"where": scratch, "count": 10}
    first = run_in_child(target_spec, check, args, fresh=True)  # new interpreters, not forks
    second = run_in_child(target_spec, check, args, fresh=True)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert len(first.value) == 10 and set(first.value).isdisjoint(second.value)
