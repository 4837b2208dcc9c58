"""Private: exact sign and satisfiability decisions in one or two parameters (issue 14).

A cylindrical algebraic decomposition (Collins 1975; Basu, Pollack & Roy, *Algorithms in Real
Algebraic Geometry*, ch. 5 and 11) of the plane for the irreducible factors of the numerators
and denominators of an expression and of the conditions of a region:

1. **Projection.** With the variables ``x < y`` (by name), the irreducible factors in ``y`` are
   projected to ``x`` by their leading coefficients, their discriminants and their pairwise
   resultants in ``y``. On every open interval of ``x`` between the real roots of the
   projection, each factor keeps its degree and its number of distinct real roots, and no two
   factors meet: their real roots in ``y`` are continuous, ordered functions of ``x``.
2. **Base.** The real roots of the projection are isolated exactly (rational isolating
   intervals refined by bisection); the sample points are the roots themselves and one
   rational point in each open interval.
3. **Lifting.** Over each sample ``x = a`` the factors are specialised (over a root ``a`` of
   an irreducible ``m``, by their norms ``res_x(m(x), p(x, y))``, whose roots contain those of
   ``p(a, y)``) and their real roots isolated; the samples are the roots and one rational
   point between consecutive ones.

Every factor has one sign on each cell, so the signs at the sample points are every sign the
expression takes on the region. Signs at a sample are exact: a zero test by division by the
minimal polynomial (one algebraic coordinate) or by a resultant and then sympy's
``minimal_polynomial`` (two), and the sign of a non-zero value by exact rational interval
arithmetic on refined isolating intervals.

`cad_signs` is a strategy of `symalign.engines.signs.decide_sign` (method ``"cylindrical
decomposition"``); `cad_satisfiable` decides whether conditions have a common point and gives
a witness (rational when a full-dimensional cell holds one).
"""

from __future__ import annotations

import itertools
import time
from fractions import Fraction

import sympy
from sympy import Rational

from symalign.engines.linearforms import _RELS, _symbol_forms

__all__ = ["cad_signs", "cad_satisfiable"]

METHOD = "cylindrical decomposition"
#: limits: above them the decomposition is not attempted (the strategy decides nothing)
MAX_FACTORS = 12
MAX_DEGREE = 24
MAX_SAMPLES = 4000
MAX_SECONDS = 10.0

_T = sympy.Dummy("t")


class _Give(Exception):
    """Private: the decomposition is over its budget or meets an unsupported form."""


# -- real algebraic numbers ---------------------------------------------------------------------

class _Root:
    """A real algebraic number: a rational ``value``, or the only root of the irreducible
    ``poly`` (in ``_T``, degree >= 2) in the open interval ``(lo, hi)``."""

    __slots__ = ("value", "poly", "lo", "hi")

    def __init__(self, value=None, poly=None, lo=None, hi=None):
        self.value, self.poly, self.lo, self.hi = value, poly, lo, hi

    @property
    def rational(self) -> bool:
        return self.value is not None

    def interval(self):
        if self.value is not None:
            return self.value, self.value
        return self.lo, self.hi

    def refine(self):
        if self.value is not None:
            return
        mid = (self.lo + self.hi) / 2
        sm = _poly_sign_rational(self.poly, mid)
        slo = _poly_sign_rational(self.poly, self.lo)
        if sm == 0:      # cannot happen for an irreducible poly of degree >= 2
            raise _Give("rational root of an irreducible polynomial")
        if sm == slo:
            self.lo = mid
        else:
            self.hi = mid

    def expr(self):
        """The number as a sympy expression (Rational, a radical or a CRootOf)."""
        if self.value is not None:
            return Rational(self.value.numerator, self.value.denominator)
        P = sympy.Poly(self.poly, _T)
        k = P.count_roots(None, Rational(self.lo.numerator, self.lo.denominator))
        return sympy.CRootOf(P.as_expr(), _T, k) if P.degree() > 2 else \
            sorted(sympy.roots(P, filter="R", multiple=True),
                   key=lambda r: float(r))[k]


def _poly_sign_rational(P, q: Fraction) -> int:
    v = P.eval(Rational(q.numerator, q.denominator))
    return int(sympy.sign(v))


