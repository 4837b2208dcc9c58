"""Every Nash equilibrium of a game with three or more players, exactly, by support enumeration.

Candidate supports ``S = (S_0, ..., S_{n-1})`` are enumerated after iterated elimination of
actions strictly dominated by a pure action; a support is skipped when one of its actions is
dominated given the others' supports (*conditional dominance*, Porter, Nudelman & Shoham
2008; weakly with one strict inequality suffices, since every profile of the others'
supports has positive probability), or when a linear relaxation of its conditions (the
correlated-equilibrium inequalities with equality inside the support, Aumann 1974) is
infeasible, proved by an exactly checked certificate (`symalign.normalform.supports`). For
each remaining support the indifference conditions
``u_i(a, sigma_-i) = u_i(a', sigma_-i)`` for ``a, a'`` in ``S_i`` form a square system of
multilinear polynomials in the probabilities. It is solved exactly
(`symalign.engines.polynomial_systems`): no solution, finitely many (each an exact real
algebraic point), or a positive-dimensional set. A finite solution is an equilibrium with
support exactly ``S`` iff every probability in the support is positive and no action
outside the support does better; both are decided exactly, so every equilibrium reported has
exact regret 0. A positive-dimensional solution set is kept as a `NashComponent`.

Every equilibrium has exactly one support, so the union over supports is every equilibrium:
the isolated points plus the components (McKelvey & McLennan 1996, Sec. 6). The run has a
time budget, ``symalign.settings.equilibrium_seconds``, checked between supports (the
smallest first) and made hard inside them: a system of `WORKER_MIN_UNKNOWNS` or more
unknowns is solved in a child process (`symalign.engines.worker`) that is killed when the
budget runs out, since python-flint's Gröbner basis cannot be interrupted in-process. When
the budget is spent the result lists what was found, ``complete=False``, with a note naming
the setting, the support left undecided (if any) and the number left unexamined.
"""

from __future__ import annotations

import itertools
import time
import weakref
from dataclasses import dataclass, field
from fractions import Fraction

import sympy

from symalign.core.config import Deadline, settings
from symalign.core.errors import ResourceLimitError, UndecidableError
from symalign.core.game import Game
from symalign.core.lazy import np
from symalign.core.profiles import MixedProfile
from symalign.engines.polynomial_systems import (
    RealAlgebraic,
    _load,
    real_solutions,
    real_solutions_within,
)
from symalign.normalform.supports import (
    RELAXATION_MIN_UNKNOWNS,
    candidate_supports,
    conditionally_dominated,
    relaxation_infeasible,
    undominated,
)

__all__ = ["NashComponent"]

#: indifference systems with at least this many unknowns are solved in a child process that is
#: killed when the time budget runs out (python-flint's Gröbner basis, compiled code, cannot be
#: interrupted in-process); smaller ones take milliseconds and stay in-process
WORKER_MIN_UNKNOWNS = 7

METHOD = ("exact support enumeration with conditional dominance pruning (Porter, Nudelman "
          "and Shoham 2008) and a certified linear relaxation of each large support; each "
          "indifference system solved exactly by a Groebner basis and a rational univariate "
          "representation, real roots isolated exactly, every inequality decided exactly; "
          "every equilibrium verified by exact regret 0")


