"""Tests for symalign.normalform.equilibria: pure and extreme mixed Nash equilibria, best responses, NashConv.

Expected values come from the spec (normal_form_alignment.md §5 table, §13 vectors), from
hand derivations written in each test's docstring, or from independent implementations:
nashpy's support enumeration (non-degenerate games), ``lrsnash`` (any game, when installed)
and an independent exact checker written here with `fractions.Fraction`.
"""

from __future__ import annotations

import itertools
import shutil
import sys
import warnings
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

import symalign as sa
from symalign import games
from symalign.normalform.crosscheck import lrsnash_equilibria
from symalign.normalform.equilibria import (
    NashEquilibria,
    best_responses,
    is_nash_equilibrium,
    nash_equilibria,
    nashconv,
    pure_nash_conditions,
    pure_nash_equilibria,
)
from symalign.core.errors import (
    InvalidGameError,
    InvalidProfileError,
    MissingDependencyError,
    SymalignError,
    UndecidableError,
)

R = sympy.Rational


# -- independent exact helpers ----------------------------------------------------------------
def _matrices(game):
    U = game.sympy_array()
    A = [[Fraction(int(v.p), int(v.q)) for v in row] for row in U[0]]
    B = [[Fraction(int(v.p), int(v.q)) for v in row] for row in U[1]]
    return A, B


def _as_fractions(profile):
    return tuple(tuple(Fraction(int(v.p), int(v.q)) for v in s) for s in profile.strategies)


def _independent_is_ne(A, B, x, y):
    """Check the §11 inequalities u_i(sigma) >= u_i(b, sigma_-i) directly with Fractions."""
    m, n = len(A), len(A[0])
    assert all(v >= 0 for v in x) and sum(x) == 1
    assert all(v >= 0 for v in y) and sum(y) == 1
    row = [sum(A[i][j] * y[j] for j in range(n)) for i in range(m)]
    col = [sum(B[i][j] * x[i] for i in range(m)) for j in range(n)]
    u0 = sum(x[i] * row[i] for i in range(m))
    u1 = sum(y[j] * col[j] for j in range(n))
    return all(u0 >= r for r in row) and all(u1 >= c for c in col), (u0, u1)


def _check_all_exact(game, ne):
    """Every returned equilibrium satisfies the defining inequalities; payoffs are right."""
    A, B = _matrices(game)
    for sigma, pay in zip(ne.profiles, ne.payoffs):
        x, y = _as_fractions(sigma)
        ok, (u0, u1) = _independent_is_ne(A, B, x, y)
        assert ok
        assert pay == (sympy.Rational(u0.numerator, u0.denominator),
                       sympy.Rational(u1.numerator, u1.denominator))
        assert all(isinstance(v, sympy.Rational) for s in sigma.strategies for v in s)


def _mixed_set(ne):
    return {_as_fractions(s) for s in ne}


def F(s):
    return Fraction(s)


PD_MINUS = sa.Game.from_arrays([[-1, -3], [0, -2]], [[-1, 0], [-3, -2]])


# -- spec §5 table ------------------------------------------------------------------------------
SPEC_PURE = [
    # game, pure NE, their payoffs (§5 "pure NE (payoffs)")
    (games.matching_pennies(), (), ()),
    (games.prisoners_dilemma(), ((1, 1),), ((1, 1),)),
    (PD_MINUS, ((1, 1),), ((-2, -2),)),
    (games.battle_of_the_sexes(), ((0, 0), (1, 1)), ((2, 1), (1, 2))),
    (games.coordination(), ((0, 0), (1, 1)), ((2, 2), (1, 1))),
    (games.stag_hunt(), ((0, 0), (1, 1)), ((2, 2), (10, 10))),
    (games.chicken(), ((0, 1), (1, 0)), ((2, 7), (7, 2))),
    (games.surplus_counterexample(), ((0, 1),), ((5, 1),)),
]


@pytest.mark.parametrize("game, expected, payoffs", SPEC_PURE)
def test_pure_nash_equilibria_spec_table(game, expected, payoffs):
    assert pure_nash_equilibria(game) == expected
    ne = nash_equilibria(game, kind="pure")
    assert ne.kind == "pure" and ne.complete
    assert ne.pure_profiles() == expected
    assert ne.payoffs == payoffs


