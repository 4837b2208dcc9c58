"""Tests of symalign.delegation.capability (spec delegation_games.md §6)."""

import pytest
import sympy
from hypothesis import given, strategies as st
from sympy import Rational

import symalign as sa
from symalign.delegation.capability import (collective_capability, individual_capabilities,
                                 individual_capability, is_epsilon_nash,
                                 pure_epsilon_nash_equilibria, regret_decomposition)
from symalign.delegation import DelegationGame
from symalign.core.errors import SymalignError, UndefinedMetricError


def test_individual_capability_pd():
    """PD(+) row player against C: payoffs C 2, D 3 (lo 2, hi 3): IC(C) = 0, IC(D) = 1; half
    C, half D gives 5/2, so IC = 1/2. Against a column mixing 1/2-1/2: C gives 1, D gives 2."""
    pd = sa.games.prisoners_dilemma()
    assert individual_capability(pd, 0, ("C", "C")) == 0
    assert individual_capability(pd, 0, ("D", "C")) == 1
    assert individual_capability(pd, 0, [["1/2", "1/2"], [1, 0]]) == Rational(1, 2)
    assert individual_capability(pd, 0, [[1, 0], ["1/2", "1/2"]]) == 0
    assert individual_capabilities(pd, ("D", "D")) == (1, 1)


def test_zero_range_gives_one():
    """Row payoff depends only on the row action: u_0(., c) = (1, 2), so IC_0(0, 0) = 0. In
    `flat` the row player is indifferent (hi = lo = 5), so IC = 1 by definition (spec §6.1)."""
    g = sa.Game.from_arrays([[1, 1], [2, 2]], [[0, 1], [0, 1]])
    assert individual_capability(g, 0, (0, 0)) == 0
    flat = sa.Game.from_arrays([[5, 5], [5, 5]], [[0, 1], [0, 1]])
    assert individual_capability(flat, 0, (0, 1)) == 1          # hi = lo: defined as 1


def test_epsilon_nash_sets():
    """Stag hunt pure NE: FF and MM (spec §12.1). With eps = 1 every profile qualifies. In the
    PD at eps = 1/2 (C, C) fails for both (IC = 0 < 1/2)."""
    sh, pd = sa.games.stag_hunt(), sa.games.prisoners_dilemma()
    assert pure_epsilon_nash_equilibria(sh) == ((0, 0), (1, 1))
    assert len(pure_epsilon_nash_equilibria(pd, 1)) == 4
    assert pure_epsilon_nash_equilibria(pd, "1/2") == ((1, 1),)
    assert is_epsilon_nash(pd, ("D", "D"), 0)
    assert not is_epsilon_nash(pd, ("C", "D"), ["1/2", 1])
    assert is_epsilon_nash(pd, ("C", "D"), [1, 0])
    with pytest.raises(SymalignError, match="'eps'"):
        pure_epsilon_nash_equilibria(pd, 2)


def test_symbolic_epsilon_nash():
    T, R, P, S = sympy.symbols("T R P S")
    pd = sa.games.prisoners_dilemma(T, R, P, S).assuming(T > R, R > P, P > S)
    assert pure_epsilon_nash_equilibria(pd) == ((1, 1),)


def test_collective_capability_stag_hunt():
    """Stag hunt: w* = 20, w_0 = 4 (FF), w_eps = 4 (eps = 0): CC(MM) = 1, CC(FF) = 0. With
    eps = 1 every profile is an eps-NE, so w_eps = 2 and CC(FF) = (4 - 2)/16 = 1/8."""
    sh = sa.games.stag_hunt()
    assert collective_capability(sh, (1, 1)) == 1
    assert collective_capability(sh, (0, 0)) == 0
    assert collective_capability(sh, (0, 0), 1) == Rational(1, 8)
    dg = DelegationGame(sh, sh, welfare="average")
    assert collective_capability(dg, (0, 0), 1) == Rational(1, 8)   # a ratio: form-free


def test_collective_capability_undefined():
    """Undefined without a pure NE (matching pennies), or when w* = w_0: in [[2,1],[1,0]] for
    both players action 0 dominates, the only NE (0, 0) is optimal."""
    with pytest.raises(UndefinedMetricError, match="no pure Nash"):
        collective_capability(sa.games.matching_pennies(), (0, 0))
    g = sa.Game.from_arrays([[2, 1], [1, 0]], [[2, 1], [1, 0]])
    with pytest.raises(UndefinedMetricError, match="w\\* = w_0"):
        collective_capability(g, (0, 0))
    with pytest.raises(SymalignError, match="'equilibria'"):
        collective_capability(sa.games.stag_hunt(), (0, 0), equilibria="mixed")


