"""Two-parameter real-root reasoning (issue 14): the cylindrical decomposition strategy.

Expected values are derived by hand in each docstring; the property tests check every decided
sign against exact rational evaluation at random points of the region, and the one-parameter
satisfiability against sympy's own inequality solver (an independent implementation).
"""

from fractions import Fraction

import sympy
from hypothesis import example, given, settings, strategies as st

from symalign.engines.cad import cad_satisfiable, cad_signs
from symalign.engines.signs import _ctx, decide, decide_sign, is_satisfiable

x, y = sympy.symbols("x y", real=True)


def test_outside_the_unit_disc_right_of_one():
    """On x > 1: x**2 + y**2 - 1 >= x**2 - 1 > 0. No other strategy decides it (the
    quadratic is not a sum of squares, y is unbounded, there are two parameters)."""
    d = decide_sign(x**2 + y**2 - 1, [x > 1])
    assert (d.value, d.method) == (1, "cylindrical decomposition")
    # on x > 0 the circle crosses the region: every sign occurs
    assert decide_sign(x**2 + y**2 - 1, [x > 0]).signs == {-1, 0, 1}


def test_above_the_hyperbola():
    """x > 0 and y > 1/x give x*y > 1, so x*y - 1 > 0; with y >= 1/x it may be 0 too."""
    d = decide_sign(x * y - 1, [x > 0, y > 1 / x])
    assert (d.value, d.method) == (1, "cylindrical decomposition")
    d = decide_sign(x * y - 1, [x > 0, y >= 1 / x])
    assert d.value is None and d.signs == {0, 1}


def test_unsatisfiable_regions():
    """x**2 + y**2 < 1 forces |x + y| <= sqrt(2) < 2, and x*y <= (x**2 + y**2)/2 < 1/2;
    x**3 - y**2 > 3 needs x**3 > 3, impossible with x < 1."""
    d = is_satisfiable([x**2 + y**2 < 1, x + y > 2])
    assert (d.value, d.method) == (False, "cylindrical decomposition")
    assert is_satisfiable([x**2 + y**2 < 1, x * y > 1]).value is False
    assert is_satisfiable([x**3 - y**2 > 3, x < 1]).value is False


def test_witness_on_a_curve():
    """The circle meets the diagonal only at +-(1/sqrt(2), 1/sqrt(2)): no rational point,
    so the witness is the exact algebraic one."""
    d = is_satisfiable([sympy.Eq(x**2 + y**2, 1), sympy.Eq(x, y), x > 0])
    assert d.value is True
    assert d.certificate == {x: sympy.sqrt(2) / 2, y: sympy.sqrt(2) / 2}
    value, pt = cad_satisfiable([x**2 + y**2 < 1, x + y > 1])
    assert value is True and all(v.is_Rational for v in pt.values())
    assert pt[x]**2 + pt[y]**2 < 1 and pt[x] + pt[y] > 1


def test_cubic_boundary_in_one_parameter():
    """x**3 - 2 on x**3 >= 2: zero at the cube root of 2, positive beyond; the
    one-parameter strategy reads only linear bounds, so this is the decomposition's."""
    d = decide_sign(x**3 - 2, [x**3 >= 2])
    assert d.signs == {0, 1}
    assert decide(x**3 - 2 >= 0, [x**3 >= 2]).value is True


def test_over_budget_or_other_forms_decide_nothing():
    """Three parameters, or a square root: the strategy says nothing (never a guess)."""
    z = sympy.Symbol("z", real=True)
    assert cad_signs(x * y * z - 1, _ctx((x > 1,))) is None
    assert cad_signs(sympy.sqrt(x**2 + 1) - y, _ctx((x > 1,))) is None


def _sign(v):
    return (v > 0) - (v < 0)


coef = st.integers(-3, 3)


@settings(max_examples=40, deadline=None)
@given(st.lists(coef, min_size=6, max_size=6), st.lists(coef, min_size=3, max_size=3),
       st.lists(st.tuples(st.integers(-8, 8), st.integers(-8, 8)), min_size=30, max_size=30))
@example([1, 0, 0, 1, 0, -1], [1, 0, -1], [(k, j) for k in range(-5, 5) for j in (-1, 2, 3)])
def test_decided_signs_hold_at_every_sampled_point(c, g, pts):
    """The signs found for e = c0 x^2 + c1 x y + c2 y^2 + c3 x + c4 y + c5 on the region
    g0 x + g1 y^2 + g2 > 0 include the exact sign at every rational point of the region
    (evaluated with Fractions, independently of sympy)."""
    e = c[0] * x**2 + c[1] * x * y + c[2] * y**2 + c[3] * x + c[4] * y + c[5]
    reg = g[0] * x + g[1] * y**2 + g[2] > 0
    out = cad_signs(e, _ctx((reg,)))
    for a, b in pts:
        X, Y = Fraction(a, 2), Fraction(b, 3)
        if g[0] * X + g[1] * Y**2 + g[2] > 0:
            assert out is not None
            v = c[0] * X**2 + c[1] * X * Y + c[2] * Y**2 + c[3] * X + c[4] * Y + c[5]
            assert _sign(v) in out[0], (X, Y)


@settings(max_examples=15, deadline=None)
@given(st.lists(coef, min_size=4, max_size=4), st.lists(coef, min_size=3, max_size=3))
@example([1, 0, -2, 0], [0, 1, 0])      # x**3 - 2x > 0 and x > 0: x > sqrt(2)
@example([0, 0, 0, 0], [0, 0, 0])       # 0 > 0: never
def test_one_parameter_satisfiability_agrees_with_sympy(c, g):
    """Whether c0 x^3 + c1 x^2 + c2 x + c3 > 0 and g0 x^2 + g1 x + g2 >= 0 hold together:
    the decomposition against sympy's `reduce_inequalities`."""
    f = c[0] * x**3 + c[1] * x**2 + c[2] * x + c[3]
    h = g[0] * x**2 + g[1] * x + g[2]
    value, pt = cad_satisfiable([f > 0, h >= 0])
    sol = sympy.reduce_inequalities([f > 0, h >= 0], x)
    assert value is (sol is not sympy.false)
    if value:
        assert f.subs(x, pt[x]) > 0 and h.subs(x, pt[x]) >= 0