# fully mixed NE of §5 (p = probability of action 0) with its payoffs
SPEC_MIXED = [
    (games.matching_pennies(), [((F("1/2"), F("1/2")), (F("1/2"), F("1/2")))], [(0, 0)]),
    (games.prisoners_dilemma(), [], []),
    (PD_MINUS, [], []),
    (games.battle_of_the_sexes(), [((F("2/3"), F("1/3")), (F("1/3"), F("2/3")))],
     [(R(2, 3), R(2, 3))]),
    (games.coordination(), [((F("1/3"), F("2/3")), (F("1/3"), F("2/3")))],
     [(R(2, 3), R(2, 3))]),
    (games.stag_hunt(), [((F("9/10"), F("1/10")), (F("9/10"), F("1/10")))],
     [(R(19, 10), R(19, 10))]),
    (games.chicken(), [((F("2/3"), F("1/3")), (F("2/3"), F("1/3")))],
     [(R(14, 3), R(14, 3))]),
    (games.surplus_counterexample(), [], []),
]


@pytest.mark.parametrize("case", range(len(SPEC_MIXED)))
def test_mixed_equilibria_spec_table(case):
    """All extreme equilibria of the §5 games = pure NE plus the fully mixed NE of the table.

    These 2x2 games are non-degenerate, so the equilibria are exactly these.
    """
    game, mixed, mixed_pay = SPEC_MIXED[case]
    _, pure, pure_pay = SPEC_PURE[case]
    ne = nash_equilibria(game)
    assert isinstance(ne, NashEquilibria)
    assert ne.kind == "mixed" and ne.complete and "Nash (1951)" in ne.source
    expected = {tuple(tuple(Fraction(int(j == a)) for j in range(2)) for a in prof): pay
                for prof, pay in zip(pure, pure_pay)}
    expected.update(dict(zip(mixed, mixed_pay)))
    got = {_as_fractions(s): p for s, p in zip(ne.profiles, ne.payoffs)}
    assert got == {k: tuple(sympy.Integer(v) if isinstance(v, int) else v for v in p)
                   for k, p in expected.items()}
    _check_all_exact(game, ne)


def test_order_is_documented_order():
    """Decreasing lexicographic order of player 0's then player 1's probability vectors."""
    ne = nash_equilibria(games.battle_of_the_sexes())
    assert [_as_fractions(s) for s in ne] == [
        ((1, 0), (1, 0)), ((F("2/3"), F("1/3")), (F("1/3"), F("2/3"))), ((0, 1), (0, 1))]
    assert list(ne) == list(ne.profiles) and ne[0] == ne.profiles[0] and len(ne) == 3
    assert ne[1] in ne


# -- degenerate games, hand-derived -------------------------------------------------------------
def test_degenerate_bargaining_game():
    """Bargaining test game (§5): U0 = [[4,0],[3,0]], U1 = [[0,2],[1,0]].

    With x = P(row 0), y = P(col 0): u0(row0) = 4y >= u0(row1) = 3y, equal iff y = 0;
    u1(col0) = 1 - x, u1(col1) = 2x. If y > 0 then x = 1, so player 1 plays col 1: y = 0,
    contradiction. So y = 0, and col 1 is a best response iff 2x >= 1 - x, i.e. x >= 1/3;
    player 0 is indifferent. The NE set is the segment {(x, col1) : 1/3 <= x <= 1} with
    extreme points (row0, col1), payoffs (0, 2), and ((1/3, 2/3), col1), payoffs (0, 2/3).
    """
    ne = nash_equilibria(games.bargaining_test())
    assert ne.complete
    assert [_as_fractions(s) for s in ne] == [((1, 0), (0, 1)),
                                               ((F("1/3"), F("2/3")), (0, 1))]
    assert ne.payoffs == ((0, 2), (0, R(2, 3)))
    _check_all_exact(games.bargaining_test(), ne)


def test_degenerate_identical_column_payoffs():
    """Player 1 indifferent everywhere (U1 = all ones); U0 = [[1,0],[0,1]].

    Player 0 plays row 0 iff y = P(col 0) >= 1/2 and row 1 iff y <= 1/2; player 1 accepts
    anything. Maximal Nash subsets: {row0} x [1/2, 1], {row1} x [0, 1/2] and
    Delta x {(1/2, 1/2)}. Their vertices, the extreme equilibria: (row0, col0),
    (row0, (1/2,1/2)), (row1, (1/2,1/2)), (row1, col1).
    """
    g = sa.Game.from_arrays([[1, 0], [0, 1]], [[1, 1], [1, 1]])
    ne = nash_equilibria(g)
    half = (F("1/2"), F("1/2"))
    assert _mixed_set(ne) == {((1, 0), (1, 0)), ((1, 0), half), ((0, 1), half),
                              ((0, 1), (0, 1))}
    assert len(ne) == 4
    _check_all_exact(g, ne)


