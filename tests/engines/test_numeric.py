"""Tests for symalign.engines.numeric: float-guided exact extremes of payoff tensors."""

from __future__ import annotations

from fractions import Fraction

import sympy

import symalign as sa
from symalign.engines.numeric import player_extreme


def test_player_extreme_exact_when_float_order_ties():
    """Issue 19 survivor. a = 2305843009213694152/1048583 > b = 2305856203265147648/1048589
    exactly (cross-multiplying), but both round to the same double 2199008575585.9995, so the
    float guide cannot order them: its tolerance must scale with the values (an absolute one
    keeps a single candidate and misses the exact maximum half of the time, by float order)."""
    a = Fraction(2305843009213694152, 1048583)
    b = Fraction(2305856203265147648, 1048589)
    assert a > b and float(a) == float(b)
    ra, rb = sympy.Rational(a.numerator, a.denominator), sympy.Rational(b.numerator, b.denominator)
    for first, second in ((a, b), (b, a)):
        g = sa.Game([[[str(first)], [str(second)]], [[0], [0]]])
        arr = g.exact_arrays()[0]
        assert player_extreme(arr, "max") == ra
        assert player_extreme(arr, "min") == rb
