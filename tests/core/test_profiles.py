"""Tests for symalign.core.profiles: validation, embeddings (§1.2) and exact expected payoffs."""

import itertools
from fractions import Fraction

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

import symalign as sa


@pytest.mark.parametrize("strategies,match", [
    ([[-1, 2], [1, 0]], "negative"),
    ([["1/2", "1/3"], [1, 0]], "sum to 5/6"),
    ([["3/2", "-1/2"], [1, 0]], "exceeds 1"),
    ([[], [1]], "empty"),
    ([0.5, 0.5], "not a sequence"),
    ([[0.5, 0.5], [1, 0]], "float"),
    ("ab", "sequence of distributions"),
])
def test_mixed_profile_validation(strategies, match):
    with pytest.raises(sa.SymalignError, match=match):
        sa.MixedProfile(strategies)


def test_symbolic_probabilities():
    p = sympy.Symbol("p", nonnegative=True)
    s = sa.MixedProfile([[p, 1 - p], [1, 0]])
    assert s.probability((1, 0)) == 1 - p
    q = sympy.Symbol("q")
    with pytest.raises(sa.InvalidProfileError, match="not identically 1"):
        sa.MixedProfile([[p, q], [1, 0]])
    neg = sympy.Symbol("n", negative=True)
    with pytest.raises(sa.InvalidProfileError, match="negative"):
        sa.MixedProfile([[neg, 1 - neg]])


def test_correlated_profile_validation():
    with pytest.raises(sa.InvalidProfileError, match="sum to 3/2"):
        sa.CorrelatedProfile([["1/2", "1/2"], ["1/2", 0]])
    with pytest.raises(sa.InvalidProfileError, match="rectangular"):
        sa.CorrelatedProfile([["1/2", "1/2"], [0]])
    with pytest.raises(sa.InvalidProfileError):
        sa.CorrelatedProfile.from_dict((2, 2), {(2, 0): 1})


def test_embeddings():
    """Spec §1.2: pure -> point mass; mixed -> product distribution."""
    g = sa.games.battle_of_the_sexes()
    mu = sa.as_correlated(g, ("B", "A"))
    assert mu.support() == ((1, 0),) and mu.probability((1, 0)) == 1
    sigma = sa.MixedProfile([["2/3", "1/3"], ["1/3", "2/3"]])
    mu = sa.as_correlated(g, sigma)
    # BoS mixed NE product distribution (2/9, 4/9, 1/9, 2/9), spec §11
    assert [mu.probability(a) for a in itertools.product(range(2), range(2))] == [
        sympy.Rational(2, 9), sympy.Rational(4, 9), sympy.Rational(1, 9), sympy.Rational(2, 9)]
    assert mu.marginal(0) == (sympy.Rational(2, 3), sympy.Rational(1, 3))
    with pytest.raises(sa.InvalidProfileError, match="shape"):
        sa.as_mixed(g, [[1, 0, 0], [1, 0]])
    with pytest.raises(sa.InvalidProfileError, match="correlated"):
        sa.as_mixed(g, mu)


def test_expected_payoffs_bos_mixed_ne():
    """Spec §5: at BoS's mixed NE both players get 2/3."""
    g = sa.games.battle_of_the_sexes()
    assert sa.expected_payoffs(g, [["2/3", "1/3"], ["1/3", "2/3"]]) == (
        sympy.Rational(2, 3), sympy.Rational(2, 3))


def test_expected_payoff_symbolic_probability():
    """MP, player 1 (matcher) against H with prob p while matching H: u_1 = p - (1 - p) = 2p - 1."""
    p = sympy.Symbol("p")
    mp = sa.games.matching_pennies()
    assert sa.expected_payoff(mp, 1, [[p, 1 - p], [1, 0]]) == 2 * p - 1


def test_dict_profile():
    g = sa.games.chicken()
    mu = {("C", "C"): "1/2", ("C", "D"): "1/4", ("D", "C"): "1/4"}
    # best CE of chicken (spec §11): welfare 1/2*12 + 1/4*9 + 1/4*9 = 21/2
    assert sa.welfare(g, mu) == sympy.Rational(21, 2)


@st.composite
def game_and_mixed(draw):
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=1, max_size=3)))
    n = len(shape)
    U = [{a: Fraction(draw(st.integers(-5, 5))) for a in itertools.product(*map(range, shape))}
         for _ in range(n)]
    sigma = []
    for k in shape:
        w = [draw(st.integers(0, 4)) for _ in range(k)]
        if sum(w) == 0:
            w[0] = 1
        sigma.append([Fraction(x, sum(w)) for x in w])
    return shape, U, sigma


@given(game_and_mixed())
def test_expected_payoff_matches_brute_force(data):
    import numpy as np

    shape, U, sigma = data
    arrays = []
    for t in U:
        arr = np.empty(shape, dtype=object)
        for a, v in t.items():
            arr[a] = v
        arrays.append(arr)
    g = sa.Game(arrays)
    for i in range(len(shape)):
        expected = sum(t * np.prod([sigma[j][a[j]] for j in range(len(shape))])
                       for a, t in U[i].items())
        expected = Fraction(expected)
        assert sa.expected_payoff(g, i, sigma) == sympy.Rational(expected.numerator,
                                                                 expected.denominator)
        mu = sa.as_correlated(g, sigma)
        assert sa.expected_payoff(g, i, mu) == sa.expected_payoff(g, i, sigma)
