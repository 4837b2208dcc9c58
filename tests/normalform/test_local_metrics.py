"""Tests for symalign.normalform.local_metrics: covariance, correlation, Kosoy, Moss and Templarrr (spec §6)."""

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings, strategies as st
from sympy import Rational as R

from symalign import games as G
from symalign.core.errors import UndefinedMetricError
from symalign.core.game import Game
from symalign.normalform.local_metrics import (best_response_cells, correlation, correlation_matrix, covariance,
                            covariance_matrix, kosoy_alignment, moss_alignment,
                            templarrr_alignment)
from symalign.core.profiles import CorrelatedProfile

# -- helpers: an independent Fraction implementation -------------------------------------------


def _frac_cov(game, dist, i, j):
    """Cov from the centred definition, in Fractions, over an explicit {outcome: prob} dict."""
    U = game.sympy_array()
    ui = {a: Fraction(int(U[(i, *a)].p), int(U[(i, *a)].q)) for a in dist}
    uj = {a: Fraction(int(U[(j, *a)].p), int(U[(j, *a)].q)) for a in dist}
    mi = sum(p * ui[a] for a, p in dist.items())
    mj = sum(p * uj[a] for a, p in dist.items())
    return sum(p * (ui[a] - mi) * (uj[a] - mj) for a, p in dist.items())


def _product_dist(game, strategies):
    out = {}
    for a in game.outcomes():
        p = Fraction(1)
        for s, ai in zip(strategies, a):
            p *= s[ai]
        out[a] = p
    return out


def _dist_strategy(k):
    return st.lists(st.integers(0, 5), min_size=k, max_size=k).filter(lambda v: sum(v) > 0).map(
        lambda v: [Fraction(x, sum(v)) for x in v])


def _sym(strats):
    return [[R(x.numerator, x.denominator) for x in s] for s in strats]


# -- covariance (§6.2) ---------------------------------------------------------------------------

def test_pd_covariance_symbolic():
    """§6.2: with defection probabilities p_i, a defection changes (own, other) payoffs by (+1, -2),
    so Cov = -2 sum_i p_i (1 - p_i), identically in p (both PD representations)."""
    p0, p1 = sympy.symbols("p0 p1")
    for pd in (G.prisoners_dilemma(), G.prisoners_dilemma(0, -1, -2, -3)):
        c = covariance(pd, [[1 - p0, p0], [1 - p1, p1]])
        assert sympy.expand(c - (-2 * (p0 * (1 - p0) + p1 * (1 - p1)))) == 0


def test_pd_covariance_values():
    """§6.2 test vectors: p = (1/2, 1/2): Cov -1, Var 5/4, rho -4/5; p = (1/3, 1/2): -17/18."""
    pd = G.prisoners_dilemma()
    half = [[R(1, 2), R(1, 2)], [R(1, 2), R(1, 2)]]
    assert covariance(pd, half) == -1
    assert covariance(pd, half, 0, 0) == R(5, 4)
    assert correlation(pd, half) == R(-4, 5)
    assert covariance(pd, [[R(2, 3), R(1, 3)], [R(1, 2), R(1, 2)]]) == R(-17, 18)


def test_mp_covariance():
    """§6.2: MP with q_i = P(H), m = q0 q1 + (1-q0)(1-q1): Cov = -4 m (1 - m); -1 at the NE,
    -589/625 at q = (3/10, 4/5), 0 at every pure profile."""
    mp = G.matching_pennies()
    q0, q1 = sympy.symbols("q0 q1")
    m = q0 * q1 + (1 - q0) * (1 - q1)
    c = covariance(mp, [[q0, 1 - q0], [q1, 1 - q1]])
    assert sympy.expand(c + 4 * m * (1 - m)) == 0
    assert covariance(mp, [["1/2", "1/2"], ["1/2", "1/2"]]) == -1
    assert covariance(mp, [["3/10", "7/10"], ["4/5", "1/5"]]) == R(-589, 625)
    for a in mp.outcomes():
        assert covariance(mp, a) == 0