@dataclass(frozen=True)
class NashComponent:
    """A positive-dimensional set of Nash equilibria sharing one support, described exactly.

    The set is every profile with ``sigma_i(a) = symbols[i][k]`` for ``a = support[i][k]``
    (0 outside the support) satisfying every polynomial in `equations` (``= 0``) and every
    relation in `inequalities`. When the equations are linear and the inequalities affine
    on them, the closure is a polytope: `nonempty` is decided exactly and `vertices` lists
    its vertices, each an equilibrium. Otherwise (a curved set) `vertices` lists the exact
    points of its closure where ``dimension`` of the inequalities are tight (its corners),
    and `sample` an exact equilibrium inside it when one is found at rational values of
    free unknowns (then ``nonempty`` is True; else None, undecided). Mixed equilibria of
    three or more players: McKelvey & McLennan (1996), Sec. 6.

    Examples
    ========

    >>> import symalign as sa
    >>> # player 0 is always indifferent (payoff 0); players 1 and 2 get 1 iff both play 0,
    >>> # whatever player 0 does: every mixture of player 0 against (0, 0) is an equilibrium
    >>> zero = [[[0, 0], [0, 0]], [[0, 0], [0, 0]]]
    >>> both0 = [[[1, 0], [0, 0]], [[1, 0], [0, 0]]]
    >>> ne = sa.nash_equilibria(sa.Game.from_arrays(zero, both0, both0))
    >>> c = ne.components[0]
    >>> c.support, c.nonempty, c.varying_players
    (((0, 1), (0,), (0,)), True, (0,))
    >>> c.parametrisation
    {p_0_0: 1 - p_0_1, p_1_0: 1, p_2_0: 1}
    >>> c.vertices
    (MixedProfile(((0, 1), (1, 0), (1, 0))), MixedProfile(((1, 0), (1, 0), (1, 0))))

    Attributes
    ==========

    support : tuple of tuples of int
    symbols : tuple of tuples of sympy.Symbol
        ``p_i_a``, the probability of player ``i``'s action ``a``.
    equations, inequalities : tuple of sympy expressions / relations
    dimension : int
        Dimension of the complex solution set of the indifference equations.
    nonempty : bool or None
    vertices : tuple of MixedProfile
    sample : MixedProfile or None
        An equilibrium in the component (curved components only).
    parametrisation : dict or None
        The dependent symbols as affine functions of the free ones, when linear.
    varying_players : tuple of int or None
        The players whose strategy varies on the component (None when undecided). When at
        most one varies, every multilinear function (payoffs, welfare) is affine on the
        component and takes its extremes at the vertices.
    method : str

    """

    support: tuple
    symbols: tuple = field(repr=False)
    equations: tuple = field(repr=False)
    inequalities: tuple = field(repr=False)
    dimension: int = 1
    nonempty: bool | None = None
    vertices: tuple = field(default=(), repr=False)
    parametrisation: dict | None = field(default=None, repr=False)
    varying_players: tuple | None = None
    sample: MixedProfile | None = field(default=None, repr=False)
    method: str = "support enumeration: a positive-dimensional indifference system"


# -- supports (symalign.normalform.supports) ------------------------------------------------
_undominated = undominated
_conditionally_dominated = conditionally_dominated
_supports = candidate_supports


# -- the indifference system and exact values at a point -------------------------------------
def _system(U, shape, S):
    """The indifference polynomials of support S (fmpz_mpoly) and the probability polynomials."""
    flint = _load()
    n = len(shape)
    nv = sum(len(s) - 1 for s in S)
    names = tuple(f"x{k}" for k in range(max(nv, 1)))
    ctx = flint.fmpz_mpoly_ctx.get(names, "degrevlex")
    gens = ctx.gens()
    probs, k = [], 0
    for s in S:
        d = {}
        rest = ctx.from_dict({})
        for a in s[1:]:
            d[a] = gens[k]
            rest = rest + gens[k]
            k += 1
        d[s[0]] = 1 - rest
        probs.append(d)
    eqs, values = [], []
    for i in range(n):
        others = [j for j in range(n) if j != i]
        weights = []
        for prof in itertools.product(*[S[j] for j in others]):
            w = ctx.from_dict({(0,) * len(names): 1})
            for j, b in zip(others, prof):
                w = w * probs[j][b]
            weights.append((prof, w))
        vals = {}
        for b in range(shape[i]):
            tot = ctx.from_dict({})
            for prof, w in weights:
                full = list(prof)
                full.insert(i, b)
                c = int(U[i][tuple(full)])
                if c:
                    tot = tot + c * w
            vals[b] = tot
        values.append(vals)
        v0 = values[i][S[i][0]]
        for a in S[i][1:]:
            eqs.append(values[i][a] - v0)
    return eqs, nv, probs, values


