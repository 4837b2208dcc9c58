"""Tests for symalign.normalform.dominance: dominated strategies and iterated elimination.

Expected values come from hand derivations in the docstrings and from an independent
brute-force check written here: a plain scipy LP per action (floats, used only to decide
yes/no with a wide margin on games whose answers are not near the boundary) and, for pure
dominance, a direct comparison over all pairs of actions with Fractions.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import symalign as sa
from symalign.core.errors import InvalidGameError


def _matrix(game, i):
    """Player i's payoffs as Fractions: rows her actions, columns opponents' profiles."""
    others = [range(k) for j, k in enumerate(game.shape) if j != i]
    rows = []
    for a in range(game.shape[i]):
        row = []
        for c in itertools.product(*others):
            prof = c[:i] + (a,) + c[i:]
            row.append(Fraction(str(game.payoff(i, prof))))
        rows.append(row)
    return rows


def _brute_force(game, i, a, strict):
    """Independent decision: is action a of player i dominated by a mixed strategy? A float
    LP with scipy (maximise the margin e, or the total gain for weak dominance)."""
    R = np.array([[float(v) for v in r] for r in _matrix(game, i)])
    k, c = R.shape
    others = [b for b in range(k) if b != a]
    if not others:
        return False
    if strict:
        # variables sigma (others), e; maximise e
        A_ub = np.hstack([-R[others].T, np.ones((c, 1))])
        res = linprog(np.r_[np.zeros(len(others)), -1.0], A_ub=A_ub, b_ub=-R[a],
                      A_eq=np.r_[np.ones(len(others)), 0.0][None, :], b_eq=[1.0],
                      bounds=[(0, None)] * len(others) + [(None, None)])
        return res.status == 0 and -res.fun > 1e-9
    res = linprog(-R[others].sum(axis=1), A_ub=-R[others].T, b_ub=-R[a],
                  A_eq=np.ones((1, len(others))), b_eq=[1.0], bounds=[(0, None)] * len(others))
    return res.status == 0 and -res.fun - R[a].sum() > 1e-9


def test_mixed_dominance_hand_derived():
    """Player 0: T = (3, 0), M = (1, 1), B = (0, 3) against L, R. No pure action dominates M,
    but (T + B)/2 = (3/2, 3/2) > (1, 1): M is strictly dominated by a mixed strategy."""
    g = sa.Game.from_arrays([[3, 0], [1, 1], [0, 3]], [[0, 0]] * 3,
                            actions=[["T", "M", "B"], ["L", "R"]])
    (d,) = sa.dominated_strategies(g, "0")
    assert (d.player, d.action, d.label, d.strict) == (0, 1, "M", True)
    # the dominator is an exact distribution that does dominate
    s = [Fraction(str(v)) for v in d.dominator]
    assert sum(s) == 1 and s[1] == 0
    assert s[0] * 3 + s[2] * 0 > 1 and s[0] * 0 + s[2] * 3 > 1
    assert sa.dominated_strategies(g, 0, mixed=False) == ()
    # player 1 is indifferent everywhere: nothing strictly dominated, nothing weakly either
    assert sa.dominated_strategies(g, 1) == ()
    assert sa.dominated_strategies(g, 1, strict=False) == ()


def test_weak_dominance_hand_derived():
    """Player 0: T = (1, 1), B = (1, 0): B is weakly (not strictly) dominated by T."""
    g = sa.Game.from_arrays([[1, 1], [1, 0]], [[0, 0], [0, 0]])
    assert sa.dominated_strategies(g, 0) == ()
    (d,) = sa.dominated_strategies(g, 0, strict=False)
    assert (d.action, d.dominator, d.strict) == (1, (1, 0), False)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10**6), shape=st.sampled_from([(3, 3), (4, 2), (2, 2, 2), (3, 2, 2)]),
       strict=st.booleans())
@example(seed=0, shape=(3, 3), strict=True)
def test_against_brute_force_lp(seed, shape, strict):
    g = sa.games.random_game(shape, seed=seed, low=-3, high=3)
    found = {(d.player, d.action) for d in sa.dominated_strategies(g, strict=strict)}
    for i, k in enumerate(g.shape):
        for a in range(k):
            assert ((i, a) in found) == _brute_force(g, i, a, strict), (i, a)
    for d in sa.dominated_strategies(g, strict=strict):
        R = _matrix(g, d.player)
        s = [Fraction(str(v)) for v in d.dominator]
        diff = [sum(s[b] * R[b][c] for b in range(len(R))) - R[d.action][c]
                for c in range(len(R[0]))]
        assert all(v > 0 for v in diff) if strict else (min(diff) >= 0 and max(diff) > 0)


def _iterate_pure_brute(game):
    """Iterated strict dominance by pure actions, one removal at a time, in a shuffled order:
    the order-independence of strict elimination makes any order give the same result."""
    alive = [list(range(k)) for k in game.shape]
    rng = np.random.default_rng(0)
    while True:
        cands = []
        for i in range(game.n_players):
            for a in alive[i]:
                for b in alive[i]:
                    if b == a:
                        continue
                    others = [alive[j] for j in range(game.n_players) if j != i]
                    if all(game.payoff(i, c[:i] + (b,) + c[i:])
                           > game.payoff(i, c[:i] + (a,) + c[i:])
                           for c in itertools.product(*others)):
                        cands.append((i, a))
                        break
        if not cands:
            return tuple(tuple(x) for x in alive)
        i, a = cands[rng.integers(len(cands))]
        alive[i].remove(a)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10**6), shape=st.sampled_from([(3, 3), (4, 4), (2, 3, 2)]))
def test_iterated_strict_pure_is_order_independent(seed, shape):
    g = sa.games.random_game(shape, seed=seed, low=0, high=9)
    r = sa.iterated_elimination(g, mixed=False)
    assert r.surviving == _iterate_pure_brute(g)
    assert r.game.actions == tuple(tuple(g.actions[i][a] for a in s)
                                   for i, s in enumerate(r.surviving))
    for prof in r.game.outcomes():
        orig = tuple(s[a] for s, a in zip(r.surviving, prof))
        assert r.game[prof] == g[orig]


def test_iterated_weak_records_order():
    """Player 0: T = (1, 1), B = (1, 0); player 1 (columns L, R): at T (1, 0), at B (1, 1).
    Round 0: B is weakly dominated by T, R weakly dominated by L; both go at once. Removing
    only R first would leave T, B equal against L (nothing further dominated): the order
    matters, and it is recorded."""
    g = sa.Game.from_arrays([[1, 1], [1, 0]], [[1, 0], [1, 1]],
                            actions=[["T", "B"], ["L", "R"]])
    r = sa.iterated_elimination(g, strict=False)
    assert [(d.round, d.player, d.label) for d in r.eliminated] == [(0, 0, "B"), (0, 1, "R")]
    assert r.game.actions == (("T",), ("L",)) and "order" in r.order
    assert sa.iterated_elimination(g).surviving == ((0, 1), (0, 1))


def test_refuses_symbolic():
    x = sympy.Symbol("x")
    with pytest.raises(InvalidGameError, match="symbolic payoffs"):
        sa.dominated_strategies(sa.Game.from_arrays([[x, 1]], [[0, 1]]))


def test_budgets_name_their_setting():
    """Both entry points check ``settings.dominance_seconds`` before each action's test (a
    budget of 0 stops them at the first); ``timeout`` applies when it is smaller."""
    pd = sa.games.prisoners_dilemma()
    assert sa.settings.dominance_seconds == 60.0
    with sa.limits(dominance_seconds=0):
        for call in (lambda: sa.dominated_strategies(pd),
                     lambda: sa.iterated_elimination(pd, strict=False)):
            with pytest.raises(sa.ResourceLimitError, match="dominance_seconds = 0"):
                call()
    with sa.limits(dominance_seconds=10, timeout=0), \
            pytest.raises(sa.ResourceLimitError, match="over the limit timeout = 0"):
        sa.iterated_elimination(pd)
    with sa.limits(dominance_seconds=None):
        assert len(sa.dominated_strategies(pd)) == 2
