"""Nash equilibria of symbolic m x n games in one or two parameters, as an exact partition.

The extreme equilibria of a bimatrix game ``(A, B)`` (the vertices of its maximal Nash
subsets, Avis, Rosenberg, Savani & von Stengel 2010) are the completely labelled pairs of
vertices of the polyhedra

    P = {(x, v): x >= 0, 1.x = 1, (B^T x)_j <= v}      Q = {(y, u): y >= 0, 1.y = 1, (A y)_i <= u}

(the label of ``x_i >= 0`` and of ``(A y)_i <= u`` is the row ``i``, that of
``(B^T x)_j <= v`` and of ``y_j >= 0`` the column ``m + j``; ``u`` and ``v`` are the
payoffs). They are the polytopes of the labelled vertex enumeration (von Stengel 2002) up to a
projective map, and unlike them need no positive payoffs. A vertex is the solution of a basis
(``m`` of P's inequalities made tight, with ``1.x = 1``) that satisfies the others; which
bases give vertices, which vertices coincide and which are tight on which labels depends only
on the signs of the bases' determinants and of the slack numerators, polynomials in the
parameters. So the parameter space is partitioned by the sign vectors of the irreducible
factors of these polynomials: a cylindrical decomposition (`symalign.engines.cad`) gives one
sample point of every cell, hence every realisable sign vector, with a witness; on each class
the extreme equilibria are read off combinatorially and given in closed form (the basis
solution, rational functions of the parameters). Classes with the same equilibria are merged.

In one parameter the regions are unions of intervals and points between the exact real roots
of the factors; in two, conjunctions of sign conditions of the factors.
"""

from __future__ import annotations

import itertools
import math

import sympy

from symalign.core.config import Deadline, settings
from symalign.core.errors import InvalidGameError, ResourceLimitError, SymalignError
from symalign.core.game import Game
from symalign.core.profiles import MixedProfile
from symalign.engines.piecewise import (_ALL_SIGNS, SIGN_SET_RELATION, canonical_condition,
                                         sign_box_cover)
from symalign.parametric.linear_programs import _equalities

__all__ = ["vertex_partition"]

METHOD = ("exact partition by the signs of the basis determinants and slacks of the labelled "
          "polyhedra (cylindrical decomposition, a witness in every region); each region's "
          "extreme equilibria are its completely labelled vertex pairs, in closed form")


class _Basis:
    """One basis of P or Q: closed-form point, payoff and the slack of every constraint."""

    __slots__ = ("tight", "point", "value", "det", "slacks")

    def __init__(self, tight, point, value, det, slacks):
        self.tight, self.point, self.value, self.det, self.slacks = tight, point, value, det, slacks


def _bases(M, m, n, row_side: bool, deadline) -> list:
    """The bases of P (``row_side``: variables x, payoff matrix ``M = B``) or Q (``M = A``)."""
    k = m if row_side else n
    z = sympy.symbols(f"z0:{k}", cls=sympy.Dummy)
    w = sympy.Dummy("w")
    cons = []      # (label, expression >= 0)
    for lab in range(m + n):
        if row_side:
            cons.append(z[lab] if lab < m else
                        w - sum(M[i, lab - m] * z[i] for i in range(m)))
        else:
            cons.append(w - sum(M[lab, j] * z[j] for j in range(n)) if lab < m else z[lab - m])
    out = []
    for S in itertools.combinations(range(m + n), k):
        deadline.check()
        eqs = [sum(z) - 1] + [cons[s] for s in S]
        Mx, rhs = sympy.linear_eq_to_matrix(eqs, list(z) + [w])
        det, sol = _solve(Mx, rhs)
        if det == 0:
            continue
        sub = dict(zip(list(z) + [w], sol))
        slacks = {lab: sympy.cancel(cons[lab].xreplace(sub)) for lab in range(m + n)
                  if lab not in S}
        out.append(_Basis(frozenset(S), tuple(sol[:k]), sol[k], det, slacks))
    return out


def _solve(Mx, rhs):
    """``(factored determinant, solution)`` of ``Mx z = rhs``, fraction-free over the
    polynomial ring of the parameters (sympy's ``LUsolve`` builds nested quotients whose
    ``cancel`` takes seconds each in three parameters)."""
    from sympy.polys.matrices import DomainMatrix
    try:
        dM, dr = DomainMatrix.from_Matrix(Mx).unify(DomainMatrix.from_Matrix(rhs))
        K = dM.domain
        det = K.to_sympy(dM.det())
        if det == 0:
            return det, None
        num, den = dM.solve_den(dr)
        den = K.to_sympy(den)
        return sympy.factor(det), [sympy.cancel(v / den) for v in num.to_Matrix()]
    except (NotImplementedError, sympy.polys.polyerrors.PolynomialError,
            sympy.polys.polyerrors.DomainError):
        det = sympy.factor(Mx.det(method="berkowitz"))
        if det == 0:
            return det, None
        return det, [sympy.cancel(v) for v in Mx.LUsolve(rhs)]


