"""Arithmetic formulas of derived questions, interpreted over a whitelisted syntax tree.

File text is never passed to `eval`: `ast.parse` only builds the tree, and `Formula` walks it,
accepting numbers, question ids, + - * /, unary minus, parentheses and min/max/abs/round.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

_BINARY: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
_FUNCTIONS: dict[str, Callable[..., float]] = {"min": min, "max": max, "abs": abs, "round": round}


class FormulaError(ValueError):
    """The formula uses syntax outside the small arithmetic language."""


class Formula:
    """A parsed formula: `names` are the question ids it reads."""

    def __init__(self, source: str) -> None:
        try:
            tree = ast.parse(source.strip(), mode="eval")
        except SyntaxError as error:
            raise FormulaError(f"formula syntax error: {error.msg}") from None
        self.body = tree.body
        self.names: list[str] = []
        self._check(self.body)

    def _check(self, node: ast.AST) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return
        if isinstance(node, ast.Name):
            if node.id not in self.names:
                self.names.append(node.id)
            return
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            self._check(node.left)
            self._check(node.right)
            return
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            self._check(node.operand)
            return
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in _FUNCTIONS
            and node.args
            and not node.keywords
        ):
            for arg in node.args:
                self._check(arg)
            return
        raise FormulaError(
            f"formula may only use numbers, question ids, + - * / and "
            f"min/max/abs/round, not '{ast.unparse(node)}'"
        )

    def evaluate(self, values: Mapping[str, float]) -> float | None:
        """The value, or None when an input is missing or a division by zero occurs."""
        try:
            return float(self._eval(self.body, values))
        except (KeyError, ZeroDivisionError, OverflowError):
            return None

    def _eval(self, node: ast.AST, values: Mapping[str, float]) -> Any:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            return values[node.id]
        if isinstance(node, ast.BinOp):
            return _BINARY[type(node.op)](self._eval(node.left, values), self._eval(node.right, values))
        if isinstance(node, ast.UnaryOp):
            value = self._eval(node.operand, values)
            return -value if isinstance(node.op, ast.USub) else value
        assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        return _FUNCTIONS[node.func.id](*(self._eval(arg, values) for arg in node.args))


@lru_cache(maxsize=1024)
def compile_formula(source: str) -> Formula:
    """Parse once per distinct formula text."""
    return Formula(source)
