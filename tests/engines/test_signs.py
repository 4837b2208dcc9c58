"""The sign and zero decision engine (issue 14): every answer is a proof, never a guess.

Expected values are derived by hand in each docstring; the property tests check every decided
sign against exact rational evaluation at random points of the region.
"""

from fractions import Fraction

import pytest
import sympy
from hypothesis import example, given, settings, strategies as st

from symalign.engines.piecewise import (canonical_condition, closed_abs, closed_max,
                                        closed_min, piecewise)
from symalign.engines.signs import decide, decide_sign, is_constant, is_satisfiable

T, R, P, S = sympy.symbols("T R P S", real=True)
PD = [T > R, R > P, P > S]
x = sympy.Symbol("x", real=True)
xp = sympy.Symbol("x", positive=True)


def test_sum_of_a_root_and_a_positive_number_is_never_zero():
    """The BoS case of issue 14: sqrt(3x^2/4 - x/2 + 3/4) + sqrt(11)/2 = 0 is never true
    (a square root is >= 0 and sqrt(11)/2 > 0)."""
    e = sympy.sqrt(3 * xp**2 / 4 - xp / 2 + sympy.Rational(3, 4)) + sympy.sqrt(11) / 2
    d = decide_sign(e)
    assert (d.value, d.method) == (1, "structural")
    assert decide(sympy.Eq(e, 0)).value is False


def test_linear_sign_by_exact_lp():
    """T > R > P > S gives T - S = (T - R) + (R - P) + (P - S) > 0; R - S - T has no sign."""
    d = decide_sign(T - S, PD)
    assert (d.value, d.method) == (1, "exact LP")
    assert decide_sign(R - S - T + P, PD).value is None


def test_magnitude_zero_iff_constant_pd():
    """A PD player's utility (R, S, T, P) is constant only if T = R, excluded by T > R."""
    assert is_constant([R, S, T, P], PD).value is False
    d = is_constant([R, S, T, P])
    assert d.value is None
    assert set(sympy.And.make_args(d.certificate)) == {sympy.Eq(P, R), sympy.Eq(S, R),
                                                        sympy.Eq(T, R)}
    assert is_constant([R, R, R]).value is True


def test_expanded_magnitude_is_a_sum_of_squares():
    """The squared EPIC magnitude of (R, S, T, P) is sum (u_k - mean)^2 >= 0, zero iff all
    payoffs are equal; under T > R it is positive."""
    vals = [R, S, T, P]
    mean = sum(vals) / 4
    q = sympy.expand(sum((v - mean) ** 2 for v in vals))
    assert decide_sign(q, PD).value == 1
    assert decide_sign(q).signs == {0, 1}
    assert decide_sign(sympy.sqrt(q), PD).value == 1


def test_squaring_removes_the_root():
    """sqrt(x^2 + 1) - x: squaring gives x^2 + 1 - x^2 = 1 > 0."""
    d = decide_sign(sympy.sqrt(xp**2 + 1) - xp)
    assert (d.value, d.method) == (1, "squaring")


def test_one_parameter_real_roots():
    """3M^2/4 - 2M + 2 has discriminant 4 - 6 < 0, so it is positive for every M; and
    sqrt(M) - 2 > 0 for M > 4 (its only zero, M = 4, is outside the open region)."""
    M = sympy.Symbol("M", real=True)
    assert decide_sign(3 * M**2 / 4 - 2 * M + 2, [M > 2]).value == 1
    assert decide_sign(sympy.sqrt(M) - 2, [M > 4]).value == 1
    assert decide_sign(sympy.sqrt(M) - 2, [M > 3]).value is None


def test_satisfiability():
    """(x > 2) & (x < -1) is empty (the impossible branch of issue 14); sqrt(x^2+1) > 2 holds
    for x > sqrt(3)."""
    assert is_satisfiable([x > 2, x < -1]).value is False
    d = is_satisfiable([sympy.sqrt(x**2 + 1) > 2], [x > 0])
    assert d.value is True
    w = d.certificate[x]
    assert w > 0 and w**2 + 1 > 4


def test_canonical_conditions():
    """R >= S/2 + T/2 is printed with integer coefficients; a conjunct implied by the
    assumptions is dropped."""
    assert str(canonical_condition(sympy.Ge(R, S / 2 + T / 2))) == "2*R >= S + T"
    assert str(canonical_condition(sympy.And(T > S, R > S), [R > T])) == "T > S"
    assert canonical_condition(T > S, PD) is sympy.true