def test_degenerate_von_stengel_example():
    """A = [[3,3],[2,5],[0,6]], B = [[3,3],[2,6],[3,1]] (von Stengel's degenerate example).

    Row 0 leaves player 1 indifferent. Against y = (y1, 1 - y1), row 0 (payoff 3) is a best
    response iff 3 >= 2y1 + 5(1-y1) and 3 >= 6(1-y1), i.e. y1 >= 2/3: a segment with ends
    (row0, col0) and (row0, (2/3, 1/3)). Mixing rows 1 and 2 as x = (0, 1/3, 2/3) makes
    player 1 indifferent (8/3 each), and y = (1/3, 2/3) gives rows 1, 2 payoff 4 > 3.
    Other supports fail (e.g. rows {0,1}: col 1 strictly better, then row 2 is better).
    """
    g = sa.Game.from_arrays([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    ne = nash_equilibria(g)
    assert _mixed_set(ne) == {((1, 0, 0), (1, 0)), ((1, 0, 0), (F("2/3"), F("1/3"))),
                              ((0, F("1/3"), F("2/3")), (F("1/3"), F("2/3")))}
    assert dict(zip(map(_as_fractions, ne), ne.payoffs))[
        ((0, F("1/3"), F("2/3")), (F("1/3"), F("2/3")))] == (4, R(8, 3))
    _check_all_exact(g, ne)


def test_degenerate_all_indifferent():
    """Every payoff 0: every profile is a NE; the NE set is the whole product of simplices,
    whose vertices are the 2 * 3 pure profiles."""
    g = sa.Game.from_arrays(np.zeros((2, 3), dtype=int), np.zeros((2, 3), dtype=int))
    ne = nash_equilibria(g)
    assert ne.pure_profiles() == tuple(itertools.product(range(2), range(3)))
    assert len(ne) == 6


def test_one_by_n_and_single_player():
    """1 x 3 game: player 1's maximisers (cols 0 and 2, payoff 5) are the extreme NE.
    A one-player game's extreme equilibria are its maximisers."""
    g = sa.Game.from_arrays([[0, 1, 2]], [[5, 4, 5]])
    assert nash_equilibria(g).pure_profiles() == ((0, 0), (0, 2))
    one = sa.Game.from_arrays([3, 7, 7])
    ne = nash_equilibria(one)
    assert ne.pure_profiles() == ((1,), (2,)) and ne.payoffs == ((7,), (7,))


def test_rational_payoffs_scale():
    """Payoff denominators are kept: BoS / 3 has the same equilibria with payoffs / 3."""
    bos = games.battle_of_the_sexes()
    g = sa.Game.from_arrays([["2/3", 0], [0, "1/3"]], [["1/3", 0], [0, "2/3"]])
    a, b = nash_equilibria(bos), nash_equilibria(g)
    assert a.profiles == b.profiles
    assert b.payoffs == tuple(tuple(v / 3 for v in p) for p in a.payoffs)


# -- pure equilibria: n players, symbolic ------------------------------------------------------
def test_three_player_pure():
    """3-player coordination: all get 1 when all actions agree, else 0. A profile with a
    disagreement has a player who gains by joining the others (1 > 0), so the pure NE are
    (0,0,0) and (1,1,1) only."""
    g = sa.Game.from_function(lambda a: (int(len(set(a)) == 1),) * 3, (2, 2, 2))
    assert pure_nash_equilibria(g) == ((0, 0, 0), (1, 1, 1))
    assert nash_equilibria(g, kind="pure").payoffs == ((1, 1, 1), (1, 1, 1))


def test_symbolic_pure_and_conditions():
    """Symbolic PD: (D,D) is an NE iff P >= S (column and row deviations to C give S);
    (C,C) iff R >= T; (C,D) iff S >= P and T >= R... (row 0 vs 1 in col D: S vs P; col
    player in row C: T vs R)."""
    T, Rw, P, S = sympy.symbols("T R P S")
    pd = games.prisoners_dilemma(T, Rw, P, S)
    conds = pure_nash_conditions(pd)
    assert conds[(1, 1)] == sympy.Ge(P, S)
    assert conds[(0, 0)] == sympy.Ge(Rw, T)
    assert conds[(0, 1)] == sympy.And(sympy.Ge(S, P), sympy.Ge(T, Rw))
    assert pure_nash_equilibria(pd, assumptions=[T > Rw, Rw > P, P > S]) == ((1, 1),)
    assert pure_nash_equilibria(pd.assuming(T > Rw, Rw > P, P > S)) == ((1, 1),)
    with pytest.raises(UndecidableError) as info:
        pure_nash_equilibria(pd)
    assert "Nash equilibrium" in str(info.value)
    assert pure_nash_conditions(games.prisoners_dilemma())[(1, 1)] is sympy.true
    assert pure_nash_conditions(games.prisoners_dilemma())[(0, 0)] is sympy.false


def test_symbolic_mixed_is_a_partition():
    """Before issue 14 a symbolic game was refused. Now it gives a ParametricEquilibria;
    for x > 0 (a battle of the sexes): two pure equilibria and the mixed one where the row
    mix p = P(row 0) makes the column player indifferent (p = x (1 - p), p = x/(x + 1)) and
    the column mix q makes the row player indifferent (x q = 1 - q, q = 1/(x + 1))."""
    x = sympy.Symbol("x")
    g = sa.Game.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, x]])
    ne = nash_equilibria(g, assumptions=[x > 0])
    assert isinstance(ne, sa.ParametricEquilibria) and ne.complete
    (region,) = ne.regions
    third = ((x / (x + 1), 1 / (x + 1)), (1 / (x + 1), x / (x + 1)))
    assert [tuple(tuple(sympy.simplify(v) for v in s) for s in p.strategies)
            for p in region.profiles][1] == tuple(tuple(sympy.simplify(v) for v in s)
                                                  for s in third)
    three = sa.games.symbolic_game((2, 2, 2))
    with pytest.raises(InvalidGameError, match="Argument 'game'.*symbolic"):
        nash_equilibria(three)


