"""One-change mutants of a module's source, from its syntax tree, in a fixed order.

Each mutant changes one place: a comparison, a boolean operator, a constant, an
``O_*`` flag, a statement, a returned value or an exception type.  The change is
spliced into the original text (only the changed span is rewritten), so every
other line stays as it was.  Code that cannot run on this platform (the body of
``if _os.name == 'nt':``, say) is still mutated but marked, so the figures can
count it apart: no test on this platform can tell such a mutant from the original.
"""

from __future__ import annotations

import ast
import copy
import os
import sys
from dataclasses import dataclass
from typing import Dict, Iterator, List, Optional, Tuple

OPERATORS = ("compare", "boolean", "constant", "flag-bit", "statement", "return-value", "exception")

# Each comparison becomes its nearest opposite.
_COMPARE_SWAP = {ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.Gt: ast.LtE,
                 ast.LtE: ast.Gt, ast.Is: ast.IsNot, ast.IsNot: ast.Is, ast.In: ast.NotIn, ast.NotIn: ast.In}
# Each exception type becomes one a careless edit could plausibly put there.
_EXCEPTION_SWAP = {
    "FileExistsError": "PermissionError", "PermissionError": "FileExistsError",
    "FileNotFoundError": "FileExistsError", "IsADirectoryError": "FileNotFoundError",
    "NotADirectoryError": "FileNotFoundError", "OSError": "RuntimeError", "TypeError": "ValueError",
    "ValueError": "TypeError", "AttributeError": "TypeError", "RuntimeError": "ValueError",
    "BaseException": "Exception", "KeyError": "IndexError", "StopIteration": "RuntimeError",
}
# Names under which the judged module imports os and sys, for the platform tests.
_PLATFORM_MODULES = {"_os": os, "os": os, "_sys": sys, "sys": sys}
_SIMPLE_STATEMENTS = (ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Raise, ast.Continue,
                      ast.Break, ast.Delete)


@dataclass(frozen=True)
class Mutant:
    """One change: where, what, and whether this platform can ever run that code."""

    id: str
    scope: str
    operator: str
    description: str
    line: int
    start: int  # byte offsets into the source
    end: int
    replacement: str
    platform_dead: Optional[str]

    def apply(self, source: bytes) -> bytes:
        """The mutated source."""
        return source[:self.start] + self.replacement.encode() + source[self.end:]


def platform_value(node: ast.expr) -> Optional[bool]:
    """The value of a platform test (``_os.name == 'nt'``, ``hasattr(_os, 'X')``...) here, or None."""
    if isinstance(node, ast.BoolOp):
        values = [platform_value(v) for v in node.values]
        if isinstance(node.op, ast.And):
            return False if False in values else (True if all(v is True for v in values) else None)
        return True if True in values else (False if all(v is False for v in values) else None)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        inner = platform_value(node.operand)
        return None if inner is None else not inner
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "hasattr"
            and len(node.args) == 2 and isinstance(node.args[0], ast.Name)
            and node.args[0].id in _PLATFORM_MODULES and isinstance(node.args[1], ast.Constant)):
        return hasattr(_PLATFORM_MODULES[node.args[0].id], node.args[1].value)
    if (isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Eq, ast.NotEq))
            and isinstance(node.left, ast.Attribute) and isinstance(node.left.value, ast.Name)
            and node.left.value.id in _PLATFORM_MODULES and node.left.attr in ("name", "platform")
            and isinstance(node.comparators[0], ast.Constant)):
        equal = getattr(_PLATFORM_MODULES[node.left.value.id], node.left.attr) == node.comparators[0].value
        return equal if isinstance(node.ops[0], ast.Eq) else not equal
    return None