def vertex_partition(game: Game, assumptions: tuple = ()):
    """Regions ``(condition, witness, profiles, payoffs)`` partitioning the admissible
    parameter space of a symbolic two-player game in one or two parameters.

    Examples
    ========

    Rock-paper-scissors where a tie pays ``a`` to both players (a win 1, a loss -1): for
    ``a < 1`` the uniform profile is the only equilibrium; at ``a = 1`` a tie is as good as a
    win and the three pure ties join it; for ``a > 1`` the mixtures of two ties appear too
    (each player indifferent between the two actions of the mixture). Each region lists its
    extreme equilibria, the completely labelled vertex pairs (Avis, Rosenberg, Savani &
    von Stengel (2010), Sec. 2):

    >>> import sympy, symalign as sa
    >>> from symalign.parametric.vertex_partition import vertex_partition
    >>> a = sympy.Symbol("a", real=True)
    >>> R = [[a, -1, 1], [1, a, -1], [-1, 1, a]]
    >>> g = sa.Game.from_arrays(R, [list(r) for r in zip(*R)])
    >>> [(str(c), w, len(profiles)) for c, w, profiles, _ in vertex_partition(g)]
    [('Eq(a, 1)', {a: 1}, 4), ('a > 1', {a: 2}, 7), ('a < 1', {a: -4}, 1)]

    Raises
    ======

    ResourceLimitError
        More bases or sign classes than ``symalign.settings.max_cases``, or over
        ``settings.timeout``.
    InvalidGameError
        More than two parameters.

    """
    from symalign.engines import cad
    setup = _prepare(game, assumptions, 2)
    m, n, gens, As, deadline = setup.m, setup.n, setup.gens, setup.assumptions, setup.deadline
    P, Q, factors, back = setup.P, setup.Q, setup.factors, setup.back
    cad_ = _Cad(cad, factors, gens, As, deadline)
    classes = {}      # sign vector -> witness, cells
    try:
        for pt, signs, witness in cad_.samples():
            classes.setdefault(signs, (witness, []))[1].append(pt)
    except cad._Give as exc:
        raise SymalignError(f"the exact equilibrium partition of this {m}x{n} game needs a "
                            f"cylindrical decomposition it cannot make ({exc}): its limits are "
                            f"degree {cad.MAX_DEGREE} per critical polynomial, "
                            f"{cad.MAX_SAMPLES} cells, and assumptions that are polynomial "
                            "relations") from None
    sign_of = _SignOf(factors, gens)
    out = []
    for signs, (witness, cells) in classes.items():
        deadline.check()
        eqs = _equilibria(P, Q, m, n, lambda e: sign_of(e, signs))
        out.append((signs, witness, cells, eqs))
    # merge classes with the same equilibria (the same closed forms)
    merged: dict = {}
    for signs, witness, cells, eqs in out:
        key = tuple(sorted(map(str, eqs)))
        merged.setdefault(key, []).append((signs, witness, cells, eqs))
    realised = [sv for sv in classes]
    regions = []
    for key, members in merged.items():
        cond = cad_.condition([mm[0] for mm in members], [c for mm in members for c in mm[2]],
                              realised)
        cond = canonical_condition(cond, As)
        witness = next((mm[1] for mm in members if all(v.is_Rational for v in mm[1].values())),
                       members[0][1])
        witness = {back[k]: v for k, v in witness.items()}
        profiles, payoffs = _closed_forms(members[0][3], cond, back)
        regions.append((cond.xreplace(back), witness, profiles, payoffs))
    regions.sort(key=lambda r: (not r[0].has(sympy.Eq), sympy.default_sort_key(r[0])))
    return regions


class _Setup:
    """The bases of both polyhedra and the critical factors of a symbolic game."""

    __slots__ = ("m", "n", "params", "gens", "back", "assumptions", "deadline", "P", "Q",
                 "factors")


