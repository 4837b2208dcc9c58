"""Tests for symalign.engines.race_rounds: rounds 3 and 4 of the Lemke–Howson race in closed form.

The reference is the exact race of `complementary_pivoting.lemke_howson_race` without any
shortcut (``guide=False``: every label's path pivoted in integer dictionaries), an independent
implementation of the same schedule; a hand-derived game checks the formulas themselves.
"""

from __future__ import annotations

import random
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from symalign.engines.complementary_pivoting import (
    _Path,
    _shifted,
    lemke_howson_path,
    lemke_howson_race,
)
from symalign.engines.race_rounds import (
    ShortRace,
    race_continue,
    race_rounds_three_four,
    race_short,
    round_four_paths,
)


def _game(seed: int, m: int, n: int, hi: int, dup: bool = False):
    rnd = random.Random(seed)
    A = [[rnd.randint(-hi, hi) for _ in range(n)] for _ in range(m)]
    B = [[rnd.randint(-hi, hi) for _ in range(n)] for _ in range(m)]
    if dup and m > 1:               # a duplicated row: degenerate ratio tests
        A[-1], B[-1] = list(A[0]), list(B[0])
    return A, B


def _normalised(v):
    s = sum(v)
    return [Fraction(a, s) for a in v]


def test_matching_pennies_by_hand():
    """Matching Pennies, shifted: A' = [[3, 1], [1, 3]], B' = [[1, 3], [3, 1]]. Row label 0:
    column 1 is the best reply (B'[0, 1] = 3), row 1 the best reply to it (A'[1, 1] = 3), so
    the path goes on. Pivot 3 (x_1 enters P): column 0 has entry B'[1,0] B'[0,1] -
    B'[0,0] B'[1,1] = 9 - 1 = 8 over B'[0,1] - B'[0,0] = 2, ratio 1/4; the row of x_0 has
    B'[1,1] = 1 over 1, ratio 1: the slack of column 0 leaves. Pivot 4 (y_0 enters Q): row 0
    has A'[0,0] A'[1,1] - A'[1,0] A'[0,1] = 8 over A'[1,1] - A'[0,1] = 2, ratio 1/4, the
    row of y_1 has A'[1,0] = 1 over 1: row 0's slack (label 0) leaves, the path ends after
    4 pivots at x = y = (1/2, 1/2). Label 0 (the lead) wins with 3 or 4 pivots, so no
    check of the lead's path is needed."""
    A = [[1, -1], [-1, 1]]
    B = [[-1, 1], [1, -1]]
    short = race_rounds_three_four(np.array(A), np.array(B), lists=(A, B))
    assert short.lead_budget == 0
    k, pivots, x, y = short.winner
    assert (k, pivots) == (0, 4)
    assert _normalised(x) == _normalised(y) == [Fraction(1, 2)] * 2


def test_refusals():
    """Huge payoffs (int64 products would overflow) are left to the exact race; a game whose
    race ends after two pivots is not for rounds 3 and 4."""
    A = [[1, -1], [-1, 1]]
    B = [[-1, 1], [1, -1]]
    assert race_rounds_three_four(np.array(A) * 10**7, np.array(B)) is None
    assert race_rounds_three_four(np.array([[2, 0], [3, 1]]),
                                  np.array([[2, 3], [0, 1]])) is None    # dominant: 2 pivots


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 10**6), m=st.integers(2, 12), n=st.integers(2, 12),
       hi=st.sampled_from([1, 2, 5, 1000]), dup=st.booleans())
@example(seed=5, m=6, n=6, hi=1000, dup=False)
@example(seed=4, m=10, n=10, hi=1000, dup=False)
@example(seed=312, m=12, n=12, hi=2, dup=False)
@example(seed=10, m=6, n=6, hi=5, dup=False)     # label 0's 3rd or 4th ratio test ties:
@example(seed=20, m=8, n=8, hi=3, dup=False)     # followed exactly, it wins with 4 pivots
def test_short_race_is_the_exact_race(seed, m, n, hi, dup):
    """Whenever rounds 3 and 4 decide, they name the exact race's label, path length and end;
    when they hand label 0's length to the caller, the race is label 0's if its path ends
    within the budget, and otherwise the closed form's winner (or it goes on)."""
    A, B = _game(seed, m, n, hi, dup)
    x, y, label, pivots = lemke_howson_race(A, B, guide=False)
    short = race_rounds_three_four(np.array(A), np.array(B), lists=(A, B))
    if short is None:
        return
    assert isinstance(short, ShortRace) and pivots > 2
    lead = lemke_howson_path(A, B, 0, method="python")
    if short.lead_budget and lead[2] <= short.lead_budget:
        assert (label, pivots) == (0, lead[2])
    elif short.winner is None:      # the race goes on past round 4 (label 0 may still win)
        assert pivots > 4 and (label != 0 or pivots > short.lead_budget)
    else:
        k, p, xs, ys = short.winner
        assert (k, p) == (label, pivots)
        assert (_normalised(xs), _normalised(ys)) == (_normalised(x), _normalised(y))
    got = race_short(A, B)
    if got is not None:
        assert got[2:] == (label, pivots)
        assert (_normalised(got[0]), _normalised(got[1])) == (_normalised(x), _normalised(y))


def test_the_closed_form_decides_often():
    """On random games with payoffs in -1000..1000 and no two-pivot end, rounds 3 and 4
    decide most races (counted on 60 games; the exact race is the reference as above)."""
    decided = total = 0
    for seed in range(300):
        A, B = _game(seed, 8, 8, 1000)
        x, y, label, pivots = lemke_howson_race(A, B, guide=False)
        if pivots == 2:
            continue
        total += 1
        got = race_short(A, B)
        if got is not None:
            decided += 1
            assert got[2:] == (label, pivots)
            assert (_normalised(got[0]), _normalised(got[1])) == \
                (_normalised(x), _normalised(y))
        if total == 60:
            break
    assert total == 60 and decided >= 30


