"""Tests for symalign.normalform.security: pure and mixed security values, maxmin sets, minmax (spec §8)."""

import itertools

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog
from sympy import Rational

import symalign as sa
from symalign.core.errors import SymalignError, UndecidableError
from symalign.normalform.security import SecurityResult, minmax_value, security_value, security_values

R = Rational


def _payoff_matrix(game, i):
    """u_i as a sympy matrix (rows: player i's actions, columns: opponent profiles in row-major
    order), built from Game.payoff — independent of the module's numerator arrays."""
    others = [range(k) for j, k in enumerate(game.shape) if j != i]
    cols = list(itertools.product(*others))
    rows = []
    for a in range(game.shape[i]):
        row = []
        for b in cols:
            prof = list(b)
            prof.insert(i, a)
            row.append(game.payoff(i, tuple(prof)))
        rows.append(row)
    return sympy.Matrix(rows), cols


def _check_mixed_certificate(game, i, res):
    """Weak duality proves the value exactly: the strategy x guarantees `value` against every
    opponent profile, and the punishing distribution holds every action to at most `value`."""
    U, cols = _payoff_matrix(game, i)
    x, punisher = res.certificate
    assert all(p >= 0 for p in x) and sum(x) == 1
    for b in range(len(cols)):
        assert sum(x[a] * U[a, b] for a in range(U.rows)) >= res.value
    q = dict(punisher)
    assert all(p > 0 for p in q.values()) and sum(q.values()) == 1
    for a in range(U.rows):
        assert sum(p * U[a, cols.index(b)] for b, p in q.items()) <= res.value
    # every returned maxmin strategy guarantees the value too
    for s in res.strategies:
        assert sum(s) == 1 and min(s) >= 0
        assert min(sum(s[a] * U[a, b] for a in range(U.rows)) for b in range(len(cols))) \
            == res.value


def _maxmin_vertices(game, i, v):
    """Vertices of X_i = {x in simplex : x . U_b >= v for all b}, enumerated independently:
    every choice of k-1 constraints made tight together with sum x = 1 (sympy solve)."""
    U, cols = _payoff_matrix(game, i)
    k = U.rows
    cons = [([1 if c == a else 0 for c in range(k)], 0) for a in range(k)]
    cons += [([U[a, b] for a in range(k)], v) for b in range(len(cols))]
    verts = set()
    for combo in itertools.combinations(range(len(cons)), k - 1):
        M = sympy.Matrix([[1] * k] + [cons[c][0] for c in combo])
        if M.det() == 0:
            continue
        x = M.solve(sympy.Matrix([1] + [cons[c][1] for c in combo]))
        if all(val >= 0 for val in x) and all(
                sum(x[a] * U[a, b] for a in range(k)) >= v for b in range(len(cols))):
            verts.add(tuple(x))
    return tuple(sorted(verts))


# --------------------------------------------------------------------------------------------
# Spec §5 table
# --------------------------------------------------------------------------------------------

SPEC_5 = {
    # name: (pure values, pure maxmin actions per player, mixed values, mixed strategies)
    "matching-pennies": ((-1, -1), ((0, 1), (0, 1)), (0, 0),
                         (((R(1, 2), R(1, 2)),), ((R(1, 2), R(1, 2)),))),
    "prisoners-dilemma": ((1, 1), ((1,), (1,)), (1, 1), (((0, 1),), ((0, 1),))),
    "prisoners-dilemma-minus": ((-2, -2), ((1,), (1,)), (-2, -2), (((0, 1),), ((0, 1),))),
    "battle-of-the-sexes": ((0, 0), ((0, 1), (0, 1)), (R(2, 3), R(2, 3)),
                            (((R(1, 3), R(2, 3)),), ((R(2, 3), R(1, 3)),))),
    "coordination": ((0, 0), ((0, 1), (0, 1)), (R(2, 3), R(2, 3)),
                     (((R(1, 3), R(2, 3)),), ((R(1, 3), R(2, 3)),))),
    "stag-hunt": ((1, 1), ((0, 1), (0, 1)), (R(19, 10), R(19, 10)),
                  (((R(9, 10), R(1, 10)),), ((R(9, 10), R(1, 10)),))),
    "chicken": ((2, 2), ((0,), (0,)), (2, 2), (((1, 0),), ((1, 0),))),
    "surplus-counterexample": ((2, 1), ((1,), (1,)), (2, 1), (((0, 1),), ((0, 1),))),
}


