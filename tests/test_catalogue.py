"""The clause catalogue loads, validates, and rejects malformed files clearly."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from spec import DOCS_PAGE, SpecError, load_catalogue, parse_version

GOOD = """
[meta]
api = "demo"

[[clause]]
id = "demo.one"
statement = "A statement."
level = "must"
kind = "documented"
platforms = ["all"]
since = "3.8"
source = "https://docs.python.org/3.14/library/tempfile.html#tempfile.mkstemp"
docs_ref = "mkstemp ¶1"
"""


def write(tmp_path: Path, text: str, name: str = "demo.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def test_shipped_catalogue_loads_with_unique_ids():
    catalogue = load_catalogue()
    ids = [c.id for c in catalogue]
    assert len(ids) == len(set(ids)) > 0


def test_every_citation_points_into_the_tempfile_page():
    for clause in load_catalogue():
        assert clause.source.startswith(DOCS_PAGE + "#"), clause.id


def test_good_file_loads(tmp_path):
    catalogue = load_catalogue(tmp_path if write(tmp_path, GOOD) else None)
    assert [c.id for c in catalogue] == ["demo.one"]
    assert catalogue["demo.one"].applies((3, 12), "linux")


@pytest.mark.parametrize(
    "change, complaint",
    [
        (('level = "must"', 'level = "shall"'), "level 'shall'"),
        (('kind = "documented"', 'kind = "guess"'), "kind 'guess'"),
        (('since = "3.8"', 'since = "three"'), "bad version string"),
        (('since = "3.8"', 'since = "3.8"\nuntil = "3.7"'), "comes before"),
        (('since = "3.8"', 'since = "3.8"\ncolour = "red"'), "unknown key(s) colour"),
        (('statement = "A statement."\n', ''), "missing field(s) statement"),
        (('platforms = ["all"]', 'platforms = ["beos"]'), "platforms must be"),
        (('id = "demo.one"', 'id = "Demo One"'), "id must be"),
        (('since = "3.8"', 'since = "3.8"\nrelated = ["demo.nowhere"]'), "name no clause"),
        (('kind = "documented"', 'kind = "derived"'), "needs a rationale"),
        (('docs_ref = "mkstemp ¶1"\n', ''), "needs docs_ref"),
        (('docs_ref = "mkstemp ¶1"', 'docs_ref = "mkstemp ¶9"'), "mkstemp has 8 paragraph(s)"),
        (('docs_ref = "mkstemp ¶1"', 'docs_ref = "the third paragraph"'), "is not 'SECTION PART'"),
        (('docs_ref = "mkstemp ¶1"', 'docs_ref = "mkstmp ¶1"'), "unknown section 'mkstmp'"),
        (('docs_ref = "mkstemp ¶1"', 'docs_ref = "mkstemp ¶1 \\"' + "w " * 8 + 'nine\\""'),
         "at most 8 words"),
        (('since = "3.8"', 'since = "3.8"\nboundary_unobservable = "why"'), "needs a version range"),
        (('kind = "documented"', 'kind = "erratum"'), "needs an [clause.erratum]"),
        (('source = "https://docs.python.org/3.14/library/tempfile.html#tempfile.mkstemp"',
          'source = "https://example.org/"'), "must cite the tempfile docs"),
    ],
)
def test_malformed_clause_is_named_in_the_error(tmp_path, change, complaint):
    old, new = change
    assert old in GOOD
    write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(SpecError) as info:
        load_catalogue(tmp_path)
    message = str(info.value)
    assert "demo.toml" in message
    assert complaint in message


def test_duplicate_ids_across_files_are_rejected(tmp_path):
    write(tmp_path, GOOD, "a.toml")
    write(tmp_path, GOOD, "b.toml")
    expected = r"b.toml: clause 'demo.one': duplicate id \(first defined in a.toml\)"
    with pytest.raises(SpecError, match=expected):
        load_catalogue(tmp_path)


def test_invalid_toml_is_reported_with_the_file(tmp_path):
    write(tmp_path, "[meta\n")
    with pytest.raises(SpecError, match="demo.toml: not valid TOML"):
        load_catalogue(tmp_path)


def test_version_gates():
    assert parse_version("3.14") == (3, 14)
    with pytest.raises(SpecError):
        parse_version("4.0")
