"""Private: relations as linear forms, the exact LP on them, and witness points (issue 14).

Used by `symalign.engines.signs`: a relation becomes ``(e, kind)`` meaning ``e > 0``,
``e >= 0`` or ``e == 0``; `lp_status` decides a linear system exactly with the verified
rational LP (`symalign.engines.lp.solve_lp`), maximising a margin on the strict forms so that
a positive optimum proves a solution of the strict system and gives a rational witness.
`candidate_points` proposes deterministic rational points (the LP witness, LP vertices pulled
towards it, small random points from a fixed seed) and `holds_at` checks a condition exactly
at a point; `plainly_false_at` is a float pre-filter before it, and `sos_decomposition` writes
a quadratic as an exact sum of squares of linear forms.
"""

from __future__ import annotations

import functools
import random

import sympy
from sympy import Integer, Rational

from symalign.core.errors import UndecidableError
from symalign.engines.algebraic import sign as _number_sign

_RELS = (sympy.StrictGreaterThan, sympy.StrictLessThan, sympy.GreaterThan, sympy.LessThan)


def expanded(e):
    """``sympy.expand(e)``, memoised term by term: the differences of large closed forms that a
    case analysis compares share most of their terms (expand acts on a sum term by term)."""
    if isinstance(e, sympy.Add):
        return sympy.Add(*[_expanded(t) for t in e.args])
    return _expanded(e)


@functools.lru_cache(maxsize=8192)
def _expanded(e):
    return sympy.expand(e)


@functools.lru_cache(maxsize=4096)
def _normal(rel) -> tuple[sympy.Expr, str]:
    """A relation as ``(e, kind)`` meaning ``e > 0``, ``e >= 0`` or ``e == 0``."""
    if isinstance(rel, sympy.StrictGreaterThan):
        return expanded(rel.lhs - rel.rhs), ">"
    if isinstance(rel, sympy.StrictLessThan):
        return expanded(rel.rhs - rel.lhs), ">"
    if isinstance(rel, sympy.GreaterThan):
        return expanded(rel.lhs - rel.rhs), ">="
    if isinstance(rel, sympy.LessThan):
        return expanded(rel.rhs - rel.lhs), ">="
    if isinstance(rel, sympy.Eq):
        return expanded(rel.lhs - rel.rhs), "=="
    raise TypeError(rel)


def _flatten(conds) -> list:
    out = []
    for c in conds:
        c = sympy.sympify(c)
        if c is sympy.true:
            continue
        if isinstance(c, sympy.And):
            out += _flatten(c.args)
        else:
            out.append(c)
    return out


def _params(*exprs) -> list:
    syms: set = set()
    for e in exprs:
        syms |= getattr(e, "free_symbols", set())
    return sorted(syms, key=lambda s: s.name)


def _linear(e, syms):
    """``e`` as ``(coeffs, const)`` with rational entries, or None when not linear."""
    index = {s: k for k, s in enumerate(syms)}
    coeffs = [Integer(0)] * len(syms)
    const = Integer(0)
    for term, c in expanded(e).as_coefficients_dict().items():
        if not c.is_Rational:
            return None
        if term is sympy.S.One:
            const += c
        elif term in index:
            coeffs[index[term]] += c
        else:
            return None
    return coeffs, const


def _symbol_forms(syms) -> list:
    out = []
    for s in syms:
        if s.is_positive:
            out.append((s, ">"))
        elif s.is_nonnegative:
            out.append((s, ">="))
        elif s.is_negative:
            out.append((-s, ">"))
        elif s.is_nonpositive:
            out.append((-s, ">="))
    return out


