"""Tests for symalign.localized: localized global metrics and localizing sets (spec §7)."""

import itertools

import pytest
from hypothesis import given, settings, strategies as st
from sympy import Rational as R

from symalign import games as G
from symalign.core.errors import InvalidGameError, UndefinedMetricError
from symalign.normalform.localized_metrics import LocalizedInterval, localized, localizing_set
from symalign.core.profiles import CorrelatedProfile, MixedProfile


@pytest.mark.parametrize("make, pure, mixed", [
    (G.prisoners_dilemma, 2, 2),
    (G.battle_of_the_sexes, 3, R(4, 3)),
    (G.stag_hunt, 4, R(19, 5)),
    (G.coordination, 2, R(4, 3)),
    (G.chicken, 9, 9),
])
def test_welfare_at_worst_ne(make, pure, mixed):
    """§7: W∘worst NE, pure and mixed class."""
    assert localized("welfare", make(), "worst-ne", kind="pure") == pure
    assert localized("welfare", make(), "worst-ne", kind="mixed") == mixed


def test_welfare_at_best_ce():
    """§7: W∘best CE: Chicken 21/2, BoS 3; and the best CE of Chicken is the single vertex
    (1/2, 1/4, 1/4, 0), the worst CE (0, 2/5, 2/5, 1/5) with welfare 36/5 (§11)."""
    assert localized("welfare", G.chicken(), "best-ce") == R(21, 2)
    assert localized("welfare", G.battle_of_the_sexes(), "best-ce") == 3
    best = localizing_set(G.chicken(), "best-ce")
    assert best.profiles == (CorrelatedProfile([["1/2", "1/4"], ["1/4", 0]]),) and best.finite
    worst = localizing_set(G.chicken(), "worst-ce")
    assert worst.profiles == (CorrelatedProfile([[0, "2/5"], ["2/5", "1/5"]]),)
    assert localized("welfare", G.chicken(), "worst-ce") == R(36, 5)


def test_covariance_at_mixed_maxmin():
    """§7: Cov∘mixed maxmin: MP -1 (both X_i are {(1/2, 1/2)}); PD 0 (X_i = {D})."""
    assert localized("covariance", G.matching_pennies(), "mixed-maxmin") == -1
    assert localized("covariance", G.prisoners_dilemma(), "mixed-maxmin") == 0


def test_kosoy_at_ne_undefined():
    """§7: Kosoy∘NE in MP is undefined (mixed class: j cannot affect i at the NE; pure class:
    no pure NE)."""
    with pytest.raises(UndefinedMetricError, match="cannot affect"):
        localized("kosoy", G.matching_pennies(), "worst-ne", kind="mixed", j=1, i=0)
    with pytest.raises(UndefinedMetricError, match="no pure Nash"):
        localized("kosoy", G.matching_pennies(), "worst-ne", kind="pure", j=1, i=0)


def test_moss_at_welfare_argmax():
    """§7: Moss∘welfare argmax: PD 1/2 (only (C, C)); MP 0 (every cell, all 0)."""
    assert localized("moss", G.prisoners_dilemma(), "welfare") == R(1, 2)
    assert localized("moss", G.matching_pennies(), "welfare") == 0


def test_interval_never_a_chosen_element():
    """§7 rule: BoS pure maxmin is all four cells (every action guarantees 0), with welfare
    3, 0, 0, 3: the interval [0, 3] is returned, not one element."""
    r = localized("welfare", G.battle_of_the_sexes(), "pure-maxmin")
    assert isinstance(r, LocalizedInterval)
    assert (r.lower, r.upper, r.n_profiles, r.extreme_points_only) == (0, 3, 4, False)


def test_nonlinear_metric_on_a_polytope_says_extreme_points_only():
    """BoS best CE: the optimal face is conv{(A,A), (B,B)}; Cov is 0 at both vertices but
    positive inside (at 1/2 (A,A) + 1/2 (B,B): u_0 in {2, 1}, u_1 in {1, 2}, Cov = -1/4), so the
    result must say it only evaluated extreme points."""
    r = localized("covariance", G.battle_of_the_sexes(), "best-ce")
    assert isinstance(r, LocalizedInterval)
    assert (r.lower, r.upper, r.n_profiles, r.extreme_points_only) == (0, 0, 2, True)


def test_mixed_maxmin_vertices():
    """BoS: X_0 = {(1/3, 2/3)}, X_1 = {(2/3, 1/3)} (§5); a game where player 0's maxmin set is
    a segment: u_0 = [[1, 1], [1, 1], [0, 2]] guarantees 1 with any mix of rows 0 and 1, and
    row 2 alone guarantees 0, so X_0 has vertices (1, 0, 0) and (0, 1, 0); player 1's payoff is
    constant, so X_1 is the whole simplex, vertices (1, 0) and (0, 1): 4 products."""
    from symalign.core.game import Game
    L = localizing_set(G.battle_of_the_sexes(), "mixed-maxmin")
    assert L.profiles == (MixedProfile([["1/3", "2/3"], ["2/3", "1/3"]]),) and L.finite
    g = Game.from_arrays([[1, 1], [1, 1], [0, 2]], [[0, 0], [0, 0], [0, 0]])
    L = localizing_set(g, "mixed-maxmin")
    assert sorted((p.strategies[0], p.strategies[1]) for p in L.profiles) == [
        ((0, 1, 0), (0, 1)), ((0, 1, 0), (1, 0)), ((1, 0, 0), (0, 1)), ((1, 0, 0), (1, 0))]
    assert not L.finite


def test_callable_metric_and_errors():
    """A callable metric (expected payoff of player 0) and the refusal of unknown names."""
    from symalign.core.profiles import expected_payoff
    val = localized(lambda g, p: expected_payoff(g, 0, p), G.chicken(), "best-ce", linear=True)
    assert val == R(21, 4)
    with pytest.raises(InvalidGameError):
        localized("nope", G.chicken(), "best-ce")
    with pytest.raises(InvalidGameError):
        localizing_set(G.chicken(), "median-ne")


def _ce_lp_value(g, coarse, objective):
    correlated = pytest.importorskip("symalign.normalform.correlated")
    return correlated.correlated_equilibrium(g, objective=objective, coarse=coarse).value


@settings(max_examples=15)
@given(st.integers(0, 10**6), st.booleans())
def test_ce_vertices_against_correlated_lp(seed, coarse):
    """The exact vertex enumeration of the CE (CCE) polytope gives the same best and worst
    welfare as the verified LP of symalign.normalform.correlated (independent implementations); every
    vertex satisfies the CE constraints exactly."""
    g = G.random_game((2, 2), seed=seed, low=-3, high=6)
    best = localized("welfare", g, "best-ce", coarse=coarse)
    worst = localized("welfare", g, "worst-ce", coarse=coarse)
    U = g.sympy_array()
    for prof in localizing_set(g, "best-ce", coarse=coarse).profiles:
        mu = prof.probabilities
        for i in range(2):
            for b in range(2):
                if coarse:
                    gain = sum(mu[a] * (U[(i, *a)] - U[(i, *(a[:i] + (b,) + a[i + 1:]))])
                               for a in itertools.product(range(2), repeat=2))
                    assert gain >= 0
                else:
                    for ai in range(2):
                        gain = sum(mu[a] * (U[(i, *a)] - U[(i, *(a[:i] + (b,) + a[i + 1:]))])
                                   for a in itertools.product(range(2), repeat=2) if a[i] == ai)
                        assert gain >= 0
    assert best == _ce_lp_value(g, coarse, "max")
    assert worst == _ce_lp_value(g, coarse, "min")