def test_bad_kind():
    with pytest.raises(SymalignError, match="Argument 'kind' is 'all'"):
        nash_equilibria(games.chicken(), kind="all")


# -- NashConv, best responses, is_nash_equilibrium ------------------------------------------------
def test_nashconv_spec_vectors():
    """§13 test vectors."""
    pd = games.prisoners_dilemma()
    assert [nashconv(pd, a) for a in [("C", "C"), ("C", "D"), ("D", "D")]] == [2, 1, 0]
    assert nashconv(games.matching_pennies(), [[1, 0], ["1/2", "1/2"]]) == 1


def test_nashconv_symbolic_profile():
    """BoS with sigma_0 = (p, 1-p), sigma_1 = (1/3, 2/3): player 0 is indifferent (2/3 each),
    so her term is 0; player 1 earns p against col 0 and 2(1-p) against col 1, plays
    (1/3)p + (2/3)2(1-p) = 4/3 - p, so her term is max(p, 2 - 2p) - 4/3 + p. With p >= 2/3
    the max is p, giving 2p - 4/3."""
    p = sympy.Symbol("p", nonnegative=True)
    prof = [[p, 1 - p], ["1/3", "2/3"]]
    assert nashconv(games.battle_of_the_sexes(), prof, assumptions=[3 * p >= 2]) == \
        2 * p - R(4, 3)


def test_correlated_profiles_refused():
    mu = sa.CorrelatedProfile([["1/2", "1/4"], ["1/4", 0]])
    for f in (lambda: nashconv(games.chicken(), mu),
              lambda: is_nash_equilibrium(games.chicken(), mu),
              lambda: best_responses(games.chicken(), 0, mu),
              lambda: nashconv(games.chicken(), {(0, 0): 1})):
        with pytest.raises(InvalidProfileError, match="correlated"):
            f()


def test_best_responses():
    """Chicken U0 = [[6,2],[7,0]]: against col C (0) the best response is D (7 > 6); against
    sigma_1 = (2/3, 1/3): C gives 4 + 2/3 = 14/3, D gives 14/3: both."""
    ch = games.chicken()
    assert best_responses(ch, 0, ("C", "C")) == (1,)
    assert best_responses(ch, 0, [[1, 0], ["2/3", "1/3"]]) == (0, 1)
    assert best_responses(ch, 1, ("D", "D")) == (0,)
    x = sympy.Symbol("x")
    g = sa.Game.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, 1]])
    assert best_responses(g, 0, (0, 0), assumptions=[x > 0]) == (0,)
    with pytest.raises(UndecidableError):
        best_responses(g, 0, (0, 0))