class _Collector(ast.NodeVisitor):
    """Walks the tree once, in source order, and proposes every mutation."""

    def __init__(self, source: bytes) -> None:
        self.source = source
        self.line_starts = [0]
        for line in source.splitlines(keepends=True):
            self.line_starts.append(self.line_starts[-1] + len(line))
        self.scope: List[str] = []
        self.dead: List[str] = []
        self.tests: List[ast.expr] = []  # the platform tests being visited, innermost last
        self.found: List[Tuple[str, str, str, int, int, int, str, Optional[str]]] = []

    # -- positions and proposals --------------------------------------------------

    def span(self, node: ast.AST) -> Tuple[int, int]:
        start = self.line_starts[node.lineno - 1] + node.col_offset  # type: ignore[attr-defined]
        end = self.line_starts[node.end_lineno - 1] + node.end_col_offset  # type: ignore[attr-defined]
        return start, end

    def propose(self, operator: str, node: ast.AST, new_text: str, description: str) -> None:
        start, end = self.span(node)
        scope = ".".join(self.scope) or "<module>"
        self.found.append((scope, operator, description, node.lineno, start, end, new_text,  # type: ignore
                           self.dead[-1] if self.dead else None))

    def expression(self, operator: str, node: ast.expr, new: ast.expr) -> None:
        old_text, new_text = ast.unparse(node), ast.unparse(new)
        self.propose(operator, node, f"({new_text})", f"{_short(old_text)} -> {_short(new_text)}")

    # -- structure: scopes, platform branches, what not to touch ---------------------

    def visit_Module(self, node: ast.Module) -> None:
        self.body(node.body)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.scope.append(node.name)
        for default in node.args.defaults + [d for d in node.args.kw_defaults if d is not None]:
            self.visit(default)
        self.body(node.body)
        self.scope.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.scope.append(node.name)
        self.body(node.body)
        self.scope.pop()

    def body(self, statements: List[ast.stmt]) -> None:
        for index, statement in enumerate(statements):
            if index == 0 and _is_docstring(statement):
                continue
            self.visit(statement)

    def guarded(self, test: ast.expr, body: List[ast.AST], orelse: List[ast.AST]) -> None:
        self.visit(test)
        value = platform_value(test)
        for branch, dead_when in ((body, False), (orelse, True)):
            if value is dead_when:
                self.dead.append(f"never runs here: {_short(ast.unparse(test))} is {value}")
            for child in branch:
                self.visit(child)
            if value is dead_when:
                self.dead.pop()

    def visit_If(self, node: ast.If) -> None:
        self.statement(node)
        self.guarded(node.test, node.body, node.orelse)

    def visit_IfExp(self, node: ast.IfExp) -> None:
        self.guarded(node.test, [node.body], [node.orelse])

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        return  # positions inside f-strings are unreliable before 3.12: left alone

    def visit_Import(self, node: ast.Import) -> None:
        return

    visit_ImportFrom = visit_Import  # type: ignore[assignment]

    # -- the operators ---------------------------------------------------------------

    def visit_Compare(self, node: ast.Compare) -> None:
        for index, op in enumerate(node.ops):
            swapped = _COMPARE_SWAP.get(type(op))
            if swapped is not None:
                ops = list(node.ops)
                ops[index] = swapped()
                self.expression("compare", node, ast.Compare(node.left, ops, node.comparators))
        if platform_value(node) is None:
            self.generic_visit(node)
        else:
            self.platform_test(node)

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        # Described by the operators and the start of the expression only: a long condition
        # would otherwise be quoted whole in the mutant's id.
        old_name, new_name = ("and", "or") if isinstance(node.op, ast.And) else ("or", "and")
        new_text = ast.unparse(ast.BoolOp(other, node.values))
        self.propose("boolean", node, f"({new_text})",
                     f"{old_name} -> {new_name} in {_short(ast.unparse(node), 40)}")
        # Operands after a platform test that decides the whole expression never run here.
        decided = False
        for value in node.values:
            if decided:
                self.dead.append("never runs here: short-circuited by a platform test")
            self.visit(value)
            if decided:
                self.dead.pop()
            outcome = platform_value(value)
            decided = decided or (outcome is False and isinstance(node.op, ast.And)) or (
                outcome is True and isinstance(node.op, ast.Or))

    def visit_UnaryOp(self, node: ast.UnaryOp) -> None:
        if isinstance(node.op, ast.Not):
            self.expression("boolean", node, node.operand)
        self.generic_visit(node)

    def platform_test(self, node: ast.expr) -> None:
        """Visit a test of the platform, remembering it for the constants inside."""
        self.tests.append(node)
        self.generic_visit(node)
        self.tests.pop()

    def visit_Call(self, node: ast.Call) -> None:
        if platform_value(node) is None:
            self.generic_visit(node)
        else:
            self.platform_test(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, bool):
            new = ast.Constant(not value)
        elif isinstance(value, (int, float)):
            new = ast.Constant(value + 1)
        elif isinstance(value, (str, bytes)):
            new = ast.Constant(value[:0] if value else type(value)("X", "ascii")
                               if isinstance(value, bytes) else "X")
        else:
            return
        # 'nt' -> '' in `_os.name == 'nt'` is false here before and after: only another
        # platform could see that change, so it is counted with the code that never runs here.
        test = self.tests[-1] if self.tests else None
        unseen = test is not None and platform_value(_replaced(test, node, new)) == platform_value(test)
        if unseen:
            self.dead.append(f"only another platform sees it: {_short(ast.unparse(test))} "
                             f"is {platform_value(test)} here either way")
        self.expression("constant", node, new)
        if unseen:
            self.dead.pop()

    def visit_BinOp(self, node: ast.BinOp) -> None:
        for kept, dropped in ((node.left, node.right), (node.right, node.left)):
            if isinstance(node.op, (ast.BitOr, ast.BitAnd)) and _names_open_flag(dropped):
                self.propose("flag-bit", node, f"({ast.unparse(kept)})",
                             f"drop {_short(ast.unparse(dropped))} from {_short(ast.unparse(node))}")
        self.generic_visit(node)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        types = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type] if node.type else []
        for kind in types:
            if isinstance(kind, ast.Name) and kind.id in _EXCEPTION_SWAP:
                self.propose("exception", kind, _EXCEPTION_SWAP[kind.id],
                             f"except {kind.id} -> {_EXCEPTION_SWAP[kind.id]}")
        self.body(node.body)

    def visit_Raise(self, node: ast.Raise) -> None:
        self.statement(node)
        raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        if isinstance(raised, ast.Name) and raised.id in _EXCEPTION_SWAP:
            self.propose("exception", raised, _EXCEPTION_SWAP[raised.id],
                         f"raise {raised.id} -> {_EXCEPTION_SWAP[raised.id]}")
        # The message of a raise is no behaviour the docs specify: its constants are left alone.

    def visit_Return(self, node: ast.Return) -> None:
        if node.value is not None and not (isinstance(node.value, ast.Constant) and node.value.value is None):
            described = f"return {_short(ast.unparse(node.value))} -> None"
            self.propose("return-value", node, "return None", described)
            self.visit(node.value)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.op, (ast.BitOr, ast.BitAnd)) and _names_open_flag(node.value):
            self.propose("flag-bit", node, "pass", f"drop {_short(ast.unparse(node))}")
        else:
            self.statement(node)
        self.generic_visit(node)

    def visit_Expr(self, node: ast.Expr) -> None:
        self.statement(node)
        call = node.value
        if isinstance(call, ast.Call) and ast.unparse(call.func).endswith("warn"):
            return  # a warning's text is not specified either
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.statement(node)
        self.generic_visit(node)

    visit_AnnAssign = visit_Delete = visit_Continue = visit_Break = visit_Assign  # type: ignore[assignment]

    def statement(self, node: ast.stmt) -> None:
        """Propose deleting a simple statement inside a function (module level only defines)."""
        if self.scope and isinstance(node, _SIMPLE_STATEMENTS):
            self.propose("statement", node, "pass", f"delete {_short(ast.unparse(node))}")


