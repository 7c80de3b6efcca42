"""The project as a source tree pip can install, also when it was installed rather than cloned.

``--python`` installs the project into a virtual environment of another
interpreter.  From a clone that is the clone; after ``pip install`` there is no
pyproject.toml, so :func:`stage_installed_project` lays the installed packages
out again and writes a pyproject.toml from the installed distribution's own
metadata (version, dependencies, entry points).
"""

from __future__ import annotations

import json
import shutil
from importlib import metadata
from pathlib import Path
from typing import Dict, List

DISTRIBUTION = "tempfile-conformance"
PACKAGES = ("spec", "reference", "conformance")
# Data files inside the packages, as pyproject.toml lists them (a test keeps the two equal).
PACKAGE_DATA: Dict[str, List[str]] = {
    "spec": ["clauses/*.toml"],
    "conformance": ["expectations/*.toml", "schema/*.json", "schema/*.xsd"],
}


def _toml_list(values: List[str]) -> str:
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


def pyproject_text(dist: metadata.Distribution) -> str:
    """A pyproject.toml that rebuilds ``dist``: its version, dependencies and entry points."""
    meta = dist.metadata
    needs = [r for r in (dist.requires or []) if "extra ==" not in r.replace('"', "").replace("'", "")]
    lines = ["[build-system]", 'requires = ["setuptools>=61"]', 'build-backend = "setuptools.build_meta"', "",
             "[project]", f"name = {json.dumps(meta['Name'])}", f"version = {json.dumps(meta['Version'])}"]
    if meta.get("Requires-Python"):
        lines.append(f"requires-python = {json.dumps(meta['Requires-Python'])}")
    lines.append(f"dependencies = {_toml_list(needs)}")
    groups: Dict[str, List[str]] = {}
    for entry in dist.entry_points:
        groups.setdefault(entry.group, []).append(f"{json.dumps(entry.name)} = {json.dumps(entry.value)}")
    for group, entries in sorted(groups.items()):
        header = "[project.scripts]" if group == "console_scripts" else f"[project.entry-points.{group}]"
        lines += ["", header, *entries]
    lines += ["", "[tool.setuptools.packages.find]", f"include = {_toml_list([p + '*' for p in PACKAGES])}",
              "", "[tool.setuptools.package-data]"]
    lines += [f"{package} = {_toml_list(globs)}" for package, globs in PACKAGE_DATA.items()]
    return "\n".join(lines) + "\n"


def stage_installed_project(into: Path) -> Path:
    """Copy the installed packages and a generated pyproject.toml into ``into``; return it."""
    here = Path(__file__).resolve().parent.parent  # the folder holding the installed packages
    into.mkdir(parents=True, exist_ok=True)
    for package in PACKAGES:
        if (into / package).exists():
            shutil.rmtree(into / package)
        shutil.copytree(here / package, into / package,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo"))
    (into / "pyproject.toml").write_text(pyproject_text(metadata.distribution(DISTRIBUTION)),
                                         encoding="utf-8")
    return into