def test_is_nash_equilibrium_symbolic():
    T, Rw, P, S = sympy.symbols("T R P S")
    pd = games.prisoners_dilemma(T, Rw, P, S)
    assert is_nash_equilibrium(pd, ("D", "D"), assumptions=[P > S]) is True
    assert is_nash_equilibrium(pd, ("C", "C"), assumptions=[T > Rw]) is False
    with pytest.raises(UndecidableError):
        is_nash_equilibrium(pd, ("D", "D"))


# -- three or more players, mixed ---------------------------------------------------------------
def test_three_players_mixed_without_pygambit(monkeypatch):
    """Mixed equilibria of 3-player games need no optional package any more (issue 15).

    3-player coordination (all get 1 if all agree): the pure NE (0,0,0), (1,1,1), and
    everyone mixing (1/2, 1/2): with the others at (p, 1-p) each, action 0 earns p^2 and
    action 1 earns (1-p)^2, equal iff p = 1/2, payoff 1/4. With two players on different
    pure actions nobody can get 1, but the third player's best reply then breaks it: no
    other equilibria, and no continuum."""
    monkeypatch.setitem(sys.modules, "pygambit", None)
    g = sa.Game.from_function(lambda a: (int(len(set(a)) == 1),) * 3, (2, 2, 2))
    ne = nash_equilibria(g)
    assert ne.complete and ne.kind == "mixed" and ne.components == ()
    half = sa.MixedProfile([["1/2", "1/2"]] * 3)
    assert set(ne.profiles) == {half, sa.MixedProfile.pure((2, 2, 2), (0, 0, 0)),
                                sa.MixedProfile.pure((2, 2, 2), (1, 1, 1))}
    assert ne.payoffs[ne.profiles.index(half)] == (R(1, 4),) * 3
    for sigma in ne:
        assert is_nash_equilibrium(g, sigma) and nashconv(g, sigma) == 0


# -- cross-checks ------------------------------------------------------------------------------
def _rank(rows):
    rows = [list(r) for r in rows]
    rank, col = 0, 0
    ncols = len(rows[0]) if rows else 0
    for col in range(ncols):
        piv = next((r for r in range(rank, len(rows)) if rows[r][col] != 0), None)
        if piv is None:
            continue
        rows[rank], rows[piv] = rows[piv], rows[rank]
        for r in range(len(rows)):
            if r != rank and rows[r][col] != 0:
                f = rows[r][col] / rows[rank][col]
                rows[r] = [a - f * b for a, b in zip(rows[r], rows[rank])]
        rank += 1
    return rank


def _nondegenerate(A, B):
    """Sufficient test: no m+1 (n+1) label equations of the best-response polytope
    {x >= 0, B^T x <= 1} ({y >= 0, A y <= 1}) have a common solution (payoffs made positive).
    Each equation is x_i = 0 or (B^T x)_j = 1, as rows [coefficients | right side]."""
    m, n = len(A), len(A[0])
    shift = 1 - min(min(min(r) for r in A), min(min(r) for r in B))
    for M, d in (([[B[i][j] + shift for i in range(m)] for j in range(n)], m),
                 ([[A[i][j] + shift for j in range(n)] for i in range(m)], n)):
        eqs = [[Fraction(int(k == i)) for k in range(d)] + [Fraction(0)] for i in range(d)]
        eqs += [[Fraction(v) for v in row] + [Fraction(1)] for row in M]
        for sub in itertools.combinations(eqs, d + 1):
            if _rank([r[:-1] for r in sub]) == _rank(sub):
                return False
    return True


