"""``--python`` from an installed copy: the staged source tree rebuilds the same distribution."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

from conformance.installed import PACKAGE_DATA, pyproject_text, stage_installed_project

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - 3.9 and 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]


def test_the_generated_pyproject_matches_the_real_one():
    real = tomllib.loads((ROOT / "pyproject.toml").read_text())
    made = tomllib.loads(pyproject_text(metadata.distribution("tempfile-conformance")))
    for key in ("name", "version", "requires-python", "scripts", "entry-points"):
        assert made["project"][key] == real["project"][key], key
    assert ([str(Requirement(r)) for r in made["project"]["dependencies"]]
            == [str(Requirement(r)) for r in real["project"]["dependencies"]])
    assert made["tool"]["setuptools"] == real["tool"]["setuptools"]
    assert PACKAGE_DATA == real["tool"]["setuptools"]["package-data"]


def test_staging_copies_the_packages_with_their_data(tmp_path):
    tree = stage_installed_project(tmp_path / "src")
    assert (tree / "pyproject.toml").is_file()
    assert (tree / "conformance" / "schema" / "result.schema.json").is_file()
    assert any((tree / "conformance" / "expectations").glob("stdlib-*.toml"))
    assert any((tree / "spec" / "clauses").glob("*.toml")) and (tree / "reference" / "__init__.py").is_file()
    assert not list(tree.rglob("__pycache__"))
