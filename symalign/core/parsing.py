"""A whitelist parser for exact expressions in game files: never ``eval``, ``sympify`` or ``parse_expr``."""

from __future__ import annotations

import math
from collections.abc import Mapping

import sympy

from symalign.core.config import settings
from symalign.core.errors import FileFormatError, ResourceLimitError

__all__ = ["parse_expression", "parse_relation", "FUNCTIONS"]

#: The functions an expression string may call, by name.
FUNCTIONS = {
    "sqrt": sympy.sqrt,
    "abs": sympy.Abs,
    "Abs": sympy.Abs,
    "max": sympy.Max,
    "Max": sympy.Max,
    "min": sympy.Min,
    "Min": sympy.Min,
}
_ARITY = {"sqrt": (1, 1), "abs": (1, 1), "Abs": (1, 1)}

_PUNCT = {"+", "-", "*", "/", "^", "(", ")", ","}
_DIGITS = frozenset("0123456789")
_NAME_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_NAME_CHARS = _NAME_START | _DIGITS
_SPACE = frozenset(" \t\r\n")


def _decimal_end(text: str, i: int) -> int:
    """The end of a decimal literal whose integer digits end at ``i``."""
    n = len(text)
    if i < n and text[i] == ".":
        i += 1
        while i < n and text[i] in _DIGITS:
            i += 1
    if i < n and text[i] in "eE":
        j = i + 1
        if j < n and text[j] in "+-":
            j += 1
        if j < n and text[j] in _DIGITS:
            while j < n and text[j] in _DIGITS:
                j += 1
            i = j
    return i


def _decimal_value(text: str, start: int, end: int) -> sympy.Rational:
    """A decimal literal (``0.75``, ``.5``, ``2.5e-1``) as the exact rational it denotes."""
    lit = text[start:end]
    mantissa, _, exponent = lit.lower().partition("e")
    whole, _, frac = mantissa.partition(".")
    digits = len(whole) + len(frac)
    if digits > settings.max_digits:
        raise ResourceLimitError(f"a decimal literal has {digits} digits", "max_digits",
                                 settings.max_digits)
    exp = int(exponent) if exponent else 0
    if abs(exp) > settings.max_exponent:
        raise ResourceLimitError(f"the decimal literal {lit[:40]!r} has the exponent {exp}",
                                 "max_exponent", settings.max_exponent)
    value = sympy.Integer(int(whole or "0") * 10**len(frac) + int(frac or "0"))
    return value * sympy.Integer(10) ** (exp - len(frac))


def _tokenise(text: str):
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _SPACE:
            i += 1
            continue
        start = i
        if c in _DIGITS or (c == "." and i + 1 < n and text[i + 1] in _DIGITS):
            # ASCII digits only (str.isdigit() also accepts '2' superscript and Arabic digits)
            while i < n and text[i] in _DIGITS:
                i += 1
            decimal = i < n and (text[i] == "." or text[i] in "eE" and i + 1 < n
                                 and (text[i + 1] in _DIGITS or text[i + 1] in "+-"))
            if not decimal:
                digits = i - start
                if digits > settings.max_digits:
                    raise ResourceLimitError(f"an integer literal has {digits} digits",
                                             "max_digits", settings.max_digits)
                yield ("num", text[start:i], start)
                continue
            i = _decimal_end(text, i)
            _decimal_value(text, start, i)  # checks the digits and the exponent early
            yield ("dec", text[start:i], start)
        elif c in _NAME_START:
            while i < n and text[i] in _NAME_CHARS:
                i += 1
            name = text[start:i]
            if "__" in name:
                raise FileFormatError(f"the name {name!r} at column {start + 1} of {text!r} is not "
                                      "allowed (no dunder names)", column=start + 1)
            yield ("name", name, start)
        elif text.startswith("**", i):
            i += 2
            yield ("op", "^", start)
        elif c in _PUNCT:
            i += 1
            yield ("op", c, start)
        else:
            raise FileFormatError(f"unexpected character {c!r} at column {start + 1} of {text!r}",
                                  column=start + 1)
    yield ("end", "", n)