def _to_sympy(d: dict, xs) -> sympy.Expr:
    out = sympy.Integer(0)
    for m, c in d.items():
        term = sympy.Rational(int(c.numerator), int(c.denominator)) if isinstance(c, Fraction) \
            else sympy.Integer(int(c))
        for x, e in zip(xs, m):
            if e:
                term *= x ** int(e)
        out += term
    return out


def _solve_square(rows, d):
    """The unique solution of ``sum_k a_k t_k + c = 0`` for d rows, or None (Fractions)."""
    M = [list(a) + [-c] for a, c in rows]
    for col in range(d):
        piv = next((r for r in range(col, d) if M[r][col] != 0), None)
        if piv is None:
            return None
        M[col], M[piv] = M[piv], M[col]
        for r in range(d):
            if r != col and M[r][col] != 0:
                f = M[r][col] / M[col][col]
                M[r] = [x - f * y for x, y in zip(M[r], M[col])]
    return [M[k][d] / M[k][k] for k in range(d)]


def _parametrisation(S, psym, probs, sub, xmap) -> dict:
    """Every support probability that is not a free parameter, as an affine expression in
    the free ones."""
    free = {xmap[x] for x in xmap if x not in sub}
    out = {}
    for i, s in enumerate(S):
        for a in s:
            if psym[i][a] not in free:
                out[psym[i][a]] = sympy.expand(probs[(i, a)].subs(sub).subs(xmap))
    return out


def _terms(expr, xs) -> dict:
    P = sympy.Poly(expr, *xs)
    return {m: Fraction(int(c.p), int(c.q)) for m, c in P.terms()}


def _evaluate(terms: dict, values):
    tot = Fraction(0)
    for m, c in terms.items():
        t = c
        for v, e in zip(values, m):
            for _ in range(e):
                t = v * t if isinstance(v, RealAlgebraic) else t * v
        tot = t + tot if isinstance(t, RealAlgebraic) else tot + t
    return tot


def _independent_set(basis_dicts, nv: int, d: int) -> list[int]:
    from symalign.engines.polynomial_systems import _leading
    lms = [_leading(g) for g in basis_dicts]
    for cand in itertools.combinations(range(nv), d):
        c = set(cand)
        if not any(all(j in c for j, e in enumerate(lm) if e) for lm in lms):
            return list(cand)
    return []  # pragma: no cover


def _curved(S, xs, basis, probs, br, sol, shape, solve, tries: int = 6):
    """A non-polyhedral component: exact points of its closure where ``dimension`` of its
    inequalities are tight (its corners), and an exact interior point if one is found at
    rational values of a maximal independent set of unknowns (then ``nonempty`` is True;
    otherwise it stays undecided)."""
    nv, d = len(xs), sol.dim
    prob_terms = {k: _terms(e, xs) for k, e in probs.items()}
    br_terms = {k: _terms(e, xs) for k, e in br.items()}
    basis_terms = [_terms(g, xs) for g in basis if g != 0]

    def dense(pt):
        out = []
        for i, s in enumerate(S):
            out.append([_evaluate(prob_terms[(i, a)], pt) if a in s else Fraction(0)
                        for a in range(shape[i])])
        return out

    def signs(pt):
        ps = [_sign(_evaluate(t, pt)) for t in prob_terms.values()]
        bs = [_sign(_evaluate(t, pt)) for t in br_terms.values()]
        return ps, bs

    corners = []
    constraints = list(prob_terms.values()) + list(br_terms.values())
    for combo in itertools.combinations(constraints, d):
        sol2 = solve(basis_terms + list(combo), nv)
        if sol2.kind != "finite":
            continue
        for pt in sol2.points:
            ps, bs = signs(pt)
            if min(ps + bs, default=0) >= 0:
                corners.append(dense(pt))
    free = _independent_set(sol.basis, nv, d)
    nonempty, sample = None, None
    for k in range(1, tries + 1):
        vals = [Fraction(k + j, tries + d + 2) for j in range(d)]
        fixed = [{tuple(1 if t == v else 0 for t in range(nv)): Fraction(1),
                  tuple([0] * nv): -x} for v, x in zip(free, vals)]
        sol2 = solve(basis_terms + fixed, nv)
        if sol2.kind != "finite":
            continue
        for pt in sol2.points:
            ps, bs = signs(pt)
            if min(ps, default=1) > 0 and min(bs, default=0) >= 0:
                nonempty, sample = True, dense(pt)
                break
        if nonempty:
            break
    unique, keys = [], set()
    for c in corners:
        key = tuple(_exact(x) for row in c for x in row)
        if key not in keys:
            keys.add(key)
            unique.append(c)
    return nonempty, unique, sample