def _isolate(polys) -> list:
    """The distinct real roots of univariate sympy Polys (in ``_T``), sorted, as `_Root`."""
    factors = []
    for P in polys:
        if P.is_zero or P.degree() < 1:
            continue
        for f, _ in P.factor_list()[1]:
            f = f.monic()
            if f.degree() >= 1 and f not in factors:
                factors.append(f)
    if sum(f.degree() for f in factors) > 4 * MAX_DEGREE:
        raise _Give("degree")
    roots = []
    for f in factors:
        if f.degree() == 1:
            r = -f.all_coeffs()[1] / f.all_coeffs()[0]
            roots.append(_Root(value=Fraction(int(r.p), int(r.q))))
            continue
        for (a, b), _ in f.intervals():
            roots.append(_Root(poly=f, lo=Fraction(int(a.p), int(a.q)),
                               hi=Fraction(int(b.p), int(b.q))))
    return _separate(roots)


def _separate(roots, rounds: int = 200, tick=None) -> list:
    """``roots`` (distinct `_Root` numbers) sorted, their isolating intervals refined until
    they are disjoint (bisection terminates for distinct numbers); ``tick`` is called every
    round (a deadline check); `_Give` after ``rounds`` rounds."""
    for _ in range(rounds):
        if tick is not None:
            tick()
        roots.sort(key=lambda r: r.interval()[0])
        clash = False
        for u, v in zip(roots, roots[1:]):
            if u.interval()[1] >= v.interval()[0]:
                clash = True
                u.refine()
                v.refine()
        if not clash:
            return roots
    raise _Give("separation")


def _between(roots) -> list:
    """One rational point in each open interval cut out by the sorted ``roots``."""
    if not roots:
        return [Fraction(0)]
    out = [Fraction(int(roots[0].interval()[0]) - 1)]
    for u, v in zip(roots, roots[1:]):
        out.append((u.interval()[1] + v.interval()[0]) / 2)
    out.append(Fraction(int(roots[-1].interval()[1]) + 1))
    return out


def _stack(roots) -> list:
    """Sectors and sections in order: every point of the line lies in one of these cells."""
    mids = _between(roots)
    out = [_Root(value=mids[0])]
    for r, m in zip(roots, mids[1:]):
        out += [r, _Root(value=m)]
    return out


# -- exact signs at sample points ---------------------------------------------------------------

def _imul(a, b):
    ps = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]]
    return min(ps), max(ps)


def _ipow(a, k):
    out = (Fraction(1), Fraction(1))
    for _ in range(k):
        out = _imul(out, a)
    return out


def _interval_value(P, point):
    lo = hi = Fraction(0)
    ivs = [r.interval() for r in point]
    for mon, c in P.terms():
        c = Fraction(int(c.p), int(c.q))
        v = (c, c)
        for iv, k in zip(ivs, mon):
            if k:
                v = _imul(v, _ipow(iv, k))
        lo, hi = lo + v[0], hi + v[1]
    return lo, hi


def _is_zero(P, point, gens) -> bool:
    alg = [k for k, r in enumerate(point) if not r.rational]
    sub = {g: Rational(r.value.numerator, r.value.denominator)
           for g, r in zip(gens, point) if r.rational}
    if not alg:
        return P.as_expr().xreplace(sub) == 0
    q = sympy.Poly(P.as_expr().xreplace(sub), *[gens[k] for k in alg])
    if q.is_zero:
        return True
    if len(alg) == 1:
        k = alg[0]
        m = sympy.Poly(point[k].poly.as_expr().subs(_T, gens[k]), gens[k])
        return sympy.Poly(q, gens[k]).rem(m).is_zero
    x, y = gens
    n = sympy.Poly(point[1].poly.as_expr().subs(_T, y), y)
    R = sympy.resultant(q.as_expr(), n.as_expr(), y)
    m = sympy.Poly(point[0].poly.as_expr().subs(_T, x), x)
    if not sympy.Poly(R, x).rem(m).is_zero:
        return False
    val = q.as_expr().xreplace({x: point[0].expr(), y: point[1].expr()})
    try:
        mp = sympy.minimal_polynomial(val, _T)
    except (NotImplementedError, sympy.polys.polyerrors.PolynomialError, ValueError):
        raise _Give("zero test") from None
    return sympy.Poly(mp, _T).as_expr() == _T


def _sign_at(P, point, gens) -> int:
    """The exact sign of the polynomial ``P`` (a Poly in ``gens``) at ``point`` (`_Root` s)."""
    if P.is_zero:
        return 0
    if all(r.rational for r in point):
        v = P.eval({g: Rational(r.value.numerator, r.value.denominator)
                    for g, r in zip(gens, point)}) if len(gens) > 1 else \
            P.eval(Rational(point[0].value.numerator, point[0].value.denominator))
        return int(sympy.sign(v))
    if _is_zero(P, point, gens):
        return 0
    for _ in range(400):
        lo, hi = _interval_value(P, point)
        if lo > 0:
            return 1
        if hi < 0:
            return -1
        for r in point:
            r.refine()
    raise _Give("refinement")