def _lp(forms, syms):
    """Decide a linear system exactly: ``('interior'|'thin'|'empty', point)``.

    Maximises a margin ``t <= 1`` by which every strict form is positive; ``t* > 0`` proves
    that the system (strict forms included) has a solution and gives a rational witness.
    """
    from symalign.engines.lp import solve_lp
    n = len(syms)
    A_ub, b_ub, A_eq, b_eq = _constraints(forms, syms, margin=True)
    A_ub.append([0] * n + [1])
    b_ub.append(1)
    res = solve_lp([0] * n + [1], A_ub, b_ub, A_eq or None, b_eq or None, maximize=True,
                   free=list(range(n)))
    if res.status == "infeasible":
        return "empty", None
    point = {s: Rational(v) for s, v in zip(syms, res.x[:n])}
    return ("interior" if res.value > 0 else "thin"), point


class _NonLinear(Exception):
    pass


def _constraints(forms, syms, *, margin: bool):
    """``A_ub, b_ub, A_eq, b_eq`` of the linear forms ``(e, kind)`` (``e kind 0``); with
    ``margin`` an extra last column ``t`` that every strict form must exceed."""
    extra = [0] if margin else []
    A_ub, b_ub, A_eq, b_eq = [], [], [], []
    for e, kind in forms:
        L = _linear(e, syms)
        if L is None:
            raise _NonLinear(e)
        a, c0 = L
        if kind == "==":
            A_eq.append([*a, *extra])
            b_eq.append(-c0)
        else:
            A_ub.append([-x for x in a] + ([1 if kind == ">" else 0] if margin else []))
            b_ub.append(c0)
    return A_ub, b_ub, A_eq, b_eq


def holds_at(c, point) -> bool | None:
    """Exact truth of a condition at a rational point (None if undefined there)."""
    c = sympy.sympify(c)
    if c is sympy.true:
        return True
    if c is sympy.false:
        return False
    if isinstance(c, sympy.And):
        vs = [holds_at(a, point) for a in c.args]
        return None if None in vs else all(vs)
    if isinstance(c, sympy.Or):
        vs = [holds_at(a, point) for a in c.args]
        return True if True in vs else (None if None in vs else False)
    if isinstance(c, sympy.Not):
        v = holds_at(c.args[0], point)
        return None if v is None else not v
    if isinstance(c, sympy.ITE):
        v = holds_at(c.args[0], point)
        return None if v is None else holds_at(c.args[1] if v else c.args[2], point)
    if isinstance(c, (sympy.Eq, sympy.Ne)) or isinstance(c, _RELS):
        try:
            e = (c.lhs - c.rhs).xreplace(point)
        except TypeError:           # a nested condition compares an undefined value
            return None
        if e.has(sympy.zoo, sympy.nan, sympy.I) or e.free_symbols:
            return None
        try:
            s = _number_sign(e)
        except (UndecidableError, ArithmeticError, TypeError, ValueError, AttributeError,
                NotImplementedError, sympy.polys.polyerrors.PolynomialError):
            return None
        return s in {sympy.Eq: {0}, sympy.Ne: {-1, 1}, sympy.StrictGreaterThan: {1},
                     sympy.GreaterThan: {0, 1}, sympy.StrictLessThan: {-1},
                     sympy.LessThan: {-1, 0}}[type(c)]
    return None


def candidate_points(ctx, lin_forms, syms, point, tries: int = 60):
    """Deterministic rational points: the LP witness, LP vertices in random directions
    pulled towards it, and small random points."""
    rng = random.Random(1234)
    if point is not None:
        yield point
    if not syms:
        return
    if point is not None:
        forms = ctx.forms(syms) + list(lin_forms)
        for k in range(12):
            c = [Integer(rng.randint(-3, 3)) for _ in syms]
            box = [(s + 20, ">=") for s in syms] + [(20 - s, ">=") for s in syms]
            try:
                v = _lp_vertex(forms + box, syms, c)
            except _NonLinear:
                break
            if v is None:
                continue
            for t in (Rational(1, 2), Rational(1, 10), Rational(9, 10)):
                yield {s: (1 - t) * point[s] + t * v[s] for s in syms}
    for _ in range(tries):
        yield {s: Rational(rng.randint(-12, 12), rng.randint(1, 4)) for s in syms}