def _support_enumeration_exact(A, B):
    """Independent exact support enumeration for non-degenerate games: for every pair of
    equal-size supports, solve the indifference equations in Fractions and keep the
    solutions that pass `_independent_is_ne`."""
    m, n = len(A), len(A[0])

    def solve(rows):  # Gauss-Jordan on a square system [M | b] of Fractions; None if singular
        rows = [list(r) for r in rows]
        k = len(rows)
        for c in range(k):
            piv = next((r for r in range(c, k) if rows[r][c] != 0), None)
            if piv is None:
                return None
            rows[c], rows[piv] = rows[piv], rows[c]
            for r in range(k):
                if r != c and rows[r][c] != 0:
                    f = rows[r][c] / rows[c][c]
                    rows[r] = [a - f * b for a, b in zip(rows[r], rows[c])]
        return [rows[r][k] / rows[r][r] for r in range(k)]

    out = set()
    for k in range(1, min(m, n) + 1):
        for S in itertools.combinations(range(m), k):
            for T in itertools.combinations(range(n), k):
                # y on T makes rows S indifferent; x on S makes columns T indifferent
                ys = solve([[Fraction(A[i][j]) for j in T] + [Fraction(-1), Fraction(0)]
                            for i in S] + [[Fraction(1)] * k + [Fraction(0), Fraction(1)]])
                xs = solve([[Fraction(B[i][j]) for i in S] + [Fraction(-1), Fraction(0)]
                            for j in T] + [[Fraction(1)] * k + [Fraction(0), Fraction(1)]])
                if ys is None or xs is None:
                    continue
                x = [Fraction(0)] * m
                y = [Fraction(0)] * n
                for i, v in zip(S, xs):
                    x[i] = v
                for j, v in zip(T, ys):
                    y[j] = v
                x, y = tuple(x), tuple(y)
                if min(x) >= 0 and min(y) >= 0 and _independent_is_ne(A, B, x, y)[0]:
                    out.add((x, y))
    return out


def _rounded(s0, s1):
    return (tuple(Fraction(float(v)).limit_denominator(10**6) for v in s0),
            tuple(Fraction(float(v)).limit_denominator(10**6) for v in s1))


def test_against_nashpy_random_nondegenerate():
    """200 seeded random non-degenerate games up to 4 x 4, three independent checks:

    * an exact support enumeration written above gives the same set;
    * nashpy's vertex enumeration, rounded with limit_denominator, gives the same set;
    * nashpy's support enumeration, rounded, gives a subset (it compares float payoffs with
      ``==`` and rejects solutions with entries like -1e-17, so it drops true equilibria;
      each of its answers is confirmed exactly).
    """
    nashpy = pytest.importorskip("nashpy")
    rng = np.random.default_rng(20261122)
    checked = 0
    while checked < 200:
        m, n = (int(v) for v in rng.integers(1, 5, size=2))
        A = rng.integers(-9, 10, size=(m, n)).tolist()
        B = rng.integers(-9, 10, size=(m, n)).tolist()
        if not _nondegenerate(A, B):
            continue
        checked += 1
        g = sa.Game.from_arrays(A, B)
        ne = nash_equilibria(g)
        _check_all_exact(g, ne)
        ours = _mixed_set(ne)
        Af, Bf = _matrices(g)
        assert ours == _support_enumeration_exact(Af, Bf), (A, B)
        assert len(ne) % 2 == 1   # non-degenerate games have an odd number of NE
        ng = nashpy.Game(np.array(A), np.array(B))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            support = {_rounded(s0, s1) for s0, s1 in ng.support_enumeration(tol=1e-9)}
            # (qhull needs dimension >= 2)
            vertex = ({_rounded(s0, s1) for s0, s1 in ng.vertex_enumeration()}
                      if min(m, n) >= 2 else ours)
        assert all(_independent_is_ne(Af, Bf, x, y)[0] for x, y in support | vertex)
        assert support <= ours, (A, B)
        assert vertex == ours, (A, B)


@pytest.mark.skipif(shutil.which("lrsnash") is None, reason="lrsnash (lrslib) not installed")
def test_against_lrsnash():
    """Same extreme equilibria as lrsnash on degenerate small-integer games and larger ones."""
    rng = np.random.default_rng(7)
    cases = []
    for _ in range(25):   # payoffs in {0, 1, 2}: heavily degenerate
        m, n = (int(v) for v in rng.integers(1, 5, size=2))
        cases.append((rng.integers(0, 3, (m, n)).tolist(), rng.integers(0, 3, (m, n)).tolist()))
    for size in (5, 7):
        cases.append((rng.integers(0, 100, (size, size)).tolist(),
                      rng.integers(0, 100, (size, size)).tolist()))
    cases.append((rng.integers(-5, 6, (6, 4)).tolist(), rng.integers(-5, 6, (6, 4)).tolist()))
    cases.append((rng.integers(-10, 11, (10, 10)).tolist(),
                  rng.integers(-10, 11, (10, 10)).tolist()))
    cases.append((rng.integers(0, 3, (8, 9)).tolist(), rng.integers(0, 3, (8, 9)).tolist()))
    for A, B in cases:
        g = sa.Game.from_arrays(A, B)
        ne = nash_equilibria(g)
        _check_all_exact(g, ne)
        assert _mixed_set(ne) == _mixed_set(lrsnash_equilibria(g)), (A, B)


