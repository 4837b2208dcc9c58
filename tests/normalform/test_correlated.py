"""Tests for symalign.normalform.correlated: CE/CCE tests and best/worst CE welfare (spec §11)."""

import functools
import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog
from sympy import Rational

import symalign as sa
from symalign.normalform.correlated import (
    CorrelatedEquilibriumResult,
    correlated_equilibrium,
    correlated_welfare_range,
    is_correlated_equilibrium,
)
from symalign.core.errors import SymalignError, UndecidableError

R = Rational


def _cells(mu):
    return mu.probabilities.reshape(-1).tolist()


def _gain(game, label, a):
    """Deviation gain g_label(a) from Game.payoff (independent of the module's matrices)."""
    if len(label) == 3:
        i, rec, dev = label
        if a[i] != rec:
            return 0
    else:
        i, dev = label
    b = list(a)
    b[i] = dev
    return game.payoff(i, tuple(b)) - game.payoff(i, a)


def _check_result(game, res, coarse):
    """Exact independent checks: the distribution is a CE (by direct summation), its welfare
    is `value`, and the dual certificate bounds the welfare of every CE."""
    mu = res.distribution
    outcomes = list(itertools.product(*(range(k) for k in game.shape)))
    probs = {a: mu.probability(a) for a in outcomes}
    assert all(p >= 0 for p in probs.values()) and sum(probs.values()) == 1
    n = game.n_players
    # incentive constraints summed directly
    for i in range(n):
        for dev in range(game.shape[i]):
            if coarse:
                assert sum(probs[a] * _gain(game, (i, dev), a) for a in outcomes) <= 0
            else:
                for rec in range(game.shape[i]):
                    assert sum(probs[a] * _gain(game, (i, rec, dev), a) for a in outcomes) <= 0
    W = {a: sum(game.payoff(i, a) for i in range(n)) for a in outcomes}
    assert sum(probs[a] * W[a] for a in outcomes) == res.value
    assert sa.welfare(game, mu) == res.value
    mult, shift = res.certificate
    assert shift == res.value
    assert all(lam > 0 for _, lam in mult)
    for a in outcomes:
        bound = sum(lam * _gain(game, lab, a) for lab, lam in mult)
        if res.objective == "max":
            assert W[a] <= shift + bound
        else:
            assert W[a] >= shift - bound
    assert res.lp.verify()


# --------------------------------------------------------------------------------------------
# Spec §11 table
# --------------------------------------------------------------------------------------------

SPEC_11 = {
    "matching-pennies": (0, 0),
    "prisoners-dilemma": (2, 2),
    "battle-of-the-sexes": (R(4, 3), 3),
    "coordination": (R(4, 3), 4),
    "stag-hunt": (R(19, 5), 20),
    "chicken": (R(36, 5), R(21, 2)),
}


@pytest.mark.parametrize("name", sorted(SPEC_11))
@pytest.mark.parametrize("coarse", [False, True])
def test_spec_11_welfare_ranges(name, coarse):
    """§11 table (the CCE range equals the CE range in these games)."""
    g = sa.games.by_name(name)
    assert correlated_welfare_range(g, coarse=coarse) == SPEC_11[name]
    for objective in ("min", "max"):
        res = correlated_equilibrium(g, objective=objective, coarse=coarse)
        assert isinstance(res, CorrelatedEquilibriumResult)
        _check_result(g, res, coarse)


def test_spec_11_distributions():
    """§11: MP's unique CE is uniform; PD's is (D,D); BoS's worst CE is the mixed-NE product
    (2/9, 4/9, 1/9, 2/9); Chicken's best is (1/2, 1/4, 1/4, 0), worst (0, 2/5, 2/5, 1/5)."""
    mp = sa.games.matching_pennies()
    assert _cells(correlated_equilibrium(mp).distribution) == [R(1, 4)] * 4
    assert _cells(correlated_equilibrium(mp, objective="min").distribution) == [R(1, 4)] * 4
    pd = sa.games.prisoners_dilemma()
    assert _cells(correlated_equilibrium(pd).distribution) == [0, 0, 0, 1]
    bos = sa.games.battle_of_the_sexes()
    assert _cells(correlated_equilibrium(bos, objective="min").distribution) == \
        [R(2, 9), R(4, 9), R(1, 9), R(2, 9)]
    ch = sa.games.chicken()
    assert _cells(correlated_equilibrium(ch).distribution) == [R(1, 2), R(1, 4), R(1, 4), 0]
    assert _cells(correlated_equilibrium(ch, objective="min").distribution) == \
        [0, R(2, 5), R(2, 5), R(1, 5)]