@pytest.mark.parametrize("game, rho", [
    (G.prisoners_dilemma(), R(-4, 5)),
    (G.matching_pennies(), -1),
    (G.battle_of_the_sexes(), R(7, 11)),
    (G.chicken(), R(31, 131)),
    (G.coordination(), 1),
    (G.stag_hunt(), 1),
    (G.surplus_counterexample(), 3 * sympy.sqrt(13) / 13),
])
def test_uniform_correlation(game, rho):
    """§6.2: uniform-cell correlations."""
    val = correlation(game, "uniform")
    assert sympy.simplify(val - rho) == 0
    assert not val.has(sympy.Float)


def test_correlation_undefined_at_pure_profile():
    """§6.2: a deterministic profile has Cov 0 and rho undefined."""
    with pytest.raises(UndefinedMetricError, match="variance"):
        correlation(G.prisoners_dilemma(), ("D", "D"))


def test_correlated_profile_accepted():
    """Chicken's best CE (1/2, 1/4, 1/4, 0): u_0 takes 6, 2, 7 with probs 1/2, 1/4, 1/4 and u_1
    takes 6, 7, 2. E u_i = 3 + 1/2 + 7/4 = 21/4; E[u0 u1] = 18 + 14/4 + 14/4 = 25;
    Cov = 25 - 441/16 = -41/16."""
    mu = CorrelatedProfile([["1/2", "1/4"], ["1/4", 0]])
    assert covariance(G.chicken(), mu) == R(-41, 16)


def test_three_player_matrix_matches_fraction_implementation():
    """n > 2: the covariance matrix, against an independent centred-sum Fraction computation."""
    g = G.random_game((2, 3, 2), seed=7, denominator=3)
    strats = [[Fraction(1, 3), Fraction(2, 3)], [Fraction(1, 2), Fraction(1, 4), Fraction(1, 4)],
              [Fraction(3, 5), Fraction(2, 5)]]
    C = covariance(g, _sym(strats))
    assert C.shape == (3, 3)
    dist = _product_dist(g, strats)
    for i in range(3):
        for j in range(3):
            f = _frac_cov(g, dist, i, j)
            assert C[i, j] == R(f.numerator, f.denominator)
    assert covariance_matrix(g, _sym(strats)) == C
    rho = correlation_matrix(g, _sym(strats))
    assert all(rho[i, i] == 1 for i in range(3))
    assert sympy.simplify(rho[0, 1] - C[0, 1] / sympy.sqrt(C[0, 0] * C[1, 1])) == 0


@settings(max_examples=30)
@given(st.integers(0, 10**6), _dist_strategy(2), _dist_strategy(3),
       st.fractions(min_value=Fraction(1, 5), max_value=5), st.fractions(min_value=Fraction(1, 5), max_value=5),
       st.integers(-5, 5), st.integers(-5, 5))
def test_covariance_bilinear_and_correlation_invariant(seed, s0, s1, l0, l1, b0, b1):
    """§6.7: Cov is invariant under per-player translation and scales by l0 l1 under per-player
    scaling; rho is invariant under per-player positive affine maps. Also Cov equals the
    independent Fraction computation."""
    g = G.random_game((2, 3), seed=seed)
    U = g.sympy_array()
    L0, L1 = R(l0.numerator, l0.denominator), R(l1.numerator, l1.denominator)
    h = Game.from_arrays(U[0] * L0 + b0, U[1] * L1 + b1)
    prof = _sym([s0, s1])
    c = covariance(g, prof)
    f = _frac_cov(g, _product_dist(g, [s0, s1]), 0, 1)
    assert c == R(f.numerator, f.denominator)
    assert covariance(h, prof) == L0 * L1 * c
    try:
        r = correlation(g, prof)
    except UndefinedMetricError:
        with pytest.raises(UndefinedMetricError):
            correlation(h, prof)
        return
    assert sympy.simplify(correlation(h, prof) - r) == 0


# -- Kosoy (§6.3) -------------------------------------------------------------------------------