@pytest.mark.parametrize("seed, m, n", [(3, 20, 20), (5, 16, 14), (8, 16, 14), (9, 20, 20),
                                         (10, 16, 14), (13, 20, 20)])
def test_mid_size_games(seed, m, n):
    """Games whose race needs label 0's length (label 0 wins with 6 or 7 pivots, another
    label with 4, or the race goes on): on these sizes label 0's few pivots start in floating
    point with certified pivots; the answer is still the exact race's."""
    A, B = _game(seed, m, n, 1000)
    assert race_rounds_three_four(np.array(A), np.array(B)).lead_budget == 8
    x, y, label, pivots = lemke_howson_race(A, B, guide=False)
    got = race_short(A, B)
    if got is None:
        assert pivots > 4 and (label != 0 or pivots > 8)
    else:
        assert got[2:] == (label, pivots)
        assert (_normalised(got[0]), _normalised(got[1])) == (_normalised(x), _normalised(y))


def test_race_continue_is_the_exact_race():
    """Races that go on past round 4 (no label ends within 4 pivots, label 0's path longer
    than its round-4 budget), continued from the states after 4 pivots that the closed form
    gives: the same label, path length and end as the exact race from scratch. The games
    cover every kind of state: a row or a column label whose fourth pivot let ``y_j`` (or
    its mirror) leave instead of a slack (``s4 == r``), and labels whose ratio tests tied
    and were followed exactly."""
    seen = {"row s4 == r": 0, "column s4 == r": 0, "tied": 0}
    checked = 0
    for seed in range(700):
        rnd = random.Random(seed)
        m, n = rnd.randint(3, 20), rnd.randint(3, 20)
        A, B = _game(seed, m, n, rnd.choice([2, 5, 1000]))
        short = race_rounds_three_four(np.array(A), np.array(B), lists=(A, B))
        if short is None or short.rounds is None:
            continue
        x, y, label, pivots = lemke_howson_race(A, B, guide=False)
        if label == 0 and pivots <= short.lead_budget:
            continue            # the lead wins in round 4: the caller's check decides
        _, rows, cols, running = short.rounds
        seen["row s4 == r"] += int(((rows[4] == rows[1]) & (rows[0] == 5))[1:].sum())
        seen["column s4 == r"] += int(((cols[4] == cols[1]) & (cols[0] == 5)).sum())
        seen["tied"] += len(running)
        # every label's state after 4 pivots: the same next pivots as its exact path
        for path in round_four_paths(A, B, short.rounds)[1:]:
            ref = _Path(*_shifted(A, B), path.label, "python")
            for _ in range(4):
                assert not ref.step()
            for _ in range(6):
                assert (path.entering, path.in_P) == (ref.entering, ref.in_P), seed
                if ref.step():
                    assert path.step()
                    assert [_normalised(v) for v in path.result()] == \
                        [_normalised(v) for v in ref.result()]
                    break
                assert not path.step()
        # (the tied labels' paths in short.rounds were advanced above: a fresh one)
        short = race_rounds_three_four(np.array(A), np.array(B), lists=(A, B))
        got = race_continue(A, B, short.rounds)
        assert got[2:] == (label, pivots), seed
        assert (_normalised(got[0]), _normalised(got[1])) == (_normalised(x), _normalised(y))
        checked += 1
    assert checked >= 15 and all(seen.values()), (checked, seen)


@pytest.mark.parametrize("seed, m, n, hi, pivots", [
    (33, 12, 5, 1000, 9), (127, 3, 12, 1000, 10), (21, 5, 9, 1000, 15), (111, 6, 8, 5, 15),
    (115, 7, 6, 2, 17), (124, 7, 11, 2, 27)])
def test_race_continue_lead_wins(seed, m, n, hi, pivots):
    """Label 0 wins after round 4 (its path longer than its budget of 8 pivots): during
    round 4's extra pivots (9 to 15 pivots) or in a later round (17, 27); the exact race from
    scratch is the reference (the path lengths are what it found)."""
    A, B = _game(seed, m, n, hi)
    short = race_rounds_three_four(np.array(A), np.array(B), lists=(A, B))
    assert short.winner is None and short.lead_budget == 8
    x, y, label, piv = lemke_howson_race(A, B, guide=False)
    assert (label, piv) == (0, pivots)
    got = race_continue(A, B, short.rounds)
    assert got[2:] == (0, pivots)
    assert (_normalised(got[0]), _normalised(got[1])) == (_normalised(x), _normalised(y))


def test_large_game_continues_the_race():
    """The benchmark's 100x100 game (seed 100004) has no path ending within 4 pivots and
    label 0's is longer than 8: `race_short` continues the race from round 4's states
    (there is no float guide at this size) and ends where the exact race ends."""
    rng = np.random.default_rng(100004)
    A = rng.integers(-1000, 1000, (100, 100), endpoint=True).tolist()
    B = rng.integers(-1000, 1000, (100, 100), endpoint=True).tolist()
    short = race_rounds_three_four(np.array(A), np.array(B), lists=(A, B))
    assert short.winner is None and short.rounds is not None
    x, y, label, pivots = lemke_howson_race(A, B, guide=False)
    got = race_short(A, B)
    assert got[2:] == (label, pivots)
    assert (_normalised(got[0]), _normalised(got[1])) == (_normalised(x), _normalised(y))
