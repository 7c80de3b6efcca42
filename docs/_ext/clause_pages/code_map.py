"""The map of the code: every module of a folder with its size and the first line of its docstring."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import List

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .blocks import para, table


def first_line(path: Path) -> str:
    """The first line of a module's docstring, or a note that it has none."""
    try:
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    except SyntaxError:
        return "(does not parse)"
    if not doc:
        return "(no docstring)"
    # reST's ``code`` and :role:`name` become the `code` the page's cells show as code.
    return re.sub(r":[\w.]+:`", "`", doc.strip().splitlines()[0]).replace("``", "`")


class CodeMap(SphinxDirective):
    """``.. code-map:: conformance`` one row per Python module under that folder, read at build time."""

    required_arguments = 1

    def run(self) -> List[nodes.Node]:
        root = Path(self.config.trace_repo_root)
        folder = root / self.arguments[0]
        self.env.note_dependency(str(folder))
        modules = sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)
        if not modules:
            return [para(f"No Python module under {self.arguments[0]}/.")]
        rows = [[nodes.literal("", p.relative_to(root).as_posix()),
                 str(len(p.read_text(encoding="utf-8").splitlines())), first_line(p)] for p in modules]
        return [table(["Module", "Lines", "What it holds"], rows, ["code-map"], [4, 1, 8])]
