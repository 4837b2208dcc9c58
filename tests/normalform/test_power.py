"""Tests for symalign.power: POWER, NashConv, the shortfall decomposition and Bayesian games (§13-§14)."""

import itertools

import numpy as np
import pytest
import sympy
from hypothesis import given, settings, strategies as st
from sympy import Rational as R

from symalign import games as G
from symalign.normalform.ca import alignment_gap, coordination_gap, utopia_welfare, welfare
from symalign.normalform.power import (BayesianGame, best_case_power, nashconv, power, power_shortfall,
                            powers)


def _dist(k):
    return st.lists(st.integers(0, 6), min_size=k, max_size=k).filter(lambda v: sum(v) > 0).map(
        lambda v: [R(x, sum(v)) for x in v])


def _profile(shape):
    return st.tuples(*[_dist(k) for k in shape]).map(list)


MP_NE = [["1/2", "1/2"], ["1/2", "1/2"]]
BOS_NE = [["2/3", "1/3"], ["1/3", "2/3"]]


@pytest.mark.parametrize("game, profile, pw, W, nc, shortfall, ag, cg", [
    (G.prisoners_dilemma(), ("D", "D"), (1, 1), 2, 0, 4, 2, 2),
    (G.prisoners_dilemma(), ("C", "C"), (3, 3), 4, 2, 0, 2, 0),
    (G.matching_pennies(), MP_NE, (0, 0), 0, 0, 2, 2, 0),
    (G.matching_pennies(), [[1, 0], ["1/2", "1/2"]], (0, 1), 0, 1, 1, 2, 0),
    (G.battle_of_the_sexes(), BOS_NE, (R(2, 3), R(2, 3)), R(4, 3), 0, R(8, 3), 1, R(5, 3)),
    (G.coordination(), ("B", "B"), (1, 1), 2, 0, 2, 0, 2),
    (G.stag_hunt(), ("F", "F"), (2, 2), 4, 0, 16, 0, 16),
])
def test_power_table(game, profile, pw, W, nc, shortfall, ag, cg):
    """§14 test-vector table (complete information)."""
    d = power_shortfall(game, profile)
    assert d.power == pw
    assert powers(game, profile) == pw
    assert (d.welfare, d.nashconv, d.shortfall, d.alignment_gap, d.coordination_gap) == (
        W, nc, shortfall, ag, cg)


def test_nashconv_vectors():
    """§13: PD(+) (C,C) 2, (C,D) 1, (D,D) 0; MP at sigma_0 = H, sigma_1 uniform: 1."""
    pd = G.prisoners_dilemma()
    assert [nashconv(pd, a) for a in [("C", "C"), ("C", "D"), ("D", "D")]] == [2, 1, 0]
    assert nashconv(G.matching_pennies(), [[1, 0], ["1/2", "1/2"]]) == 1


def test_common_payoff_conjecture_fails_at_inefficient_ne():
    """§14.4: in the coordination game at (B, B), sum POWER = 2 while sum best-case POWER = 4;
    at the efficient NE (A, A) they agree."""
    g = G.coordination()
    assert sum(powers(g, ("B", "B"))) == 2
    assert sum(best_case_power(g, i) for i in range(2)) == 4 == utopia_welfare(g)
    assert sum(powers(g, ("A", "A"))) == 4


def test_symbolic_probability():
    """PD(+) with the column player cooperating with probability q: u_0(C, .) = 2q,
    u_0(D, .) = 3q + (1 - q) = 1 + 2q, so POWER_0 = 1 + 2q for every q (D dominates)."""
    q = sympy.Symbol("q", nonnegative=True)
    g = G.prisoners_dilemma().assuming(q <= 1)
    assert sympy.expand(power(g, 0, [[1, 0], [q, 1 - q]]) - (1 + 2 * q)) == 0


@settings(max_examples=40)
@given(st.sampled_from([(2, 2), (2, 3), (3, 3), (2, 2, 2), (3, 2, 2)]).flatmap(
    lambda s: st.tuples(st.just(s), st.integers(0, 10**6), _profile(s))))
def test_power_welfare_identity(args):
    """§14.4, exactly on every game: sum_i POWER_i = W + NashConv and
    U* - sum POWER = AG + CG - NashConv; NashConv >= 0."""
    shape, seed, prof = args
    g = G.random_game(shape, seed=seed, denominator=3)
    d = power_shortfall(g, prof)
    assert d.total_power == welfare(g, prof) + nashconv(g, prof)
    assert d.shortfall == alignment_gap(g) + coordination_gap(g, prof) - d.nashconv
    assert d.nashconv >= 0


def _brute_pure_ne(g):
    U = g.sympy_array()
    n = g.n_players
    return [a for a in g.outcomes()
            if all(U[(i, *a)] >= U[(i, *(a[:i] + (b,) + a[i + 1:]))]
                   for i in range(n) for b in range(g.shape[i]))]


@settings(max_examples=40)
@given(st.sampled_from([(2, 2), (3, 3), (2, 2, 2)]), st.integers(0, 10**6),
       st.integers(-5, 5))
def test_constant_sum_theorem(shape, seed, c):
    """§14.3 (complete information): in a constant-sum game with W = c, sum POWER >= c at every
    pure profile, with equality exactly at the (brute-force) pure Nash equilibria."""
    g = G.random_constant_sum_game(shape, seed=seed, constant=c)
    ne = set(_brute_pure_ne(g))
    for a in g.outcomes():
        total = sum(powers(g, a))
        assert total >= c
        assert (total == c) == (a in ne)


