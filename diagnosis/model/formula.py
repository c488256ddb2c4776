"""Arithmetic formulas of derived questions, interpreted over a whitelisted syntax tree.

File text is never passed to `eval`: `ast.parse` only builds the tree, and `Formula` walks it,
accepting numbers, question ids, + - * /, unary minus, parentheses and min/max/abs/round.

Format 2 questionnaires compute in decimal, as people do on paper: 90.05 − 90 is 0.05, not
0.0499999…, so a band edge or a "flat" comparison never flips on binary rounding, and `round`
rounds half up (四舍五入). Format 1 keeps binary floating point so its results never change.
"""

from __future__ import annotations

import ast
import decimal
import math
import operator
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from diagnosis.messages import msg

_BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
_CONTEXT = decimal.Context(
    prec=28,
    rounding=ROUND_HALF_UP,
    traps=[decimal.DivisionByZero, decimal.InvalidOperation, decimal.Overflow],
)


def half_up(value: Decimal, digits: int = 0) -> Decimal:
    """四舍五入: 0.05 → 0.1, −0.05 → −0.1 (away from zero on a tie, as taught at school)."""
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP, context=_CONTEXT)


def decimal_of(value: float | int | Decimal) -> Decimal:
    """A figure as the person typed it: the shortest decimal that gives this float back."""
    return value if isinstance(value, Decimal) else Decimal(repr(float(value)))


_FUNCTIONS: dict[str, Callable[..., Decimal]] = {
    "min": min,
    "max": max,
    "abs": abs,
    "round": lambda value, digits=0: half_up(value, int(digits)),
}


class FormulaError(ValueError):
    """The formula uses syntax outside the small arithmetic language."""


MAX_LENGTH = 500  # characters; the longest bundled formula has under 80
MAX_DEPTH = 50  # nested operations and calls (a sum of n figures nests n deep)
ARITY = {"min": (2, 20), "max": (2, 20), "abs": (1, 1), "round": (1, 2)}


class Formula:
    """A parsed formula: `names` are the question ids it reads. Everything that validates also
    evaluates: functions are checked for their number and kind of arguments, and the text for
    its length and depth, so no formula can crash or exhaust scoring later."""

    def __init__(self, source: str) -> None:
        if len(source) > MAX_LENGTH:
            raise FormulaError(msg("formula.too_long", limit=MAX_LENGTH))
        try:
            tree = ast.parse(source.strip(), mode="eval")
        except SyntaxError as error:
            raise FormulaError(msg("formula.syntax", error=error.msg)) from None
        except (RecursionError, MemoryError, ValueError):
            raise FormulaError(msg("formula.too_deep")) from None
        self.body = tree.body
        self.names: list[str] = []
        self._check(self.body, 1)

    def _check(self, node: ast.AST, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise FormulaError(msg("formula.nests", limit=MAX_DEPTH))
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return
        if isinstance(node, ast.Name):
            if node.id not in self.names:
                self.names.append(node.id)
            return
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            self._check(node.left, depth + 1)
            self._check(node.right, depth + 1)
            return
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            self._check(node.operand, depth + 1)
            return
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS:
            self._check_call(node, depth)
            return
        raise FormulaError(msg("formula.not_allowed", part=ast.unparse(node)[:60]))

    def _check_call(self, node: ast.Call, depth: int) -> None:
        assert isinstance(node.func, ast.Name)
        name = node.func.id
        low, high = ARITY[name]
        if node.keywords or not low <= len(node.args) <= high:
            want = msg("formula.one_argument") if high == 1 else msg("formula.arguments", low=low, high=high)
            raise FormulaError(msg("formula.arity", name=name, want=want, call=ast.unparse(node)[:60]))
        if name == "round" and len(node.args) == 2:
            digits = node.args[1]
            whole = isinstance(digits, ast.Constant) and type(digits.value) is int
            if not (whole and 0 <= digits.value <= 10):  # type: ignore[attr-defined]
                raise FormulaError(msg("formula.round"))
            self._check(node.args[0], depth + 1)
            return
        for arg in node.args:
            self._check(arg, depth + 1)

    def evaluate(self, values: Mapping[str, float]) -> float | None:
        """The value in binary floating point, as format 1 questionnaires were scored (kept so
        that their results never change); None when an input is missing or a division by zero."""
        try:
            value = float(self._eval(self.body, values, exact=False))
        except (KeyError, ZeroDivisionError, OverflowError):
            return None
        return value if math.isfinite(value) else None

    def evaluate_exact(self, values: Mapping[str, float]) -> Decimal | None:
        """The value in decimal arithmetic (format 2); None as for `evaluate`."""
        inputs = {name: decimal_of(value) for name, value in values.items()}
        try:
            with decimal.localcontext(_CONTEXT):
                value = self._eval(self.body, inputs, exact=True)
        except (KeyError, decimal.DecimalException, OverflowError, ValueError):
            return None
        return value if value.is_finite() and abs(value) < Decimal("1e300") else None

    def _eval(self, node: ast.AST, values: Mapping[str, Any], exact: bool) -> Any:
        if isinstance(node, ast.Constant):
            return decimal_of(node.value) if exact else node.value  # type: ignore[arg-type]
        if isinstance(node, ast.Name):
            return values[node.id]
        if isinstance(node, ast.BinOp):
            left, right = self._eval(node.left, values, exact), self._eval(node.right, values, exact)
            return _BINARY[type(node.op)](left, right)
        if isinstance(node, ast.UnaryOp):
            value = self._eval(node.operand, values, exact)
            return -value if isinstance(node.op, ast.USub) else value
        assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        args = [self._eval(arg, values, exact) for arg in node.args]
        if node.func.id == "round" and not exact:
            return round(*args)
        return _FUNCTIONS[node.func.id](*args)


@lru_cache(maxsize=1024)
def compile_formula(source: str) -> Formula:
    """Parse once per distinct formula text."""
    return Formula(source)