# -- properties --------------------------------------------------------------------------------
@st.composite
def small_games(draw):
    m = draw(st.integers(1, 3))
    n = draw(st.integers(1, 3))
    vals = st.integers(-3, 3)
    A = draw(st.lists(st.lists(vals, min_size=n, max_size=n), min_size=m, max_size=m))
    B = draw(st.lists(st.lists(vals, min_size=n, max_size=n), min_size=m, max_size=m))
    return sa.Game.from_arrays(A, B)


@given(small_games())
def test_property_every_equilibrium_is_one(g):
    ne = nash_equilibria(g)
    assert len(ne) >= 1   # Nash's theorem
    for sigma, pay in zip(ne.profiles, ne.payoffs):
        assert is_nash_equilibrium(g, sigma)
        assert nashconv(g, sigma) == 0
        assert pay == sa.expected_payoffs(g, sigma)
    # every pure equilibrium is an extreme equilibrium (a vertex of the product of simplices)
    assert set(pure_nash_equilibria(g)) <= set(ne.pure_profiles())
    assert len(set(ne.profiles)) == len(ne)


@given(small_games(), st.data())
def test_property_nashconv_nonnegative_and_zero_iff_ne(g, data):
    m, n = g.shape
    a = data.draw(st.tuples(st.integers(0, m - 1), st.integers(0, n - 1)))
    nc = nashconv(g, a)
    assert nc >= 0
    assert (nc == 0) == (a in pure_nash_equilibria(g)) == is_nash_equilibrium(g, a)


@pytest.mark.parametrize("faces_max", [0, 4, 10**9])
def test_two_pairing_methods_agree_on_degenerate_games(monkeypatch, faces_max):
    """The fast pairing (solve for the partner of each vertex of P, enumerate a face of Q when
    degenerate) and the plain pairing of all vertices of P and Q by labels are different
    computations; they must give the same extreme equilibria, here on small-integer games
    where ties (degeneracy) are frequent, and on near-degenerate games with huge payoffs
    where the floating-point filter has the least room. Degenerate vertices of P are paired
    through faces of Q or through one enumeration of all of Q, depending on ``faces_max``."""
    from symalign.engines import vertex_enumeration as ve
    from symalign.engines.vertex_enumeration import check_equilibrium, extreme_equilibria
    monkeypatch.setattr(ve, "_FACES_MAX", faces_max)   # all of Q / some faces / faces only
    rng = np.random.default_rng(11)
    for trial in range(120):
        m, n = (int(v) for v in rng.integers(1, 6, size=2))
        if trial % 3 == 2:
            base = int(rng.integers(10**8, 10**9))
            A = (base + rng.integers(0, 3, (m, n))).tolist()
            B = (base * rng.integers(1, 3, (m, n)) + rng.integers(0, 2, (m, n))).tolist()
        else:
            A = rng.integers(-2, 3, (m, n)).tolist()
            B = rng.integers(-2, 3, (m, n)).tolist()
        fast = extreme_equilibria(A, B)
        assert len(set(fast)) == len(fast)
        assert set(fast) == set(extreme_equilibria(A, B, method="labels")), (A, B)
        for x, _, y, _ in fast:
            check_equilibrium(A, B, x, y)