class _Parser:
    def __init__(self, text: str, symbols: Mapping[str, sympy.Symbol]):
        self.text = text
        self.symbols = symbols
        self.tokens = list(_tokenise(text))
        self.pos = 0
        self.depth = 0

    # -- helpers -------------------------------------------------------------------------
    def peek(self):
        return self.tokens[self.pos]

    def take(self):
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def error(self, message: str, tok) -> FileFormatError:
        return FileFormatError(f"{message} at column {tok[2] + 1} of {self.text!r}",
                               column=tok[2] + 1)

    def expect(self, value: str):
        tok = self.take()
        if tok[1] != value or tok[0] == "name":
            got = "the end" if tok[0] == "end" else repr(tok[1])
            raise self.error(f"expected {value!r} but found {got}", tok)

    def enter(self, tok):
        self.depth += 1
        if self.depth > settings.max_nesting:
            raise ResourceLimitError(f"the expression {self.text[:40]!r}... nests deeper than "
                                     f"{settings.max_nesting} levels", "max_nesting",
                                     settings.max_nesting)

    def bounded(self, value, tok):
        """Refuse an intermediate rational whose numerator or denominator is too long."""
        if value.is_Rational:
            bits = max(abs(value.p).bit_length(), value.q.bit_length())
            if bits * 0.30103 > settings.max_digits + 1:
                raise ResourceLimitError(
                    f"the value at column {tok[2] + 1} of {self.text[:60]!r} would have about "
                    f"{int(bits * 0.30103)} digits", "max_digits", settings.max_digits)
        return value

    # -- grammar -------------------------------------------------------------------------
    def parse(self) -> sympy.Expr:
        if self.peek()[0] == "end":
            raise FileFormatError(f"empty expression {self.text!r}", column=1)
        value = self.expr()
        tok = self.peek()
        if tok[0] != "end":
            raise self.error(f"unexpected {tok[1]!r}", tok)
        if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            raise FileFormatError(f"the expression {self.text!r} is not a finite number "
                                  f"(it evaluates to {value})", column=1)
        if value.is_real is False:
            raise FileFormatError(f"the expression {self.text!r} is not real (it evaluates to "
                                  f"{value})", column=1)
        return value

    def expr(self):
        # Rational parts are summed as they come (each sum bounded); the other terms are
        # collected and added once, so long sums stay linear instead of quadratic.
        value = self.term()
        number, terms = (value, []) if value.is_Rational else (sympy.Integer(0), [value])
        while self.peek()[1] in ("+", "-") and self.peek()[0] == "op":
            tok = self.take()
            rhs = self.term()
            if tok[1] == "-":
                rhs = -rhs
            if rhs.is_Rational:
                number = self.bounded(number + rhs, tok)
            else:
                terms.append(rhs)
        return sympy.Add(number, *terms) if terms else number

    def term(self):
        value = self.unary()
        number, factors = (value, []) if value.is_Rational else (sympy.Integer(1), [value])
        while self.peek()[1] in ("*", "/") and self.peek()[0] == "op":
            tok = self.take()
            rhs = self.unary()
            if tok[1] == "/":
                if rhs == 0:
                    raise self.error("division by zero", tok)
                rhs = 1 / rhs
            if rhs.is_Rational:
                number = self.bounded(number * rhs, tok)
            else:
                factors.append(rhs)
        return sympy.Mul(number, *factors) if factors else number

    def unary(self):
        tok = self.peek()
        if tok[0] == "op" and tok[1] in ("+", "-"):
            self.take()
            self.enter(tok)
            value = self.unary()
            self.depth -= 1
            return -value if tok[1] == "-" else value
        return self.power()

    def power(self):
        base = self.atom()
        tok = self.peek()
        if tok[0] == "op" and tok[1] == "^":
            self.take()
            self.enter(tok)
            exponent = self.unary()
            self.depth -= 1
            return self._pow(base, exponent, tok)
        return base

    def _pow(self, base, exponent, tok):
        if exponent.is_Number and base.is_Number:
            if exponent.is_Integer:
                e = int(exponent)
                if abs(e) > settings.max_exponent:
                    raise ResourceLimitError(
                        f"the exponent {e} in {self.text[:60]!r} is too large", "max_exponent",
                        settings.max_exponent)
                if base == 0 and e < 0:
                    raise self.error("division by zero (0 to a negative power)", tok)
                size = max(abs(base.p), base.q) if base.is_Rational else 2
                digits = abs(e) * math.log10(max(size, 2))
                if digits > settings.max_digits:
                    raise ResourceLimitError(
                        f"the power at column {tok[2] + 1} of {self.text[:60]!r} would have "
                        f"about {int(digits)} digits", "max_digits", settings.max_digits)
            elif exponent.is_Rational:
                if abs(exponent.p) > settings.max_exponent or exponent.q > settings.max_exponent:
                    raise ResourceLimitError(f"the exponent {exponent} is too large",
                                             "max_exponent", settings.max_exponent)
                if base == 0 and exponent < 0:
                    raise self.error("division by zero (0 to a negative power)", tok)
                if base.is_negative:
                    raise self.error(f"the power ({base})^({exponent}) of a negative number is "
                                     "not real", tok)
                size = max(abs(base.p), base.q) if base.is_Rational else 2
                if abs(exponent.p) * math.log10(max(size, 2)) > settings.max_digits * 2:
                    raise ResourceLimitError(
                        f"the power at column {tok[2] + 1} of {self.text[:60]!r} is too large",
                        "max_digits", settings.max_digits)
        elif exponent.is_Rational and (abs(exponent.p) > settings.max_exponent
                                       or exponent.q > settings.max_exponent):
            raise ResourceLimitError(f"the exponent {exponent} is too large", "max_exponent",
                                     settings.max_exponent)
        if not exponent.is_Rational and not exponent.free_symbols and not base.free_symbols:
            raise self.error(f"the exponent {exponent} of the number {base} is irrational; "
                             "powers of numbers need rational exponents", tok)
        if base.is_negative and exponent.is_integer is not True:
            raise self.error(f"the power ({base})^({exponent}) of a negative number to a "
                             "non-integer exponent is not real", tok)
        return self.bounded(sympy.Pow(base, exponent), tok)

    def atom(self):
        tok = self.take()
        kind, value, _ = tok
        if kind == "num":
            return sympy.Integer(value)
        if kind == "dec":  # an exact decimal: "0.75" is 3/4, never a float
            return _decimal_value(value, 0, len(value))
        if kind == "op" and value == "(":
            self.enter(tok)
            inner = self.expr()
            self.expect(")")
            self.depth -= 1
            return inner
        if kind == "name":
            if self.peek()[1] == "(" and self.peek()[0] == "op":
                return self.call(value, tok)
            if value in self.symbols:
                return self.symbols[value]
            if value in FUNCTIONS:
                raise self.error(f"the function {value!r} must be called with arguments", tok)
            declared = ", ".join(sorted(self.symbols)) or "none"
            raise self.error(f"undeclared symbol {value!r} (declared parameters: {declared})", tok)
        if kind == "end":
            raise self.error("the expression ends too early", tok)
        raise self.error(f"unexpected {value!r}", tok)

    def call(self, name, tok):
        if name not in FUNCTIONS:
            allowed = ", ".join(sorted(FUNCTIONS))
            raise self.error(f"unknown function {name!r} (allowed: {allowed})", tok)
        self.take()  # "("
        self.enter(tok)
        args = [self.expr()]
        while self.peek()[1] == "," and self.peek()[0] == "op":
            self.take()
            args.append(self.expr())
        self.expect(")")
        self.depth -= 1
        lo, hi = _ARITY.get(name, (1, 1000))
        if not lo <= len(args) <= hi:
            takes = f"{lo} argument" if lo == hi else f"{lo} to {hi} arguments"
            raise self.error(f"{name} takes {takes}, not {len(args)}", tok)
        if name == "sqrt" and args[0].is_Number and args[0].is_negative:
            raise self.error(f"sqrt of the negative number {args[0]}", tok)
        for a in args:
            if a.is_real is False or a.is_Number and not a.is_finite:
                raise self.error(f"{name} of {a}, which is not a real number", tok)
        try:
            return FUNCTIONS[name](*args)
        except (ValueError, TypeError) as exc:  # e.g. Max of values sympy cannot compare
            raise self.error(f"{name}{tuple(args)} cannot be formed: {exc}", tok) from None