def _lp_vertex(forms, syms, c):
    from symalign.engines.lp import solve_lp
    n = len(syms)
    A_ub, b_ub, A_eq, b_eq = _constraints(forms, syms, margin=False)
    res = solve_lp(c, A_ub, b_ub, A_eq or None, b_eq or None, maximize=True,
                   free=list(range(n)))
    if res.status != "optimal":
        return None
    return {s: Rational(v) for s, v in zip(syms, res.x)}




# -- a float pre-filter for witness points (floats only choose which points to check exactly) --

_FLOAT_FNS: dict = {}
_TOL = 1e-7


def _float_fn(e, syms):
    key = (e, syms)
    fn = _FLOAT_FNS.get(key)
    if fn is None:
        if len(_FLOAT_FNS) > 20_000:
            _FLOAT_FNS.clear()
        try:
            fn = sympy.lambdify(syms, e, "math")
        except Exception:               # an expression lambdify cannot compile: no filter
            fn = False
        _FLOAT_FNS[key] = fn
    return fn


def plainly_false_at(c, point, syms) -> bool:
    """True when a float evaluation shows that ``c`` fails at ``point`` by a clear margin.

    Only a filter before `holds_at`: a point it rejects is merely not tried as a witness, so
    a float error can cost a witness but never give a wrong answer. Undefined values (a
    negative radicand, a division by zero) reject the point, as `holds_at` would.
    """
    if isinstance(c, sympy.And):
        return any(plainly_false_at(a, point, syms) for a in c.args)
    if isinstance(c, sympy.Or):
        return all(plainly_false_at(a, point, syms) for a in c.args)
    if isinstance(c, sympy.Not):
        inner = c.args[0]
        if isinstance(inner, (sympy.Eq, sympy.Ne)) or isinstance(inner, _RELS):
            return plainly_false_at(inner.negated, point, syms)
        return False
    if not (isinstance(c, (sympy.Eq, sympy.Ne)) or isinstance(c, _RELS)):
        return False
    fn = _float_fn(c.lhs - c.rhs, syms)
    if fn is False:
        return False
    try:
        v = float(fn(*[float(point[s]) for s in syms]))
    except (ValueError, ZeroDivisionError, OverflowError):
        return True
    except Exception:
        return False
    if v != v:            # nan: undefined there
        return True
    if isinstance(c, sympy.Eq):
        return abs(v) > _TOL * (1 + abs(v))
    if isinstance(c, (sympy.StrictGreaterThan, sympy.GreaterThan)):
        return v < -_TOL
    if isinstance(c, (sympy.StrictLessThan, sympy.LessThan)):
        return v > _TOL
    return False


def sos_decomposition(q, syms):
    """``q`` (degree <= 2) as ``[(d_k, L_k)]`` with ``q = sum d_k L_k^2`` and ``d_k > 0``, or None.

    Exact LDL^T of the homogenised symmetric matrix; None if it is not positive semidefinite.
    """
    n = len(syms)
    P = sympy.Poly(q, *syms)
    if P.total_degree() > 2:
        return None
    z = syms + [Integer(1)]
    M = [[Integer(0)] * (n + 1) for _ in range(n + 1)]
    for mon, c in P.terms():
        idx = [k for k, p in enumerate(mon) for _ in range(p)]
        if len(idx) == 2:
            i, j = idx
            if i == j:
                M[i][i] += c
            else:
                M[i][j] += c / 2
                M[j][i] += c / 2
        elif len(idx) == 1:
            M[idx[0]][n] += c / 2
            M[n][idx[0]] += c / 2
        else:
            M[n][n] += c
    out = []
    M = [row[:] for row in M]
    for k in range(n + 1):
        d = M[k][k]
        if d < 0:
            return None
        if d == 0:
            if any(M[k][j] != 0 for j in range(k + 1, n + 1)):
                return None
            continue
        L = sympy.Add(*(M[k][j] / d * z[j] for j in range(k, n + 1)))
        out.append((d, L))
        for i in range(k + 1, n + 1):
            for j in range(k + 1, n + 1):
                M[i][j] -= M[i][k] * M[k][j] / d
    return out