def test_pd_best_ce_is_2_not_3():
    """§15: sympy's simplex produced a wrong best CE of 3 for PD(+). (D,D) is the unique CE
    because D strictly dominates C for both players, so the best CE welfare is 1 + 1 = 2."""
    res = correlated_equilibrium(sa.games.prisoners_dilemma())
    assert res.value == 2


def test_chicken_worst_ce_below_every_nash_equilibrium():
    """§11: Chicken's worst CE welfare 36/5 is below every NE welfare: pure NE give 2 + 7 = 9,
    the mixed NE (p = 2/3 each) gives 14/3 + 14/3 = 28/3."""
    lo, _ = correlated_welfare_range(sa.games.chicken())
    assert lo < 9 and lo < R(28, 3)


# --------------------------------------------------------------------------------------------
# is_correlated_equilibrium
# --------------------------------------------------------------------------------------------

def test_nash_equilibria_are_correlated_equilibria():
    """NE ⊆ CE (§11): BoS's mixed NE sigma_0 = (2/3, 1/3), sigma_1 = (1/3, 2/3) and its pure NE
    (A, A); Chicken's pure NE (C, D) and mixed NE (2/3, 1/3) x (2/3, 1/3)."""
    bos = sa.games.battle_of_the_sexes()
    assert is_correlated_equilibrium(bos, [["2/3", "1/3"], ["1/3", "2/3"]])
    assert is_correlated_equilibrium(bos, ("A", "A"))
    ch = sa.games.chicken()
    assert is_correlated_equilibrium(ch, (0, 1))
    assert is_correlated_equilibrium(ch, [["2/3", "1/3"], ["2/3", "1/3"]])
    assert is_correlated_equilibrium(ch, [["2/3", "1/3"], ["2/3", "1/3"]], coarse=True)


def test_non_equilibria():
    """PD (C, C): each player gains 3 - 2 = 1 by defecting. Chicken (D, D): each gains 2 - 0 by
    swerving. MP (H, H): player 0 (the mismatcher) earns -1 and gains 1 - (-1) = 2 by
    committing to T, so it is not even a CCE."""
    assert not is_correlated_equilibrium(sa.games.prisoners_dilemma(), ("C", "C"))
    assert not is_correlated_equilibrium(sa.games.chicken(), (1, 1))
    assert not is_correlated_equilibrium(sa.games.matching_pennies(), (0, 0), coarse=True)


CCE_GAME = ([[3, 1, 0], [1, 1, 3]], [[1, 0, 1], [2, 3, 2]])


def test_cce_that_is_not_a_ce():
    """mu = 1/2 (0,0) + 1/2 (1,2) in U0 = [[3,1,0],[1,1,3]], U1 = [[1,0,1],[2,3,2]].

    CCE: u_0(mu) = 3; committing to row 0 gives (3 + 0)/2, to row 1 gives (1 + 3)/2 = 2.
    u_1(mu) = (1 + 2)/2 = 3/2; committing to column 0, 1 or 2 gives (1+2)/2, (0+3)/2, (1+2)/2,
    all 3/2. Not a CE: told column 2 (so the row is 1), player 1 gains u_1(1,1) - u_1(1,2) = 1
    by playing column 1. Its welfare (4 + 5)/2 = 9/2 beats the best CE, (0, 0) with 4.
    """
    g = sa.Game.from_arrays(*CCE_GAME)
    mu = {(0, 0): "1/2", (1, 2): "1/2"}
    assert is_correlated_equilibrium(g, mu, coarse=True)
    assert not is_correlated_equilibrium(g, mu)
    assert correlated_welfare_range(g, coarse=True)[1] == R(9, 2)
    assert correlated_welfare_range(g)[1] == 4
    for coarse in (False, True):
        for objective in ("min", "max"):
            _check_result(g, correlated_equilibrium(g, objective=objective, coarse=coarse),
                          coarse)


