"""Private: exact sign decisions for real algebraic numbers by interval arithmetic.

`sign(expr)` decides the sign of a closed real expression (rationals, square roots and other
radicals, ``Abs``, ``Max``, ``Min``, and the usual elementary functions) by evaluating it in
`mpmath.iv` interval arithmetic at increasing precision. An interval that excludes zero is a
proof of the sign. Only when the interval still contains zero is sympy's exact machinery used:
``minimal_polynomial(expr) == x`` proves the value is zero; otherwise the value is known to be
non-zero and the precision is raised until the interval separates it from zero.

`Interval` is a small float interval with outward rounding (each result is widened by one ulp
with `math.nextafter`; IEEE 754 makes ``+ - * / sqrt`` correctly rounded, so the enclosure is
rigorous). It is the fast first stage of the delegation-game bound checks; its verdicts are
proofs too, and undecided cases go to `sign`.
"""

from __future__ import annotations

import math
from fractions import Fraction

import sympy
from mpmath import iv

from symalign.core.errors import UndecidableError

__all__ = ["sign", "compare", "Interval", "interval_sign"]

_PRECISIONS = (64, 128, 256, 512, 1024, 2048, 4096)

_inf = math.inf


def _down(x: float) -> float:
    return math.nextafter(x, -_inf)


def _uup(x: float) -> float:
    return math.nextafter(x, _inf)


class Interval:
    """A closed float interval ``[lo, hi]`` with outward rounding (private, fast, rigorous).

    Examples
    ========

    >>> from fractions import Fraction
    >>> from symalign.engines.algebraic import Interval
    >>> x = Interval.from_fraction(Fraction(1, 3)) * 3 - 1
    >>> x.lo <= 0 <= x.hi
    True
    >>> Interval.from_fraction(Fraction(57)).sqrt().lo > 7.5
    True

    """

    __slots__ = ("lo", "hi")

    def __init__(self, lo: float, hi: float):
        self.lo = lo
        self.hi = hi

    @staticmethod
    def from_fraction(q) -> Interval:
        if type(q) is int:
            f = float(q)
            if f == q:
                return Interval(f, f)
        elif q.denominator == 1:
            f = float(q.numerator)
            if f == q.numerator:
                return Interval(f, f)
        try:
            f = q.numerator / q.denominator if type(q) is not int else float(q)
        except OverflowError:
            return Interval(-_inf, _inf)
        return Interval(_down(f), _uup(f))

    @staticmethod
    def lift(x) -> Interval:
        if isinstance(x, Interval):
            return x
        if isinstance(x, (int, Fraction)):
            return Interval.from_fraction(x)
        raise TypeError(x)

    def __add__(self, o):
        if not isinstance(o, Interval):
            o = Interval.lift(o)
        return Interval(_down(self.lo + o.lo), _uup(self.hi + o.hi))

    __radd__ = __add__

    def __neg__(self):
        return Interval(-self.hi, -self.lo)

    def __sub__(self, o):
        if not isinstance(o, Interval):
            o = Interval.lift(o)
        return Interval(_down(self.lo - o.hi), _uup(self.hi - o.lo))

    def __rsub__(self, o):
        return Interval.lift(o) - self

    def __mul__(self, o):
        if not isinstance(o, Interval):
            o = Interval.lift(o)
        a, b, c, d = self.lo, self.hi, o.lo, o.hi
        if a >= 0 and c >= 0:
            return Interval(_down(a * c), _uup(b * d))
        ps = (a * c, a * d, b * c, b * d)
        if any(p != p for p in ps):
            return Interval(-_inf, _inf)
        return Interval(_down(min(ps)), _uup(max(ps)))

    __rmul__ = __mul__

    def __truediv__(self, o):
        if not isinstance(o, Interval):
            o = Interval.lift(o)
        if o.lo <= 0 <= o.hi:
            return Interval(-_inf, _inf)
        a, b, c, d = self.lo, self.hi, o.lo, o.hi
        qs = (a / c, a / d, b / c, b / d)
        if any(q != q for q in qs):
            return Interval(-_inf, _inf)
        return Interval(_down(min(qs)), _uup(max(qs)))

    def __rtruediv__(self, o):
        return Interval.lift(o) / self

    def sqrt(self) -> Interval:
        lo = 0.0 if self.lo <= 0 else _down(math.sqrt(self.lo))
        if self.hi < 0:
            return Interval(-_inf, _inf)  # not a real square root: undecidable here
        return Interval(max(lo, 0.0), _uup(math.sqrt(self.hi)))

    def __abs__(self):
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return -self
        return Interval(0.0, max(-self.lo, self.hi))

    def sign(self) -> int | None:
        """+1 or -1 when the interval excludes 0, 0 when it is the point 0, else None."""
        if self.lo > 0:
            return 1
        if self.hi < 0:
            return -1
        if self.lo == 0 == self.hi:
            return 0
        return None

    def __repr__(self):
        return f"Interval({self.lo!r}, {self.hi!r})"


def imax(values):
    """Interval maximum of intervals."""
    vals = list(values)
    return Interval(max(v.lo for v in vals), max(v.hi for v in vals))


def interval_sign(x: Interval) -> int | None:
    """The proved sign of an `Interval`, or None."""
    return x.sign()


# -- mpmath.iv evaluation of sympy expressions --------------------------------------------------

