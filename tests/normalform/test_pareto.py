"""Tests for symalign.normalform.pareto: pure and convex-hull Pareto frontiers (spec §10)."""

import itertools

import pytest
import sympy
from hypothesis import given, settings, strategies as st
from sympy import Rational as R

from symalign import games as G
from symalign.core.errors import InvalidGameError, UndecidableError
from symalign.core.game import Game
from symalign.normalform.pareto import (convex_pareto_frontier, dominates, pareto_frontier, payoff_points)


@pytest.mark.parametrize("game, pure, hull", [
    (G.prisoners_dilemma(), [(0, 3), (2, 2), (3, 0)], [(0, 3), (2, 2), (3, 0)]),
    (G.matching_pennies(), [(-1, 1), (1, -1)], [(-1, 1), (1, -1)]),
    (G.battle_of_the_sexes(), [(1, 2), (2, 1)], [(1, 2), (2, 1)]),
    (G.chicken(), [(2, 7), (6, 6), (7, 2)], [(2, 7), (6, 6), (7, 2)]),
    (G.bargaining_test(), [(0, 2), (3, 1), (4, 0)], [(0, 2), (3, 1), (4, 0)]),
    (G.coordination(), [(2, 2)], [(2, 2)]),
    (G.stag_hunt(), [(10, 10)], [(10, 10)]),
    (G.surplus_counterexample(), [(5, 1)], [(5, 1)]),
])
def test_section_10_table(game, pure, hull):
    """§10 test vectors: pure efficient points and the convex-hull frontier's vertices (in order
    of increasing u_0); a one-vertex frontier has no edges, an n-vertex chain n - 1 edges."""
    assert [p.payoff for p in pareto_frontier(game)] == pure
    F = convex_pareto_frontier(game)
    assert list(F.vertices) == hull
    assert len(F.facets) == len(hull) - 1
    for f, (p, q) in zip(F.facets, zip(hull, hull[1:])):
        assert f.vertices == (p, q)


def test_profiles_attaining_points():
    """BoS: (2, 1) is attained at (A, A) only; the pure payoff set maps (0, 0) to both
    miscoordinated profiles."""
    bos = G.battle_of_the_sexes()
    assert pareto_frontier(bos)[1].profiles == ((0, 0),)
    assert payoff_points(bos)[(0, 0)] == ((0, 1), (1, 0))


def test_surplus_counterexample_weakly_efficient_point():
    """§10: in the Surplus cx. game (3, 1) is weakly efficient but not efficient: (5, 1)
    dominates it, but nothing is strictly larger in both coordinates."""
    g = G.surplus_counterexample()
    pts = list(payoff_points(g))
    assert dominates((5, 1), (3, 1))
    assert not any(p[0] > 3 and p[1] > 1 for p in pts)
    assert (3, 1) not in [p.payoff for p in pareto_frontier(g)]


def test_normals_are_the_implicit_welfare_weights():
    """PD(+): edge (0,3)-(2,2) has direction (2, -1), so normal (1, 2)/3 with offset
    (0 + 6)/3 = 2; edge (2,2)-(3,0): direction (1, -2), normal (2, 1)/3, offset 2. MP's whole
    segment has normal (1/2, 1/2) and offset 0 (constant-sum)."""
    F = convex_pareto_frontier(G.prisoners_dilemma())
    assert [(f.normal, f.offset) for f in F.facets] == [((R(1, 3), R(2, 3)), 2),
                                                       ((R(2, 3), R(1, 3)), 2)]
    M = convex_pareto_frontier(G.matching_pennies())
    assert [(f.normal, f.offset) for f in M.facets] == [((R(1, 2), R(1, 2)), 0)]


def test_symbolic_pure_frontier():
    """A symbolic PD with T > R > P > S (all six pairwise orders stated, so that the test does
    not depend on the prover's transitivity): the frontier is {(S,T), (R,R), (T,S)}, since
    (P,P) is dominated by (R,R) and the other three are mutually incomparable; without
    assumptions it cannot be decided."""
    T, Rr, P, S = sympy.symbols("T R P S")
    pd = G.prisoners_dilemma(T, Rr, P, S)
    with pytest.raises(UndecidableError):
        pareto_frontier(pd)
    pd = pd.assuming(T > Rr, Rr > P, P > S, T > P, T > S, Rr > S)
    pts = {p.payoff for p in pareto_frontier(pd)}
    assert pts == {(S, T), (Rr, Rr), (T, S)}
    with pytest.raises(InvalidGameError):
        convex_pareto_frontier(pd)


def _unique_maximiser(points, lam):
    vals = {p: sum(a * b for a, b in zip(lam, p)) for p in points}
    m = max(vals.values())
    best = [p for p, v in vals.items() if v == m]
    return best[0] if len(best) == 1 else None