def _component(S, nv, sol, xprobs, xvalues, shape, solve=real_solutions):
    """A positive-dimensional solution set of support S as a NashComponent.

    When the equations are linear and every inequality is affine on the resulting
    parametrisation, the closure is a polytope: its vertices are enumerated exactly and its
    non-emptiness (with strictly positive support probabilities) decided exactly.
    """
    n = len(S)
    xs = sympy.symbols(f"x0:{nv}") if nv else ()
    psym = [{a: sympy.Symbol(f"p_{i}_{a}") for a in s} for i, s in enumerate(S)]
    xmap, k = {}, 0
    for i, s in enumerate(S):
        for a in s[1:]:
            xmap[xs[k]] = psym[i][a]
            k += 1

    def sp(poly):
        if isinstance(poly, dict):
            return _to_sympy(poly, xs)
        return _to_sympy(poly.to_dict(), xs) if hasattr(poly, "to_dict") else sympy.Integer(poly)

    basis = [sp(g) for g in sol.basis]
    probs = {(i, a): sympy.expand(sp(xprobs[i][a])) for i, s in enumerate(S) for a in s}
    br = {(i, b): sympy.expand(sp(xvalues[i][S[i][0]]) - sp(xvalues[i][b]))
          for i in range(n) for b in range(shape[i]) if b not in S[i]}
    equations = tuple(sympy.expand(g.subs(xmap)) for g in basis) + tuple(
        psym[i][s[0]] - (1 - sum(psym[i][a] for a in s[1:])) for i, s in enumerate(S)
        if len(s) > 1)
    inequalities = tuple(sympy.Gt(psym[i][a], 0) for i, s in enumerate(S) for a in s
                         if len(s) > 1) + tuple(
        sympy.Ge(v.subs(xmap), 0) for v in br.values() if v.free_symbols)
    symbols = tuple(tuple(psym[i][a] for a in s) for i, s in enumerate(S))
    comp = dict(support=tuple(tuple(s) for s in S), symbols=symbols, equations=equations,
                inequalities=inequalities, dimension=sol.dim)
    if any(sympy.Poly(g, *xs).total_degree() > 1 for g in basis if g != 0):
        nonempty, points, sample = _curved(S, xs, basis, probs, br, sol, shape, solve)
        return NashComponent(**comp, nonempty=nonempty, vertices=tuple(points), sample=sample)
    lead = {}
    for g in basis:
        P = sympy.Poly(g, *xs)
        lv = next(x for x in xs if P.degree(x) > 0)     # grevlex x0 > x1 > ...: first var
        lead[lv] = sympy.solve(g, lv)[0]
    free = [x for x in xs if x not in lead]
    sub = {x: e for x, e in lead.items()}
    rows, strict = [], []
    for key, e in list(probs.items()) + list(br.items()):
        f = sympy.expand(e.subs(sub))
        P = sympy.Poly(f, *free) if free else None
        if P is not None and P.total_degree() > 1:
            return NashComponent(**comp, nonempty=None,
                                 parametrisation=_parametrisation(S, psym, probs, sub, xmap))
        coeffs = [Fraction(str(f.coeff(x))) for x in free]
        const = Fraction(str(f.subs({x: 0 for x in free})))
        rows.append((coeffs, const))
        strict.append(key in probs and len(S[key[0]]) > 1)
    d = len(free)
    verts = []
    for combo in itertools.combinations(rows, d):
        th = _solve_square(list(combo), d)
        if th is None:
            continue
        if all(sum(a * t for a, t in zip(c, th)) + c0 >= 0 for c, c0 in rows) and th not in verts:
            verts.append(th)
    nonempty = False
    if verts:
        cen = [sum(v[k] for v in verts) / len(verts) for k in range(d)]
        nonempty = all(sum(a * t for a, t in zip(c, cen)) + c0 > 0
                       for (c, c0), st in zip(rows, strict) if st)
    profiles = []
    if nonempty:
        for th in verts:
            val = dict(zip(free, (sympy.Rational(t.numerator, t.denominator) for t in th)))
            prof = []
            for i, s in enumerate(S):
                prof.append([Fraction(str(sympy.expand(probs[(i, a)].subs(sub).subs(val))))
                             if a in s else Fraction(0) for a in range(shape[i])])
            profiles.append(prof)
    varying = tuple(sorted({i for (i, a), e in probs.items()
                            if sympy.expand(e.subs(sub)).free_symbols}))
    return NashComponent(**comp, nonempty=nonempty, vertices=tuple(profiles),
                         parametrisation=_parametrisation(S, psym, probs, sub, xmap),
                         varying_players=varying)