def test_kosoy_vectors():
    """§6.3 test vectors: PD(+) a_{1/0} = 1, 0, 1, 0 at CC, CD, DC, DD; MP NE undefined;
    BoS mixed NE (2/3, 1/3), (1/3, 2/3): a_{1/0} = a_{0/1} = 1/3.
    Hand check for BoS a_{1/0}: u_0(x, A) = 4/3, u_0(x, B) = 1/3, u_0(sigma) = 2/3, so
    (2/3 - 1/3)/(4/3 - 1/3) = 1/3."""
    pd = G.prisoners_dilemma()
    assert [kosoy_alignment(pd, 1, 0, a) for a in [(0, 0), (0, 1), (1, 0), (1, 1)]] == [1, 0, 1, 0]
    with pytest.raises(UndefinedMetricError, match="cannot affect"):
        kosoy_alignment(G.matching_pennies(), 1, 0, [["1/2", "1/2"], ["1/2", "1/2"]])
    ne = [["2/3", "1/3"], ["1/3", "2/3"]]
    bos = G.battle_of_the_sexes()
    assert kosoy_alignment(bos, 1, 0, ne) == R(1, 3)
    assert kosoy_alignment(bos, 0, 1, ne) == R(1, 3)


def test_kosoy_self_is_range_relative_capability():
    """§6.3: with j = i, a_{i/i} is the range-relative individual capability: in PD(+) at
    (C, D), player 0 could get 0 (C) or 1 (D) and gets 0, so a_{0/0} = 0."""
    assert kosoy_alignment(G.prisoners_dilemma(), 0, 0, ("C", "D")) == 0
    assert kosoy_alignment(G.prisoners_dilemma(), 0, 0, ("D", "D")) == 1


def test_kosoy_symbolic_probability():
    """BoS with row strategy (p, 1-p) and column (1/3, 2/3): u_0(p, A) = 2p, u_0(p, B) = 1 - p;
    for p > 1/3 the max is 2p and the min 1 - p; u_0(sigma) = 2p/3 + 2(1-p)/3 = 2/3, so
    a_{1/0} = (2/3 - (1 - p)) / (3p - 1) = (3p - 1) / (3 (3p - 1)) = 1/3."""
    p = sympy.Symbol("p", positive=True)
    g = G.battle_of_the_sexes().assuming(3 * p - 1 > 0, p <= 1)
    val = kosoy_alignment(g, 1, 0, [[p, 1 - p], ["1/3", "2/3"]])
    assert sympy.simplify(val - R(1, 3)) == 0


@settings(max_examples=30)
@given(st.integers(0, 10**6), _dist_strategy(3), _dist_strategy(2),
       st.fractions(min_value=Fraction(1, 4), max_value=4), st.integers(-5, 5))
def test_kosoy_invariances(seed, s0, s1, lam, b):
    """§6.3: a_{1/0} is invariant under positive affine maps of u_0, does not depend on u_1,
    and lies in [0, 1]."""
    g = G.random_game((3, 2), seed=seed)
    U = g.sympy_array()
    L = R(lam.numerator, lam.denominator)
    h = Game.from_arrays(U[0] * L + b, G.random_game((3, 2), seed=seed + 1).sympy_array()[1])
    prof = _sym([s0, s1])
    try:
        a = kosoy_alignment(g, 1, 0, prof)
    except UndefinedMetricError:
        with pytest.raises(UndefinedMetricError):
            kosoy_alignment(h, 1, 0, prof)
        return
    assert 0 <= a <= 1
    assert kosoy_alignment(h, 1, 0, prof) == a


# -- Moss (§6.4) --------------------------------------------------------------------------------

def test_moss_vectors():
    """§6.4 test vectors."""
    for pd in (G.prisoners_dilemma(), G.prisoners_dilemma(0, -1, -2, -3)):
        assert moss_alignment(pd, (0, 0)) == R(1, 2)
        assert moss_alignment(pd, (0, 1)) == R(1, 4)
        assert moss_alignment(pd, (1, 0)) == R(1, 4)
        assert moss_alignment(pd, (1, 1)) == 0
    mp = G.matching_pennies()
    assert all(moss_alignment(mp, a) == 0 for a in mp.outcomes())
    assert moss_alignment(mp, [["1/3", "2/3"], ["1/5", "4/5"]]) == 0
    bos = G.battle_of_the_sexes()
    assert moss_alignment(bos, (0, 0)) == R(3, 4)
    assert moss_alignment(bos, [["2/3", "1/3"], ["1/3", "2/3"]]) == R(1, 3)
    assert moss_alignment(G.stag_hunt(), ("F", "F")) == R(1, 9)
    assert moss_alignment(G.chicken(), {(0, 0): "1/2", (0, 1): "1/4", (1, 0): "1/4"}) == R(3, 4)