def parse_expression(text: str, symbols: Mapping[str, sympy.Symbol] | None = None) -> sympy.Expr:
    """Parse an exact arithmetic expression from untrusted text.

    The grammar admits integers, the operators ``+ - * / ^ **``, parentheses, the declared
    symbols, and the functions in `FUNCTIONS` (``sqrt``, ``abs``, ``max``, ``min``). Nothing
    else: no attribute access, no names that are not declared, no floats (a decimal literal
    such as ``0.75`` is the exact rational 3/4). Values must be
    real and finite: division by zero, a negative number to a non-integer power and a
    number to an irrational power (``2^sqrt(2)``) are refused. Sizes are bounded by
    `symalign.settings` (``max_digits`` for every rational met along the way,
    ``max_exponent``, ``max_nesting``, ``max_expression_length``). The text is never passed
    to ``eval`` or ``sympify``.

    Examples
    ========

    >>> import sympy
    >>> from symalign import parse_expression
    >>> parse_expression("3/4")
    3/4
    >>> T = sympy.Symbol("T")
    >>> parse_expression("2*T - sqrt(8)", {"T": T})
    2*T - 2*sqrt(2)
    >>> parse_expression("__import__('os')")
    Traceback (most recent call last):
    ...
    symalign.FileFormatError: the name '__import__' at column 1 of "__import__('os')" is not allowed (no dunder names)

    Parameters
    ==========

    text : str
        The expression.
    symbols : mapping from str to sympy.Symbol, optional
        The declared parameters that may appear.

    Returns
    =======

    sympy.Expr

    Raises
    ======

    FileFormatError
        With the column of the offending token.
    ResourceLimitError
        For literals, exponents or nesting beyond the limits.

    """
    if not isinstance(text, str):
        raise TypeError(f"Argument 'text' must be a str, not {type(text).__name__}.")
    if len(text) > settings.max_expression_length:
        raise ResourceLimitError(f"the expression is {len(text)} characters long",
                                 "max_expression_length", settings.max_expression_length)
    try:
        return _Parser(text, symbols or {}).parse()
    except RecursionError:  # only when max_nesting is raised far beyond its default
        raise ResourceLimitError(f"the expression {text[:40]!r}... nests too deeply for "
                                 "Python's recursion limit", "max_nesting",
                                 settings.max_nesting) from None
    except OverflowError:  # a safety net: sympy evaluating a value too large to represent
        raise ResourceLimitError(f"the expression {text[:40]!r}... has a value too large to "
                                 "evaluate", "max_digits", settings.max_digits) from None