def test_decomposition_stag_hunt():
    """WR(FF) = 16 = (1 - 0)(20 - 4) + 0; at eps = 1: WR(FM) = 18 = (1 - 0)(16) + (4 - 2)."""
    r = regret_decomposition(sa.games.stag_hunt(), (0, 1), 1)
    assert (r.welfare_regret, r.collective_capability, r.anarchy_gap, r.irrationality_loss) == \
        (18, 0, 16, 2)
    assert r.identity_holds


games = st.builds(lambda s, shape: sa.games.random_game(shape, s, low=-5, high=5),
                  st.integers(0, 10**6), st.sampled_from([(2, 2), (2, 3), (3, 3), (2, 2, 2)]))
eps_values = st.sampled_from([0, Rational(1, 4), Rational(1, 2), 1])


@given(games, eps_values, st.data())
def test_decomposition_identity(g, eps, data):
    """Spec §6.2: WR = (1 - CC)(w* - w_0) + (w_0 - w_eps) exactly, with w_eps <= w_0."""
    a = data.draw(st.sampled_from(list(g.outcomes())))
    try:
        r = regret_decomposition(g, a, eps)
    except UndefinedMetricError:
        return
    assert r.identity_holds
    assert r.welfare_regret == (1 - r.collective_capability) * r.anarchy_gap + r.irrationality_loss
    assert r.irrationality_loss >= 0


@given(games, eps_values)
def test_eps_nash_set_matches_individual_capability(g, eps):
    """The vectorised eps-NE set equals {a : IC_i(a) >= 1 - eps for all i} computed by the
    generic profile path (an independent implementation)."""
    fast = set(pure_epsilon_nash_equilibria(g, eps))
    slow = {a for a in g.outcomes()
            if all(individual_capability(g, i, a) >= 1 - eps for i in range(g.n_players))}
    assert fast == slow


def test_individual_capability_old_argument_order_warns_and_still_works():
    """The order before issue 13 was (game, profile, player); it warns and gives the same value:
    in the PD at (D, C) player 0 plays its best response D, so IC_0 = 1 (hand derivation)."""
    pd = sa.games.prisoners_dilemma()
    with pytest.warns(DeprecationWarning, match=r"individual_capability\(game, player, profile\)"):
        assert individual_capability(pd, ("D", "C"), 0) == 1


# -- symbolic families (issue 14): closed forms equal the numeric values at random points -------

from fractions import Fraction  # noqa: E402

from hypothesis import HealthCheck, example, settings  # noqa: E402

from symalign.engines.linearforms import holds_at  # noqa: E402

_T, _R, _P, _S = sympy.symbols("T R P S", real=True)
_M, _c = sympy.symbols("M c", real=True)
_k, _x = sympy.symbols("k x", positive=True)


def _ev(expr, point):
    """``expr`` at a rational point, each Piecewise condition decided exactly there."""
    expr = sympy.sympify(expr)
    if isinstance(expr, sympy.Piecewise):
        for v, cnd in expr.args:
            h = True if cnd is sympy.true else holds_at(cnd, point)
            assert h is not None, (cnd, point)
            if h:
                return _ev(v, point)
        raise AssertionError("no branch applies")
    if not expr.args:
        return expr.xreplace(point)
    return expr.func(*[_ev(a, point) for a in expr.args])


def _families():
    sh = sa.games.stag_hunt()
    return {
        "pd": (sa.games.prisoners_dilemma(_T, _R, _P, _S).assuming(_T > _R, _R > _P, _P > _S),
               ("D", "D")),
        "stag_M": (sa.games.stag_hunt(mammoth=_M).assuming(_M > 2), ("F", "F")),
        "stag_k": (sa.Game.from_arrays(*[_k * a for a in sh.sympy_array()]), (0, 0)),
        "bos_x": (sa.Game.from_arrays([[_x, 0], [0, 1]], [[1, 0], [0, 2]]), (0, 1)),
        "chicken_c": (sa.Game.from_arrays([[6, 2], [7, -_c]], [[6, 7], [2, -_c]])
                      .assuming(_c > 1), (1, 1)),
    }


_CLOSED: dict = {}