def test_moss_undefined_on_payoff_constant():
    """§6.4: undefined iff U* = W_min, i.e. on payoff-constant games."""
    with pytest.raises(UndefinedMetricError, match="payoff-constant"):
        moss_alignment(Game.from_arrays([[1, 1], [1, 1]], [[3, 3], [3, 3]]), (0, 0))


@settings(max_examples=30)
@given(st.integers(0, 10**6), _dist_strategy(2), _dist_strategy(3))
def test_moss_identity(seed, s0, s1):
    """§6.4 identity: 1 - a(mu) = (AG + CG(mu)) / (U* - W_min)."""
    from symalign.normalform.ca import alignment_gap, coordination_gap, min_welfare, utopia_welfare
    g = G.random_game((2, 3), seed=seed)
    prof = _sym([s0, s1])
    den = utopia_welfare(g) - min_welfare(g)
    if den == 0:
        return
    assert 1 - moss_alignment(g, prof) == (alignment_gap(g) + coordination_gap(g, prof)) / den


# -- Templarrr (§6.5) ---------------------------------------------------------------------------

@pytest.mark.parametrize("game, expected", [
    (G.prisoners_dilemma(), (R(1, 2), R(1, 3))),
    (G.matching_pennies(), (0, 0)),
    (G.battle_of_the_sexes(), (1, 1)),
    (G.chicken(), (1, 1)),
    (G.coordination(), (1, 1)),
    (G.templarrr_flag(), (R(1, 2), R(1, 3))),
])
def test_templarrr_table(game, expected):
    """§6.5 table: (al_{0->1}, al)."""
    assert (templarrr_alignment(game, 0, 1), templarrr_alignment(game)) == expected


def test_templarrr_ties_and_weighted():
    """A game with ties. u_0 = [[1, 0], [1, 2]]: column 0 ties (K = 2), column 1 picks row 1, so
    BR_0 = {(0,0): 2, (1,0): 2, (1,1): 1}. u_1 = [[0, 1], [0, 0]]: row 0 picks column 1, row 1
    ties, so BR_1 = {(0,1), (1,0), (1,1)}. Set version al_{0->1} = |{(1,0),(1,1)}| / 3 = 2/3;
    weighted (1/2 + 1) / |A_1| = 3/4; game level |{(1,0),(1,1)}| / 4 = 1/2."""
    g = Game.from_arrays([[1, 0], [1, 2]], [[0, 1], [0, 0]])
    assert best_response_cells(g, 0) == {(0, 0): 2, (1, 0): 2, (1, 1): 1}
    assert templarrr_alignment(g, 0, 1) == R(2, 3)
    assert templarrr_alignment(g, 0, 1, weighted=True) == R(3, 4)
    assert templarrr_alignment(g) == R(1, 2)
    with pytest.raises(UndefinedMetricError):
        templarrr_alignment(g, weighted=True)


@settings(max_examples=30)
@given(st.integers(0, 10**6))
def test_templarrr_ordinal_invariance(seed):
    """§6.5: invariant under strictly increasing per-player transformations (x -> x^3 + 7 for
    player 0, x -> 2x - 1 for player 1); the intersection is the pure-NE set, checked by brute
    force."""
    g = G.random_game((3, 3), seed=seed, low=-3, high=3)
    U = g.sympy_array()
    h = Game.from_arrays(U[0] ** 3 + 7, 2 * U[1] - 1)
    for args in [(0, 1), (1, 0), ()]:
        assert templarrr_alignment(g, *args) == templarrr_alignment(h, *args)
    pure_ne = [a for a in g.outcomes()
               if all(U[(i, *a)] >= U[(i, *(a[:i] + (b,) + a[i + 1:]))]
                      for i in range(2) for b in range(3))]
    both = set(best_response_cells(g, 0)) & set(best_response_cells(g, 1))
    assert sorted(both) == pure_ne


def test_kosoy_old_argument_order_warns_and_still_works():
    """The order before issue 13 was (game, profile, j, i); it warns and gives the same value."""
    pd = G.prisoners_dilemma()
    with pytest.warns(DeprecationWarning, match=r"kosoy_alignment\(game, j, i, profile\)"):
        old = kosoy_alignment(pd, ("C", "D"), 1, 0)
    assert old == kosoy_alignment(pd, 1, 0, ("C", "D")) == 0