def test_symbolic_games_and_profiles():
    """Symbolic PD with T > R > P > S: (D, D) is a CE (deviating to C changes P to S < P);
    (C, C) is not (T > R). A symbolic probability p: the product (p, 1-p) x (p, 1-p) on MP is a
    CE only at p = 1/2, which is undecidable for a free p."""
    T, Rr, P, S = sympy.symbols("T R P S")
    pd = sa.games.prisoners_dilemma(T, Rr, P, S).assuming(T > Rr, Rr > P, P > S)
    assert is_correlated_equilibrium(pd, ("D", "D"))
    assert not is_correlated_equilibrium(pd, ("C", "C"))
    p = sympy.Symbol("p")
    with pytest.raises(UndecidableError):
        is_correlated_equilibrium(sa.games.matching_pennies(), [[p, 1 - p], [p, 1 - p]])



def test_argument_errors():
    with pytest.raises(SymalignError, match="'objective' is 'best'"):
        correlated_equilibrium(sa.games.chicken(), objective="best")
    with pytest.raises(sa.InvalidProfileError):
        is_correlated_equilibrium(sa.games.chicken(), [[1, 0, 0], [1, 0]])


def test_weighted_welfare():
    """Weights (1, 0): the best CE for player 0 alone in Chicken. CE constraints for player 1
    bound how often (D, C) — worth 7 to player 0 — can be recommended: the pure NE (D, C) is a
    CE giving 7, and 7 is player 0's maximum payoff, so the best value is 7."""
    assert correlated_equilibrium(sa.games.chicken(), weights=[1, 0]).value == 7


# --------------------------------------------------------------------------------------------
# Random games
# --------------------------------------------------------------------------------------------

def _scipy_ce(game, maximize, coarse):
    shape = game.shape
    outs = list(itertools.product(*(range(k) for k in shape)))
    U = [[float(game.payoff(i, a)) for a in outs] for i in range(game.n_players)]
    rows = []
    for i in range(game.n_players):
        labels = ([(i, d) for d in range(shape[i])] if coarse else
                  [(i, r, d) for r in range(shape[i]) for d in range(shape[i]) if r != d])
        for lab in labels:
            row = []
            for a in outs:
                if len(lab) == 3 and a[i] != lab[1]:
                    row.append(0.0)
                    continue
                b = list(a)
                b[i] = lab[-1]
                row.append(U[i][outs.index(tuple(b))] - U[i][outs.index(a)])
            rows.append(row)
    W = np.array(U).sum(axis=0)
    res = linprog(-W if maximize else W, A_ub=np.array(rows), b_ub=np.zeros(len(rows)),
                  A_eq=np.ones((1, len(outs))), b_eq=[1], bounds=[(0, None)] * len(outs),
                  method="highs")
    return -res.fun if maximize else res.fun


def test_200_random_games_against_scipy():
    """200 seeded random games (2x2 to 3x4, rational payoffs, 3 players): best and worst CE
    welfare agree with scipy's float LP and every answer passes the exact checks."""
    for seed in range(200):
        kind = seed % 4
        if kind == 0:
            g = sa.games.random_game((2, 2), seed=seed, low=-5, high=5)
        elif kind == 1:
            g = sa.games.random_game((3, 2 + seed % 3), seed=seed)
        elif kind == 2:
            g = sa.games.random_game((2, 3), seed=seed, denominator=5)
        else:
            g = sa.games.random_game((2, 2, 2), seed=seed, low=-3, high=3)
        coarse = seed % 8 == 3
        for objective in ("max", "min"):
            res = correlated_equilibrium(g, objective=objective, coarse=coarse)
            assert abs(float(res.value) - _scipy_ce(g, objective == "max", coarse)) < 1e-7
            _check_result(g, res, coarse)
            assert is_correlated_equilibrium(g, res.distribution, coarse=coarse)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=8, max_size=8), st.booleans())