def _closed(name):
    if name not in _CLOSED:
        g, prof = _families()[name]
        _CLOSED[name] = (g, prof, [individual_capability(g, i, prof) for i in range(2)],
                         collective_capability(g, prof), regret_decomposition(g, prof))
    return _CLOSED[name]


def _check(name, point):
    g, prof, ics, cc, dec = _closed(name)
    ng = g.subs(point)
    for i in range(2):
        assert _ev(ics[i], point) == individual_capability(ng, i, prof)
    try:
        expected = collective_capability(ng, prof)
    except UndefinedMetricError:
        assert _ev(cc, point) is sympy.nan
        return
    assert _ev(cc, point) == expected
    d = regret_decomposition(ng, prof)
    assert dec.identity_holds
    for field in ("welfare_regret", "w_star", "w_0", "w_eps", "cooperation_term"):
        assert sympy.sympify(getattr(dec, field)).xreplace(point) == getattr(d, field), field


def _q(f):
    return sympy.Rational(f.numerator, f.denominator)


pos = st.fractions(min_value=Fraction(1, 4), max_value=4, max_denominator=4)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fractions(min_value=-3, max_value=3, max_denominator=2), pos, pos, pos)
@example(Fraction(0), Fraction(1), Fraction(1), Fraction(1))     # 2R = T + S: w* has a tie
def test_pd_capabilities_equal_numeric(s, a, b, c):
    """PD with T > R > P > S at (D, D): IC = 1 (D is the best reply), CC = 0 (the only pure
    NE is (D, D), so w_eps = w_0 = w(D, D)); the closed forms equal the numeric values."""
    point = {_S: _q(s)}
    point[_P] = point[_S] + _q(a)
    point[_R] = point[_P] + _q(b)
    point[_T] = point[_R] + _q(c)
    _check("pd", point)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fractions(min_value=Fraction(1, 3), max_value=6, max_denominator=3))
@example(Fraction(2))      # w* = w_0 (both equilibria have welfare 3): CC undefined, nan
@example(Fraction(1))
def test_bos_capabilities_equal_numeric(x):
    """BoS with payoff x > 0 at (0, 1) (welfare 0): NE (0, 0) with welfare x + 1 and (1, 1)
    with 3, so CC = -min(3, x + 1) / |x - 2|, undefined (nan) at x = 2."""
    _check("bos_x", {_x: _q(x)})


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fractions(min_value=Fraction(7, 3), max_value=20, max_denominator=3))
@example(Fraction(10))
def test_stag_mammoth_capabilities_equal_numeric(m):
    _check("stag_M", {_M: _q(m)})


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pos)
def test_scaled_stag_capabilities_equal_numeric(k):
    _check("stag_k", {_k: _q(k)})


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fractions(min_value=Fraction(4, 3), max_value=12, max_denominator=3))
def test_chicken_capabilities_equal_numeric(c):
    """Chicken at (1, 1): CC = (-2c - 9)/3 (w* = 12, w_0 = w_eps = 9, w = -2c)."""
    _check("chicken_c", {_c: _q(c)})


_GEN = sa.games.symbolic_game((2, 2))
_GSYMS = sorted(_GEN.free_symbols, key=lambda s: s.name)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 2), min_size=8, max_size=8), st.sampled_from([(0, 0), (1, 0)]))
@example([1] * 8, (0, 0))                           # every deviation range is zero: IC = 1
@example([0, 1, 0, 1, 0, 0, 1, 1], (0, 0))          # ties
def test_generic_individual_capability_equals_numeric(vals, prof):
    """The generic 2x2 game: IC_i at a pure profile is 1 where the player's action is a best
    reply (or every deviation ties), else 0; the closed form equals the numeric value."""
    point = {s: sympy.Integer(v) for s, v in zip(_GSYMS, vals)}
    ng = _GEN.subs(point)
    for i in range(2):
        closed = _CLOSED.setdefault(("gen", i, prof), individual_capability(_GEN, i, prof))
        assert _ev(closed, point) == individual_capability(ng, i, prof)


def test_generic_pure_equilibria_still_ask_for_a_region():
    """Not a closed form yet: the pure equilibria of the generic game depend on the region,
    and the set is a tuple, so the enumeration (and CC, which needs it) raises."""
    from symalign.core.errors import UndecidableError
    with pytest.raises(UndecidableError):
        pure_epsilon_nash_equilibria(_GEN)