_RELATIONS = {"<=": sympy.Le, ">=": sympy.Ge, "<": sympy.Lt, ">": sympy.Gt, "==": sympy.Eq,
              "!=": sympy.Ne}


def parse_relation(text: str, symbols: Mapping[str, sympy.Symbol] | None = None):
    """Parse one relation ``LHS op RHS`` (op one of ``< <= > >= == !=``) with the whitelist parser.

    Examples
    ========

    >>> import sympy
    >>> from symalign.core.parsing import parse_relation
    >>> T, R = sympy.symbols("T R")
    >>> parse_relation("2*R > T + 1", {"T": T, "R": R})
    2*R > T + 1

    """
    if not isinstance(text, str):
        raise TypeError(f"Argument 'text' must be a str, not {type(text).__name__}.")
    for op in ("<=", ">=", "==", "!=", "<", ">"):
        k = text.find(op)
        if k >= 0:
            rest = text[k + len(op):]
            if any(o in rest for o in ("<", ">", "=")):
                raise FileFormatError(f"the relation {text!r} has more than one comparison; "
                                      "write one relation per entry")
            lhs = parse_expression(text[:k], symbols)
            try:
                rhs = parse_expression(rest, symbols)
            except FileFormatError as exc:
                raise FileFormatError(exc.message, column=(exc.column or 0) + k + len(op))
            try:
                return _RELATIONS[op](lhs, rhs)
            except TypeError as exc:  # sympy refuses e.g. an ordering of non-real values
                raise FileFormatError(f"the relation {text!r} cannot be formed: {exc}") from None
            except OverflowError:
                raise ResourceLimitError(f"the relation {text[:40]!r} compares values too "
                                         "large to evaluate", "max_digits",
                                         settings.max_digits) from None
    raise FileFormatError(f"{text!r} is not a relation: it needs one of < <= > >= == !=")