@pytest.mark.parametrize("name", sorted(SPEC_5))
def test_spec_5_table(name):
    """§5 'v^pure (maxmin actions)' and 'v mixed (strategy)' columns."""
    g = sa.games.by_name(name)
    pure_v, pure_s, mixed_v, mixed_s = SPEC_5[name]
    pure = security_values(g, mixed=False)
    mixed = security_values(g)
    assert tuple(r.value for r in pure) == pure_v
    assert tuple(r.strategies for r in pure) == pure_s
    assert tuple(r.value for r in mixed) == mixed_v
    assert tuple(r.strategies for r in mixed) == mixed_s
    for i, r in enumerate(mixed):
        assert isinstance(r, SecurityResult) and r.mixed and r.player == i
        _check_mixed_certificate(g, i, r)
        assert minmax_value(g, i) == r.value           # von Neumann for two players
        assert pure[i].value <= r.value                  # §8: v^pure <= v


def test_pure_certificate_lists_worst_replies():
    """BoS player 0: action A's worst reply is column B (payoff 0), action B's is column A
    (payoff 0); so both actions guarantee 0 and nothing guarantees more."""
    r = security_value(sa.games.battle_of_the_sexes(), 0, mixed=False)
    assert r.certificate == (((1,), 0), ((0,), 0))
    assert r.method == "exact enumeration"


def test_non_unique_mixed_maxmin_segment():
    """Rows (2,0), (0,2), (1,1) against two columns. With x = (p, q, r), the columns pay
    2p + r and 2q + r, whose average is p + q + r = 1, so the value is 1, attained exactly when
    p = q: X_0 is the segment from (0, 0, 1) to (1/2, 1/2, 0), and both ends are returned."""
    g = sa.Game.from_arrays([[2, 0], [0, 2], [1, 1]], [[0, 0], [0, 0], [0, 0]])
    r = security_value(g, 0)
    assert r.value == 1
    assert r.strategies == ((0, 0, 1), (R(1, 2), R(1, 2), 0))
    _check_mixed_certificate(g, 0, r)


def test_constant_payoffs_every_strategy_is_maxmin():
    """A player whose payoff is constant c: every strategy guarantees c, so X_i is the whole
    simplex, whose vertices are the pure strategies."""
    g = sa.Game.from_arrays([[5, 5, 5], [5, 5, 5]], [[1, 1, 1], [1, 1, 1]])
    assert security_value(g, 0).strategies == ((0, 1), (1, 0))
    assert security_value(g, 1).strategies == ((0, 0, 1), (0, 1, 0), (1, 0, 0))
    assert security_value(g, 1, mixed=False).strategies == (0, 1, 2)


def test_three_players_coalition_and_correlated_minmax():
    """3 players, player 0 matches pennies against the coalition {1, 2}: u_0 = 1 if a_0 equals
    a_1 XOR a_2, else -1. The coalition can make a_1 XOR a_2 uniform, so v_0 = 0 with
    x = (1/2, 1/2); pure value -1."""
    def f(a):
        u0 = 1 if a[0] == (a[1] ^ a[2]) else -1
        return (u0, 0, 0)
    g = sa.Game.from_function(f, (2, 2, 2))
    r = security_value(g, 0)
    assert (r.value, r.strategies) == (0, ((R(1, 2), R(1, 2)),))
    _check_mixed_certificate(g, 0, r)
    assert security_value(g, 0, mixed=False).value == -1
    assert minmax_value(g, 0) == 0


def test_symbolic_pure_security_value():
    """PD(T,R,P,S) with T > R > P > S: row C guarantees S, row D guarantees P > S, so the pure
    value is P with D the only maxmin action."""
    T, Rr, P, S = sympy.symbols("T R P S")
    g = sa.games.prisoners_dilemma(T, Rr, P, S).assuming(T > Rr, Rr > P, P > S)
    r = security_value(g, 0, mixed=False)
    assert (r.value, r.strategies) == (P, (1,))