def test_piecewise_removes_empty_branches_and_decides():
    """On x > 0 the branch x < -1 is empty; on x > 3 the first branch always applies. In one
    parameter the branches read from left to right: 0 on (0, 2], then x."""
    assert piecewise([(x, x > 2), (1, x < -1), (0, True)], [x > 0]) == sympy.Piecewise(
        (0, x <= 2), (x, True))
    assert piecewise([(x, x > 2), (0, True)], [x > 3]) == x


def test_closed_min_max_abs():
    """min(x, 1, x + 1): x + 1 > x always, so the choice is between x and 1."""
    assert closed_min([x, 1, x + 1]) == sympy.Piecewise((x, x <= 1), (1, True))
    assert closed_max([x, 1], [x > 1]) == x
    c = sympy.Symbol("c", real=True)
    assert closed_abs(1 / sympy.sqrt(3 * c**2 + 2) - 1, [c > 1]) == 1 - 1 / sympy.sqrt(
        3 * c**2 + 2)


def test_strict_raises():
    from symalign.core.errors import UndecidableError
    with pytest.raises(UndecidableError):
        closed_min([x, 1], strict=True)


def test_each_decision_names_its_method():
    assert decide_sign(sympy.sqrt(2) - 1).method == "exact number"
    assert decide_sign(x**2 + 1).value == 1
    assert decide_sign(x).value is None


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-4, 4), min_size=3, max_size=3),
       st.lists(st.fractions(min_value=Fraction(1, 8), max_value=8), min_size=5, max_size=5))
@example([1, -2, 1], [Fraction(1)] * 5)          # (x - 1)^2: zero at x = 1, so only >= 0
@example([1, 0, -1], [Fraction(1, 2)] * 5)      # x^2 - 1 changes sign at x = 1
def test_decided_signs_agree_with_exact_evaluation(coeffs, points):
    """Whatever the engine decides for a quadratic in x > 0, exact Fraction evaluation at
    positive rational points must agree (a sign set must contain every observed sign)."""
    a, b, c = coeffs
    e = a * xp**2 + b * xp + c
    d = decide_sign(e)
    for p in points:
        v = a * p * p + b * p + c
        s = (v > 0) - (v < 0)
        assert s in d.signs
        if d.value is not None:
            assert s == d.value


@settings(max_examples=25, deadline=None)
@given(st.integers(-3, 3), st.integers(-3, 3),
       st.lists(st.fractions(min_value=0, max_value=6), min_size=4, max_size=4))
@example(1, 0, [Fraction(0)] * 4)
def test_radical_sums_agree_with_exact_evaluation(k, m, points):
    """sqrt(x^2 + k^2) + m x - |k|: every decided sign holds at sample points, evaluated
    independently in Fractions (sqrt(a) - b has the sign of a - b^2 when b >= 0, else +1)."""
    e = sympy.sqrt(xp**2 + k**2) + m * xp - abs(k)
    d = decide_sign(e)
    for p in points:
        if p == 0:
            continue
        a, b = p * p + k * k, abs(k) - m * p
        s = 1 if b < 0 else ((a > b * b) - (a < b * b))
        assert s in d.signs


def test_real_roots_decide_through_an_algebraic_root():
    """x + 1 - sqrt(22)/2 - sqrt(6x^2 - 4x + 6)/2 on 0 < x <= 2 (BoS's Form A comparison).
    By hand: a zero needs x + 1 - sqrt(22)/2 >= 0, i.e. x >= 1.34..., and after squaring
    2x^2 + (8s - 12)x + 8s - 20 = 0 with s = sqrt(22)/2, whose roots are 0.17... and
    -3.55...: no zero in the interval, and at x = 2 the value is 3 - sqrt(22) < 0. So the sign
    is -1; the certificate's sample points include a root of the resultant (a CRootOf), whose
    value is evaluated in interval arithmetic."""
    x = sympy.Symbol("x", positive=True)
    e = x - sympy.sqrt(2) * sympy.sqrt(3 * x**2 - 2 * x + 3) / 2 - sympy.sqrt(22) / 2 + 1
    d = decide_sign(e, [x <= 2])
    assert d.value == -1


def test_a_sign_is_reused_only_under_more_assumptions():
    """x - 1 > 0 proved under x > 1 holds under x > 1, y > 0 (a smaller region), but must
    not be reused under x > 0 alone (a larger region, where x - 1 takes every sign)."""
    x, y = sympy.symbols("x y", real=True)
    assert decide_sign(x - 1, [x > 1]).value == 1
    assert decide_sign(x - 1, [x > 1, y > 0]).value == 1
    assert decide_sign(x - 1, [x > 0]).value is None
