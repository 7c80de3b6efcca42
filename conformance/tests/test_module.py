"""The module surface: public names, call signatures, TMP_MAX and template."""

from __future__ import annotations

import inspect
import os
from typing import Any, List, Tuple

import pytest

from conformance.expect import ConformanceFailure
from conformance.tests._shared import names_drawn_until_exhausted

DOCUMENTED_NAMES = (
    "TemporaryFile", "NamedTemporaryFile", "SpooledTemporaryFile", "TemporaryDirectory",
    "mkstemp", "mkdtemp", "mktemp", "gettempdir", "gettempdirb", "gettempprefix",
    "gettempprefixb", "tempdir",
)

POS = inspect.Parameter.POSITIONAL_OR_KEYWORD
KW = inspect.Parameter.KEYWORD_ONLY
NO_DEFAULT = inspect.Parameter.empty

# (name, kind, default) in the documented order.
Expected = List[Tuple[str, Any, Any]]

FILE_PARAMS: Expected = [
    ("mode", POS, "w+b"), ("buffering", POS, -1), ("encoding", POS, None), ("newline", POS, None),
    ("suffix", POS, None), ("prefix", POS, None), ("dir", POS, None),
]


def _parameters(func: Any) -> List[inspect.Parameter]:
    try:
        return list(inspect.signature(func).parameters.values())
    except (TypeError, ValueError):
        pytest.fail(f"{func!r} exposes no signature to inspect")


def _shown(params: Expected) -> str:
    """A parameter list as a reader writes it: (suffix='', prefix='tmp', dir=None), / for positional-only."""
    parts = []
    for name, kind, default in params:
        parts.append(name if default is NO_DEFAULT else f"{name}={default!r}")
        if kind == inspect.Parameter.POSITIONAL_ONLY:
            parts[-1] += ", /"
    return "(" + ", ".join(parts) + ")"


def assert_signature(func: Any, positional: Expected, keyword_only: Expected = ()) -> None:
    """The documented parameters come first, in order; anything extra must be optional."""
    params = _parameters(func)
    got_positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, POS)]
    got_keyword = {p.name: p for p in params if p.kind == KW}
    described = [(p.name, p.kind, p.default) for p in got_positional[:len(positional)]]
    if described != positional:
        raise ConformanceFailure(f"{getattr(func, '__name__', func)}{_shown(described)}, documented "
                                 f"{getattr(func, '__name__', func)}{_shown(positional)}")
    for name, _kind, default in keyword_only:
        assert name in got_keyword or name in [p.name for p in got_positional], f"no {name!r}"
        param = got_keyword.get(name)
        assert param is not None, f"{name!r} is not keyword-only"
        assert param.default == default, f"{name!r} defaults to {param.default!r}"
    for extra in params[len(positional):]:
        if extra.kind in (extra.VAR_POSITIONAL, extra.VAR_KEYWORD):
            continue
        assert extra.default is not NO_DEFAULT, f"extra parameter {extra.name!r} is required"


@pytest.mark.clause("module.names.documented-public")
def test_documented_names_are_exported(tf):
    exported = set(tf.__all__)
    missing = [n for n in DOCUMENTED_NAMES if n not in exported]
    assert not missing, f"not in __all__: {missing}"
    namespace: dict = {}
    exec(f"from {tf.__name__} import *", namespace)  # what a star import really brings
    assert [n for n in DOCUMENTED_NAMES if n not in namespace] == []


@pytest.mark.clause("module.names.all-extras")
def test_all_is_documented_names_plus_tmp_max(tf):
    assert set(tf.__all__) == set(DOCUMENTED_NAMES) | {"TMP_MAX"}
    assert "template" not in tf.__all__


@pytest.mark.clause("module.signature.mkstemp")
def test_mkstemp_signature(tf, scratch):
    assert_signature(tf.mkstemp, [("suffix", POS, None), ("prefix", POS, None),
                                  ("dir", POS, None), ("text", POS, False)])
    fd, path = tf.mkstemp("-S", "P-", scratch, True)  # all four by position
    os.close(fd)
    assert os.path.dirname(path) == scratch
    name = os.path.basename(path)
    assert name.startswith("P-") and name.endswith("-S")


@pytest.mark.clause("module.signature.mkdtemp")
def test_mkdtemp_signature(tf, scratch):
    assert_signature(tf.mkdtemp, [("suffix", POS, None), ("prefix", POS, None), ("dir", POS, None)])
    path = tf.mkdtemp("-S", "P-", scratch)
    name = os.path.basename(path)
    assert os.path.dirname(path) == scratch and name.startswith("P-") and name.endswith("-S")


