"""Private: exact sign decisions and maxima of expressions under assumptions.

Every symbolic comparison in symalign goes through `decide` (three-valued: True, False or
None for undecided), so strengthening it (the closed-forms issue adds an exact LP test for
linear assumptions) strengthens every metric at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import sympy
from sympy.core.relational import Relational

from symalign.core.errors import UndecidableError
from symalign.core.exact import finish

__all__ = ["finish", "decide", "sign_nonneg", "is_zero", "smax", "smin", "require", "closed"]


def _normalise(rel: Relational) -> tuple[sympy.Expr, bool]:
    """Return ``(e, strict)`` with the relation equivalent to ``e > 0`` (strict) or ``e >= 0``."""
    if isinstance(rel, (sympy.StrictGreaterThan,)):
        return rel.lhs - rel.rhs, True
    if isinstance(rel, (sympy.StrictLessThan,)):
        return rel.rhs - rel.lhs, True
    if isinstance(rel, (sympy.GreaterThan,)):
        return rel.lhs - rel.rhs, False
    if isinstance(rel, (sympy.LessThan,)):
        return rel.rhs - rel.lhs, False
    raise TypeError(rel)


def _nonneg_from_assumptions(expr: sympy.Expr, assumptions: Sequence) -> bool | None:
    """Try to prove ``expr >= 0`` from linear assumptions by a non-negative combination.

    A cheap certificate search: ``expr`` minus a non-negative combination of the assumed
    non-negative forms must be a non-negative constant or provably non-negative by sympy's
    assumptions. The exact LP version lives in the closed-forms module when available.
    """
    hook = _HOOKS.get("nonneg")
    if hook is not None and hook(expr, assumptions):
        return True
    forms = []
    for a in assumptions:
        if isinstance(a, (sympy.StrictGreaterThan, sympy.StrictLessThan, sympy.GreaterThan,
                          sympy.LessThan)):
            forms.append(_normalise(a)[0])
    for f in forms:
        d = sympy.expand(expr - f)
        if d.is_nonnegative:
            return True
    for f in forms:
        for g in forms:
            d = sympy.expand(expr - f - g)
            if d.is_nonnegative:
                return True
    return None


#: Extension points filled by later modules (e.g. an LP-based prover); private.
_HOOKS: dict = {}


def decide(rel, assumptions: Iterable = ()) -> bool | None:
    """Three-valued truth of a relation: True, False, or None when undecided."""
    rel = sympy.sympify(rel)
    if rel is sympy.true or rel is True:
        return True
    if rel is sympy.false or rel is False:
        return False
    assumptions = tuple(assumptions)
    if isinstance(rel, sympy.Eq):
        z = is_zero(rel.lhs - rel.rhs, assumptions)
        return z
    if isinstance(rel, sympy.Ne):
        z = is_zero(rel.lhs - rel.rhs, assumptions)
        return None if z is None else not z
    if isinstance(rel, (sympy.StrictGreaterThan, sympy.StrictLessThan, sympy.GreaterThan,
                        sympy.LessThan)):
        e, strict = _normalise(rel)
        if strict:
            neg = sign_nonneg(-e, assumptions)
            if neg:
                return False
            pos = sign_positive(e, assumptions)
            return True if pos else None
        pos = sign_nonneg(e, assumptions)
        if pos:
            return True
        neg = sign_positive(-e, assumptions)
        return False if neg else None
    if isinstance(rel, sympy.And):
        vals = [decide(a, assumptions) for a in rel.args]
        if any(v is False for v in vals):
            return False
        return True if all(v is True for v in vals) else None
    if isinstance(rel, sympy.Or):
        vals = [decide(a, assumptions) for a in rel.args]
        if any(v is True for v in vals):
            return True
        return False if all(v is False for v in vals) else None
    if isinstance(rel, sympy.Not):
        v = decide(rel.args[0], assumptions)
        return None if v is None else not v
    return None


def is_zero(expr, assumptions: Iterable = ()) -> bool | None:
    """Three-valued ``expr == 0``."""
    expr = sympy.sympify(expr)
    if expr.is_number:
        return bool(expr.equals(0)) if not expr.is_Rational else expr == 0
    e = sympy.expand(expr)
    if e == 0:
        return True
    z = e.is_zero
    if z is not None:
        return z
    s = sympy.simplify(e)
    if s == 0:
        return True
    if s.is_number:
        return False
    assumptions = tuple(assumptions)
    if sign_positive(s, assumptions) or sign_positive(-s, assumptions):
        return False
    return None


def sign_nonneg(expr, assumptions: Iterable = ()) -> bool | None:
    """True if ``expr >= 0`` is proved, None otherwise (never a guess)."""
    expr = sympy.expand(sympy.sympify(expr))
    if expr.is_number:
        if expr.is_Rational:
            return True if expr >= 0 else None
        return True if expr.is_nonnegative else None
    if expr.is_nonnegative:
        return True
    assumptions = tuple(assumptions)
    if assumptions and _nonneg_from_assumptions(expr, assumptions):
        return True
    if _strict_sign(expr, assumptions) == 1:
        return True
    return None


def sign_positive(expr, assumptions: Iterable = ()) -> bool | None:
    """True if ``expr > 0`` is proved, None otherwise."""
    expr = sympy.expand(sympy.sympify(expr))
    if expr.is_number:
        if expr.is_Rational:
            return True if expr > 0 else None
        return True if expr.is_positive else None
    if expr.is_positive:
        return True
    assumptions = tuple(assumptions)
    if _strict_sign(expr, assumptions) == 1:
        return True
    return None


def _univariate_bounds(x, assumptions):
    """The interval ``[lo, hi]`` (with openness flags) that the assumptions allow for ``x``."""
    lo, hi, lo_open, hi_open = -sympy.oo, sympy.oo, True, True
    if x.is_positive:
        lo, lo_open = sympy.Integer(0), True
    elif x.is_nonnegative:
        lo, lo_open = sympy.Integer(0), False
    if x.is_negative:
        hi, hi_open = sympy.Integer(0), True
    elif x.is_nonpositive:
        hi, hi_open = sympy.Integer(0), False
    for a in assumptions:
        if not isinstance(a, (sympy.StrictGreaterThan, sympy.StrictLessThan, sympy.GreaterThan,
                              sympy.LessThan)):
            continue
        e, strict = _normalise(a)            # e > 0 (strict) or e >= 0
        e = sympy.expand(e)
        if e.free_symbols != {x}:
            continue
        c1 = e.coeff(x, 1)
        c0 = sympy.expand(e - c1 * x)
        if c0.free_symbols or not c1.is_Rational or c1 == 0 or not c0.is_Rational:
            continue
        bound = -c0 / c1
        if c1 > 0 and (bound > lo or (bound == lo and strict)):
            lo, lo_open = bound, strict
        elif c1 < 0 and (bound < hi or (bound == hi and strict)):
            hi, hi_open = bound, strict
    return lo, hi, lo_open, hi_open


def _univariate_sign(f, assumptions) -> int | None:
    """Sign of a polynomial in one real symbol with no real root in the allowed interval."""
    (x,) = tuple(f.free_symbols)
    if not x.is_real or not f.is_polynomial(x):
        return None
    lo, hi, lo_open, hi_open = _univariate_bounds(x, assumptions)
    if lo > hi:
        return None
    P = sympy.Poly(f, x)
    if P.degree() < 1:
        return None
    inf = None if lo == -sympy.oo else lo
    sup = None if hi == sympy.oo else hi
    if P.count_roots(inf, sup) > 0:
        # roots at an open end do not count against the open interval
        ends = [e for e, op in ((lo, lo_open), (hi, hi_open)) if e.is_finite and op]
        inside = P.count_roots(inf, sup) - sum(1 for e in ends if P.eval(e) == 0)
        if inside > 0:
            return None
    if lo.is_finite and hi.is_finite:
        point = (lo + hi) / 2
    elif lo.is_finite:
        point = lo + 1
    elif hi.is_finite:
        point = hi - 1
    else:
        point = sympy.Integer(0)
    v = P.eval(point)
    return 1 if v > 0 else (-1 if v < 0 else None)


def _strict_sign_linear(f, assumptions) -> int | None:
    """+1 / -1 when ``f > 0`` / ``f < 0`` is proved (symbol assumptions, roots of positive
    bases, univariate polynomials by root counting, then the LP hook)."""
    if f.is_number:
        return 1 if f > 0 else (-1 if f < 0 else None)
    if f.is_positive:
        return 1
    if f.is_negative:
        return -1
    if f.is_Pow and f.exp.is_Rational and f.exp > 0 and not f.exp.is_integer:
        return 1 if _strict_sign(f.base, assumptions) == 1 else None
    if len(f.free_symbols) == 1:
        s = _univariate_sign(f, assumptions)
        if s is not None:
            return s
    hook = _HOOKS.get("pos")
    if hook is not None:
        if hook(f, assumptions):
            return 1
        if hook(-f, assumptions):
            return -1
    for a in assumptions:  # direct match with a strict assumption
        if isinstance(a, (sympy.StrictGreaterThan, sympy.StrictLessThan)):
            g = _normalise(a)[0]
            d = sympy.expand(f - g)
            if d == 0 or d.is_nonnegative:
                return 1
            d = sympy.expand(-f - g)
            if d == 0 or d.is_nonnegative:
                return -1
    return None


def _strict_sign(expr, assumptions) -> int | None:
    """Sign of a rational function from the signs of its factors (never a guess)."""
    expr = sympy.sympify(expr)
    num, den = sympy.fraction(sympy.together(expr))
    sign = 1
    for part, power in ((num, 1), (den, 1)):
        coeff, factors = sympy.factor_list(sympy.expand(part))
        if coeff == 0:
            return None
        sign *= 1 if coeff > 0 else -1
        for f, mult in factors:
            s = _strict_sign_linear(f, assumptions)
            if not sympy.sympify(mult).is_integer:   # a root: only a positive base has a sign
                if s != 1:
                    return None
                continue
            if s is None:
                if mult % 2 == 0 and _is_nonzero(f, assumptions):
                    continue
                return None
            sign *= s ** int(mult)
    return sign


def _is_nonzero(f, assumptions) -> bool:
    return bool(f.is_nonzero) or _strict_sign_linear(f, assumptions) is not None


def _prune(values: Sequence[sympy.Expr], assumptions, keep_larger: bool) -> list[sympy.Expr]:
    vals = []
    for v in values:
        v = sympy.sympify(v)
        if v not in vals:
            vals.append(v)
    out = list(vals)
    changed = True
    while changed and len(out) > 1:
        changed = False
        for v in list(out):
            for w in out:
                if w is v:
                    continue
                diff = (w - v) if keep_larger else (v - w)
                if sign_nonneg(diff, assumptions):
                    out.remove(v)
                    changed = True
                    break
            if changed:
                break
    return out


def smax(values: Sequence, assumptions: Iterable = ()) -> sympy.Expr:
    """Exact maximum of expressions: a single candidate when the assumptions decide it, else ``Max``."""
    vals = [sympy.sympify(v) for v in values]
    if all(v.is_Rational for v in vals):
        return max(vals)
    out = _prune(vals, tuple(assumptions), keep_larger=True)
    return out[0] if len(out) == 1 else sympy.Max(*out)


def smin(values: Sequence, assumptions: Iterable = ()) -> sympy.Expr:
    """Exact minimum of expressions, as `smax`."""
    vals = [sympy.sympify(v) for v in values]
    if all(v.is_Rational for v in vals):
        return min(vals)
    out = _prune(vals, tuple(assumptions), keep_larger=False)
    return out[0] if len(out) == 1 else sympy.Min(*out)


def require(rel, assumptions: Iterable = (), context: str = "the comparison") -> bool:
    """`decide`, raising `UndecidableError` naming the condition when undecided."""
    v = decide(rel, assumptions)
    if v is None:
        raise UndecidableError(rel, context)
    return v


def closed(expr, assumptions: Iterable = ()) -> sympy.Expr:
    """The public form of a metric value: ``Max``/``Min`` resolved into a closed form.

    Uses the closed-forms module (exact case analysis) when it is installed; a numeric value
    passes through unchanged.
    """
    expr = sympy.sympify(expr)
    if not expr.has(sympy.Max, sympy.Min, sympy.Piecewise):
        return expr
    hook = _HOOKS.get("closed_form")
    return hook(expr, tuple(assumptions)) if hook is not None else expr


def check_consistent(assumptions: Iterable) -> None:
    """Raise `InvalidGameError` when the assumptions are proved contradictory (nothing follows)."""
    hook = _HOOKS.get("consistent")
    A = tuple(assumptions)
    if hook is not None and hook(A) is False:
        from symalign.core.errors import InvalidGameError
        raise InvalidGameError(f"Argument 'assumptions' is contradictory: no parameter values "
                               f"satisfy {A}.")
