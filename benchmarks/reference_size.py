"""Measure the reference implementation: code lines, comment lines, docstring lines, longest function.

usage: python3 benchmarks/reference_size.py [PACKAGE_DIR]   (default: reference/)

A line counts once, as the first that applies:
  blank      -- only whitespace
  docstring  -- inside a docstring (module, class or function)
  comment    -- a line whose first non-blank character is '#'
  code       -- everything else (a code line with a trailing comment is code)
Trailing comments on code lines are counted separately as "inline comments".
Function length is measured from the ``def`` line to the last line of the body,
docstring and comments included.
"""

from __future__ import annotations

import ast
import io
import sys
import tokenize
from pathlib import Path
from typing import Dict, List, Set, Tuple


def docstring_lines(tree: ast.AST) -> Set[int]:
    """Line numbers covered by docstrings anywhere in ``tree``."""
    lines: Set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None),
                                                                    ast.Constant):
                if isinstance(body[0].value.value, str):
                    lines.update(range(body[0].lineno, body[0].end_lineno + 1))
    return lines


def classify(source: str) -> Dict[str, int]:
    """Counts of blank, docstring, comment and code lines, plus inline comments."""
    tree = ast.parse(source)
    docs = docstring_lines(tree)
    comment_lines: Set[int] = set()
    inline = 0
    code_token_lines: Set[int] = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            comment_lines.add(token.start[0])
        elif token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
                                tokenize.ENDMARKER):
            code_token_lines.update(range(token.start[0], token.end[0] + 1))
    counts = {"blank": 0, "docstring": 0, "comment": 0, "code": 0}
    for number, line in enumerate(source.splitlines(), 1):
        if not line.strip():
            counts["blank"] += 1
        elif number in docs:
            counts["docstring"] += 1
        elif number in comment_lines and number not in code_token_lines:
            counts["comment"] += 1
        else:
            counts["code"] += 1
            inline += number in comment_lines
    counts["inline comments"] = inline
    return counts


def functions(source: str, name: str) -> List[Tuple[int, str]]:
    """(length in lines, qualified name) of every function in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.append((node.end_lineno - node.lineno + 1, f"{name}:{node.name} (line {node.lineno})"))
    return found


def main(argv: List[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "reference"
    total: Dict[str, int] = {}
    lengths: List[Tuple[int, str]] = []
    print(f"{'file':<20} {'code':>6} {'comment':>8} {'docstr':>7} {'blank':>6}")
    for path in sorted(root.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        counts = classify(source)
        lengths += functions(source, path.name)
        for key, value in counts.items():
            total[key] = total.get(key, 0) + value
        print(f"{path.name:<20} {counts['code']:>6} {counts['comment']:>8} {counts['docstring']:>7} "
              f"{counts['blank']:>6}")
    print(f"{'TOTAL':<20} {total['code']:>6} {total['comment']:>8} {total['docstring']:>7} "
          f"{total['blank']:>6}")
    print(f"inline comments on code lines: {total['inline comments']}")
    print(f"comment lines / code lines: {total['comment'] / total['code']:.2f}")
    lengths.sort(reverse=True)
    print("longest functions:", "; ".join(f"{n} lines {where}" for n, where in lengths[:3]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