def test_hypothesis_ce_inside_cce_and_two_action_games(payoffs, maximize):
    """NE ⊆ CE ⊆ CCE (§11), so the CCE range contains the CE range; and with two actions per
    player they coincide: the CCE constraint 'commit to a'' sums the CE constraints
    (a -> a') over a, and the term a = a' is zero, leaving the single CE constraint."""
    g = sa.Game.from_arrays(np.array(payoffs[:4]).reshape(2, 2),
                            np.array(payoffs[4:]).reshape(2, 2))
    objective = "max" if maximize else "min"
    ce = correlated_equilibrium(g, objective=objective)
    cce = correlated_equilibrium(g, objective=objective, coarse=True)
    assert ce.value == cce.value
    _check_result(g, ce, False)
    assert is_correlated_equilibrium(g, ce.distribution, coarse=True)
    # every pure NE is a CE, hence within the range
    lo, hi = correlated_welfare_range(g)
    for a in itertools.product(range(2), range(2)):
        if is_correlated_equilibrium(g, a):
            assert lo <= sa.welfare(g, a) <= hi


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=12, max_size=12))
def test_hypothesis_ce_range_within_cce_range_2x3(payoffs):
    g = sa.Game.from_arrays(np.array(payoffs[:6]).reshape(2, 3),
                            np.array(payoffs[6:]).reshape(2, 3))
    lo, hi = correlated_welfare_range(g)
    clo, chi = correlated_welfare_range(g, coarse=True)
    assert clo <= lo <= hi <= chi


# -- symbolic games: the parametric CE LP (issue 14) -------------------------------------------

_d = sympy.Symbol("d", real=True)


def _chicken(d):
    """Chicken with crash payoff d: U_0 = [[6, 2], [7, d]], U_1 its transpose."""
    return sa.Game.from_arrays([[6, 2], [7, d]], [[6, 7], [2, d]])


@functools.lru_cache(maxsize=None)
def _chicken_ce(objective, coarse=False):
    return correlated_equilibrium(_chicken(_d), objective=objective, coarse=coarse)


def test_chicken_best_ce_closed_form():
    """Hand derivation. With mu = (a, b, c, e) on (CC, CD, DC, DD) and k = 2 - d, the CE
    constraints are a <= k b, a <= k c (C recommended) and c >= k e, b >= k e (D
    recommended); welfare 12a + 9b + 9c + 2d e.
    - d < 2 (k > 0): e only tightens constraints and pays 2d < 9, so e = 0; by symmetry
      b = c; a = k b (a pays more than b), a + 2b = 1: b = 1/(k + 2), welfare
      (12k + 18)/(k + 2) = (42 - 12d)/(4 - d) (d = 0: 21/2, the spec's chicken value).
    - d = 2 (k = 0): a = 0, welfare 9b + 9c + 4e, at most 9.
    - d > 2 (k < 0): a <= k b forces a = b = 0, a <= k c forces c = 0: only (D, D), welfare 2d.
    """
    r = _chicken_ce("max")
    assert isinstance(r, sa.ParametricCorrelatedEquilibrium)
    assert r.complete and r.method.startswith("parametric LP")
    for v, expected in [(0, Rational(21, 2)), (-3, Rational(78, 7)), (1, 10), (2, 9), (3, 6),
                        (Rational(5, 2), 5), (Rational(3, 2), Rational(48, 5))]:
        assert r.value.subs(_d, v) == expected, v
    assert all(reg.witness is not None for reg in r.regions)
    for reg in r.regions:      # each region's witness satisfies its condition
        assert reg.condition.subs(reg.witness) is sympy.true


@settings(max_examples=25, deadline=None)
@given(st.fractions(min_value=-8, max_value=8, max_denominator=4),
       st.sampled_from([("max", False), ("min", False), ("max", True)]))