def test_float_filter_never_rejects_a_feasible_partner():
    """The floating-point filter may only reject (S, T) when the exact solution y of
    A[S, T] y = 1 has a negative entry or violates a row outside S. Checked against exact
    Fraction solves on random systems, including boundary cases built to be exactly tight:
    a row outside S equal to a row of S (so A_i y = 1 exactly), and right-hand sides making
    an entry of y exactly 0."""
    from symalign.engines.vertex_enumeration import _float_reject, bareiss_solve
    rng = np.random.default_rng(5)
    cands, mats = [], []
    for trial in range(400):
        m, n = (int(v) for v in rng.integers(2, 7, size=2))
        s = int(rng.integers(1, min(m, n) + 1))
        A = rng.integers(1, 6 if trial % 2 else 10**6, (m, n)).tolist()
        S = sorted(rng.choice(m, s, replace=False).tolist())
        T = sorted(rng.choice(n, s, replace=False).tolist())
        outside = [i for i in range(m) if i not in S]
        if trial % 4 == 0 and outside:
            A[outside[0]] = list(A[S[0]])          # exactly tight extra row
        if trial % 4 == 1 and s >= 2:
            # make column T[-1] unnecessary: put y = e-combination with exact zero entry
            A = [list(r) for r in A]
            for i in S:
                A[i][T[0]] = 2
            for i in S:
                A[i][T[-1]] = int(rng.integers(1, 4))
        cands.append((S, T))
        mats.append(A)
    for (S, T), A in zip(cands, mats):
        rejected = _float_reject(A, [(S, T)])[0]
        sol = bareiss_solve([[A[i][j] for j in T] + [1] for i in S])
        if sol is None:
            assert not rejected
            continue
        nums, det = sol
        y = [Fraction(v, det) for v in nums]
        feasible = min(y) >= 0 and all(sum(A[i][j] * v for j, v in zip(T, y)) <= 1
                                       for i in range(len(A)))
        if feasible:
            assert not rejected, (A, S, T)


def test_vertex_enumeration_with_dictionaries_restored_by_pivoting_back(monkeypatch):
    """The depth-first search keeps only the deepest dictionaries and restores the others by
    pivoting back; with almost none kept it must find the same vertices (compared as sets
    of label masks with values), on non-degenerate and degenerate polytopes."""
    from symalign.engines import vertex_enumeration as ve
    rng = np.random.default_rng(3)
    for trial in range(30):
        k, d = (int(v) for v in rng.integers(2, 7, size=2))
        M = rng.integers(1, 4 if trial % 2 else 1000, (k, d)).tolist()
        monkeypatch.setattr(ve, "_KEEP", 10**9)
        full = ve.polytope_vertices(M)
        monkeypatch.setattr(ve, "_KEEP", 1)
        lean = ve.polytope_vertices(M)
        key = lambda v: (v[2], v[3], v[1], tuple(sorted(v[0].items())))  # noqa: E731
        assert sorted(map(key, full)) == sorted(map(key, lean))
        assert len({(v[2], v[3]) for v in full}) == len(full)


def test_templarrr_flag_game():
    """Templarrr's flag game (§5), common payoff [[3,1],[2,0]]: row 0 strictly dominates
    (3 > 2, 1 > 0) and column 0 strictly dominates (3 > 1, 2 > 0), so (0, 0) with payoffs
    (3, 3) is the only equilibrium, pure or mixed."""
    ne = nash_equilibria(games.templarrr_flag())
    assert ne.pure_profiles() == ((0, 0),) and len(ne) == 1 and ne.payoffs == ((3, 3),)


def test_printing_an_equilibrium_set_shows_the_equilibria():
    """Issue 17: print(nash_equilibria(...)) showed the method, not the equilibria. Battle of the
    Sexes [[2, 0], [0, 1]] / [[1, 0], [0, 2]]: (B, B), (S, S) and the mix (2/3, 1/3), (1/3, 2/3)
    with payoffs (2/3, 2/3) (hand derivation: each mixes to make the other indifferent)."""
    import symalign as sa

    text = str(sa.nash_equilibria(sa.games.battle_of_the_sexes()))
    assert "MixedProfile(((2/3, 1/3), (1/3, 2/3)))" in text and "(2/3, 2/3)" in text
    assert "method" not in text


def test_mixed_equilibrium_payoffs_in_each_players_own_units():
    """Player 0's payoffs are integers and player 1's are halves: A = [[1, 0], [0, 1]],
    B = A / 2. By hand: the pure equilibria (0, 0) and (1, 1) pay (1, 1/2); the mixed one is
    x = y = (1/2, 1/2) (each player indifferent), paying (1/2, 1/4). A payoff computed in the
    other player's units would give 1 and 1/2 for player 1."""
    g = sa.Game.from_arrays([[1, 0], [0, 1]], [["1/2", 0], [0, "1/2"]])
    ne = sa.nash_equilibria(g)
    got = {tuple(tuple(s) for s in p.strategies): tuple(pay)
           for p, pay in zip(ne.profiles, ne.payoffs)}
    half, quarter = sympy.Rational(1, 2), sympy.Rational(1, 4)
    assert got == {((1, 0), (1, 0)): (1, half), ((0, 1), (0, 1)): (1, half),
                   ((half, half), (half, half)): (half, quarter)}
