"""Tests for symalign.engines.complementary_pivoting: the exact Lemke–Howson path.

Every equilibrium is checked by an independent best-response check written here with plain
integers; the three implementations of the pivots (basis solves with a float screen, the full
dictionary as an fmpz_mat, the full dictionary in Python integers) must follow the same path,
pivot for pivot, including on degenerate games, where only the lexicographic rule decides.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from symalign.engines.complementary_pivoting import (
    lemke_howson_path,
    lemke_howson_race,
    race_guide,
    race_two_pivot_end,
)


def _is_equilibrium(A, B, x, y) -> bool:
    """Independent check: non-negative, non-zero weights, and every action played is a best
    response (payoffs compared as integers, since x and y share no denominators here)."""
    m, n = len(A), len(A[0])
    if min(x) < 0 or min(y) < 0 or not any(x) or not any(y):
        return False
    Ay = [sum(A[i][j] * y[j] for j in range(n)) for i in range(m)]
    xB = [sum(x[i] * B[i][j] for i in range(m)) for j in range(n)]
    return (all(Ay[i] == max(Ay) for i in range(m) if x[i])
            and all(xB[j] == max(xB) for j in range(n) if y[j]))


def test_matching_pennies_path():
    """Matching Pennies (row matches): the unique equilibrium is (1/2, 1/2) for both.

    Shifted by 2: A' = [[3, 1], [1, 3]], B' = [[1, 3], [3, 1]]. Dropping label 0: x0 grows
    in P = {x0 + 3 x1 <= 1, 3 x0 + x1 <= 1}; column 1 binds at x0 = 1/3 (label 3 picked
    up). In Q = {3 y0 + y1 <= 1, y0 + 3 y1 <= 1}, y1 (label 3) grows; row 1 binds at 1/3
    (label 1). In P, x1 grows along 3 x0 + x1 = 1; column 0 binds at x1 = 1/4 (label 2).
    In Q, y0 grows along y0 + 3 y1 = 1; row 0 binds at y0 = y1 = 1/4: label 0, done after
    4 pivots at x = y = (1/4, 1/4). By symmetry every label takes 4 pivots."""
    A = [[1, -1], [-1, 1]]
    B = [[-1, 1], [1, -1]]
    for label in range(4):
        x, y, pivots = lemke_howson_path(A, B, label)
        assert x[0] == x[1] and y[0] == y[1] and x[0] > 0 and y[0] > 0
        assert pivots == 4


def test_dominant_strategy_game_ends_after_two_pivots():
    """Prisoner's Dilemma (C=0, D=1): dropping label 1 (row D) enters x_D; the column best
    response to D is D (label 3) leaves; y_D enters Q and row D's slack (label 1) leaves:
    the path ends at (D, D) after 2 pivots."""
    A = [[2, 0], [3, 1]]
    B = [[2, 3], [0, 1]]
    x, y, pivots = lemke_howson_path(A, B, 1)
    assert (x[0], y[0]) == (0, 0) and x[1] > 0 and y[1] > 0 and pivots == 2


def _game(seed: int, m: int, n: int, hi: int):
    rnd = random.Random(seed)
    return ([[rnd.randint(-hi, hi) for _ in range(n)] for _ in range(m)],
            [[rnd.randint(-hi, hi) for _ in range(n)] for _ in range(m)])


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10**6), m=st.integers(1, 7), n=st.integers(1, 7),
       hi=st.sampled_from([1, 2, 50]), data=st.data())
@example(seed=3, m=4, n=4, hi=1, data=None)   # degenerate: ties in the ratio test
def test_three_pivot_implementations_follow_the_same_path(seed, m, n, hi, data):
    A, B = _game(seed, m, n, hi)
    label = data.draw(st.integers(0, m + n - 1)) if data is not None else 0
    results = [lemke_howson_path(A, B, label, method=meth)
               for meth in ("revised", "flint", "python")]
    for x, y, _ in results:
        assert _is_equilibrium(A, B, x, y)
    # the same path: the same length and the same (normalised) end point
    norm = [(tuple(v * sum(y) for v in x), tuple(v * sum(x) for v in y), p)
            for x, y, p in results]
    assert len({p for _, _, p in norm}) == 1
    fx = {tuple(v * 10**6 // sum(x) for v in x) for x, _, _ in results}
    assert len(fx) == 1


def test_large_degenerate_game_equilibrium():
    """A 40x40 game with payoffs in {0, 1}: heavily degenerate, so the lexicographic rule
    is exercised at most pivots; every label's path must end at an equilibrium."""
    rnd = random.Random(8)
    A = [[rnd.randint(0, 1) for _ in range(40)] for _ in range(40)]
    B = [[rnd.randint(0, 1) for _ in range(40)] for _ in range(40)]
    for label in (0, 17, 39, 40, 79):
        x, y, _ = lemke_howson_path(A, B, label)
        assert _is_equilibrium(A, B, x, y)


def _race_rounds(lengths):
    """Independent simulation of the race's schedule: the round in which each path ends.
    Round r: one pivot for every path, then e_r more for path 0, e_0 = 0 and
    e_{r+1} = min(N - 1, 2 e_r + 1)."""
    N = len(lengths)
    done0, e, r = 0, 0, 0
    while True:
        r += 1
        done0 += 1 + e
        if done0 >= lengths[0]:
            r0 = r
            break
        e = min(N - 1, 2 * e + 1)
    return [r0] + list(lengths[1:])


