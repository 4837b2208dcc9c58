r"""Pareto frontiers, Nash bargaining solutions and POWER satisfy their defining optimality conditions.

.. math::

    x\in\mathrm{PF}\iff\nexists y\in P:\ y\ge x,\ y\ne x;\qquad
    \mathrm{NBS}=\arg\max_{x\in\operatorname{conv}P,\ x\ge d}\ \prod_i(x_i-d_i);\qquad
    \mathrm{POWER}_i(\sigma)=\max_{a_i}u_i(a_i,\sigma_{-i}).

Source: docs/discussion/security-bargaining.rst (Pareto efficiency), Nash (1950) (Nash bargaining)
and Stavrianos & Turner (2021b) (POWER, complete and Bayesian).

Method: exhaustive, over named games; every check is made by `proofs._independent` (plain
`Fraction` arithmetic, no code shared with the library):

1. `symalign.pareto_frontier` returns exactly the undominated payoff vectors, each with every
   profile attaining it (all 2x2 games with payoffs in $\{0,1\}$; seeded 3x3 and 2x2x2 games);
2. every efficient facet of `symalign.convex_pareto_frontier` carries a supporting-hyperplane
   certificate (a strictly positive normal summing to 1, every payoff vector on one side, the
   facet's vertices on the hyperplane), and the frontier's vertices are efficient;
3. the Nash bargaining solution (convex hull, security threat point) has the threat point
   certified as the security values and the maximal Nash product over
   $\operatorname{conv}P\cap\{x\ge d\}$, found independently on every segment between payoff
   vectors; the solution lies in the hull and attains it;
4. POWER (complete information) equals the best deviation value at every pure profile and the
   uniform profile, and Bayesian POWER equals the interim definition on seeded random Bayesian
   games with two types for player 0 and random priors and strategies.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np

import symalign as sa
from symalign.normalform.pareto import convex_pareto_frontier, pareto_frontier
from symalign.normalform.power import BayesianGame, power
from symalign.normalform.security import security_value
from symalign.proving.claims import exhaustive
from symalign.proving.theorems import theorem

from . import _independent as ind
from ._support import fraction, small_games, table, test_games


def _frontier(g) -> bool:
    U, shape = table(g)
    want = {v: sorted(a) for v, a in ind.efficient_points(U, shape).items()}
    got = {tuple(fraction(x) for x in p.payoff): sorted(tuple(a) for a in p.profiles)
           for p in pareto_frontier(g)}
    return got == want


def _facets(g) -> bool:
    U, shape = table(g)
    points = list(ind.payoff_vectors(U, shape).values())
    F = convex_pareto_frontier(g)
    efficient = set(ind.efficient_points(U, shape))
    if not all(tuple(fraction(x) for x in v) in efficient for v in F.vertices):
        return False
    return all(ind.check_facet(points, [tuple(fraction(x) for x in v) for v in f.vertices],
                               [fraction(c) for c in f.normal], fraction(f.offset))
               for f in F.facets)


def _bargaining(g) -> bool:
    U, shape = table(g)
    d = []
    for i in range(2):
        r = security_value(g, i)
        x, punisher = r.certificate
        if not ind.check_security(U[i], shape, i, fraction(r.value), [fraction(p) for p in x],
                                  [(tuple(b), fraction(p)) for b, p in punisher]):
            return False
        d.append(fraction(r.value))
    best = ind.nash_product_max(list(ind.payoff_vectors(U, shape).values()), d)
    try:
        s = sa.nash_bargaining_solution(g)
    except sa.UndefinedMetricError:          # includes the degenerate case (no x > d)
        return best is None or best[0] == 0
    point = tuple(fraction(x) for x in s.point)
    return (tuple(fraction(x) for x in s.threat) == tuple(d) and best is not None
            and fraction(s.product) == best[0]
            and (point[0] - d[0]) * (point[1] - d[1]) == best[0]
            and ind.nash_product_max([point], d) is not None
            and _in_hull(point, list(ind.payoff_vectors(U, shape).values())))


def _in_hull(x, points) -> bool:
    """``x`` lies on a segment between two payoff vectors (two players)."""
    for p, q in itertools.combinations_with_replacement(set(points), 2):
        e = (q[0] - p[0], q[1] - p[1])
        if e == (0, 0):
            if x == p:
                return True
            continue
        k = 0 if e[0] != 0 else 1
        t = (x[k] - p[k]) / e[k]
        if 0 <= t <= 1 and all(p[j] + t * e[j] == x[j] for j in range(2)):
            return True
    return False


def _power(g) -> bool:
    U, shape = table(g)
    profiles = [[[Fraction(int(k == a[i])) for k in range(shape[i])] for i in range(len(shape))]
                for a in ind.outcomes(shape)]
    profiles.append([[Fraction(1, k)] * k for k in shape])
    return all(fraction(power(g, i, [[str(p) for p in s] for s in prof]))
               == ind.power(U, shape, i, prof)
               for prof in profiles for i in range(len(shape)))


def _bayesian_games(count):
    rng = np.random.default_rng(19)
    out = []
    for _ in range(count):
        w = rng.integers(1, 5, size=2)
        prior = [[Fraction(int(w[0]), int(w.sum()))], [Fraction(int(w[1]), int(w.sum()))]]
        r0 = rng.integers(-3, 4, size=(2, 2, 2)).tolist()
        r1 = rng.integers(-3, 4, size=(1, 2, 2)).tolist()
        strat = [[[Fraction(int(a), 4), 1 - Fraction(int(a), 4)] for a in rng.integers(0, 5, 2)],
                 [[Fraction(int(a), 3), 1 - Fraction(int(a), 3)] for a in rng.integers(0, 4, 1)]]
        out.append((prior, [r0, r1], strat))
    return out


def _bayesian(item) -> bool:
    prior, rewards, strat = item
    g = BayesianGame(prior=[[str(p) for p in row] for row in prior], rewards=rewards)
    P = {(t0, t1): prior[t0][t1] for t0 in range(2) for t1 in range(1)}
    R = [[{a: Fraction(rewards[i][t][a[0]][a[1]]) for a in ind.outcomes((2, 2))}
          for t in range(len(rewards[i]))] for i in range(2)]
    s = [[[str(p) for p in dist] for dist in player] for player in strat]
    return all(fraction(g.power(i, s)) == ind.bayesian_power(P, R, (2, 1), (2, 2), i, strat)
               for i in range(2))


def _two_player(games):
    return [g for _, g in games if g.n_players == 2]


@theorem(
    name="solution_optimality",
    statement=r"\mathrm{PF},\ \mathrm{NBS}\text{ and }\mathrm{POWER}\text{ satisfy their "
              r"defining optimality conditions}",
    source="Nash (1950), the bargaining problem; standard Pareto efficiency; Stavrianos & Turner, Generalizing POWER to multi-agent games (2021)",
    hypotheses=("finite games with rational payoffs",),
    scope="named instances",
    covers=("all 2x2 games with payoffs in {0,1}; the catalogue and seeded random 2x2, 2x3, "
            "3x3 and 2x2x2 games; 20 seeded Bayesian games"),
)
def proof():
    """Independent optimality checks of Pareto frontiers, bargaining solutions and POWER."""
    small = small_games((2, 2), (0, 1))
    named = [g for _, g in test_games(6)]
    return [exhaustive(_frontier, small + named, name="Pareto frontier = undominated vectors",
                       description="2x2 games in {0,1} and named games"),
            exhaustive(_facets, small + _two_player(test_games(6)),
                       name="convex frontier: facet certificates",
                       description="2x2 games in {0,1} and named two-player games"),
            exhaustive(_bargaining, _two_player(test_games(6)),
                       name="Nash bargaining: maximal Nash product over the hull",
                       description="named two-player games"),
            exhaustive(_power, named, name="POWER = best deviation value",
                       description="named games, every pure profile and the uniform one"),
            exhaustive(_bayesian, _bayesian_games(20), name="Bayesian POWER = interim definition",
                       description="20 seeded Bayesian games")]