# -- exact values at a found profile ---------------------------------------------------------
#: The exact field representation (Fraction or RealAlgebraic per probability) of every profile
#: returned by the enumeration, so that regrets, best responses and NashConv at it are exact.
_FIELD: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _trusted(strategies) -> MixedProfile:
    obj = object.__new__(MixedProfile)
    obj._strategies = tuple(tuple(s) for s in strategies)
    return obj


def _exact(v) -> sympy.Expr:
    if isinstance(v, RealAlgebraic):
        return v.to_sympy()
    v = Fraction(v)
    return sympy.Rational(v.numerator, v.denominator)


def _sign(v) -> int:
    if isinstance(v, RealAlgebraic):
        return v.sign()
    return (v > 0) - (v < 0)


def _dense_value(U, i: int, b: int, probs) -> object:
    """``u_i(b, sigma_-i)`` (times the payoff denominator) for dense probabilities."""
    n = len(probs)
    others = [j for j in range(n) if j != i]
    supp = [[a for a, p in enumerate(probs[j]) if p != 0] for j in others]
    tot = Fraction(0)
    for prof in itertools.product(*supp):
        full = list(prof)
        full.insert(i, b)
        c = int(U[i][tuple(full)])
        if not c:
            continue
        w = Fraction(1)
        for j, a in zip(others, prof):
            w = probs[j][a] * w if isinstance(probs[j][a], RealAlgebraic) else w * probs[j][a]
        tot = w * c + tot if isinstance(w, RealAlgebraic) else tot + w * c
    return tot


def field_deviations(game: Game, sigma: MixedProfile, i: int):
    """Exact ``u_i(b, sigma_-i)`` for every ``b``, the best responses, ``u_i(sigma)`` and the
    regret of player ``i`` at a profile returned by the enumeration (None for others).

    The values are computed in the profile's number field and compared by exact signs.
    """
    try:
        probs = _FIELD.get(sigma)
    except TypeError:
        return None
    if probs is None:
        return None
    ex = game.exact_arrays()[i]
    U = {i: ex.num}
    scale = Fraction(1, ex.den)
    dev = [_dense_value(U, i, b, probs) for b in range(game.shape[i])]
    best = [0]
    for b in range(1, len(dev)):
        s = _sign(dev[b] - dev[best[0]])
        if s > 0:
            best = [b]
        elif s == 0:
            best.append(b)
    own = Fraction(0)
    for p, d in zip(probs[i], dev):
        if p != 0:
            own = (d * p + own) if isinstance(d, RealAlgebraic) else (
                p * d + own if isinstance(p, RealAlgebraic) else own + p * d)
    regret = dev[best[0]] - own
    return ([_exact(d * scale) for d in dev], tuple(best), _exact(own * scale),
            _exact(regret * scale))