def _race_winner(lengths):
    """The label that wins the race, from the single paths' lengths: in round ``r`` every
    path makes its ``r``-th pivot in label order, then label 0 makes ``e_r`` more
    (``e = 0, 1, 3, 7, ...``, capped at ``N - 1``); the first end in that order wins."""
    N = len(lengths)
    done0, e = 0, 0
    for r in range(1, max(lengths) + 1):
        done0 += 1
        ends = [(0, 0)] if done0 >= lengths[0] else []
        ends += [(0, k) for k in range(1, N) if lengths[k] == r]
        if not ends and done0 + e >= lengths[0]:
            ends = [(1, 0)]
        if ends:
            return min(ends)[1]
        done0 += e
        e = min(N - 1, 2 * e + 1)
    raise AssertionError("no path ended")


def test_race_schedule():
    """The winner ends in the earliest round (a label k != 0 ends in round L_k), and its
    path is as long as that label's single path."""
    for seed, (m, n) in [(11, (12, 9)), (4, (30, 30)), (5, (6, 3))]:
        A, B = _game(seed, m, n, 30)
        x, y, label, pivots = lemke_howson_race(A, B)
        assert _is_equilibrium(A, B, x, y)
        lengths = [lemke_howson_path(A, B, k)[2] for k in range(m + n)]
        assert lengths[label] == pivots
        rounds = _race_rounds(lengths)
        assert rounds[label] == min(rounds)


def test_bad_label():
    with pytest.raises(ValueError, match="label 4"):
        lemke_howson_path([[1, 2]], [[1, 2]], 4)


def test_huge_payoffs_skip_the_float_screen():
    """Payoffs beyond 2**50 are not exact in doubles, so the revised method decides every
    row exactly; it must still follow the dictionary's path."""
    A, B = _game(21, 6, 5, 40)
    A = [[v * 2**60 + 1 for v in r] for r in A]
    B = [[v * 3**40 - 7 for v in r] for r in B]
    for label in range(11):
        x, y, p = lemke_howson_path(A, B, label, method="revised")
        x2, y2, p2 = lemke_howson_path(A, B, label, method="python")
        assert _is_equilibrium(A, B, x, y) and p == p2
        assert [v * sum(x2) for v in x] == [v * sum(x) for v in x2]


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10**6), m=st.integers(1, 9), n=st.integers(1, 9),
       hi=st.sampled_from([1, 3, 1000]))
@example(seed=3, m=4, n=4, hi=1)          # ties: only the lexicographic rule picks the end
def test_two_pivot_end_is_the_race_after_two_rounds(seed, m, n, hi):
    """`race_two_pivot_end` (argmaxes) against the exact race: it names the race's winner
    exactly when the race ends after two pivots, and nothing otherwise."""
    A, B = _game(seed, m, n, hi)
    x, y, label, pivots = lemke_howson_race(A, B, guide=False)
    end = race_two_pivot_end(np.array(A), np.array(B, dtype=object))
    if pivots == 2:
        i, j, k = end
        assert k == label and x[i] and y[j]
        assert sum(map(bool, x)) == 1 and sum(map(bool, y)) == 1
    else:
        assert end is None


def test_two_pivot_end_ties():
    """A = (1, 1; 1, 1), B = (1, 1; 1, 1): every ratio ties. Dropping label 0, x_0 enters P
    and the lexicographic rule (rows of the identity over equal entries) lets the *last*
    column's slack leave; in Q, y_1 enters and the last row's slack (label 1) leaves, so the
    path does not end. Dropping label 1, the same choices give column 1 then row 1 = the
    dropped label: the race's winner is label 1 at the pure profile (1, 1)."""
    A = B = [[1, 1], [1, 1]]
    assert race_two_pivot_end(np.array(A), np.array(B)) == (1, 1, 1)
    x, y, label, pivots = lemke_howson_race(A, B, guide=False)
    assert (label, pivots, x[0], y[0]) == (1, 2, 0, 0)


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10**6), m=st.integers(1, 12), n=st.integers(1, 12),
       hi=st.sampled_from([2, 30, 1000]))
@example(seed=4, m=10, n=10, hi=1000)     # the float guide names the winner
@example(seed=5, m=6, n=6, hi=1000)       # label 0 wins with its extra pivots
@example(seed=5, m=8, n=8, hi=2)          # degenerate: ties broken lexicographically
@example(seed=312, m=12, n=12, hi=2)      # a tie after pivots misled the guide (fixed)
def test_guided_race_is_the_exact_race(seed, m, n, hi):
    """The floating-point guide changes the cost, never the answer: the guided race returns
    what the exact race returns, and when the guide names a label, it is the exact race's."""
    A, B = _game(seed, m, n, hi)
    exact = lemke_howson_race(A, B, guide=False)
    assert lemke_howson_race(A, B) == exact
    hint = race_guide(A, B)
    if hint is not None:
        assert hint == exact[2:]


def test_guide_follows_the_schedule():
    """On non-degenerate games the guide's winner is the race's (simulated independently by
    `_race_winner` from the exact lengths of every single path); it breaks exact ties
    lexicographically and leaves games with widely spread payoffs to the exact race."""
    used = 0
    for seed, (m, n) in [(11, (12, 9)), (4, (15, 15)), (5, (6, 3)), (8, (10, 10)),
                         (1, (6, 6)), (9, (4, 7))]:     # the last two: label 0 via extras
        A, B = _game(seed, m, n, 1000)
        hint = race_guide(A, B)
        if hint is None:
            continue
        used += 1
        lengths = [lemke_howson_path(A, B, k)[2] for k in range(m + n)]
        assert hint == (_race_winner(lengths), lengths[hint[0]])
    assert used >= 3
    # every ratio ties: the lexicographic rule, as in test_two_pivot_end_ties
    assert race_guide([[0, 0], [0, 0]], [[0, 0], [0, 0]]) == (1, 2)
    A, B = _game(8, 10, 10, 1000)
    assert race_guide(A, B) is not None
    assert race_guide([[v * 10**5 for v in r] for r in A], B) is None     # spread >= 2**24
