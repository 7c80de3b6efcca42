"""Bad input, case by case: the exact error for each bad argument, with a message, and nothing left behind."""

from __future__ import annotations

import errno
import os
import stat
import warnings
from typing import Any, Dict

import pytest

from conformance.harness.descriptors import open_fds
from conformance.tests import _badinput_helpers
from conformance.tests._badinput_helpers import _call, _entries, _release

area = _badinput_helpers.area  # the shared fixture, bound here so pytest offers it to these tests

# ---------------------------------------------------------------------------
# Specific bad inputs
# ---------------------------------------------------------------------------

NAMED_CREATORS = ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryDirectory")


def _expect(tf, area, api: str, kwargs: Dict[str, Any], expected: type) -> BaseException:
    """Call, demand ``expected``, and check nothing is left; return the exception."""
    before, fds = _entries(area["top"]), open_fds()
    made = None
    try:
        with pytest.raises(expected) as caught:
            made = _call(tf, api, kwargs)
    finally:
        _release(made)
    assert _entries(area["top"]) == before
    assert open_fds() == fds
    assert str(caught.value).strip()
    return caught.value


@pytest.mark.clause("badinput.nul-byte.valueerror")
@pytest.mark.parametrize("where", ["prefix", "suffix", "dir"])
@pytest.mark.parametrize("api", NAMED_CREATORS)
def test_nul_byte_is_valueerror(tf, area, api, where):
    kwargs = {"dir": area["base"]}
    kwargs[where] = area["base"] + "\x00" if where == "dir" else "a\x00b"
    _expect(tf, area, api, kwargs, ValueError)


@pytest.mark.clause("badinput.nul-byte.valueerror")
def test_nul_byte_in_dir_of_temporaryfile(tf, area):
    _expect(tf, area, "TemporaryFile", {"dir": area["base"] + "\x00"}, ValueError)


@pytest.mark.clause("badinput.name-too-long.oserror")
@pytest.mark.parametrize("api", NAMED_CREATORS)
def test_overlong_name_is_enametoolong(tf, area, api, audit):
    error = _expect(tf, area, api, {"prefix": "n" * 300, "dir": area["base"]}, OSError)
    assert error.errno == errno.ENAMETOOLONG
    attempts = [e for e in audit.events if e[0] in ("tempfile.mkstemp", "tempfile.mkdtemp")]
    assert len(attempts) <= 1, f"{len(attempts)} names tried for a name that can never fit"


@pytest.mark.clause("badinput.mode.valueerror")
@pytest.mark.parametrize("mode", ["q", "rw+", "wx+"])
@pytest.mark.parametrize("api", ["NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"])
def test_invalid_mode_is_valueerror(tf, area, api, mode):
    _expect(tf, area, api, {"mode": mode, "dir": area["base"]}, ValueError)


@pytest.mark.clause("badinput.encoding.lookuperror")
@pytest.mark.parametrize("api", ["NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"])
def test_unknown_encoding_is_lookuperror(tf, area, api):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _expect(tf, area, api, {"mode": "w+", "encoding": "tfconf-no-such-codec", "dir": area["base"]},
                LookupError)


DIR_CREATORS = ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryFile", "TemporaryDirectory",
                "SpooledTemporaryFile")


@pytest.mark.clause("badinput.dir.precise-errors")
@pytest.mark.parametrize("api", DIR_CREATORS)
def test_missing_dir_is_filenotfounderror(tf, area, api):
    _expect(tf, area, api, {"dir": os.path.join(area["base"], "missing")}, FileNotFoundError)


@pytest.mark.clause("badinput.dir.precise-errors")
@pytest.mark.parametrize("api", DIR_CREATORS)
def test_file_as_dir_is_notadirectoryerror(tf, area, api):
    _expect(tf, area, api, {"dir": os.path.join(area["base"], "plain")}, NotADirectoryError)


@pytest.mark.clause("badinput.max-size.typeerror")
@pytest.mark.parametrize("max_size", ["10", object()], ids=["str", "object"])
def test_incomparable_max_size_is_typeerror(tf, area, max_size):
    before, fds = _entries(area["top"]), open_fds()
    with pytest.raises(TypeError):
        spooled = tf.SpooledTemporaryFile(max_size=max_size, dir=area["base"])
        try:
            spooled.write(b"some data")
        finally:
            spooled.close()
    assert _entries(area["top"]) == before
    assert open_fds() == fds


# ---------------------------------------------------------------------------
# Separators in prefix and suffix (informative: what happens, not a defence)
# ---------------------------------------------------------------------------


def _created_at(tf, api: str, **kwargs: Any) -> str:
    """Create with ``api``, check it is owner-only, remove it; return its real parent directory."""
    made = _call(tf, api, kwargs)
    path = made[1] if isinstance(made, tuple) else made if isinstance(made, str) else made.name
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        assert mode & 0o077 == 0, f"{path} has mode {mode:#o}"
        return os.path.dirname(os.path.realpath(path))
    finally:
        _release(made)


@pytest.mark.clause("badinput.separators.joined")
@pytest.mark.parametrize("api", ["mkstemp", "mkdtemp", "NamedTemporaryFile"])
def test_separators_in_prefix_are_joined_as_paths(tf, area, api):
    base, top = area["base"], area["top"]
    outside = os.path.join(top, "elsewhere")
    os.mkdir(outside)
    assert _created_at(tf, api, dir=base, prefix="sub/") == os.path.join(base, "sub")
    assert _created_at(tf, api, dir=base, prefix="../") == os.path.dirname(base)
    assert _created_at(tf, api, dir=base, prefix=outside + "/abs-") == outside
    with pytest.raises(FileNotFoundError):
        _call(tf, api, {"dir": base, "prefix": "nowhere/"})
    with pytest.raises(FileNotFoundError):
        _call(tf, api, {"dir": base, "suffix": "/tail"})
    assert sorted(os.listdir(outside)) == [] and sorted(os.listdir(os.path.join(base, "sub"))) == []