def field_payoffs(game: Game, profile) -> tuple | None:
    """``u(sigma)`` as canonical exact numbers for a profile returned by the enumeration
    (e.g. an equilibrium used as a bargaining threat point); None for other profiles."""
    if not isinstance(profile, MixedProfile) or game.n_players < 3 or not game.is_numeric:
        return None
    out = []
    for i in range(game.n_players):
        fd = field_deviations(game, profile, i)
        if fd is None:
            return None
        out.append(fd[2])
    return tuple(out)


# -- the enumeration -----------------------------------------------------------------------------
def _candidate(U, shape, S, pt):
    """Dense probabilities and scaled payoffs at a solution point, or None if not an NE."""
    n = len(shape)
    probs, k = [], 0
    for i, s in enumerate(S):
        row = [Fraction(0)] * shape[i]
        rest = Fraction(0)
        for a in s[1:]:
            row[a] = pt[k]
            rest = pt[k] + rest
            k += 1
        row[s[0]] = 1 - rest
        for a in s:
            if _sign(row[a]) <= 0:
                return None
        probs.append(row)
    values = []
    for i in range(n):
        v = _dense_value(U, i, S[i][0], probs)
        for b in range(shape[i]):
            sg = _sign(_dense_value(U, i, b, probs) - v)
            if b in S[i] and sg != 0:        # the indifference system guarantees equality
                raise AssertionError("indifference violated")  # pragma: no cover
            if sg > 0:
                return None
        values.append(v)
    return probs, values


def _closed_check(U, shape, probs):
    """Scaled payoffs at dense probabilities if they form an equilibrium (exactly), else None."""
    values = []
    for i in range(len(shape)):
        vals = [_dense_value(U, i, b, probs) for b in range(shape[i])]
        own = Fraction(0)
        for p, x in zip(probs[i], vals):
            if _sign(p) < 0:
                return None
            if p != 0:
                t = x * p if isinstance(x, RealAlgebraic) else p * x
                own = t + own if isinstance(t, RealAlgebraic) else own + t
        if any(_sign(x - own) > 0 for x in vals):
            return None
        values.append(own)
    return values


class _Stopped(Exception):
    """A polynomial system was stopped by ``settings.equilibrium_seconds``."""


class _Budget:
    """The enumeration's clocks: ``settings.timeout`` (a `Deadline`, raising) and
    ``settings.equilibrium_seconds`` (ending the enumeration with ``complete=False``)."""

    def __init__(self):
        self.deadline = Deadline("the enumeration of Nash equilibria")
        self.seconds = settings.equilibrium_seconds
        self.start = time.monotonic()

    def spent(self) -> bool:
        """Raise past ``timeout``; True past ``equilibrium_seconds``."""
        self.deadline.check()
        return self.seconds is not None and time.monotonic() - self.start >= self.seconds

    def left(self) -> tuple:
        """Seconds left under the tighter of the two budgets and whether that one is
        ``equilibrium_seconds`` (``(None, None)``: unbounded)."""
        now = time.monotonic()
        out = [(lim - (now - t0), own) for lim, t0, own in (
            (self.deadline.limit, self.deadline.start, False), (self.seconds, self.start, True))
            if lim is not None]
        return min(out) if out else (None, None)

    def solve(self, polys, nv):
        """`real_solutions`, in a child process killed when the budget runs out for a
        system of `WORKER_MIN_UNKNOWNS` or more unknowns."""
        left, own = self.left() if nv >= WORKER_MIN_UNKNOWNS else (None, None)
        if left is None:
            return real_solutions(polys, nv)
        sol = real_solutions_within(polys, nv, left)
        if sol is None:
            if not own:                     # the tighter budget was ``timeout``
                raise ResourceLimitError(f"{self.deadline.what} took longer than "
                                         f"{self.deadline.limit} seconds", "timeout",
                                         self.deadline.limit)
            raise _Stopped
        return sol