def _replaced(tree: ast.expr, old: ast.Constant, new: ast.Constant) -> ast.expr:
    """A copy of ``tree`` with the constant ``old`` (the same node) replaced by ``new``."""
    class _Swap(ast.NodeTransformer):
        def visit_Constant(self, node: ast.Constant) -> ast.AST:
            same = (node.lineno, node.col_offset) == (old.lineno, old.col_offset)
            return ast.Constant(new.value) if same else node

    return _Swap().visit(copy.deepcopy(tree))


def _is_docstring(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant) and isinstance(
        statement.value.value, str)


def _names_open_flag(node: ast.expr) -> bool:
    """Is ``node`` an ``O_*`` flag (``_os.O_EXCL``) or its complement?"""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Invert):
        node = node.operand
    return isinstance(node, ast.Attribute) and node.attr.startswith("O_")


def _short(text: str, width: int = 36) -> str:
    """A fragment of the source, enough to tell mutants apart (ids quote no whole statements)."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 3] + "..."


def mutants(source: bytes) -> List[Mutant]:
    """Every mutant of ``source``, in source order, each with an id that survives line shifts."""
    collector = _Collector(source)
    collector.visit(ast.parse(source))
    seen_sources = set()
    counts: Dict[str, int] = {}
    result = []
    for scope, operator, description, line, start, end, text, dead in sorted(
            collector.found, key=lambda f: (f[4], -f[5], OPERATORS.index(f[1]), f[2])):
        key = f"{scope}:{operator}:{description}"
        counts[key] = counts.get(key, 0) + 1
        mutant = Mutant(key if counts[key] == 1 else f"{key}#{counts[key]}", scope, operator, description,
                        line, start, end, text, dead)
        changed = mutant.apply(source)
        if changed in seen_sources or not _compiles(changed):
            continue
        seen_sources.add(changed)
        result.append(mutant)
    return result


def _compiles(source: bytes) -> bool:
    try:
        compile(source, "<mutant>", "exec", dont_inherit=True)
    except SyntaxError:
        return False
    return True


def iter_live(found: List[Mutant]) -> Iterator[Mutant]:
    """The mutants whose code can run on this platform."""
    return (m for m in found if m.platform_dead is None)
