#!/usr/bin/env python3
"""Turn the cell-marked sources in notebooks/src/ into clean .ipynb files.

Why a build step: the notebooks are stored without outputs or execution
counts, and writing them from plain-text sources keeps reviews readable and
the stored files byte-for-byte reproducible.

Source format (the "percent" format that Jupytext and VS Code also read):

* ``# %% [markdown]`` starts a markdown cell; each following line loses its
  leading ``# `` (a bare ``#`` becomes an empty line);
* ``# %%`` starts a code cell, whose lines are kept as they are;
* leading and trailing blank lines of each cell are dropped.

usage: python notebooks/build.py          write every notebook
       python notebooks/build.py --check  exit 1 if a stored notebook differs
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import List, Tuple

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "src"

KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


def split_cells(text: str) -> List[Tuple[str, str]]:
    """Split a percent-format source into (kind, text) pairs."""
    cells: List[Tuple[str, List[str]]] = []
    for line in text.splitlines():
        if line.startswith("# %% [markdown]"):
            cells.append(("markdown", []))
        elif line.startswith("# %%"):
            cells.append(("code", []))
        elif cells:
            kind, body = cells[-1]
            if kind == "markdown":
                if line.startswith("# "):
                    line = line[2:]
                elif line.strip() == "#":
                    line = ""
            body.append(line)
        elif line.strip():
            raise ValueError(f"text before the first cell marker: {line!r}")
    return [(kind, "\n".join(body).strip("\n")) for kind, body in cells]


def build_notebook(source: Path):
    """The notebook for one source file; cell ids are derived from positions so builds repeat."""
    import nbformat  # here, so split_cells() works where nbformat is not installed

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    stem = source.stem
    for index, (kind, text) in enumerate(split_cells(source.read_text(encoding="utf-8"))):
        make = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
        cell = make(text)
        cell["id"] = f"{stem[:2]}-{index:02d}"
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def render(nb) -> str:
    import nbformat

    return nbformat.writes(nb) + "\n"


def main(argv: List[str] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare; write nothing")
    args = parser.parse_args(argv)
    stale = []
    for source in sorted(SOURCES.glob("*.py")):
        target = HERE / (source.stem + ".ipynb")
        text = render(build_notebook(source))
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            continue
        if args.check:
            stale.append(target.name)
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(HERE.parent)}")
    if stale:
        print("out of date (run python notebooks/build.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