def test_symbolic_undecided_pure_maxmin_raises_only_when_strict():
    """Row payoffs [[x, x], [1, 1]]: row 0 guarantees x, row 1 guarantees 1, so the pure
    value is max(x, 1) and row 0 is maxmin iff x >= 1, row 1 iff x <= 1."""
    x = sympy.Symbol("x")
    g = sa.Game.from_arrays([[x, x], [1, 1]], [[0, 0], [0, 0]])
    with pytest.raises(UndecidableError, match="maxmin action"):
        security_value(g, 0, mixed=False, strict=True)
    r = security_value(g, 0, mixed=False)
    assert r.strategies == ()
    for v in (-1, 0, 1, 2, sympy.Rational(3, 2)):
        assert r.value.subs(x, v) == max(v, 1)
        assert [a for a, c in r.conditions if c.subs(x, v)] == \
            [a for a, m in ((0, v), (1, 1)) if m == max(v, 1)]


def test_symbolic_mixed_value_is_a_closed_form():
    """Before issue 14 this was a SymalignError pointing to parametric_security_value.
    Row payoffs [[x, 0], [0, 1]]: for x > 0 no saddle, v = x/(x + 1) (the 2x2 formula
    (ad - bc)/(a + d - b - c)); for x <= 0 row 1 guarantees 0 and v = 0."""
    x = sympy.Symbol("x")
    g = sa.Game.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, x]])
    v = security_value(g, 0).value
    assert v.subs(x, 2) == sympy.Rational(2, 3) and v.subs(x, -1) == 0 and v.subs(x, 0) == 0
    assert security_value(g, 0, assumptions=[x > 0]).value == x / (x + 1)
    assert security_value(g, 0, assumptions="x > 0").value == x / (x + 1)
    with pytest.raises(SymalignError, match="symbolic"):
        minmax_value(g, 0)


def test_assumptions_keyword_reproduces_the_issue():
    """Issue 14: security_value(game, 0, assumptions=[...]) was a TypeError. PD with
    T > R > P > S: defecting guarantees min(T, P) = P, cooperating min(R, S) = S < P."""
    T, R, P, S = sympy.symbols("T R P S")
    pd = sa.games.prisoners_dilemma(T, R, P, S)
    for mixed in (True, False):
        r = security_value(pd, 0, mixed, assumptions=[T > R, R > P, P > S])
        assert r.value == P
    assert security_value(pd, 0, mixed=False, assumptions=[T > R, R > P, P > S]).strategies \
        == (1,)


def test_player_argument_by_name_and_errors():
    g = sa.games.prisoners_dilemma()
    assert security_value(g, g.players[1]).value == 1
    with pytest.raises(sa.InvalidProfileError, match="'player' is 2"):
        security_value(g, 2)


# --------------------------------------------------------------------------------------------
# Random games: scipy cross-check, exact certificates, independent vertex enumeration
# --------------------------------------------------------------------------------------------

def _scipy_value(U):
    k, K = U.shape
    c = np.zeros(k + 1)
    c[-1] = -1
    A = np.hstack([-U.T.astype(float), np.ones((K, 1))])
    res = linprog(c, A_ub=A, b_ub=np.zeros(K), A_eq=[[1] * k + [0]], b_eq=[1],
                  bounds=[(0, None)] * k + [(None, None)], method="highs")
    return -res.fun