def _prepare(game: Game, assumptions, max_params: int | None) -> _Setup:
    """Real parameters, bases and the monic irreducible factors of every basis determinant
    and slack (numerators and denominators); ``max_params`` None: any number of parameters.

    Raises `InvalidGameError` outside ``1..max_params`` parameters, `ResourceLimitError` over
    ``settings.max_cases`` bases or factors.
    """
    params = sorted(game.free_symbols | set().union(*[sympy.sympify(a).free_symbols
                                                       for a in assumptions]),
                    key=lambda s: s.name)
    if len(params) < 1 or (max_params is not None and len(params) > max_params):
        raise InvalidGameError(f"Argument 'game' has parameters {params}: the exact "
                               "equilibrium partition of games larger than 2x2 is implemented "
                               f"for 1 to {max_params} parameters.")
    real = {p: (p if p.is_real else sympy.Symbol(p.name, real=True)) for p in params}
    st = _Setup()
    st.params, st.back = params, {v: k for k, v in real.items()}
    U = game.sympy_array()
    m, n = st.m, st.n = game.shape
    A = sympy.Matrix(m, n, lambda i, j: sympy.sympify(U[0][i, j]).xreplace(real))
    B = sympy.Matrix(m, n, lambda i, j: sympy.sympify(U[1][i, j]).xreplace(real))
    st.assumptions = tuple(sympy.sympify(a).xreplace(real) for a in assumptions)
    count = math.comb(m + n, m) + math.comb(m + n, n)
    if count > settings.max_cases:
        raise ResourceLimitError(f"the equilibrium partition of a {m}x{n} game has {count} "
                                 "bases", "max_cases", settings.max_cases)
    st.deadline = Deadline("the exact equilibrium partition")
    st.P = _bases(B, m, n, True, st.deadline)
    st.Q = _bases(A, m, n, False, st.deadline)
    gens = st.gens = [real[p] for p in params]
    polys = []
    for b in st.P + st.Q:
        for e in [b.det] + list(b.slacks.values()):
            num, den = sympy.fraction(sympy.together(e))
            for part in (num, den):
                part = sympy.expand(part)
                if part.free_symbols and part not in polys:
                    polys.append(part)
    factors = st.factors = []
    for p in polys:
        for f, _ in sympy.Poly(p, *gens).factor_list()[1]:
            f = f.monic()
            if f.total_degree() >= 1 and f not in factors:
                factors.append(f)
    if len(factors) > settings.max_cases:
        raise ResourceLimitError(f"the equilibrium partition has {len(factors)} critical "
                                 "polynomials", "max_cases", settings.max_cases)
    return st


def _closed_forms(eqs, cond, back):
    """Profiles and payoffs of a region's equilibria, its linear equalities substituted."""
    sub = _equalities(cond)      # on a line or a point, the closed forms simplify
    eqs = [tuple(_on(e, sub) for e in eq) for eq in eqs]
    profiles = tuple(_profile(x, y, back) for x, y, _, _ in eqs)
    payoffs = tuple((sympy.factor(u.xreplace(back)), sympy.factor(v.xreplace(back)))
                    for _, _, u, v in eqs)
    return profiles, payoffs


def _on(e, sub):
    if not sub:
        return e
    if isinstance(e, tuple):
        return tuple(sympy.cancel(v.xreplace(sub)) for v in e)
    return sympy.cancel(e.xreplace(sub))


def _profile(x, y, back):
    obj = object.__new__(MixedProfile)
    obj._strategies = (tuple(sympy.cancel(v.xreplace(back)) for v in x),
                       tuple(sympy.cancel(v.xreplace(back)) for v in y))
    return obj


class _SignOf:
    """The sign of a rational function of the parameters on a sign class of the factors."""

    def __init__(self, factors, gens):
        self.factors, self.gens = factors, gens
        self.cache: dict = {}

    def __call__(self, e, signs):
        key = (e, signs)
        if key not in self.cache:
            num, den = sympy.fraction(sympy.together(e))
            self.cache[key] = self._poly(num, signs) * self._poly(den, signs)
        return self.cache[key]

    def _poly(self, p, signs):
        p = sympy.expand(p)
        if not p.free_symbols:
            return int(sympy.sign(p))
        c, fl = sympy.Poly(p, *self.gens).factor_list()
        s = int(sympy.sign(c))
        for f, mult in fl:
            lc = f.LC()
            s *= int(sympy.sign(lc)) ** mult
            s *= signs[self.factors.index(f.monic())] ** mult
        return s


