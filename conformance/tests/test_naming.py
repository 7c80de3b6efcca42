"""How names are composed, and the str / bytes / path-like typing rules, across the APIs.

Each test loops over the APIs it covers (rather than parametrizing) to keep the
suite quick; assertion messages name the API that failed.
"""

from __future__ import annotations

import os
import pathlib
import re

import pytest

from conformance.expect import expect_prefix
from conformance.tests._creators import CREATING_APIS, NAMED_APIS, created, entries, last_name_part

# APIs whose bytes behaviour is documented (mktemp refuses bytes).
BYTES_APIS = ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryDirectory")
FILE_NAMED = ("mkstemp", "NamedTemporaryFile")


@pytest.mark.clause("naming.compose.dir-prefix-random-suffix")
def test_name_is_dir_prefix_random_suffix(tf, scratch):
    for api in NAMED_APIS:
        with created(tf, api, prefix="pre-", suffix="-suf", dir=scratch) as path:
            assert os.path.dirname(path) == scratch, api
            name = last_name_part(path)
            assert name.startswith("pre-") and name.endswith("-suf"), (api, name)
            middle = name[len("pre-"):-len("-suf")]
            assert middle and os.sep not in middle and "/" not in middle, (api, name)


@pytest.mark.clause("naming.compose.exact-with-injected-part")
@pytest.mark.needs("name-injection")
def test_name_is_exactly_prefix_injected_suffix(tf, target, scratch):
    for api in NAMED_APIS:
        with target.inject_names(["Kx7q"] * 3), created(tf, api, prefix="a", suffix="z",
                                                           dir=scratch) as path:
            assert path == os.path.join(scratch, "aKx7qz"), api
        if os.path.isfile(path):  # mkstemp leaves its file: free the name for the next API
            os.unlink(path)
        elif os.path.isdir(path):
            os.rmdir(path)


@pytest.mark.clause("naming.suffix.no-dot-inserted")
def test_suffix_appended_verbatim(tf, scratch):
    for api in NAMED_APIS:
        with created(tf, api, prefix="p", suffix="txt", dir=scratch) as path:
            name = last_name_part(path)
            assert name.endswith("txt") and not name.endswith(".txt"), (api, name)


@pytest.mark.clause("naming.suffix.no-dot-inserted")
@pytest.mark.needs("name-injection")
def test_suffix_no_dot_with_known_random_part(tf, target, scratch):
    with target.inject_names(["R"] * 3):
        fd, path = tf.mkstemp(prefix="", suffix="txt", dir=scratch)
    os.close(fd)
    assert os.path.basename(path) == "Rtxt"


@pytest.mark.clause("naming.suffix.default-none")
@pytest.mark.needs("name-injection")
def test_no_suffix_by_default(tf, target, scratch):
    for api in ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryDirectory"):
        for index, extra in enumerate([{}, {"suffix": None}]):
            with target.inject_names([f"end{index}"] * 3), created(
                    tf, api, prefix=api, dir=scratch, **extra) as path:
                assert last_name_part(path) == f"{api}end{index}", (api, extra)


@pytest.mark.clause("naming.prefix.default")
def test_default_prefix_str_and_bytes(tf, scratch):
    for api in ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryDirectory"):
        for kwargs in ({"dir": scratch}, {"prefix": None, "dir": scratch}):
            with created(tf, api, **kwargs) as path:
                expect_prefix(last_name_part(path), tf.gettempprefix(), call=api)
        with created(tf, api, dir=os.fsencode(scratch)) as path:
            expect_prefix(last_name_part(path), tf.gettempprefixb(), call=api)


@pytest.mark.clause("naming.dir.default-gettempdir")
def test_default_directory_is_gettempdir(tf, scratch):
    inner = os.path.join(scratch, "chosen")
    os.mkdir(inner)
    os.environ["TMPDIR"] = inner  # a fresh search: tempdir is None under the tf fixture
    for api in NAMED_APIS:
        with created(tf, api, prefix="p") as path:
            assert os.path.dirname(path) == inner, api
    assert tf.gettempdir() == inner
    for api in ("mkstemp", "mkdtemp"):
        with created(tf, api, prefix=b"p") as path:
            assert os.path.dirname(path) == tf.gettempdirb() == os.fsencode(inner), api


@pytest.mark.clause("naming.dir.temporaryfile-location")
def test_temporaryfile_lives_in_dir(tf, scratch):
    explicit = os.path.join(scratch, "explicit")
    default = os.path.join(scratch, "default")
    os.mkdir(explicit)
    os.mkdir(default)
    os.environ["TMPDIR"] = default
    for kwargs, expected in (({"dir": explicit}, explicit), ({}, default)):
        with tf.TemporaryFile(**kwargs) as handle:
            link = os.readlink(f"/proc/self/fd/{handle.fileno()}")
        assert os.path.dirname(link) == expected, link


@pytest.mark.clause("naming.types.str-by-default")
def test_str_names_by_default(tf):
    for api in NAMED_APIS:
        with created(tf, api) as path:
            assert isinstance(path, str), api


