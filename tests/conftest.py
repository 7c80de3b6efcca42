"""Fixtures shared by the white-box tests of the reference."""

from __future__ import annotations

import gc
import pathlib
from typing import Iterator

import pytest

import reference
from conformance.harness.descriptors import open_fds


@pytest.fixture
def ref(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """The reference with its settings restored and TMPDIR at tmp_path; fails on a leaked fd."""
    saved = (reference.tempdir, reference.TMP_MAX, reference.template)
    for var in ("TEMP", "TMP"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    reference.tempdir = None
    before = open_fds()
    yield reference
    reference.tempdir, reference.TMP_MAX, reference.template = saved
    gc.collect()
    assert open_fds() <= before, "descriptor leaked"