# -- the decomposition --------------------------------------------------------------------------

def _factors(exprs, gens) -> list:
    out = []
    for e in exprs:
        P = sympy.Poly(e, *gens)
        if P.total_degree() > MAX_DEGREE:
            raise _Give("degree")
        for f, _ in P.factor_list()[1]:
            if f.total_degree() >= 1:
                f = f.monic() if f.LC().is_Rational else f
                if f not in out and sympy.Poly(-f.as_expr(), *gens) not in out:
                    out.append(f)
    if len(out) > MAX_FACTORS:
        raise _Give("factors")
    return out


def _projection(factors, x, y) -> list:
    out = []
    withy = [f for f in factors if f.degree(y) >= 1]
    for f in factors:
        if f.degree(y) < 1:
            out.append(sympy.Poly(f.as_expr(), x))
    for f in withy:
        fe = f.as_expr()
        out.append(sympy.Poly(sympy.Poly(fe, y).LC(), x))
        if f.degree(y) >= 2:
            out.append(sympy.Poly(sympy.discriminant(fe, y), x))
    for f, g in itertools.combinations(withy, 2):
        out.append(sympy.Poly(sympy.resultant(f.as_expr(), g.as_expr(), y), x))
    return [p for p in out if not p.is_zero]


def _samples(factors, gens, stop):
    """Sample points (tuples of `_Root`) meeting every cell of a decomposition adapted to the
    factors, open cells first (a generator; `_Give` after the time ``stop``)."""
    if len(gens) == 1:
        (x,) = gens
        polys = [sympy.Poly(f.as_expr().subs(x, _T), _T) for f in factors]
        stack = _stack(_isolate(polys))
        yield from [(r,) for r in stack[::2] + stack[1::2]]
        return
    x, y = gens
    proj = _projection(factors, x, y)
    base = _stack(_isolate([sympy.Poly(p.as_expr().subs(x, _T), _T) for p in proj]))
    base = base[::2] + base[1::2]       # the open cells (rational samples) first: cheapest
    count = 0
    for a in base:
        fibre = []
        for f in factors:
            if f.degree(y) < 1:
                continue
            if a.rational:
                q = f.as_expr().subs(x, Rational(a.value.numerator, a.value.denominator))
            else:
                m = a.poly.as_expr().subs(_T, x)
                q = sympy.resultant(m, f.as_expr(), x)
            q = sympy.expand(q)
            if q != 0:
                fibre.append(sympy.Poly(q.subs(y, _T), _T))
        stack = _stack(_isolate(fibre))
        for b in stack[::2] + stack[1::2]:
            count += 1
            if count > MAX_SAMPLES or time.monotonic() > stop:
                raise _Give("budget")
            yield (_Root(a.value, a.poly, a.lo, a.hi), b)


# -- regions and the strategies -----------------------------------------------------------------

_KIND = {sympy.StrictGreaterThan: (1, ">"), sympy.GreaterThan: (1, ">="),
         sympy.StrictLessThan: (-1, ">"), sympy.LessThan: (-1, ">="),
         sympy.Eq: (1, "=="), sympy.Ne: (1, "!=")}
_OK = {">": {1}, ">=": {0, 1}, "==": {0}, "!=": {-1, 1}}


def _fraction(e, gens):
    num, den = sympy.fraction(sympy.cancel(sympy.together(e)))
    num, den = sympy.expand(num), sympy.expand(den)
    for part in (num, den):
        if not part.is_polynomial(*gens) or part.free_symbols - set(gens):
            raise _Give("not a rational function")
        if any(not c.is_Rational for c in sympy.Poly(part, *gens).coeffs()):
            raise _Give("irrational coefficients")
    return num, den


def _conditions(relations, gens) -> list:
    """``[(num, den, kind)]``: ``num/den`` in relation ``kind`` with 0; `_Give` otherwise."""
    out = []
    for c in relations:
        if type(c) not in _KIND:
            raise _Give("condition")
        s, kind = _KIND[type(c)]
        num, den = _fraction(s * (c.lhs - c.rhs), gens)
        out.append((num, den, kind))
    for e, kind in _symbol_forms(gens):
        out.append((e, sympy.Integer(1), kind))
    return out