def _equilibria(P, Q, m, n, sign):
    """The completely labelled vertex pairs on a sign class: ``[(x, y, u, v)]``."""
    def vertices(bases):
        found: dict = {}
        for b in bases:
            if sign(b.det) == 0:
                continue
            ss = {}
            for lab, s in b.slacks.items():     # lazily: a sign asked for only when needed
                ss[lab] = sign(s)
                if ss[lab] < 0:
                    break
            if any(v < 0 for v in ss.values()):
                continue
            tight = b.tight | {lab for lab, v in ss.items() if v == 0}
            found.setdefault(frozenset(tight), b)       # the first basis of a vertex
        return found
    VP, VQ = vertices(P), vertices(Q)
    labels = frozenset(range(m + n))
    out = []
    for tp, bp in sorted(VP.items(), key=lambda t: sorted(t[0])):
        for tq, bq in sorted(VQ.items(), key=lambda t: sorted(t[0])):
            if tp | tq == labels:
                out.append((bp.point, bq.point, bq.value, bp.value))
    return out


class _Cad:
    """Sample points of the decomposition with their sign vectors, and region conditions."""

    def __init__(self, cad, factors, gens, assumptions, deadline):
        self.cad, self.factors, self.gens = cad, factors, gens
        self.assumptions, self.deadline = assumptions, deadline
        self.stack = None

    def samples(self):
        cad, gens = self.cad, self.gens
        conds = cad._conditions(self.assumptions, gens)
        parts = [c[0] for c in conds] + [c[1] for c in conds]
        extra = cad._factors([p for p in parts if p.free_symbols], gens) if parts else []
        allf = list(self.factors) + [f for f in extra if f not in self.factors]
        index = {p: cad._sign_function(p, allf, gens) for p in set(parts)}
        if len(gens) == 1:
            x = gens[0]
            polys = [sympy.Poly(f.as_expr().subs(x, cad._T), cad._T) for f in allf]
            self.stack = cad._stack(cad._isolate(polys))
            pts = [(k, (r,)) for k, r in enumerate(self.stack)]
        else:
            saved = cad.MAX_FACTORS
            cad.MAX_FACTORS = max(saved, len(allf))
            try:
                pts = list(enumerate(cad._samples(allf, gens, _far())))
            finally:
                cad.MAX_FACTORS = saved
        for k, pt in pts:
            self.deadline.check()
            s = [cad._sign_at(f, pt, gens) for f in allf]
            if not all(cad._evaluate(conds, index, s)):
                continue
            yield k, tuple(s[:len(self.factors)]), {g: r.expr() for g, r in zip(gens, pt)}

    def condition(self, sign_vectors, cells, realised):
        if len(self.gens) == 1:
            return self._intervals(sorted(cells))
        return _boxes(sign_vectors, realised, [f.as_expr() for f in self.factors])

    def _intervals(self, cells):
        """Stack cells (even: open intervals, odd: roots) as a condition on the parameter."""
        x = self.gens[0]
        st = self.stack
        out = []
        k = 0
        while k < len(cells):
            j = k
            while j + 1 < len(cells) and cells[j + 1] == cells[j] + 1:
                j += 1
            a, b = cells[k], cells[j]       # one run of consecutive cells
            lo = None if a == 0 else st[a - 1 if a % 2 == 0 else a].expr()
            lo_open = a % 2 == 0
            hi = None if b == len(st) - 1 else st[b + 1 if b % 2 == 0 else b].expr()
            hi_open = b % 2 == 0
            if a == b and a % 2 == 1:
                out.append(sympy.Eq(x, lo))
            else:
                parts = []
                if lo is not None:
                    parts.append((sympy.Gt if lo_open else sympy.Ge)(x, lo))
                if hi is not None:
                    parts.append((sympy.Lt if hi_open else sympy.Le)(x, hi))
                out.append(sympy.And(*parts))
            k = j + 1
        return sympy.Or(*out)




def _boxes(wanted, realised, exprs):
    """A union of sign classes as a short disjunction of boxes (products of sign sets).

    A box is grown from a wanted sign vector, one factor at a time, while it holds no
    realised vector outside the wanted ones (unrealised vectors are don't-cares); the boxes
    then cover the wanted vectors greedily. Exact: a point's sign vector is realised, so it
    is in the union iff it is wanted.
    """
    wanted = sorted(set(wanted), reverse=True)
    others = [sv for sv in realised if sv not in set(wanted)]

    def allowed(box):
        return not any(all(v in bs for v, bs in zip(sv, box)) for sv in others)

    chosen = sign_box_cover(wanted, allowed)
    return sympy.Or(*[sympy.And(*[SIGN_SET_RELATION[bs](e, 0) for e, bs in zip(exprs, box)
                                  if bs != _ALL_SIGNS]) for box in chosen])


def _far():
    import time
    return time.monotonic() + 3600.0
