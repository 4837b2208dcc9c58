"""Tests of symalign.engines.algebraic: exact signs by interval arithmetic, rigorous float intervals."""

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, strategies as st
from sympy import Rational, sqrt

from symalign.engines.algebraic import Interval, compare, sign
from symalign.core.errors import UndecidableError


def test_signs_of_known_values():
    """sqrt2 + sqrt3 = sqrt(5 + 2 sqrt6) (square both sides), so the difference is exactly 0;
    §12.3: 8 sqrt57 ~ 60.40 > 2 sqrt114 ~ 21.35; §12.4: 4 sqrt2/3 ~ 1.886 > 1."""
    assert sign(sqrt(2) + sqrt(3) - sqrt(5 + 2 * sqrt(6))) == 0
    assert sign(8 * sqrt(57) - 2 * sqrt(114)) == 1
    assert compare(4 * sqrt(2) / 3, 1) == 1
    assert compare(48 * sqrt(2) / 25, 3) == -1
    assert sign(Rational(-2, 7)) == -1 and sign(sympy.Integer(0)) == 0


def test_near_zero_nonzero():
    """A tiny non-zero algebraic number: (sqrt2 - 1)^20 - (3 - 2 sqrt2)^10 is exactly 0, while
    (sqrt2 - 1)^20 ~ 2.2e-8 is positive; 10**-30 offsets are still decided."""
    a = (sqrt(2) - 1) ** 20
    assert sign(sympy.expand(a) - sympy.expand((3 - 2 * sqrt(2)) ** 10)) == 0
    assert sign(sympy.expand(a)) == 1
    assert sign(sqrt(2) - Rational(14142135623730950488016887, 10**25)) == 1
    assert sign(Rational(14142135623730950488016888, 10**25) - sqrt(2)) == 1


def test_abs_max_min_nested():
    assert sign(sympy.Abs(1 - sqrt(3)) - (sqrt(3) - 1)) == 0
    assert sign(sympy.Max(sqrt(2), Rational(3, 2)) - Rational(3, 2)) == 0
    assert sign(sqrt(2 - sqrt(3)) - (sqrt(6) - sqrt(2)) / 2) == 0


def test_symbols_are_undecidable():
    with pytest.raises(UndecidableError):
        sign(sympy.Symbol("x") + 1)


fracs = st.fractions(min_value=-10**6, max_value=10**6, max_denominator=10**9)


@given(fracs, fracs)
def test_interval_ops_enclose_exact_values(a, b):
    """Each outward-rounded operation encloses the exact rational result."""
    A, B = Interval.from_fraction(a), Interval.from_fraction(b)
    cases = [(A + B, a + b), (A - B, a - b), (A * B, a * b), (abs(A), abs(a))]
    if b != 0:
        cases.append((A / B, a / b))
    for iv, exact in cases:
        assert Fraction(iv.lo) <= exact <= Fraction(iv.hi)


@given(st.fractions(min_value=0, max_value=10**6, max_denominator=10**9))
def test_interval_sqrt_encloses(a):
    r = Interval.from_fraction(a).sqrt()
    assert Fraction(r.lo) ** 2 <= a <= Fraction(r.hi) ** 2
    assert r.lo >= 0