def _closure(expr_syms, relations):
    """The variables of the expression and of the relations connected to it, and those
    relations (relations in other variables only do not restrict the region here)."""
    syms = set(expr_syms)
    rels = list(relations)
    chosen: list = []
    changed = True
    while changed:
        changed = False
        for r in rels:
            fs = r.free_symbols
            if r not in chosen and fs & syms:
                chosen.append(r)
                syms |= fs
                changed = True
    return sorted(syms, key=lambda s: s.name), chosen


def _evaluate(conds, polys_index, signs) -> list:
    """Truth of each condition at a sample given the signs of the factors there."""
    out = []
    for num, den, kind in conds:
        sn, sd = polys_index[num](signs), polys_index[den](signs)
        out.append(sd != 0 and sn * sd in _OK[kind])
    return out


def _sign_function(e, factors, gens):
    """A function of the factor signs giving the sign of the polynomial ``e`` (by its
    factorisation into the factors), built once."""
    P = sympy.Poly(e, *gens)
    c, fl = P.factor_list()
    plan = []
    for f, mult in fl:
        fm = f.monic() if f.LC().is_Rational else f
        lc = f.LC() if f.LC().is_Rational else 1
        c = c * lc ** mult
        for k, g in enumerate(factors):
            if g == fm:
                plan.append((k, mult, 1))
                break
            if g == sympy.Poly(-fm.as_expr(), *gens):
                plan.append((k, mult, -1))
                break
        else:
            raise _Give("factor")
    c0 = int(sympy.sign(c))

    def sign(signs):
        s = c0
        for k, mult, flip in plan:
            s *= (signs[k] * flip) ** mult
        return s
    return sign


def _run(expr, relations, want_witness=False):
    """Samples of the region (conditions from ``relations``), each with the sign of ``expr``."""
    if expr is None:
        rels = list(relations)
        syms = sorted(set().union(*[r.free_symbols for r in rels]), key=lambda s: s.name)
    else:
        syms, rels = _closure(expr.free_symbols, relations)
    if not 1 <= len(syms) <= 2 or any(not s.is_real for s in syms):
        raise _Give("variables")
    gens = syms
    conds = _conditions(rels, gens)
    parts = [c[0] for c in conds] + [c[1] for c in conds]
    if expr is not None:
        en, ed = _fraction(expr, gens)
        parts += [en, ed]
    factors = _factors([p for p in parts if p.free_symbols], gens)
    index = {}
    for p in parts:
        if p not in index:
            index[p] = _sign_function(p, factors, gens)
    out = []
    seen = set()
    for pt in _samples(factors, gens, time.monotonic() + MAX_SECONDS):
        signs = [_sign_at(f, pt, gens) for f in factors]
        if not all(_evaluate(conds, index, signs)):
            continue
        if expr is not None:
            sd = index[ed](signs)
            if sd == 0:
                continue            # a pole of the expression: not in its domain
            out.append((pt, index[en](signs) * sd))
            seen.add(out[-1][1])
            if {-1, 1} <= seen:     # the sign changes: no decision can follow; 0 is then
                out.append((pt, 0))  # reported as possible (a superset of the signs is sound)
                break
        else:
            out.append((pt, None))
            if want_witness and all(r.rational for r in pt):
                break
    return gens, out


def cad_signs(e, ctx, S=None):
    """Strategy for `decide_sign`: the signs of a rational function ``e`` in one or two
    parameters on the region of the assumptions, or None (over budget, other forms)."""
    try:
        gens, found = _run(e, ctx.relations)
    except (_Give, sympy.polys.polyerrors.BasePolynomialError, NotImplementedError):
        return None
    if not found:
        return None                 # an empty region: the sign is vacuous, say nothing
    signs = frozenset(s for _, s in found)
    cert = {"variables": tuple(gens), "samples": len(found)}
    return signs, METHOD, cert


def cad_satisfiable(conditions, assumptions=()):
    """``(True, witness)``, ``(False, None)`` or ``(None, None)`` for conditions in one or two
    parameters; the witness maps each parameter to an exact number (rational when some
    full-dimensional cell satisfies the conditions)."""
    rels = [r for r in list(conditions) + list(assumptions) if r is not sympy.true]
    if any(r is sympy.false for r in rels):
        return False, None
    if not rels:
        return True, {}
    try:
        gens, found = _run(None, rels, want_witness=True)
    except (_Give, sympy.polys.polyerrors.BasePolynomialError, NotImplementedError):
        return None, None
    if not found:
        return False, None
    found.sort(key=lambda t: not all(r.rational for r in t[0]))
    pt = found[0][0]
    return True, {g: r.expr() for g, r in zip(gens, pt)}