def test_constant_sum_theorem_mixed():
    """MP (zero-sum): sum POWER = 0 at the mixed NE and > 0 elsewhere, e.g. 1 at (H, uniform)."""
    mp = G.matching_pennies()
    assert sum(powers(mp, MP_NE)) == 0
    assert sum(powers(mp, [[1, 0], ["1/2", "1/2"]])) == 1


# -- Bayesian ---------------------------------------------------------------------------------

def _test_vector_game():
    return BayesianGame(prior=[["1/3"], ["2/3"]],
                        rewards=[[[[1, 0], [0, 1]], [[0, 1], [1, 0]]], [[[1, 0], [0, 2]]]])


def test_bayesian_test_vector():
    """§14 Bayesian test vector: POWER (1/2, 4/3), W 4/3, NashConv contributions (0, 1/2),
    sum POWER 11/6, OPT_B 7/3, sum best-case POWER 3, shortfall 7/6 = 2/3 + 1 - 1/2."""
    g = _test_vector_game()
    s = [[0, 1], [["1/2", "1/2"]]]     # type 0 plays 0, type 1 plays 1 (pure by index)
    d = g.power_shortfall(s)
    assert d.power == (R(1, 2), R(4, 3))
    assert d.welfare == R(4, 3)
    assert d.nashconv_contributions == (0, R(1, 2))
    assert d.total_power == R(11, 6)
    assert d.opt == R(7, 3)
    assert d.best_case_total == 3
    assert d.shortfall == R(7, 6) == (d.best_case_total - d.opt) + (d.opt - d.welfare) - d.nashconv


def test_bayesian_from_game_matches_complete_information():
    """One type per player: the Bayesian quantities are the complete-information ones."""
    g = G.battle_of_the_sexes()
    b = BayesianGame.from_game(g)
    s = [[BOS_NE[0]], [BOS_NE[1]]]
    assert b.powers(s) == powers(g, BOS_NE)
    assert b.nashconv(s) == 0
    assert b.welfare(s) == R(4, 3)
    assert b.max_welfare() == 3


@settings(max_examples=30)
@given(st.integers(0, 10**6), st.tuples(_dist(2), _dist(2), _dist(3)))
def test_bayesian_identity(seed, strat):
    """§14.4 Bayesian version, exactly: sum_i POWER_i = E welfare + NashConv_B, and the shortfall
    decomposes as (best-case total - OPT_B) + (OPT_B - W) - NashConv_B with both brackets >= 0.
    Player 0 has two types, player 1 has one, on a 2x3 game."""
    rng = np.random.default_rng(seed)
    w = rng.integers(0, 4, size=(2, 1))
    w[0, 0] += 1
    prior = [[R(int(x), int(w.sum()))] for x in w[:, 0]]
    r0 = rng.integers(-4, 5, size=(2, 2, 3)).tolist()
    r1 = rng.integers(-4, 5, size=(1, 2, 3)).tolist()
    g = BayesianGame(prior, [r0, r1])
    s = [[strat[0], strat[1]], [strat[2]]]
    d = g.power_shortfall(s)
    assert d.total_power == d.welfare + d.nashconv
    assert all(x >= 0 for x in d.nashconv_contributions)
    assert d.best_case_total >= d.opt >= d.welfare


@settings(max_examples=30)
@given(st.integers(0, 10**6), st.integers(-3, 3))
def test_bayesian_constant_sum_theorem_almost_surely(seed, c):
    """§14.3, almost-sure version: player 0 has types {0, 1}, player 1 types {0, 1}, and the
    prior puts mass only on (0, 0) and (1, 1). Rewards are random except that r_1(t, a) =
    c - r_0(t, a) on the support, so sum r = c Omega-a.s. (not for every type profile). Then
    sum POWER >= c at every type-contingent pure profile, with equality iff NashConv_B = 0,
    checked against a brute-force Bayesian-NE test."""
    rng = np.random.default_rng(seed)
    r0 = rng.integers(-4, 5, size=(2, 2, 2))
    r1 = (c - r0).astype(object)
    prior = [["1/3", 0], [0, "2/3"]]
    g = BayesianGame(prior, [r0.tolist(), r1.tolist()])
    assert g.constant_sum() == c
    for s0 in itertools.product(range(2), repeat=2):
        for s1 in itertools.product(range(2), repeat=2):
            s = [list(s0), list(s1)]
            total = sum(g.powers(s))
            assert total >= c
            # brute-force Bayesian NE: types are perfectly correlated, so type t faces type t
            is_ne = all(r0[t, s0[t], s1[t]] >= r0[t, b, s1[t]] for t in range(2) for b in range(2)) \
                and all(r1[t, s0[t], s1[t]] >= r1[t, s0[t], b] for t in range(2) for b in range(2))
            assert (total == c) == is_ne == (g.nashconv(s) == 0)


@settings(max_examples=25)
@given(st.sampled_from([(2, 2), (2, 3), (2, 2, 2)]).flatmap(
    lambda s: st.tuples(st.just(s), st.integers(0, 10**6), _profile(s))))
def test_nashconv_matches_equilibria_module(args):
    """symalign.normalform.power.nashconv agrees with symalign.normalform.equilibria.nashconv (separate code paths)."""
    equilibria = pytest.importorskip("symalign.normalform.equilibria")
    shape, seed, prof = args
    g = G.random_game(shape, seed=seed, denominator=2)
    assert nashconv(g, prof) == equilibria.nashconv(g, prof)