@pytest.mark.clause("module.signature.mktemp")
def test_mktemp_signature(tf, scratch):
    assert_signature(tf.mktemp, [("suffix", POS, ""), ("prefix", POS, "tmp"), ("dir", POS, None)])
    name = os.path.basename(tf.mktemp("-S", "P-", scratch))
    assert name.startswith("P-") and name.endswith("-S")


@pytest.mark.clause("module.signature.temporaryfile")
def test_temporaryfile_signature(tf):
    assert_signature(tf.TemporaryFile, FILE_PARAMS, [("errors", KW, None)])


@pytest.mark.clause("module.signature.namedtemporaryfile")
def test_namedtemporaryfile_signature(tf, scratch):
    assert_signature(tf.NamedTemporaryFile, FILE_PARAMS + [("delete", POS, True)],
                     [("errors", KW, None)])
    with tf.NamedTemporaryFile("w+", -1, "utf-8", None, "-S", "P-", scratch, True) as handle:
        name = os.path.basename(handle.name)
        assert name.startswith("P-") and name.endswith("-S")


@pytest.mark.clause("module.signature.namedtemporaryfile-delete-on-close")
def test_namedtemporaryfile_delete_on_close_keyword(tf):
    assert_signature(tf.NamedTemporaryFile, FILE_PARAMS + [("delete", POS, True)],
                     [("errors", KW, None), ("delete_on_close", KW, True)])


@pytest.mark.clause("module.signature.spooledtemporaryfile")
def test_spooledtemporaryfile_signature(tf):
    assert_signature(tf.SpooledTemporaryFile, [("max_size", POS, 0)] + FILE_PARAMS,
                     [("errors", KW, None)])


@pytest.mark.clause("module.signature.temporarydirectory")
def test_temporarydirectory_signature(tf, scratch):
    assert_signature(tf.TemporaryDirectory,
                     [("suffix", POS, None), ("prefix", POS, None), ("dir", POS, None)])
    holder = tf.TemporaryDirectory("-S", "P-", scratch)
    try:
        name = os.path.basename(holder.name)
        assert name.startswith("P-") and name.endswith("-S")
    finally:
        holder.cleanup()


@pytest.mark.clause("module.signature.temporarydirectory-ignore-cleanup-errors")
def test_temporarydirectory_ignore_cleanup_errors_position(tf):
    assert_signature(tf.TemporaryDirectory,
                     [("suffix", POS, None), ("prefix", POS, None), ("dir", POS, None),
                      ("ignore_cleanup_errors", POS, False)])


@pytest.mark.clause("module.signature.temporarydirectory-delete")
def test_temporarydirectory_delete_keyword(tf):
    assert_signature(tf.TemporaryDirectory,
                     [("suffix", POS, None), ("prefix", POS, None), ("dir", POS, None)],
                     [("delete", KW, True)])


@pytest.mark.clause("module.signature.queries-take-no-arguments")
def test_queries_take_no_arguments(tf):
    for name in ("gettempdir", "gettempdirb", "gettempprefix", "gettempprefixb"):
        func = getattr(tf, name)
        assert [p for p in _parameters(func) if p.default is NO_DEFAULT] == [], name
        func()  # callable bare
        with pytest.raises(TypeError):
            func("unexpected")


@pytest.mark.clause("module.tmp-max.positive-int")
def test_tmp_max_is_positive_int(tf):
    assert type(tf.TMP_MAX) is int
    assert tf.TMP_MAX >= 1


@pytest.mark.clause("module.tmp-max.read-at-call-time")
@pytest.mark.needs("name-injection")
def test_lowered_tmp_max_limits_later_calls(tf, target, scratch):
    assert names_drawn_until_exhausted(tf, target, "mkstemp", 3, dir=scratch) == 3


@pytest.mark.clause("module.template.default-prefix")
def test_template_is_tmp(tf):
    assert tf.template == "tmp" == tf.gettempprefix()


@pytest.mark.clause("module.classes.generic")
@pytest.mark.parametrize("name", ["SpooledTemporaryFile", "TemporaryDirectory"])
def test_classes_take_a_type_argument(tf, name):
    import types

    cls = getattr(tf, name)
    alias = cls[bytes]
    assert isinstance(alias, types.GenericAlias), f"{name}[bytes] gave {alias!r}"
    assert (alias.__origin__, alias.__args__) == (cls, (bytes,))