def _stop_note(budget: float, undecided, nv: int, left: int, total: int) -> str:
    what = (f"while solving the indifference system of support {undecided} ({nv} unknowns), "
            "which is left undecided, " if undecided is not None else "")
    return (f"not proved complete: the enumeration stopped after {budget:g} s "
            f"(symalign.settings.equilibrium_seconds) {what}with {left} of {total} support "
            "profiles unexamined (the smallest supports were examined first); raise "
            "symalign.settings.equilibrium_seconds, or set it to None, for every equilibrium")


def enumerate_nash(game: Game):
    """Every Nash equilibrium of a numeric game: ``(profiles, payoffs, components, complete,
    stats)``; ``profiles`` holds the isolated equilibria and the vertices of the polyhedral
    components, ``complete`` says that every component is decided (see `NashComponent`)."""
    _load()
    shape = game.shape
    arrays = game.exact_arrays()
    U = [np.asarray(a.num).astype(object) for a in arrays]
    dens = [a.den for a in arrays]
    alive = _undominated(U, shape)
    total = 1
    for a in alive:
        total *= 2 ** len(a) - 1
    if total > settings.max_cases:
        raise ResourceLimitError(f"the support enumeration ({total} support profiles)",
                                 "max_cases", settings.max_cases)
    budget = _Budget()
    stats = {"supports": 0, "pruned": 0, "relaxation": 0, "systems": 0, "verified": 0,
             "unexamined": 0, "undecided": 0, "note": None}
    found, comps = [], []
    supports = _supports(alive)
    for k, S in enumerate(supports):
        if budget.spent():
            stats["unexamined"] = len(supports) - k
            stats["note"] = _stop_note(budget.seconds, None, 0, len(supports) - k,
                                       len(supports))
            break
        stats["supports"] += 1
        if _conditionally_dominated(U, shape, S):
            stats["pruned"] += 1
            continue
        nv = sum(len(s) - 1 for s in S)
        if nv >= RELAXATION_MIN_UNKNOWNS and relaxation_infeasible(U, shape, S):
            stats["relaxation"] += 1
            continue
        stats["systems"] += 1
        eqs, nv, xprobs, xvalues = _system(U, shape, S)
        polys = [{tuple(m[:nv]): Fraction(int(c)) for m, c in e.to_dict().items()}
                 for e in eqs if not e.is_zero()]
        try:
            sol = budget.solve(polys, nv)
            comp = _component(S, nv, sol, xprobs, xvalues, shape, budget.solve) \
                if sol.kind == "positive" else None
        except _Stopped:
            stats["undecided"] = 1
            stats["unexamined"] = len(supports) - k - 1
            stats["note"] = _stop_note(budget.seconds, tuple(tuple(s) for s in S), nv,
                                       len(supports) - k - 1, len(supports))
            break
        if comp is not None:
            if comp.nonempty is not False:
                comps.append(comp)
            continue
        for pt in sol.points:
            cand = _candidate(U, shape, S, pt)
            if cand is not None:
                stats["verified"] += 1
                found.append(cand)
    profiles, payoffs, seen = [], [], set()
    for probs, values in found:
        sigma = _trusted([[_exact(p) for p in row] for row in probs])
        _FIELD[sigma] = probs
        profiles.append(sigma)
        payoffs.append(tuple(_exact(v * Fraction(1, d)) for v, d in zip(values, dens)))
        seen.add(sigma)
    out_comps = []
    for c in comps:
        verts = []
        for probs in c.vertices:
            sigma = _trusted([[_exact(x) for x in row] for row in probs])
            verts.append(sigma)
            if sigma in seen:
                continue
            values = _closed_check(U, shape, probs)   # a point of the closure is an NE
            if values is None:
                raise AssertionError("component point is not an equilibrium")  # pragma: no cover
            stats["verified"] += 1
            _FIELD[sigma] = probs
            seen.add(sigma)
            profiles.append(sigma)
            payoffs.append(tuple(_exact(v * Fraction(1, d)) for v, d in zip(values, dens)))
        sample = c.sample
        if sample is not None:
            if _closed_check(U, shape, sample) is None:
                raise AssertionError("component sample is not an equilibrium")  # pragma: no cover
            probs, sample = sample, _trusted([[_exact(x) for x in row] for row in sample])
            _FIELD[sample] = probs
        out_comps.append(NashComponent(**{**c.__dict__, "vertices": tuple(verts),
                                          "sample": sample}))
    order = sorted(range(len(profiles)),
                   key=lambda k: tuple(-float(x) for s in profiles[k].strategies for x in s))
    complete = all(c.nonempty is not None for c in out_comps) and stats["note"] is None
    return ([profiles[k] for k in order], [payoffs[k] for k in order], out_comps, complete,
            stats)


