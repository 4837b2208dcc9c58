"""Linear programs with symbolic data, solved as a partition of the parameter space (issue 14).

``max c.z`` (or ``min``) subject to ``A z = b``, ``z >= 0``, with entries rational functions
of a few parameters. A basis ``B`` (``m`` columns of ``A`` with ``det A_B != 0``) is optimal
exactly where it is primal feasible (``A_B^{-1} b >= 0``) and dual feasible (every reduced
cost ``c_j - c_B A_B^{-1} A_j`` is ``<= 0`` for ``max``). Multiplying by ``det A_B`` (or its
square) makes these polynomial sign conditions. Every point where the LP has an optimum lies
in the region of some basis (the simplex method with Bland's rule ends at one: Dantzig
(1963), *Linear Programming and Extensions*, ch. 7; parametric LP as in Gal (1995),
*Postoptimal Analyses, Parametric Programming*), so the regions of the bases cover the
space, and on each the optimum is the basis's closed form. Each region is kept when the sign
engine (`symalign.engines.signs.is_satisfiable`) finds a witness point, dropped when it proves
the region empty, and reported with ``witness=None`` when it can do neither.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import sympy

from symalign.core.config import Deadline, settings
from symalign.core.errors import ResourceLimitError
from symalign.engines.piecewise import canonical_condition
from symalign.engines.signs import decide, is_satisfiable

__all__ = ["LPRegion", "ParametricLP", "parametric_lp"]

METHOD = ("basis enumeration: each basis's optimality region (primal and dual feasibility as "
          "polynomial sign conditions), kept with a witness from the sign engine")


@dataclass(frozen=True)
class LPRegion:
    """One optimal basis of a parametric LP: where it is optimal, and the optimum there.

    ``condition`` holds exactly where the basis is primal and dual feasible (with the
    assumptions); ``witness`` is a point of it (None when the engine found none but could
    not prove the region empty).
    """

    condition: sympy.Basic
    value: sympy.Expr
    solution: tuple
    basis: tuple
    witness: dict | None


@dataclass(frozen=True)
class ParametricLP:
    """The optimum of a parametric LP as a ``Piecewise`` over the regions of optimal bases.

    ``value`` has one branch per distinct optimal value (a value on a region of lower
    dimension that another branch's expression attains there is merged into that branch);
    its condition is the disjunction of the regions with that value (in one parameter, a
    union of intervals). Branches are in a documented order: those with an equality first,
    then by sympy's ``default_sort_key`` of the condition; sympy may fold the last one into
    ``True``. Regions may share their boundaries, where the values agree.
    """

    value: sympy.Expr
    regions: tuple
    method: str = field(default=METHOD, repr=False)


def parametric_lp(c, A, b, *, maximize: bool = True, assumptions=(),
                  what: str = "the parametric LP") -> ParametricLP:
    """Solve ``max/min c.z`` s.t. ``A z = b``, ``z >= 0`` on the whole parameter space.

    Examples
    ========

    ``max z_0`` with ``z_0 + z_1 = 1`` and ``t z_0 - z_2 = 0`` is ``1`` when ``t >= 0`` (take
    ``z_0 = 1, z_2 = t``) and ``0`` when ``t < 0`` (then ``z_2 = t z_0 >= 0`` forces
    ``z_0 = 0``); each branch is the region of an optimal basis (Gal (1995), ch. 3;
    optimality of a basis as in Dantzig (1963), ch. 7):

    >>> import sympy
    >>> from symalign.parametric.linear_programs import parametric_lp
    >>> t = sympy.Symbol("t", real=True)
    >>> parametric_lp([1, 0, 0], [[1, 1, 0], [t, 0, -1]], [1, 0]).value
    Piecewise((1, t >= 0), (0, True))

    Raises
    ======

    ResourceLimitError
        More bases than ``symalign.settings.max_cases``, or over ``settings.timeout``.

    """
    A = sympy.Matrix(A)
    b = sympy.Matrix(list(b))
    c = [sympy.sympify(v) for v in c]
    m, n = A.shape
    A_ = tuple(assumptions)
    count = math.comb(n, m)
    if count > settings.max_cases:
        raise ResourceLimitError(f"{what} has {count} candidate bases (no closed form is "
                                 "attempted)", "max_cases", settings.max_cases)
    deadline = Deadline(what)
    s = 1 if maximize else -1
    regions = []
    from sympy.polys.matrices import DomainMatrix
    D = DomainMatrix.from_Matrix(A.row_join(b))
    K = D.domain
    Df = D.to_field()
    Cf = DomainMatrix.from_Matrix(sympy.Matrix(c)).convert_to(Df.domain)
    for B in itertools.combinations(range(n), m):
        deadline.check()
        M = D.extract(list(range(m)), list(B))
        det_d = M.det()
        if not det_d:
            continue
        det = K.to_sympy(det_d)
        Mf = M.to_field()
        xs = [sympy.cancel(v) for v in Mf.lu_solve(Df.extract(list(range(m)), [n])).to_Matrix()]
        conds = [sympy.Ne(det, 0)] + [sympy.Ge(sympy.expand(sympy.cancel(v * det**2)), 0)
                                      for v in xs]
        dead = _refuted(conds, A_)
        if dead is None:
            continue
        y = Mf.transpose().lu_solve(Cf.extract(list(B), [0])).to_Matrix()
        duals = []
        for j in range(n):
            if j in B:
                continue
            red = c[j] - sum(y[k] * A[k, j] for k in range(m))
            duals.append(sympy.Le(sympy.expand(sympy.cancel(s * red * det**2)), 0))
        more = _refuted(duals, A_)
        if more is None:
            continue
        kept = dead + more
        sat = is_satisfiable(kept, A_) if kept else is_satisfiable([], A_)
        if sat.value is False:
            continue
        x = [sympy.Integer(0)] * n
        for k, j in enumerate(B):
            x[j] = xs[k]
        value = sympy.factor(sympy.cancel(sum(cj * xj for cj, xj in zip(c, x))))
        cond = _tidy(canonical_condition(sympy.And(*kept), A_), A_) if kept else sympy.true
        regions.append(LPRegion(cond, value, tuple(x), B,
                                sat.certificate if sat.value else None))
    subs = [_equalities(r.condition) for r in regions]
    regions = [_on_region(r, sub) for r, sub in zip(regions, subs)]
    order = sorted(range(len(regions)), key=lambda k: len(subs[k]))   # full regions first
    groups: dict = {}
    for k in order:
        r, sub = regions[k], subs[k]
        for v in groups:
            if sympy.cancel(v.xreplace(sub) - r.value) == 0:
                groups[v].append(r)
                break
        else:
            groups[r.value] = [r]
    pairs = [(v, _union([r.condition for r in rs], A_)) for v, rs in groups.items()]
    pairs.sort(key=lambda p: _order(p[1]))
    if any(cnd is sympy.true for _, cnd in pairs):
        value = next(v for v, cnd in pairs if cnd is sympy.true)
    elif len(pairs) == 1:
        value = pairs[0][0]
    else:
        value = sympy.Piecewise(*pairs)
    return ParametricLP(value, tuple(regions))


def _refuted(conds, A):
    """The conditions not decided True under ``A``, or None when one is decided False."""
    kept = []
    for cond in conds:
        if cond is sympy.true:
            continue
        if cond is sympy.false:
            return None
        v = decide(cond, A).value
        if v is False:
            return None
        if v is None and cond not in kept:
            kept.append(cond)
    return kept


def _tidy(cond, assumptions):
    """A condition in one parameter as its solution set (``t < 0`` for ``t <= 0 & t != 0``),
    by sympy's `reduce_inequalities`; other conditions unchanged."""
    syms = cond.free_symbols
    if len(syms) != 1 or not next(iter(syms)).is_real:
        return cond
    (t,) = syms
    parts = list(cond.args) if isinstance(cond, sympy.And) else [cond]
    try:
        out = sympy.reduce_inequalities(parts, t)
    except (NotImplementedError, ValueError, TypeError, sympy.PolynomialError):
        return cond
    if isinstance(out, sympy.Or) or out.has(sympy.CRootOf):
        return cond
    keep = [a for a in (out.args if isinstance(out, sympy.And) else [out])
            if not a.has(sympy.oo, -sympy.oo)]
    return canonical_condition(sympy.And(*keep), assumptions)


def _equalities(cond) -> dict:
    """A substitution solving the linear equalities of a condition (``Eq(d, 2)``: d -> 2)."""
    parts = cond.args if isinstance(cond, sympy.And) else (cond,)
    sub: dict = {}
    for p in parts:
        if isinstance(p, sympy.Eq):
            e = sympy.expand((p.lhs - p.rhs).xreplace(sub))
            for t in sorted(e.free_symbols, key=lambda s: s.name):
                if sympy.degree(e, t) == 1 and not sympy.diff(e, t).free_symbols:
                    sub = {k: v.xreplace({t: sympy.solve(e, t)[0]}) for k, v in sub.items()}
                    sub[t] = sympy.solve(e, t)[0]
                    break
    return sub


def _on_region(r: LPRegion, sub: dict) -> LPRegion:
    """The region's value and solution with its equalities substituted."""
    if not sub:
        return r
    val = sympy.factor(sympy.cancel(r.value.xreplace(sub)))
    sol = tuple(sympy.cancel(v.xreplace(sub)) for v in r.solution)
    return LPRegion(r.condition, val, sol, r.basis, r.witness)


def _union(conds, assumptions):
    """The disjunction of conditions; in one parameter as a union of intervals."""
    out = sympy.Or(*conds)
    syms = out.free_symbols
    if len(syms) == 1 and next(iter(syms)).is_real:
        (t,) = syms
        try:
            rel = out.as_set().as_relational(t)
        except (NotImplementedError, ValueError, TypeError):
            return out
        if not rel.has(sympy.CRootOf):
            return canonical_condition(rel.replace(
                lambda a: a.is_Relational and a.has(sympy.oo, -sympy.oo),
                lambda a: sympy.true), assumptions)
    return canonical_condition(out, assumptions)    # several parameters: simplified


def _order(cond):
    """Branches in a documented order: lower-dimensional regions (with equalities) first,
    then by the printed condition."""
    return (not cond.has(sympy.Eq), sympy.default_sort_key(cond))
