"""Exact signs and equality of closed real numbers built from rationals and radicals (not a
theorem), for the checks that compare bound values with nested radicals.

Independent of the library's sign engines: a non-zero sign is decided by rigorous interval
arithmetic (`mpmath.iv`, outward rounding, at 128 then 512 bits); a difference whose interval
still contains 0 is decided exactly by its minimal polynomial over Q (sympy's
``minimal_polynomial``: the number is 0 iff that polynomial is ``x``). No tolerance and no
floating digits decide anything; an expression outside +, *, rational powers raises.
"""

from __future__ import annotations

import functools

import sympy
from mpmath import iv


class NotDecided(Exception):
    """The sign could not be decided exactly (an unsupported expression)."""


def _iv(e):
    if e.is_Integer or e.is_Rational:
        return iv.mpf(int(e.p)) / int(e.q)
    if e.is_Add:
        out = iv.mpf(0)
        for a in e.args:
            out = out + _iv(a)
        return out
    if e.is_Mul:
        out = iv.mpf(1)
        for a in e.args:
            out = out * _iv(a)
        return out
    if e.is_Pow and e.exp.is_Rational:
        base = _iv(e.base)
        p, q = int(e.exp.p), int(e.exp.q)
        if q == 1:
            return base ** p if p >= 0 else 1 / base ** (-p)
        if q == 2:
            root = iv.sqrt(base)
            return root ** p if p >= 0 else 1 / root ** (-p)
    raise NotDecided(f"no interval rule for {e}")


def _interval_sign(e, prec: int):
    old = iv.prec
    iv.prec = prec
    try:
        x = _iv(e)
    finally:
        iv.prec = old
    if x.a > 0:
        return 1
    if x.b < 0:
        return -1
    return None


@functools.lru_cache(maxsize=4096)
def _sign(d) -> int:
    if d.is_Rational:
        return (d.p > 0) - (d.p < 0)
    for prec in (128, 512):
        s = _interval_sign(d, prec)
        if s is not None:
            return s
    x = sympy.Dummy("x")
    if sympy.Poly(sympy.minimal_polynomial(d, x), x).as_expr() == x:
        return 0
    for prec in (2048, 8192):
        s = _interval_sign(d, prec)
        if s is not None:
            return s
    raise NotDecided(f"the sign of {d}")


def sign(e) -> int:
    """The exact sign (-1, 0, 1) of a closed real number (or of an expression whose sign its
    symbols' declared assumptions decide, such as ``-2*lam`` with ``lam`` positive).

    >>> import sympy
    >>> from proofs._exact import sign
    >>> sign(sympy.sqrt(2) + sympy.sqrt(3) - sympy.sqrt(5 + 2 * sympy.sqrt(6)))
    0
    >>> sign(sympy.sqrt(2 - sympy.sqrt(3)) - sympy.Rational(517638, 1000000))   # 0.5176380...
    1
    """
    d = sympy.expand(sympy.sympify(e))
    if d.free_symbols:   # decided by the symbols' declared signs (sympy's assumptions), or not
        for value, test in ((0, d.is_zero), (1, d.is_positive), (-1, d.is_negative)):
            if test:
                return value
        raise NotDecided(f"the sign of {d} under its symbols' assumptions")
    return _sign(d)


def same(a, b) -> bool:
    """``a == b`` exactly (sympy's ``simplify`` decides differences with free symbols)."""
    if a is None or b is None:
        return False
    d = sympy.expand(sympy.sympify(a) - sympy.sympify(b))
    if d == 0:
        return True
    if d.free_symbols:
        return sympy.simplify(d) == 0
    return sign(d) == 0


def ge(a, b) -> bool:
    """``a >= b`` exactly."""
    d = sympy.expand(sympy.sympify(a) - sympy.sympify(b))
    if d.free_symbols:
        return bool(sympy.simplify(d) >= 0)
    return sign(d) >= 0


def absolute(x):
    """``|x|`` decided exactly (sympy's ``Abs`` of a radical decides by floating evaluation)."""
    x = sympy.sympify(x)
    return x if sign(x) >= 0 else -x
