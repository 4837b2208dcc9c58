"""Tests for symalign.parametric: closed-form mixed security values (through security_value),
conditional equilibria (through nash_equilibria) and the deprecated parametric_* aliases."""

from fractions import Fraction

import sympy
from hypothesis import example, given
from hypothesis import strategies as st

import symalign as sa
from symalign.parametric.conditions import condition_satisfiable

a, b, c, d = sympy.symbols("a b c d")
ZS = sa.Game.from_arrays([[a, b], [c, d]], [[-a, -b], [-c, -d]])
q = st.fractions(min_value=-6, max_value=6, max_denominator=4)


def _ref_value(A):
    """Independent float-free value of a 2x2 zero-sum game by the textbook rule:
    if max_i min_j A == min_j max_i A there is a saddle and that is the value, otherwise
    v = (ad - bc) / (a + d - b - c)."""
    (a_, b_), (c_, d_) = A
    lower = max(min(a_, b_), min(c_, d_))
    upper = min(max(a_, c_), max(b_, d_))
    if lower == upper:
        return lower
    return (a_ * d_ - b_ * c_) / (a_ + d_ - b_ - c_)


@given(q, q, q, q)
def test_2x2_zero_sum_value_matches_textbook(a_, b_, c_, d_):
    v = sa.security_value(ZS, 0).value
    point = {a: a_, b: b_, c: c_, d: d_}
    expected = _ref_value([[a_, b_], [c_, d_]])
    got = v.subs({k: sympy.Rational(x.numerator, x.denominator) for k, x in point.items()})
    assert got == sympy.Rational(Fraction(expected).numerator, Fraction(expected).denominator)


def test_no_saddle_region_formula():
    """Under a > b, a > c, d > b, d > c (no saddle point) the value is (ad - bc)/(a+d-b-c)."""
    v = sa.security_value(ZS, 0, assumptions=[a > b, a > c, d > b, d > c]).value
    assert sympy.simplify(v - (a * d - b * c) / (a + d - b - c)) == 0


def test_column_player_value_by_minimax():
    """Column player's payoffs are -A; her security value is -(row value) in a zero-sum game."""
    v0 = sa.security_value(ZS, 0).value
    v1 = sa.security_value(ZS, 1).value
    for point in [{a: 3, b: 1, c: 0, d: 2}, {a: 2, b: 1, c: 0, d: -1}, {a: 1, b: -1, c: -1, d: 1}]:
        assert v1.subs(point) == -v0.subs(point)


def test_2x3_security_value_matches_numeric_lp_values():
    """2x3: x = P(row 0); columns give lines f_j(x); v = max_x min_j f_j(x).
    Hand check for [[3, 0, 2], [0, 3, 1]]: f0 = 3x, f1 = 3 - 3x, f2 = 1 + x.
    The envelope min(3x, 3-3x, 1+x) peaks at x = 1/2 with value 3/2 (f0 = f1 = 3/2 <= f2 = 3/2)."""
    e, f = sympy.symbols("e f")
    g = sa.Game.from_arrays([[3, 0, e], [0, 3, f]], [[0, 0, 0], [0, 0, 0]])
    v = sa.security_value(g, 0).value
    assert v.subs({e: 2, f: 1}) == sympy.Rational(3, 2)
    # with a dominant third column the value is lower: [[3,0,0],[0,3,0]] -> 0
    assert v.subs({e: 0, f: 0}) == 0


def test_stag_hunt_family_equilibria():
    """Stag hunt with mammoth payoff m > 2: pure (F,F), (M,M) and the mixed NE with
    P(M) = 1/m: the hunter is indifferent when 2 p + (1 - p) = p + m (1 - p)... solved by
    p(F) = (m - 1)/m. At m = 10 that is P(M) = 1/10, the spec's §5 value."""
    m = sympy.Symbol("m", positive=True)
    eqs = sa.nash_equilibria(sa.games.stag_hunt(2, 1, 1, m), assumptions=[m > 2])
    assert len(eqs) == 3 and all(e.condition is sympy.true for e in eqs)
    mixed = eqs[1].profile.subs(m, 10)
    assert mixed.strategies[0] == (sympy.Rational(9, 10), sympy.Rational(1, 10))
    assert eqs[1].payoffs[0].subs(m, 10) == sympy.Rational(19, 10)


def test_pd_family_only_defection():
    T, R, P, S = sympy.symbols("T R P S")
    eqs = sa.nash_equilibria(sa.games.prisoners_dilemma(T, R, P, S),
                                   assumptions=[T > R, R > P, P > S])
    assert [e.profile.strategies for e in eqs] == [((0, 1), (0, 1))]