class _Unsupported(Exception):
    pass


def _iv_eval(e):
    if e.is_Integer:
        return iv.mpf(int(e))
    if e.is_Rational:
        return iv.mpf(int(e.p)) / iv.mpf(int(e.q))
    if e.is_Add:
        out = iv.mpf(0)
        for a in e.args:
            out = out + _iv_eval(a)
        return out
    if e.is_Mul:
        out = iv.mpf(1)
        for a in e.args:
            out = out * _iv_eval(a)
        return out
    if e.is_Pow:
        base, ex = e.args
        b = _iv_eval(base)
        if ex.is_Integer:
            k = int(ex)
            if k >= 0:
                return b ** k
            return iv.mpf(1) / (b ** (-k))
        if ex == sympy.S.Half:
            return iv.sqrt(b)
        if ex == -sympy.S.Half:
            return iv.mpf(1) / iv.sqrt(b)
        if ex.is_Rational:
            if b.a <= 0:
                raise _Unsupported(e)
            return iv.exp(iv.log(b) * _iv_eval(ex))
        raise _Unsupported(e)
    if isinstance(e, sympy.Abs):
        return abs(_iv_eval(e.args[0]))
    if isinstance(e, sympy.CRootOf) and e.is_real:
        # a rational m with |m - root| <= dx (sympy refines the root's isolating interval)
        dx = sympy.Rational(1, 2 ** (iv.prec + 8))
        m = e.eval_rational(dx=dx, dy=dx)
        lo, hi = m - dx, m + dx
        return iv.mpf([iv.mpf(int(lo.p)) / int(lo.q), iv.mpf(int(hi.p)) / int(hi.q)])
    if isinstance(e, (sympy.Max, sympy.Min)):
        vals = [_iv_eval(a) for a in e.args]
        los = [v.a for v in vals]
        his = [v.b for v in vals]
        pick = max if isinstance(e, sympy.Max) else min
        return iv.mpf([pick(los), pick(his)])
    if e is sympy.pi:
        return iv.pi
    if e is sympy.E:
        return iv.e
    funcs = {sympy.sin: iv.sin, sympy.cos: iv.cos, sympy.exp: iv.exp, sympy.log: iv.log,
             sympy.asin: None, sympy.atan: getattr(iv, "atan", None)}
    f = funcs.get(type(e))
    if f is not None:
        return f(_iv_eval(e.args[0]))
    raise _Unsupported(e)


def _interval_sign_at(expr, prec: int) -> int | None:
    old = iv.prec
    iv.prec = prec
    try:
        x = _iv_eval(expr)
    except (_Unsupported, ZeroDivisionError, ValueError):
        return None
    finally:
        iv.prec = old
    a, b = x.a, x.b
    if a > 0:
        return 1
    if b < 0:
        return -1
    if a == 0 and b == 0:
        return 0
    return None


def sign(expr, context: str = "the sign") -> int:
    """The exact sign (-1, 0 or 1) of a closed real expression.

    Interval arithmetic (`mpmath.iv`) at 64, 128, ... bits decides every non-zero value; an
    interval containing 0 is settled exactly by sympy (``minimal_polynomial``), never by a
    tolerance.

    Examples
    ========

    >>> import sympy
    >>> from symalign.engines.algebraic import sign
    >>> sign(sympy.sqrt(2) + sympy.sqrt(3) - sympy.sqrt(5 + 2*sympy.sqrt(6)))
    0
    >>> sign(8*sympy.sqrt(57) - 2*sympy.sqrt(114) - 18)   # Koutsoupias & Papadimitriou (1999); Anshelevich et al. (2004): Form A vs the cap
    1
    >>> sign(sympy.Rational(-1, 3))
    -1

    Raises
    ======

    UndecidableError
        If the expression has free symbols, or is neither evaluable nor decidable exactly.

    """
    expr = sympy.sympify(expr)
    if expr.is_Rational:
        return (expr.p > 0) - (expr.p < 0)
    if expr.free_symbols:
        raise UndecidableError(sympy.Gt(expr, 0), context)
    for prec in _PRECISIONS[:2]:
        s = _interval_sign_at(expr, prec)
        if s is not None:
            return s
    # The interval still contains 0: decide zero-ness exactly.
    zero = _exact_is_zero(expr)
    if zero is True:
        return 0
    for prec in _PRECISIONS[2:]:
        s = _interval_sign_at(expr, prec)
        if s is not None and s != 0:
            return s
    raise UndecidableError(sympy.Gt(expr, 0), context)


def _exact_is_zero(expr) -> bool | None:
    try:
        s = expr
        if sympy.expand(s) == 0:
            return True
        x = sympy.Dummy("x")
        p = sympy.minimal_polynomial(s, x)
        return sympy.Poly(p, x).as_expr() == x
    except (NotImplementedError, ValueError, TypeError, sympy.polys.polyerrors.PolynomialError):
        z = expr.equals(0)
        return z


def compare(a, b, context: str = "the comparison") -> int:
    """The exact sign of ``a - b`` (-1, 0 or 1).

    Examples
    ========

    >>> import sympy
    >>> from symalign.engines.algebraic import compare
    >>> compare(sympy.Rational(4, 3), 1)
    1

    """
    return sign(sympy.sympify(a) - sympy.sympify(b), context)
