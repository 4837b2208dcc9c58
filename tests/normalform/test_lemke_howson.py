"""Tests for symalign.normalform.lemke_howson: one equilibrium of a two-player game, exactly.

Each equilibrium found is checked by `is_nash_equilibrium` (exact best responses) and must be
among the extreme equilibria that ``lrsnash`` (an independent exact solver) lists, on games
small enough for both; hand derivations are in the docstrings.
"""

from __future__ import annotations

import shutil
from fractions import Fraction

import pytest
import sympy
from hypothesis import example, given, settings
from hypothesis import strategies as st

import symalign as sa
from symalign.core.errors import InvalidGameError, ResourceLimitError, SymalignError
from symalign.normalform.crosscheck import lrsnash_equilibria

HAVE_LRS = shutil.which("lrsnash") is not None


def test_battle_of_the_sexes_by_label():
    """BoS (A: (2,0;0,1), B: (1,0;0,2)), shifted by 1: A' = (3,1;1,2), B' = (2,1;1,3).
    Dropping label 0 (row A): x_A grows in P = {2 x_A + x_B <= 1, x_A + 3 x_B <= 1}, column
    A binds first (x_A = 1/2, label 2). In Q = {3 y_A + y_B <= 1, y_A + 2 y_B <= 1}, y_A
    grows and row A binds at 1/3: label 0 again, so the path ends at (A, A) after 2 pivots;
    dropping label 1 (row B) ends at (B, B) likewise. The mixed equilibrium ends no path
    from the artificial equilibrium (the number of equilibria is odd and the paths pair the
    artificial one with one end, von Stengel 2002, Sec. 3.5)."""
    bos = sa.games.battle_of_the_sexes()
    r0 = sa.lemke_howson(bos, label=0)
    assert r0.profile == sa.MixedProfile([[1, 0], [1, 0]]) and r0.pivots == 2
    assert r0.payoffs == (2, 1) and r0.label == 0
    r1 = sa.lemke_howson(bos, label=(0, 1))          # (player 0, action index 1)
    assert r1.profile == sa.MixedProfile([[0, 1], [0, 1]]) and r1.label == 1
    ne = sa.lemke_howson_equilibria(bos)
    assert ne.pure_profiles() == ((0, 0), (1, 1)) and not ne.complete
    assert len(ne) == 2


def test_rational_payoffs_scale_per_player():
    """Payoffs with denominators: the equilibrium of Matching Pennies with the row player's
    payoffs halved is still (1/2, 1/2); her payoff is 0."""
    g = sa.Game.from_arrays([["1/2", "-1/2"], ["-1/2", "1/2"]], [[-1, 1], [1, -1]])
    r = sa.lemke_howson(g, label=2)
    half = sympy.Rational(1, 2)
    assert r.profile == sa.MixedProfile([[half, half], [half, half]]) and r.payoffs == (0, 0)


@pytest.mark.skipif(not HAVE_LRS, reason="lrsnash (apt-get install lrslib) is not installed")
@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10**6), m=st.integers(1, 6), n=st.integers(1, 6),
       degenerate=st.booleans())
@example(seed=5, m=4, n=4, degenerate=True)
def test_every_label_ends_at_an_lrsnash_extreme_equilibrium(seed, m, n, degenerate):
    g = sa.games.random_game((m, n), seed=seed, low=0, high=2 if degenerate else 40)
    extreme = set(lrsnash_equilibria(g))
    for k in range(m + n):
        r = sa.lemke_howson(g, label=k)
        assert sa.is_nash_equilibrium(g, r.profile)
        assert r.profile in extreme
    assert set(sa.lemke_howson_equilibria(g)) <= extreme
    assert sa.lemke_howson(g).profile in extreme


def test_race_default_on_a_larger_game():
    g = sa.games.random_game((80, 70), seed=3, low=-100, high=100)
    r = sa.lemke_howson(g)
    assert sa.is_nash_equilibrium(g, r.profile)
    # the payoffs, recomputed with Fractions from the payoff table
    x, y = ([Fraction(int(v.p), int(v.q)) for v in s] for s in r.profile.strategies)
    for i in range(2):
        u = sum(x[a] * y[b] * Fraction(str(g.payoff(i, (a, b))))
                for a in range(80) for b in range(70) if x[a] and y[b])
        assert r.payoffs[i] == sympy.Rational(u.numerator, u.denominator)