def test_conditions_kept_when_undecided():
    """Matching-pennies-like family [[x, -1], [-1, 1]]: the fully mixed NE needs x > -1."""
    x = sympy.Symbol("x")
    g = sa.Game.from_arrays([[x, -1], [-1, 1]], [[-x, 1], [1, -1]])
    mixed = [e for e in sa.nash_equilibria(g) if len(e.supports[0]) == 2]
    assert len(mixed) == 1
    cond = mixed[0].condition
    assert cond.subs(x, 1) is sympy.true and cond.subs(x, -2) is sympy.false


def test_pd_family_security_value_under_assumptions():
    """T > R > P > S: D dominates C, the row player guarantees min(T, P) = P by defecting,
    and cooperating guarantees min(R, S) = S < P, so v = P (pure and mixed)."""
    T, R, P, S = sympy.symbols("T R P S")
    pd = sa.games.prisoners_dilemma(T, R, P, S).assuming(T > R, R > P, P > S)
    assert sa.security_value(pd, 0).value == P
    assert sa.security_value(pd, 1).value == P


def test_deprecated_aliases_warn_and_agree():
    """parametric_security_value and parametric_equilibria stay for one release, warn, and
    name the new spelling."""
    import pytest
    with pytest.warns(DeprecationWarning, match=r"use security_value\(game, player, "
                                                 r"assumptions=\.\.\.\)"):
        old = sa.parametric_security_value(ZS, 0)
    assert old == sa.security_value(ZS, 0).value
    m = sympy.Symbol("m", positive=True)
    hunt = sa.games.stag_hunt(2, 1, 1, m)
    with pytest.warns(DeprecationWarning, match=r"use nash_equilibria\(game, assumptions="):
        old = sa.parametric_equilibria(hunt, assumptions=[m > 2])
    new = sa.nash_equilibria(hunt, assumptions=[m > 2])
    assert [e.profile for e in old] == [e.profile for e in new]


def test_impossible_branch_is_removed():
    """Issue 14: a closed form kept the branch (x > 2) & (x < -1). Row payoffs
    [[2, 0], [3, x + 1]]: the 2x2 interior case needs (a - b)(c - d) < 0 and
    (a - c)(b - d) < 0, i.e. (x > 2) and (x < -1) here, which is empty. Hand value: row 1
    guarantees min(3, x + 1), row 0 guarantees 0, and mixing cannot beat the better row."""
    x = sympy.Symbol("x")
    g = sa.Game.from_arrays([[2, 0], [3, x + 1]], [[-1, 2 * x], [x - 2, 2 * x]])
    v = sa.security_value(g, 0).value
    assert not condition_satisfiable((x > 2) & (x < -1))
    for pw in v.atoms(sympy.Piecewise):
        for _, cond in pw.args:
            assert condition_satisfiable(cond) is not False, cond
    for val in (-3, -1, 0, 1, 2, 5):
        assert v.subs(x, val) == max(0, min(3, val + 1))


_G22 = sa.games.symbolic_game((2, 2))
_G22_SYMS = sorted(_G22.free_symbols, key=lambda s: s.name)
_SV: dict = {}


def _closed_security(player, mixed):
    if (player, mixed) not in _SV:
        _SV[player, mixed] = sa.security_value(_G22, player, mixed).value
    return _SV[player, mixed]


@example([0, 0, 0, 0, 0, 0, 0, 0])
@example([1, 1, 0, 0, 2, 0, 0, 2])
@example([2, 0, 0, 2, 1, 1, 1, 1])
@given(st.lists(st.sampled_from([0, 1, 2]), min_size=8, max_size=8)
       | st.lists(q, min_size=8, max_size=8))
def test_generic_2x2_security_values_match_the_numeric_lp(values):
    """The closed forms of the pure and mixed security values of the generic 2x2 game,
    substituted at points with many ties, equal the exact numeric values (the pure
    enumeration and the verified LP of symalign.normalform.security) of the substituted game."""
    point = {s: sympy.Rational(Fraction(v).numerator, Fraction(v).denominator)
             for s, v in zip(_G22_SYMS, values)}
    numeric = _G22.subs(point)
    for player in (0, 1):
        for mixed in (True, False):
            got = _closed_security(player, mixed).subs(point)
            assert got == sa.security_value(numeric, player, mixed).value, (player, mixed)
