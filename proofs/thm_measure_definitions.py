r"""Every public measure equals its definition, evaluated independently from the raw payoffs.

.. math::

    \nu(u)=\frac{u-c(u)\mathbf 1}{m(u-c(u)\mathbf 1)},\ \ \max\nu-\min\nu\le K_m;\quad
    r_i=\frac{\hat m_i}{m_i};\quad \mathrm{OPT}_B=\max_{s(\cdot)}\mathbb E_t\,W(t,s(t));\quad
    \mathrm{coco}=\bigl(\max\tfrac{A+B}2+\mathrm{val}\tfrac{A-B}2,\ \dots\bigr).

Sources: Gleave et al. (2021), EPIC, and Skalse et al. (2024), STARC (standardisations and their
constants); Sourbut, Hammond & Wood (2024) (calibration, total misalignment, collective
alignment); Stavrianos & Turner (2021) (the C-A report, POWER); Aumann (1974) (correlated
equilibrium); Kalai & Kalai (2013) (the coco value); Nash (1950) (transferable-utility
bargaining).

Method: exhaustive over named instances; each expected value is computed in this module from
the raw payoffs with plain `Fraction` arithmetic, or with sympy radicals for standardised
vectors (compared exactly by `proofs._exact`), sharing no code with the library:

1. every standardisation the library offers (EPIC, MAX, mean or mid-range shift with the L1,
   L2 or L-infinity norm, ``mean_under(D)``): shift, magnitude and standardised vector of every
   vector in {0,1,2}^N (N = 2, 3) and two symbolic vectors; ``K_m`` bounds the range of every
   standardised vector and is attained (the uniform ones), ``K_d = 1/kappa`` (``1/(kappa
   sqrt(D_min))`` under ``D``) and ``d_max = 2 kappa``; the distance is ``kappa m(nu - nu')``;
2. the delegation measures (calibration ratios, aggregate ratio, total misalignment,
   individual and weighted collective alignment) on small delegation games, with and without
   welfare weights; Form C and Prop B apply exactly to the standardisations whose norm
   dominates the L-infinity norm;
3. the C-A report (welfare, OPT, U*, both gaps and alpha, weighted and not) at every pure
   profile, and POWER's shortfall decomposition at every pure profile and the uniform one;
4. the (coarse) correlated-equilibrium test at every point mass and the uniform distribution;
   Pareto dominance on every pair of vectors in {0,1,2}^2 and {0,1}^3;
5. the transferable-utility Nash bargaining solution (weighted and not) against its optimality
   condition; the coco value against ``max (A+B)/2`` and the zero-sum value of ``(A-B)/2``
   from an independent enumeration of equilibria;
6. Bayesian OPT_B by enumerating every type-contingent pure plan, and best-case Bayesian POWER;
7. the LP engine's exact primal and dual feasibility checks agree with feasibility by the
   definition on every integer candidate in a box, for three small LPs;
8. pure maxmin strategies (every maximiser of the worst payoff), mixed maxmin strategies of a
   two-action player (the endpoints of the optimal interval) and the convex frontier's
   vertices (extreme points: none between two others).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import sympy

import symalign as sa
from symalign.delegation import DelegationGame
from symalign.delegation import alignment as al
from symalign.delegation import bounds as bd
from symalign.delegation import standardisation as st
from symalign.normalform.pareto import dominates
from symalign.normalform.power import BayesianGame
from symalign.proving.claims import exhaustive
from symalign.proving.theorems import theorem

from . import _independent as ind
from ._bound_checks import library_standardisation
from ._exact import same, sign
from ._formulas import D3, HALF, K_M_BY_NORM, constants, scheme_norm, standardise_by
from ._formulas import SCHEMES as _SCHEMES
from ._support import fraction, table, test_games

# -- 1. standardisations -----------------------------------------------------------------------

#: every standardisation symalign offers (`proofs._formulas.SCHEMES`), with a coverage
#: distribution on three outcomes for the vectors of length 3
SCHEMES = _SCHEMES[:-1] + (("mean_under(D)", "mean", "L2", HALF, D3),)
_standardise = standardise_by
_norm = scheme_norm


def _library(scheme):
    return library_standardisation(scheme)


def _vectors(scheme):
    n = (3,) if scheme[4] is not None else (2, 3)
    return [list(v) for k in n for v in itertools.product((0, 1, 2), repeat=k)]


def _std_item(item) -> bool:
    scheme, u = item
    lib = st.standardise(u, _library(scheme))
    c, m, nu = _standardise(u, scheme)
    return (same(lib.shift, c) and same(lib.magnitude, m)
            and all(same(a, b) for a, b in zip(lib.vector, nu)))


def _constants(scheme) -> bool:
    """``K_m`` bounds every range and is attained on the grid (uniform schemes), K_d, d_max."""
    name, _, norm, kappa, D = scheme
    S = _library(scheme)
    ranges = []
    for u in _vectors(scheme):
        _, _, nu = _standardise(u, scheme)
        ranges.append(sympy.Max(*nu) - sympy.Min(*nu))
    K_m, K_d = constants(scheme)
    # the grid need not reach the D-weighted bound; validity is checked for every scheme
    attained = D is not None or any(same(r, K_M_BY_NORM[norm]) for r in ranges)
    return (same(S.K_m, K_m) and same(S.K_d, K_d) and same(S.d_max, 2 * kappa)
            and all(sign(K_m - r) >= 0 for r in ranges) and attained)


def _distance(item) -> bool:
    scheme, u, v = item
    _, _, norm, kappa, D = scheme
    nu, nv = _standardise(u, scheme)[2], _standardise(v, scheme)[2]
    want = kappa * _norm([sympy.expand(a - b) for a, b in zip(nu, nv)], scheme)
    return same(al.alignment_distance(u, v, _library(scheme)), want)


def _distance_items():
    x = sympy.Symbol("x", positive=True)
    out = [(SCHEMES[0], [x, 0, 0], [0, x, 0]), (SCHEMES[0], [x, 2 * x, 0], [0, x, 3 * x])]
    for scheme in SCHEMES:
        vs = [u for u in _vectors(scheme) if len(u) == 3 and len(set(u)) > 1][::5]
        out += [(scheme, u, v) for u, v in itertools.combinations(vs, 2)]
    return out


# -- 2. delegation measures --------------------------------------------------------------------

def _dgs():
    base = [DelegationGame.from_arrays([[[3, 0], [1, 2]], [[1, 2], [0, 3]]],
                                       [[[2, 0], [2, 1]], [[0, 3], [1, 1]]]),
            DelegationGame(sa.Game([-u for u in sa.games.stag_hunt().sympy_array()]),
                           sa.games.stag_hunt()),
            DelegationGame(sa.games.prisoners_dilemma(), sa.games.battle_of_the_sexes())]
    for seed in range(3):
        base.append(DelegationGame(sa.games.random_game((2, 2), 70 + seed, low=-3, high=3),
                                   sa.games.random_game((2, 2), 90 + seed, low=-3, high=3)))
    out = []
    for dg in base:
        out.append(dg)
        out.append(DelegationGame(dg.agents, dg.principals, weights=[2, 1]))
    return out


def _group(game):
    arr = game.sympy_array()
    outs = list(itertools.product(*(range(k) for k in game.shape)))
    return [_standardise([arr[i][a] for a in outs], SCHEMES[0])
            for i in range(game.n_players)]


def _ca(mags, nus):
    total = sympy.Add(*mags)
    mu = [sympy.Add(*(m * v[k] for m, v in zip(mags, nus))) / total for k in range(len(nus[0]))]
    return 1 - sympy.Add(*(m / total * sympy.sqrt(sympy.Add(*((a - b) ** 2
                                                               for a, b in zip(v, mu))))
                           for m, v in zip(mags, nus)))


def _measures(dg) -> bool:
    A, P = _group(dg.agents), _group(dg.principals)
    f = [sympy.sympify(x) for x in (dg.weights or (1,) * dg.n)]
    m, mh = [a[1] for a in A], [p[1] for p in P]
    d = [sympy.sqrt(sympy.Add(*((x - y) ** 2 for x, y in zip(p[2], a[2])))) / 2
         for a, p in zip(A, P)]
    ok = all(same(r, b / a) for r, a, b in zip(al.calibration_ratios(dg), m, mh))
    ok = ok and same(al.aggregate_ratio(dg), sympy.Add(*mh) / sympy.Add(*m))
    ok = ok and same(al.total_misalignment(dg), sympy.Add(*(b * x for b, x in zip(mh, d))))
    ok = ok and all(same(al.individual_alignment(dg, i), 1 - d[i]) for i in range(dg.n))
    for group, mags, nus in (("agents", m, [a[2] for a in A]),
                             ("principals", mh, [p[2] for p in P])):
        ok = ok and same(al.collective_alignment(dg, group),
                         _ca([fi * x for fi, x in zip(f, mags)], nus))
    return ok


def _bounds_apply(scheme) -> bool:
    """Form C and Prop B need a norm that dominates L-infinity: not L2(D)."""
    dg = _dgs()[0]
    S = _library(scheme)
    expect = scheme[4] is None
    return (bd.form_c(dg, (0, 0), standardisation=S).holds_hypotheses is expect
            and bd.prop_b(dg, standardisation=S).holds_hypotheses is expect)


# -- 3. the C-A report and POWER's decomposition ------------------------------------------------

def _weights_for(g):
    return [None, [2] + [1] * (g.n_players - 1)]


def _ca_items():
    for key, g in test_games(2):
        for w in _weights_for(g):
            yield key, g, w


def _ca_report(item) -> bool:
    _, g, w = item
    U, shape = table(g)
    lam = [Fraction(1)] * len(shape) if w is None else [Fraction(x) for x in w]
    W = {a: sum((l * U[i][a] for i, l in enumerate(lam)), Fraction(0))
         for a in ind.outcomes(shape)}
    opt = max(W.values())
    ustar = sum((l * max(U[i].values()) for i, l in enumerate(lam)), Fraction(0))
    for a in ind.outcomes(shape):
        r = sa.ca_inequalities(g, a, weights=w)
        got = [fraction(x) for x in (r.welfare, r.max_welfare, r.utopia_welfare,
                                     r.coordination_gap, r.alignment_gap, r.alpha)]
        if got != [W[a], opt, ustar, opt - W[a], ustar - opt, opt - ustar]:
            return False
    return fraction(sa.alpha(g, weights=w)) == opt - ustar


def _shortfall(item) -> bool:
    _, g = item
    U, shape = table(g)
    n = len(shape)
    profiles = [[[Fraction(int(k == a[i])) for k in range(shape[i])] for i in range(n)]
                for a in ind.outcomes(shape)]
    profiles.append([[Fraction(1, k)] * k for k in shape])
    W = {a: sum((U[i][a] for i in range(n)), Fraction(0)) for a in ind.outcomes(shape)}
    ustar = sum((max(U[i].values()) for i in range(n)), Fraction(0))
    opt = max(W.values())
    for prof in profiles:
        r = sa.power_shortfall(g, [[str(p) for p in s] for s in prof])
        pw = [ind.power(U, shape, i, prof) for i in range(n)]
        own = [ind.expected(U[i], shape, prof) for i in range(n)]
        w = sum(own, Fraction(0))
        want = (tuple(pw), sum(pw, Fraction(0)), ustar, w, sum(pw, Fraction(0)) - w,
                ustar - sum(pw, Fraction(0)), ustar - opt, opt - w)
        got = (tuple(fraction(x) for x in r.power), fraction(r.total_power),
               fraction(r.utopia_welfare), fraction(r.welfare), fraction(r.nashconv),
               fraction(r.shortfall), fraction(r.alignment_gap), fraction(r.coordination_gap))
        if got != want:
            return False
    return True


# -- 4. correlated equilibria and dominance ------------------------------------------------------

def _ce_test(item) -> bool:
    _, g = item
    U, shape = table(g)
    outs = list(ind.outcomes(shape))
    dists = [{b: Fraction(int(b == a)) for b in outs} for a in outs]
    dists.append({b: Fraction(1, len(outs)) for b in outs})
    for mu in dists:
        probs = sympy.MutableDenseNDimArray.zeros(*shape)
        for a, p in mu.items():
            probs[a] = sympy.Rational(p.numerator, p.denominator)
        prof = sa.CorrelatedProfile(probs.tolist())
        for coarse in (False, True):
            if (sa.is_correlated_equilibrium(g, prof, coarse=coarse)
                    != ind.is_correlated_equilibrium(U, shape, mu, coarse)):
                return False
    return True


def _dominance(pair) -> bool:
    y, x = pair
    return dominates(y, x) == ind.dominates(y, x)


def _pairs():
    for k, vals in ((2, (0, 1, 2)), (3, (0, 1))):
        vs = list(itertools.product(vals, repeat=k))
        yield from itertools.product(vs, vs)


# -- 5. bargaining -------------------------------------------------------------------------------

def _tu_items():
    for key, g in test_games(2):
        if g.n_players == 2:
            for w in (None, [2, 1], [1, 3]):
                yield key, g, w


def _tu(item) -> bool:
    """x maximises prod (x_i - d_i)^{w_i} on {sum x <= OPT, x >= d}: sum x = OPT, x >= d and
    (x_i - d_i) / w_i equal for every i (the optimality condition); d certified."""
    _, g, w = item
    U, shape = table(g)
    lam = [Fraction(1)] * 2 if w is None else [Fraction(x) for x in w]
    d = []
    for i in range(2):
        r = sa.security_value(g, i)
        x, punisher = r.certificate
        if not ind.check_security(U[i], shape, i, fraction(r.value), [fraction(p) for p in x],
                                  [(tuple(b), fraction(p)) for b, p in punisher]):
            return False
        d.append(fraction(r.value))
    opt = max(U[0][a] + U[1][a] for a in ind.outcomes(shape))
    try:
        s = sa.nash_bargaining_solution(g, feasible="tu", weights=w)
    except sa.UndefinedMetricError:
        return opt < sum(d)
    x = [fraction(v) for v in s.point]
    return (sum(x) == opt and all(a >= b for a, b in zip(x, d)) and list(
        fraction(v) for v in s.threat) == d and len({(a - b) / l for a, b, l in zip(x, d, lam)}) == 1)


def _coco(item) -> bool:
    _, g = item
    U, shape = table(g)
    outs = list(ind.outcomes(shape))
    coop = max((U[0][a] + U[1][a]) / 2 for a in outs)
    Z = [[(U[0][(i, j)] - U[1][(i, j)]) / 2 for j in range(shape[1])] for i in range(shape[0])]
    eqs = ind.extreme_equilibria(Z, [[-v for v in row] for row in Z])
    vals = {sum((x[i] * y[j] * Z[i][j] for i in range(shape[0]) for j in range(shape[1])),
                Fraction(0)) for x, y in eqs}
    if len(vals) != 1:
        return False
    val = vals.pop()
    c = sa.coco_value(g)
    return (tuple(fraction(v) for v in c.value) == (coop + val, coop - val)
            and fraction(c.cooperative) == coop and fraction(c.competitive) == val)


# -- 6. Bayesian games -----------------------------------------------------------------------------

def _bayes_games():
    import numpy as np
    rng = np.random.default_rng(2119)
    out = []
    for _ in range(6):
        w = rng.integers(1, 4, size=(2, 2))
        prior = [[Fraction(int(w[a, b]), int(w.sum())) for b in range(2)] for a in range(2)]
        rewards = [rng.integers(-2, 3, size=(2, 2, 2)).tolist() for _ in range(2)]
        out.append((prior, rewards))
    return out


def _bayes(item) -> bool:
    prior, rewards = item
    g = BayesianGame(prior=[[str(p) for p in row] for row in prior], rewards=rewards)
    types = list(itertools.product(range(2), range(2)))
    best = None
    plans = list(itertools.product(range(2), repeat=2))      # a plan: action per own type
    for s0, s1 in itertools.product(plans, plans):
        v = sum((prior[t[0]][t[1]] * sum(Fraction(rewards[i][t[i]][s0[t[0]]][s1[t[1]]])
                                         for i in range(2)) for t in types), Fraction(0))
        best = v if best is None or v > best else best
    bc = [sum((sum((prior[t[0]][t[1]] for t in types if t[i] == ti), Fraction(0))
               * max(Fraction(v) for row in rewards[i][ti] for v in row)
               for ti in range(2)), Fraction(0)) for i in range(2)]
    return (fraction(g.max_welfare()) == best
            and [fraction(g.best_case_power(i)) for i in range(2)] == bc)


# -- 8. security strategies and frontier vertices -------------------------------------------------

def _maxmin_strategies(item) -> bool:
    """Pure: exactly the actions whose worst payoff is the value. Mixed (a player with two
    actions): the strategies are the endpoints of the optimal interval {x : min_b u(x, b) = v}."""
    _, g = item
    U, shape = table(g)
    for i in range(2):
        opp = [b for b in range(shape[1 - i])]
        def pay(a, b):
            return U[i][(a, b) if i == 0 else (b, a)]
        worst = [min(pay(a, b) for b in opp) for a in range(shape[i])]
        pure = sa.security_value(g, i, mixed=False)
        if tuple(pure.strategies) != tuple(a for a, w in enumerate(worst) if w == max(worst)):
            return False
        if shape[i] != 2:
            continue
        mixed = sa.security_value(g, i)
        v = fraction(mixed.value)
        cands = {Fraction(0), Fraction(1)}
        for b, c in itertools.combinations(opp, 2):     # where two replies' lines cross
            den = (pay(0, b) - pay(1, b)) - (pay(0, c) - pay(1, c))
            if den != 0:
                t = (pay(1, c) - pay(1, b)) / den
                if 0 <= t <= 1:
                    cands.add(t)
        ok = sorted(t for t in cands
                    if min(t * pay(0, b) + (1 - t) * pay(1, b) for b in opp) == v)
        want = sorted({(ok[0], 1 - ok[0]), (ok[-1], 1 - ok[-1])})
        got = sorted(tuple(fraction(p) for p in s) for s in mixed.strategies)
        if got != want:
            return False
    return True


def _extreme_vertices(item) -> bool:
    """No vertex of the convex frontier (two players) lies on the segment between two others."""
    _, g = item
    V = [tuple(fraction(x) for x in v) for v in sa.convex_pareto_frontier(g).vertices]
    for p, q, r in itertools.permutations(V, 3):
        cross = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
        if cross == 0 and min(p[0], r[0]) <= q[0] <= max(p[0], r[0]) \
                and min(p[1], r[1]) <= q[1] <= max(p[1], r[1]):
            return False
    return True


# -- 7. the LP engine's exact checks ------------------------------------------------------------

def _lps():
    """Small LPs in the engine's integer form ``min c x``, rows ``A[:m_ub] x <= b``, the rest
    ``==``: (c, A, b, m_ub, free)."""
    return [([1, 1], [[1, 1]], [1], 0, [False, False]),
            ([-1, -2], [[1, 2], [3, 1], [1, 1]], [4, 6, 3], 2, [False, False]),
            ([0, 0, 1], [[-1, 0, 1], [0, -1, 1], [1, 1, 0]], [0, 0, 1], 2, [False, False, True])]


def _lp_checks(lp) -> bool:
    """`_primal_ok` and `_dual_ok` agree with feasibility by the definition on every integer
    candidate in a box (``x = X/d``, ``y = Y/d``)."""
    import numpy as np

    from symalign.engines.lp.checks import _dual_ok, _primal_ok
    from symalign.engines.lp.problem import _IntLP
    c, A, b, m_ub, free = lp
    n, m = len(c), len(b)
    P = _IntLP(list(c), np.array(A, dtype=np.int64), list(b), m_ub, np.array(free), 1, 1,
               [1] * m)
    for d in (1, 2):
        for X in itertools.product(range(-1, 3), repeat=n):
            ax = [sum(A[r][j] * X[j] for j in range(n)) for r in range(m)]
            want = (all(X[j] >= 0 for j in range(n) if not free[j])
                    and all(ax[r] <= d * b[r] for r in range(m_ub))
                    and all(ax[r] == d * b[r] for r in range(m_ub, m)))
            if _primal_ok(P, list(X), d) != want:
                return False
        for Y in itertools.product(range(-2, 2), repeat=m):
            aty = [sum(A[r][j] * Y[r] for r in range(m)) for j in range(n)]
            want = (all(Y[r] <= 0 for r in range(m_ub))
                    and all((d * c[j] - aty[j] == 0) if free[j] else (d * c[j] - aty[j] >= 0)
                            for j in range(n)))
            if _dual_ok(P, list(Y), d) != want:
                return False
    return True


@theorem(
    name="measure_definitions",
    statement=r"\text{every public measure equals its definition (standardisations, "
              r"delegation measures, C-A report, CE test, dominance, TU bargaining, coco, "
              r"Bayesian OPT)}",
    source=("Gleave et al. (2021), EPIC; Skalse et al. (2024), STARC; Sourbut, Hammond & Wood "
            "(2024); Stavrianos & Turner (2021); Aumann (1974); Kalai & Kalai (2013); "
            "Nash (1950)"),
    hypotheses=("finite games with rational payoffs",),
    scope="named instances",
    covers=("every vector in {0,1,2}^N (N = 2, 3) under the 7 standardisations; 12 delegation "
            "games (6, with and without weights); the catalogue and 2 seeded random games of "
            "each shape; every pair in {0,1,2}^2 and {0,1}^3; 6 seeded Bayesian 2x2 games with "
            "two types each; 3 small LPs"),
)
def proof():
    """Library values against definitions evaluated independently."""
    two = [(k, g) for k, g in test_games(2) if g.n_players == 2]
    return [
        exhaustive(_std_item, [(s, u) for s in SCHEMES for u in _vectors(s)],
                   name="shift, magnitude and nu by the definition",
                   description="7 standardisations x vectors in {0,1,2}^N"),
        exhaustive(_constants, SCHEMES, name="K_m bounds every range (attained), K_d, d_max",
                   description="7 standardisations"),
        exhaustive(_distance, _distance_items(), name="d = kappa m(nu - nu')",
                   description="pairs of vectors, two symbolic"),
        exhaustive(_measures, _dgs(), name="delegation measures by the definition",
                   description="6 delegation games, with and without weights [2, 1]"),
        exhaustive(_bounds_apply, SCHEMES, name="Form C and Prop B apply iff the norm "
                   "dominates L-infinity", description="7 standardisations"),
        exhaustive(_ca_report, _ca_items(), name="C-A report by the definition",
                   description="named games x (unweighted, weights [2, 1, ...])"),
        exhaustive(_shortfall, test_games(2), name="POWER shortfall decomposition",
                   description="named games x (pure profiles, uniform)"),
        exhaustive(_ce_test, test_games(2), name="CE and CCE test = the definition",
                   description="named games x (point masses, uniform)"),
        exhaustive(_dominance, _pairs(), name="Pareto dominance = the definition",
                   description="all pairs in {0,1,2}^2 and {0,1}^3"),
        exhaustive(_tu, _tu_items(), name="TU Nash bargaining: optimality condition",
                   description="two-player named games x weights"),
        exhaustive(_coco, two, name="coco value = max (A+B)/2 +- val (A-B)/2",
                   description="two-player named games"),
        exhaustive(_bayes, _bayes_games(), name="Bayesian OPT_B and best-case POWER",
                   description="6 seeded Bayesian games"),
        exhaustive(_maxmin_strategies, two + [("all ones", sa.Game.from_arrays(
            [[1, 1], [1, 1]], [[0, 0], [0, 0]]))], name="pure and mixed maxmin strategies by "
            "the definition", description="two-player named games"),
        exhaustive(_extreme_vertices, two + [("collinear", sa.Game.from_arrays(
            [[0, 1], [2, 0]], [[2, 1], [0, 0]]))], name="frontier vertices are extreme points",
            description="two-player named games, one with three collinear payoff vectors"),
        exhaustive(_lp_checks, _lps(), name="the LP engine's primal and dual checks = "
                   "feasibility by the definition", description="3 small LPs x integer boxes"),
    ]