def test_refusals():
    x = sympy.Symbol("x")
    with pytest.raises(InvalidGameError, match="symbolic payoffs"):
        sa.lemke_howson(sa.Game.from_arrays([[x, 1]], [[0, 1]]))
    with pytest.raises(InvalidGameError, match="3 players"):
        sa.lemke_howson(sa.games.random_game((2, 2, 2), seed=0))
    with pytest.raises(SymalignError, match="Argument 'label' is 7"):
        sa.lemke_howson(sa.games.prisoners_dilemma(), label=7)
    with pytest.raises(InvalidGameError, match="must be a Game"):
        sa.lemke_howson([[1, 2]])
    with sa.limits(timeout=0):
        with pytest.raises(ResourceLimitError, match="Lemke-Howson"):
            sa.lemke_howson(sa.games.random_game((30, 30), seed=1), label=0)


def test_budgets_name_their_setting():
    """Every Lemke-Howson entry point pivots under ``settings.lemke_howson_seconds`` (a
    budget of 0 stops it at its first check); ``timeout`` applies when it is smaller, and
    the error names the setting that stopped it. The 30x30 game's label-0 path is longer
    than one pivot, so the first check is reached."""
    g = sa.games.random_game((30, 30), seed=1)
    assert sa.settings.lemke_howson_seconds == 60.0
    with sa.limits(lemke_howson_seconds=0):
        for call in (lambda: sa.lemke_howson(g, label=0),
                     lambda: sa.lemke_howson_equilibria(g)):
            with pytest.raises(ResourceLimitError, match="lemke_howson_seconds = 0"):
                call()
    with sa.limits(lemke_howson_seconds=50, timeout=0), \
            pytest.raises(ResourceLimitError, match="over the limit timeout = 0"):
        sa.lemke_howson_equilibria(g)
    with sa.limits(lemke_howson_seconds=None):
        assert sa.lemke_howson(g, label=0).label == 0


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10**6), m=st.integers(1, 12), n=st.integers(1, 12),
       high=st.sampled_from([1, 5, 1000]), denominator=st.sampled_from([1, 6]))
@example(seed=0, m=10, n=10, high=1000, denominator=1)
def test_default_is_the_exact_race(seed, m, n, high, denominator):
    """Whatever shortcut the default takes (the two-pivot ends by argmaxes, the float guide),
    it returns the exact, unguided race's end, label and path length, with the payoffs of
    `expected_payoffs`."""
    from symalign.engines.complementary_pivoting import lemke_howson_race
    g = sa.games.random_game((m, n), seed=seed, low=-high, high=high, denominator=denominator)
    A, B = ([[int(v) for v in row] for row in ex.num.tolist()] for ex in g.exact_arrays())
    x, y, label, pivots = lemke_howson_race(A, B, guide=False)
    r = sa.lemke_howson(g)
    assert (r.label, r.pivots) == (label, pivots)
    norm = [[sympy.Rational(v, sum(w)) for v in w] for w in (x, y)]
    assert r.profile == sa.MixedProfile(norm)
    assert r.payoffs == tuple(sa.expected_payoffs(g, r.profile))


def test_race_continued_past_round_four():
    """A 100x100 game (the benchmark's seed 100004) whose race goes on past round 4: the
    result is the exact race's (label, path length and equilibrium, from
    `lemke_howson_race` without the closed form and the guide), a Nash equilibrium, and
    ``method`` says that the race was continued after its closed-form rounds."""
    import numpy as np

    from symalign.engines.complementary_pivoting import lemke_howson_race
    from symalign.normalform.lemke_howson import METHOD_RACE_CONTINUED
    rng = np.random.default_rng(100004)
    A = rng.integers(-1000, 1000, (100, 100), endpoint=True).tolist()
    B = rng.integers(-1000, 1000, (100, 100), endpoint=True).tolist()
    g = sa.Game.from_arrays(A, B)
    r = sa.lemke_howson(g)
    x, y, label, pivots = lemke_howson_race(A, B, guide=False)
    assert (r.label, r.pivots) == (label, pivots)
    assert r.profile.strategies == tuple(tuple(sympy.Rational(v, sum(w)) for v in w)
                                         for w in (x, y))
    assert r.method == METHOD_RACE_CONTINUED
    assert sa.is_nash_equilibrium(g, r.profile)