@settings(max_examples=40)
@given(st.integers(0, 10**6), st.sampled_from([(2, 2), (2, 3), (3, 3)]))
def test_two_player_chain_properties(seed, shape):
    """Independent exact checks of the 2-player chain: (1) every facet normal is strictly
    positive, every point of P satisfies normal . p <= offset with equality at the edge's ends;
    (2) each vertex is the unique maximiser over P of a strictly positive weighting lying
    strictly inside its normal cone (the average of its adjacent edge normals, with (0, 1) and
    (1, 0) closing the chain at the ends); (3) for several positive weightings, some maximiser
    over P is a chain vertex; (4) every vertex is efficient in P."""
    g = G.random_game(shape, seed=seed, low=-4, high=4)
    P = list(payoff_points(g))
    F = convex_pareto_frontier(g)
    V = list(F.vertices)
    assert V == sorted(V) and all(a[1] > b[1] for a, b in zip(V, V[1:]))
    for f in F.facets:
        assert all(x > 0 for x in f.normal) and sum(f.normal) == 1
        assert all(sum(a * b for a, b in zip(f.normal, p)) <= f.offset for p in P)
        assert all(sum(a * b for a, b in zip(f.normal, v)) == f.offset for v in f.vertices)
    cones = [(0, 1)] + [f.normal for f in F.facets] + [(1, 0)]
    for k, v in enumerate(V):
        lam = tuple(a + b for a, b in zip(cones[k], cones[k + 1]))
        if len(V) == 1:
            lam = (1, 1)
        assert _unique_maximiser(P, lam) == v
    for lam in [(1, 1), (1, 2), (3, 1), (1, 7), (5, 2)]:
        vals = {p: lam[0] * p[0] + lam[1] * p[1] for p in P}
        m = max(vals.values())
        assert any(vals[v] == m for v in V)
    eff = {p.payoff for p in pareto_frontier(g)}
    assert set(V) <= eff


def test_three_player_frontier():
    """A 3-player game whose P is {(1,0,0), (0,1,0), (0,0,1), (0,0,0), ...}: the simplex facet
    x + y + z = 1 is the whole frontier, with normal (1/3, 1/3, 1/3)."""
    g = Game.from_function(lambda a: (1 if a == (0, 0, 0) else 0, 1 if a == (1, 0, 0) else 0,
                                      1 if a == (0, 1, 0) else 0), (2, 2, 2))
    F = convex_pareto_frontier(g)
    assert set(F.vertices) == {(1, 0, 0), (0, 1, 0), (0, 0, 1)}
    assert len(F.facets) == 1
    assert F.facets[0].normal == (R(1, 3),) * 3 and F.facets[0].offset == R(1, 3)


@settings(max_examples=10)
@given(st.integers(0, 10**6))
def test_three_player_random_properties(seed):
    """n = 3 (exact LP vertices): facets have positive normals and support conv P; every vertex
    is efficient in P; for positive weightings some maximiser over P is a vertex."""
    g = G.random_game((2, 2, 2), seed=seed, low=0, high=6)
    P = list(payoff_points(g))
    F = convex_pareto_frontier(g)
    eff = {p.payoff for p in pareto_frontier(g)}
    assert set(F.vertices) <= eff and F.vertices
    for f in F.facets:
        assert all(x > 0 for x in f.normal)
        assert all(sum(a * b for a, b in zip(f.normal, p)) <= f.offset for p in P)
    for lam in itertools.product([1, 2, 5], repeat=3):
        vals = {p: sum(a * b for a, b in zip(lam, p)) for p in P}
        m = max(vals.values())
        assert any(vals[v] == m for v in F.vertices)


def test_improvement_weights():
    """PD: (D, D) -> (C, C) is (1, 1) -> (2, 2), a Pareto improvement: every weighting gains,
    the region is the whole simplex (vertices e_0, e_1). (C, C) -> (D, C) is (2, 2) -> (3, 0):
    gain (1, -2); w_0 - 2 w_1 >= 0 with w_0 + w_1 = 1 gives w_0 >= 2/3: vertices e_0 and
    (2/3, 1/3). Three players, gain (1, -1, 0): vertices e_0, e_2 and (1/2, 1/2, 0)."""
    import symalign as sa
    pd = sa.games.prisoners_dilemma()
    r = sa.improvement_weights(pd, ("D", "D"), ("C", "C"))
    assert r.is_pareto_improvement and r.gainers == (0, 1) and set(r.vertices) == {(1, 0), (0, 1)}
    r = sa.improvement_weights(pd, ("C", "C"), ("D", "C"))
    assert not r.is_pareto_improvement and r.gain == (1, -2)
    assert set(r.vertices) == {(1, 0), (sympy.Rational(2, 3), sympy.Rational(1, 3))}
    g = sa.Game.from_function(lambda a: (a[0], -a[0], 5), (2, 1, 1))
    r = sa.improvement_weights(g, (0, 0, 0), (1, 0, 0))
    half = sympy.Rational(1, 2)
    assert set(r.vertices) == {(1, 0, 0), (0, 0, 1), (half, half, 0)}
    r = sa.improvement_weights(pd, ("C", "C"), ("C", "C"))
    assert not r.is_pareto_improvement and len(r.vertices) == 2   # no change: all weights tie
