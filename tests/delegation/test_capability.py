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
from symalign.core.errors import SymalignError, UndecidableError, UndefinedMetricError


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


def _brute_pure_eps_ne(vals, eps):
    """Independent: pure range-relative eps-NE of the 2x2 game with payoffs ``vals`` (in
    ``_GSYMS`` order: u_0_00, u_0_01, u_0_10, u_0_11, u_1_00, ...), with Fractions."""
    u = {(i, a, b): Fraction(vals[4 * i + 2 * a + b]) for i in range(2) for a in range(2)
         for b in range(2)}
    out = []
    for a in range(2):
        for b in range(2):
            dev0 = [u[(0, x, b)] for x in range(2)]
            dev1 = [u[(1, a, y)] for y in range(2)]
            if all(own >= min(d) + (1 - eps) * (max(d) - min(d))
                   for own, d in ((u[(0, a, b)], dev0), (u[(1, a, b)], dev1))):
                out.append((a, b))
    return tuple(out)


_NE_REGIONS: dict = {}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 2), min_size=8, max_size=8),
       st.sampled_from([Fraction(0), Fraction(1, 2)]))
@example([1] * 8, Fraction(0))                      # every payoff equal: all four profiles
@example([0, 1, 0, 1, 0, 0, 1, 1], Fraction(0))     # ties for both players
@example([2, 0, 0, 1, 2, 0, 0, 1], Fraction(1, 2))  # a coordination game, eps = 1/2
@example([0, 0, 1, 1, 0, 1, 0, 1], Fraction(0))     # each player's action is dominant
def test_generic_pure_equilibria_regions_partition_and_equal_numeric(vals, eps):
    """The pure (eps-)NE of the generic 2x2 game are regions (issue 14): at a point with many
    ties exactly one region's condition holds, and its profiles equal both the numeric
    enumeration of the substituted game and a plain Fraction brute force."""
    ne = _NE_REGIONS.setdefault(eps, pure_epsilon_nash_equilibria(_GEN, sympy.Rational(eps.numerator, eps.denominator)))
    point = {s: sympy.Integer(v) for s, v in zip(_GSYMS, vals)}
    holding = [r for r in ne.regions if holds_at(r.condition, point)]
    assert len(holding) == 1, (vals, [r.condition for r in holding])
    expected = _brute_pure_eps_ne(vals, eps)
    assert holding[0].profiles == expected
    assert pure_epsilon_nash_equilibria(_GEN.subs(point), sympy.Rational(eps.numerator, eps.denominator)) == expected
    assert ne.region_at(point).profiles == expected


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 2), min_size=8, max_size=8),
       st.sampled_from([(0, 0), (0, 1), (1, 1)]), st.sampled_from([0, sympy.Rational(1, 2)]))
@example([1] * 8, (0, 0), 0)
@example([0, 1, 0, 1, 0, 0, 1, 1], (1, 1), 0)
def test_generic_is_epsilon_nash_condition_equals_numeric(vals, prof, eps):
    """``is_epsilon_nash`` on the generic 2x2 game is a condition; at points with ties it
    holds exactly where the numeric predicate (and the Fraction brute force) says True."""
    from symalign.delegation.capability import is_epsilon_nash
    key = ("isne", prof, eps)
    cond = _CLOSED.setdefault(key, is_epsilon_nash(_GEN, prof, eps))
    point = {s: sympy.Integer(v) for s, v in zip(_GSYMS, vals)}
    expected = is_epsilon_nash(_GEN.subs(point), prof, eps)
    assert expected == (prof in _brute_pure_eps_ne(vals, Fraction(str(eps))))
    got = cond if isinstance(cond, bool) else holds_at(cond, point)
    assert got == expected, (cond, vals)


def test_generic_pure_equilibria_strict_raises_naming_a_comparison():
    from symalign.core.errors import UndecidableError
    with pytest.raises(UndecidableError, match="u_0_00"):
        pure_epsilon_nash_equilibria(_GEN, strict=True)


def test_one_parameter_collective_capability_by_hand():
    """Agents [[x, 0], [0, 1]] / [[1, 0], [0, 1]]: welfares W00 = x + 1, W01 = W10 = 0,
    W11 = 2; (1, 1) is always a pure NE and (0, 0) is one iff x >= 0. So at (0, 0):
    x < 0: no... (0, 0) is not a NE, w_0 = 2 = w* (max(x + 1, 2) = 2): undefined (nan);
    0 <= x < 1: w* = 2, w_0 = min(x + 1, 2) = x + 1, CC = (x + 1 - (x + 1))/(1 - x) = 0;
    x = 1: w* = w_0 = 2: nan; x > 1: w* = x + 1, w_0 = 2, CC = (x + 1 - 2)/(x - 1) = 1."""
    x = sympy.Symbol("x")
    g = sa.Game.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, 1]])
    cc = collective_capability(g, (0, 0))
    for xv, want in ((-3, sympy.nan), (-1, sympy.nan), (0, 0), (Rational(1, 2), 0),
                     (1, sympy.nan), (2, 1), (7, 1)):
        assert _ev(cc, {x: sympy.sympify(xv)}) == want, xv
    assert collective_capability(g, (0, 0), assumptions=[x > 1]) == 1
    dec = regret_decomposition(g, (0, 0))
    assert dec.identity_holds
    # w_0 by hand: x + 1 for 0 <= x < 1, 2 for x > 1; where CC is undefined (x < 0, x = 1)
    # the numeric decomposition raises, so the closed form is nan there
    for xv, want in ((-1, sympy.nan), (0, 1), (Rational(1, 2), Rational(3, 2)), (1, sympy.nan),
                     (3, 2)):
        assert _ev(dec.w_0, {x: sympy.sympify(xv)}) == want, xv
    with pytest.raises(UndefinedMetricError):
        regret_decomposition(g.subs({x: -1}), (0, 0))
    with pytest.raises(UndecidableError):
        collective_capability(g, (0, 0), strict=True)


@pytest.mark.slow
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 2), min_size=8, max_size=8))
@example([1] * 8)                                   # every welfare equal: undefined
@example([0, 1, 0, 1, 0, 0, 1, 1])                  # ties
@example([2, 0, 0, 1, 2, 0, 0, 1])                  # coordination: w* = w(0, 0)
def test_generic_collective_capability_and_decomposition_equal_numeric(vals):
    """CC and the regret decomposition of the generic 2x2 game at (1, 1) are closed forms;
    at points with ties they equal the numeric values (nan where CC is undefined)."""
    cc = _CLOSED.setdefault("gen_cc", collective_capability(_GEN, (1, 1)))
    dec = _CLOSED.setdefault("gen_dec", regret_decomposition(_GEN, (1, 1)))
    assert dec.identity_holds
    point = {s: sympy.Integer(v) for s, v in zip(_GSYMS, vals)}
    ng = _GEN.subs(point)
    try:
        expected = collective_capability(ng, (1, 1))
    except UndefinedMetricError:
        assert _ev(cc, point) is sympy.nan
    else:
        assert _ev(cc, point) == expected
    try:
        d = regret_decomposition(ng, (1, 1))
    except UndefinedMetricError:                    # no pure NE: w_0 undefined
        assert _ev(dec.w_0, point) is sympy.nan
        return
    for field in ("welfare_regret", "w_star", "w_0", "w_eps", "cooperation_term",
                  "irrationality_loss"):
        assert _ev(getattr(dec, field), point) == getattr(d, field), field