# -- exact welfare comparisons across equilibria ------------------------------------------------
def _field_welfare(game: Game, sigma: MixedProfile):
    probs = _FIELD[sigma]
    total = Fraction(0)
    for i, ex in enumerate(game.exact_arrays()):
        U = {i: ex.num}
        for p, b in zip(probs[i], range(game.shape[i])):
            if p != 0:
                d = _dense_value(U, i, b, probs) * Fraction(1, ex.den)
                term = d * p if isinstance(d, RealAlgebraic) else p * d
                total = term + total if isinstance(term, RealAlgebraic) else total + term
    return total


def _enclosure(v, width: Fraction):
    return v.enclosure(width) if isinstance(v, RealAlgebraic) else (v, v)


def _compare(a, b) -> int:
    """The exact sign of ``a - b`` for values in possibly different number fields: equal
    canonical forms (rational, radical, CRootOf of the minimal polynomial) mean equal values;
    otherwise the enclosures are refined until they separate."""
    if not isinstance(a, RealAlgebraic) and not isinstance(b, RealAlgebraic):
        return (a > b) - (a < b)
    if _exact(a) == _exact(b):
        return 0
    width = Fraction(1, 2 ** 20)
    while width > Fraction(1, 2 ** 4096):        # distinct algebraic numbers separate
        la, ha = _enclosure(a, width)
        lb, hb = _enclosure(b, width)
        if ha < lb:
            return -1
        if hb < la:
            return 1
        width /= 2 ** 16
    raise UndecidableError(sympy.Eq(_exact(a), _exact(b)),  # pragma: no cover
                           "an exact welfare comparison")


def welfare_range(game: Game, profiles) -> tuple:
    """The least and the greatest utilitarian welfare over equilibria found by the
    enumeration, compared exactly (sympy numbers)."""
    ws = [_field_welfare(game, s) for s in profiles]
    lo = hi = ws[0]
    for w in ws[1:]:
        if _compare(w, lo) < 0:
            lo = w
        if _compare(w, hi) > 0:
            hi = w
    return _exact(lo), _exact(hi)


def welfare_extremisers(game: Game, profiles, *, best: bool) -> tuple:
    """The profiles (found by the enumeration) of greatest (``best``) or least welfare,
    compared exactly."""
    ws = [_field_welfare(game, s) for s in profiles]
    target = ws[0]
    for w in ws[1:]:
        c = _compare(w, target)
        if (c > 0) if best else (c < 0):
            target = w
    return tuple(s for s, w in zip(profiles, ws) if _compare(w, target) == 0)
