"""The teaching notebooks are stored clean, open and close the same way, and match their sources.

Executing them is the job of ``notebooks/run_all.py`` (and of the docs build);
these checks are about what is committed, so they read the JSON directly and
need neither nbformat nor a kernel.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any, Dict, List

import pytest

NOTEBOOKS_DIR = Path(__file__).resolve().parents[2] / "notebooks"
REQUIRED = [
    "01-the-race.ipynb",
    "02-where-temp-files-go.ipynb",
    "03-lifecycles.ipynb",
    "04-spooling.ipynb",
    "05-validating-an-implementation.ipynb",
]
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


def _load(path: Path) -> Dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _text(cell: Dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _build_module():
    """notebooks/build.py, imported by path (it is a script, not a package module)."""
    spec = importlib.util.spec_from_file_location("notebooks_build", NOTEBOOKS_DIR / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def problems_with_outputs(nb: Dict[str, Any]) -> List[str]:
    """Every stored output or execution count, by cell."""
    found = []
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        if cell.get("outputs"):
            found.append(f"cell {index} has {len(cell['outputs'])} stored output(s)")
        if cell.get("execution_count") is not None:
            found.append(f"cell {index} has execution_count {cell['execution_count']}")
    return found


def problems_with_shape(nb: Dict[str, Any]) -> List[str]:
    """Opening cell says what you will learn; closing cell is a summary; scratch is made and removed."""
    found = []
    cells = nb["cells"]
    first, last = cells[0], cells[-1]
    if first["cell_type"] != "markdown" or "what you will learn" not in _text(first).lower():
        found.append("the first cell is not a markdown 'What you will learn' cell")
    if last["cell_type"] != "markdown" or not re.search(r"^#+\s*Summary", _text(last), re.M):
        found.append("the last cell is not a markdown cell with a 'Summary' heading")
    code = [_text(c) for c in cells if c["cell_type"] == "code"]
    if not code or "SCRATCH = " not in code[0] or "atexit.register(shutil.rmtree, SCRATCH" not in code[0]:
        found.append("the first code cell does not create SCRATCH and register its removal at exit")
    if not code or "shutil.rmtree(SCRATCH)" not in code[-1]:
        found.append("the last code cell does not remove SCRATCH")
    # Side by side with the stdlib: some code line (not a comment) must name the reference.
    if not any(re.search(r"^[^#\n]*\breference\b", c, re.M) for c in code):
        found.append("the notebook never uses the reference implementation")
    return found


def test_the_required_notebooks_exist():
    names = {path.name for path in NOTEBOOKS}
    assert set(REQUIRED) <= names, sorted(set(REQUIRED) - names)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_without_outputs(path):
    nb = _load(path)
    assert nb["nbformat"] == 4
    assert problems_with_outputs(nb) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_opens_with_goals_and_ends_with_summary(path):
    assert problems_with_shape(_load(path)) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_matches_its_source(path):
    """Each notebook is generated from notebooks/src/<name>.py; an edit to only one of them is a defect."""
    source = NOTEBOOKS_DIR / "src" / (path.stem + ".py")
    assert source.exists(), f"no source {source.name} for {path.name}"
    expected = _build_module().split_cells(source.read_text(encoding="utf-8"))
    stored = [(cell["cell_type"], _text(cell)) for cell in _load(path)["cells"]]
    assert stored == expected, f"{path.name} is out of date: run python notebooks/build.py"


def test_the_checks_catch_a_dirty_or_misshapen_notebook():
    """The checks above can fail: feed them a notebook with an output and no summary."""
    nb = _load(NOTEBOOKS_DIR / REQUIRED[0])
    code_cell = next(c for c in nb["cells"] if c["cell_type"] == "code")
    code_cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "hi\n"}]
    code_cell["execution_count"] = 1
    nb["cells"] = nb["cells"][:-1]
    assert len(problems_with_outputs(nb)) == 2
    assert any("Summary" in p for p in problems_with_shape(nb))