@example(Fraction(2), ("max", False))
@example(Fraction(2), ("min", False))
@example(Fraction(9, 2), ("min", False))
@example(Fraction(2), ("max", True))
def test_chicken_closed_forms_equal_the_numeric_lp(v, kind):
    """At every rational crash payoff (the boundary d = 2 included) the closed form of the
    best CE, the worst CE and the best CCE equals the numeric exact LP of the substituted
    game, compared exactly."""
    objective, coarse = kind
    r = _chicken_ce(objective, coarse)
    v = Rational(v.numerator, v.denominator)
    numeric = correlated_equilibrium(_chicken(v), objective=objective, coarse=coarse).value
    assert r.value.subs(_d, v) == numeric


def test_symbolic_pd_best_ce():
    """PD with T > R > P > S and one free payoff: T = 3, S = 0, P = 1, R = r with 1 < r < 3.
    Defection strictly dominates, so the only CE is (D, D): welfare 2P = 2."""
    r_ = sympy.Symbol("r", real=True)
    pd = sa.games.prisoners_dilemma(3, r_, 1, 0)
    out = correlated_equilibrium(pd, assumptions=[r_ > 1, r_ < 3])
    assert out.value == 2


def test_symbolic_ce_over_the_case_budget():
    """A 3x3 symbolic game's CE LP has C(21, 13) = 203490 candidate bases: refused, naming
    the setting, before any work."""
    g = sa.Game.from_arrays([[_d, 0, 0], [0, 1, 0], [0, 0, 1]], [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    with pytest.raises(sa.ResourceLimitError, match="max_cases"):
        correlated_equilibrium(g)


_c = sympy.Symbol("c", real=True)
_CD = [_d < 2, _c > 2, _c < 7]


@functools.lru_cache(maxsize=None)
def _chicken2_ce():
    """Chicken with two parameters: (C, C) pays c to each (2 < c < 7), the crash d < 2."""
    g = sa.Game.from_arrays([[_c, 2], [7, _d]], [[_c, 7], [2, _d]])
    return g, correlated_equilibrium(g, assumptions=_CD)


@settings(max_examples=15, deadline=None)
@given(st.fractions(min_value=2, max_value=7, max_denominator=4),
       st.fractions(min_value=-4, max_value=2, max_denominator=4))
@example(Fraction(6), Fraction(0))          # the spec's chicken: 21/2
@example(Fraction(9, 2), Fraction(1))       # the boundary c = 9/2 of the branches
def test_two_parameter_chicken_equals_the_numeric_lp(cv, dv):
    """Two parameters: every admissible rational point, compared exactly with the numeric
    exact LP of the substituted game; each region has a witness."""
    if not (2 < cv < 7 and dv < 2):
        return
    g, r = _chicken2_ce()
    assert r.complete
    pt = {_c: Rational(cv.numerator, cv.denominator), _d: Rational(dv.numerator, dv.denominator)}
    assert r.value.subs(pt) == correlated_equilibrium(g.subs(pt)).value


def test_symbolic_2x3_best_ce():
    """A 2x3 game, U_0 = [[a, 0, 1], [0, 1, 0]], U_1 = [[1, 0, 0], [0, 1, 0]]. Outcome
    welfares: a + 1, 0, 1 / 0, 2, 0. (1, 1) is a pure NE with welfare 2 for every a, and
    (0, 0) is one when a >= 0 (row: a vs 0; column: 1 vs 0, 0) with welfare a + 1. No CE
    beats the best outcome, so the best CE welfare is max(2, a + 1): a + 1 for a >= 1, else
    2. Also checked against the numeric LP at points on both sides and on the boundary."""
    a = sympy.Symbol("a", real=True)
    g = sa.Game.from_arrays([[a, 0, 1], [0, 1, 0]], [[1, 0, 0], [0, 1, 0]])
    r = correlated_equilibrium(g)
    assert r.complete
    for v in (-2, 0, Rational(1, 2), 1, Rational(7, 3), 3):
        expected = max(2, v + 1)
        assert r.value.subs(a, v) == expected
        assert correlated_equilibrium(g.subs(a, v)).value == expected