@pytest.mark.clause("naming.types.bytes-in-bytes-out")
def test_bytes_argument_gives_bytes_name(tf, scratch):
    values = {"suffix": b"-s", "prefix": b"p-", "dir": os.fsencode(scratch)}
    for api in BYTES_APIS:
        for which, value in values.items():
            with created(tf, api, **{which: value}) as path:
                assert isinstance(path, bytes), (api, which)
                assert os.path.dirname(path) == os.fsencode(scratch), (api, which)
                name = last_name_part(path)
                if which != "prefix":
                    assert name.startswith(tf.gettempprefixb()), (api, which)
                if which == "suffix":
                    assert name.endswith(b"-s"), api


@pytest.mark.clause("naming.types.empty-bytes-suffix")
def test_empty_bytes_suffix_forces_bytes(tf, scratch):
    for api in BYTES_APIS:
        with created(tf, api, suffix=b"") as path:
            assert isinstance(path, bytes), api
            assert os.path.dirname(path) == tf.gettempdirb() == os.fsencode(scratch), api
            expect_prefix(last_name_part(path), tf.gettempprefixb(), call=api)


MIXES = (
    {"suffix": b"s", "prefix": "p"},
    {"suffix": "s", "dir": "BYTES-SCRATCH"},
    {"prefix": b"p", "dir": "SCRATCH"},
    {"suffix": b"s", "dir": "PATH-SCRATCH"},
)


@pytest.mark.clause("naming.types.mixing-is-typeerror")
def test_mixing_str_and_bytes_is_typeerror(tf, scratch):
    stand_ins = {"SCRATCH": scratch, "BYTES-SCRATCH": os.fsencode(scratch),
                 "PATH-SCRATCH": pathlib.Path(scratch)}
    for api in CREATING_APIS:
        for mix in MIXES:
            kwargs = {k: stand_ins.get(v, v) if isinstance(v, str) else v for k, v in mix.items()}
            before = entries(scratch)
            with pytest.raises(TypeError):
                with created(tf, api, **kwargs):
                    pass
            assert entries(scratch) == before, (api, mix)


@pytest.mark.clause("naming.types.pathlike-dir")
def test_pathlike_dir_accepted(tf, scratch):
    inner = os.path.join(scratch, "inner")
    os.mkdir(inner)
    for api in CREATING_APIS:
        with created(tf, api, dir=pathlib.Path(inner)) as path:
            if api == "TemporaryFile":
                continue
            assert isinstance(path, str), api
            assert os.path.dirname(path) == inner, api


class _BytesPath:
    """A path-like object whose __fspath__ gives bytes."""

    def __init__(self, path: bytes) -> None:
        self.path = path

    def __fspath__(self) -> bytes:
        return self.path


@pytest.mark.clause("naming.types.pathlike-dir")
def test_bytes_pathlike_dir_gives_bytes(tf, scratch):
    for api in ("mkstemp", "mkdtemp"):
        with created(tf, api, dir=_BytesPath(os.fsencode(scratch))) as path:
            assert isinstance(path, bytes) and os.path.dirname(path) == os.fsencode(scratch), api


@pytest.mark.clause("naming.types.pathlike-prefix-unsupported")
def test_pathlike_prefix_or_suffix_rejected(tf, scratch):
    for which in ("prefix", "suffix"):
        before = entries(scratch)
        with pytest.raises(TypeError):
            with created(tf, "mkstemp", dir=scratch, **{which: pathlib.PurePath("x")}):
                pass
        assert entries(scratch) == before, which


@pytest.mark.clause("naming.absolute.file-apis-relative-dir")
def test_file_apis_absolute_with_relative_dir(tf, scratch):
    os.mkdir(os.path.join(scratch, "sub"))
    os.chdir(scratch)
    for api in FILE_NAMED:
        for relative, expected in ((".", scratch), ("sub", os.path.join(scratch, "sub"))):
            with created(tf, api, dir=relative) as path:
                assert os.path.isabs(path), (api, path)
                assert os.path.dirname(path) == expected, (api, path)
                assert os.path.isfile(path), api


@pytest.mark.clause("naming.absolute.dir-apis-relative-dir")
def test_dir_apis_absolute_with_relative_dir(tf, scratch):
    os.mkdir(os.path.join(scratch, "sub"))
    os.chdir(scratch)
    for api in ("mkdtemp", "TemporaryDirectory"):
        with created(tf, api, dir="sub") as path:
            assert os.path.isabs(path), (api, path)
            assert os.path.dirname(path) == os.path.join(scratch, "sub"), api
            assert os.path.isdir(path), api


@pytest.mark.clause("naming.compose.no-sanitising")
def test_separator_in_prefix_reaches_subdirectory(tf, scratch):
    os.mkdir(os.path.join(scratch, "sub"))
    fd, path = tf.mkstemp(prefix="sub/p", dir=scratch)
    os.close(fd)
    assert os.path.dirname(path) == os.path.join(scratch, "sub")
    assert os.path.basename(path).startswith("p")


@pytest.mark.clause("naming.random-part.cpython-shape")
def test_random_part_is_eight_safe_characters(tf, scratch):
    shape = re.compile(r"^[a-z0-9_]{8}$")
    for _ in range(20):
        path = tf.mkdtemp(prefix="", suffix="", dir=scratch)
        assert shape.match(os.path.basename(path)), os.path.basename(path)