def test_200_random_games_against_scipy_with_exact_certificates():
    """200 seeded random games (general-sum, zero-sum, rational payoffs, 3 players): the exact
    mixed value agrees with scipy's float LP, and the certificate proves it exactly."""
    count = 0
    for seed in range(200):
        kind = seed % 4
        if kind == 0:
            g = sa.games.random_game((2 + seed % 5, 2 + (seed // 5) % 5), seed=seed)
        elif kind == 1:
            g = sa.games.random_zero_sum_game((2 + seed % 6, 3 + seed % 4), seed=seed)
        elif kind == 2:
            g = sa.games.random_game((3, 4), seed=seed, denominator=7)
        else:
            g = sa.games.random_game((2, 3, 2), seed=seed, low=-3, high=3)
        for i in range(g.n_players):
            r = security_value(g, i)
            U, _ = _payoff_matrix(g, i)
            Uf = np.array([[float(v) for v in row] for row in U.tolist()])
            assert abs(float(r.value) - _scipy_value(Uf)) < 1e-7
            _check_mixed_certificate(g, i, r)
            count += 1
        if g.n_players == 2 and kind == 1:
            # zero-sum: v_0 = -v_1 (minimax theorem)
            assert security_value(g, 0).value == -security_value(g, 1).value
    assert count >= 400


def test_medium_zero_sum_game_exact():
    """A 60x60 random zero-sum game: exact value, certificate, and agreement with scipy."""
    g = sa.games.random_zero_sum_game((60, 60), seed=11)
    r = security_value(g, 0)
    _check_mixed_certificate(g, 0, r)
    U = g.exact_arrays()[0].num
    assert abs(float(r.value) - _scipy_value(U)) < 1e-9
    assert r.method == "LP: highs+exact verification"


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 3), st.integers(1, 4), st.data())
def test_hypothesis_maxmin_set_equals_independent_vertex_enumeration(k, K, data):
    """Small games with payoffs in {0, 1, 2} (many ties, so degenerate maxmin sets): the
    returned vertices are exactly the independently enumerated vertices of X_i, the pure
    value is the brute-force max-min, and the value is certified."""
    U0 = data.draw(st.lists(st.lists(st.integers(0, 2), min_size=K, max_size=K),
                            min_size=k, max_size=k))
    g = sa.Game.from_arrays(U0, [[0] * K for _ in range(k)])
    r = security_value(g, 0)
    _check_mixed_certificate(g, 0, r)
    assert r.strategies == _maxmin_vertices(g, 0, r.value)
    pure = security_value(g, 0, mixed=False)
    assert pure.value == max(min(row) for row in U0)
    assert pure.strategies == tuple(a for a, row in enumerate(U0) if min(row) == pure.value)


def test_minmax_value_three_players_random():
    """n = 3, correlated punishers: minmax equals the security value (LP duality), and each
    is computed by its own LP."""
    for seed in range(10):
        g = sa.games.random_game((2, 3, 2), seed=100 + seed)
        for i in range(3):
            assert minmax_value(g, i) == security_value(g, i).value


def test_degenerate_games_use_the_face_search():
    """5x5 games with 0/1 payoffs have large, degenerate maxmin sets; the vertices (found by
    the pivoting search when brute force would need too many candidate sets) equal the
    independent enumeration."""
    found_multi = 0
    for seed in range(12):
        g = sa.games.random_game((5, 5), seed=seed, low=0, high=1)
        r = security_value(g, 0)
        _check_mixed_certificate(g, 0, r)
        assert r.strategies == _maxmin_vertices(g, 0, r.value)
        found_multi += len(r.strategies) > 1
    assert found_multi >= 3


def test_pure_maxmin_profiles():
    """Surplus counterexample (spec §9.1): player 0's pure maxmin action is Y, player 1's is
    R, so a0 = (Y, R). In BoS both actions guarantee 0 to each player (spec §5 table: v^pure
    = (0, 0), both actions), so all four profiles are maxmin profiles."""
    import symalign as sa
    g = sa.games.surplus_counterexample()
    y, r = g.action_index(0, "Y"), g.action_index(1, "R")
    assert sa.pure_maxmin_profiles(g) == ((y, r),)
    assert sa.pure_maxmin_profiles(sa.games.battle_of_the_sexes()) == (
        (0, 0), (0, 1), (1, 0), (1, 1))


def test_pure_security_value_is_a_deprecated_alias_of_the_record():
    """One result kind per concept: the pure value is security_value(..., mixed=False).value.
    Stag hunt: Hare guarantees 1 whatever the other does (hand derivation), Stag 0."""
    g = sa.games.stag_hunt()
    with pytest.warns(DeprecationWarning, match=r"security_value\(game, player, mixed=False\)"):
        assert sa.pure_security_value(g, 0) == 1
    assert security_value(g, 0, mixed=False).value == 1
