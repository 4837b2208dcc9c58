"""One-parameter conditions as exact unions of intervals (symalign.engines.intervals, issue 14).

Expected sets are derived by hand in each docstring; the property tests compare the described
set with the original condition at random rational points and at every tie (the atoms' roots
are chosen rational so that ties are hit), evaluated exactly by sympy.
"""

from fractions import Fraction

import sympy
from hypothesis import example, given, settings, strategies as st
from sympy import Rational, sqrt

from symalign.engines.intervals import decompose, describe

xp = sympy.Symbol("x", positive=True)
x = sympy.Symbol("x", real=True)
xn = sympy.Symbol("x", nonnegative=True)


def _set(cond, var, domain=()):
    out = decompose([cond], var, list(domain), None)
    assert out is not None
    cells, truths, dom = out
    return describe(cells, truths[0], dom)


def test_bos_radical_condition_is_x_at_least_2():
    """sqrt(11)/sqrt(3x^2 - 2x + 3) <= 1 (3x^2 - 2x + 3 > 0 always: discriminant 4 - 36 < 0)
    iff 11 <= 3x^2 - 2x + 3 iff 3x^2 - 2x - 8 = (3x + 4)(x - 2) >= 0, for x > 0: x >= 2."""
    assert _set(sqrt(11) / sqrt(3 * xp**2 - 2 * xp + 3) <= 1, xp) == (xp >= 2)


def test_interval_with_a_square_root_endpoint():
    """x^2 < 5 and 2x > 1: -sqrt(5) < x < sqrt(5) and x > 1/2, so 1/2 < x < sqrt(5)."""
    assert _set((xp**2 < 5) & (2 * xp > 1), xp) == sympy.And(xp > Rational(1, 2),
                                                             xp < sqrt(5))


def test_bound_implied_by_the_assumptions_is_left_out():
    """x(x - 1) < 0 is 0 < x < 1; under x > 0 (the symbol's assumption) it reads x < 1, and
    under the assumption x > 1/2 it reads x < 1 as well (x > 1/2 is implied by the domain)."""
    assert _set(xp * (xp - 1) < 0, xp) == (xp < 1)
    assert _set(x * (x - 1) < 0, x, [x > Rational(1, 2)]) == (x < 1)
    assert _set(x * (x - 1) < 0, x) == sympy.And(x > 0, x < 1)


def test_points_and_their_complement():
    """(x - 2)^2 <= 0 only at x = 2; (x - 2)^2 > 0 everywhere else: Ne(x, 2)."""
    assert _set((xp - 2)**2 <= 0, xp) == sympy.Eq(xp, 2)
    assert _set((xp - 2)**2 > 0, xp) == sympy.Ne(xp, 2)


def test_cubic_endpoint_is_a_crootof():
    """x^3 > 2 iff x > 2^(1/3), the only real root of x^3 - 2 (a CRootOf, exact)."""
    c = _set(xp**3 > 2, xp)
    assert isinstance(c, sympy.StrictGreaterThan) and c.lhs == xp
    r, t = c.rhs, sympy.Symbol("t")
    assert isinstance(r, sympy.CRootOf)
    assert sympy.minimal_polynomial(r, t) == t**3 - 2


def test_nested_square_root():
    """sqrt(x + sqrt(x)) < 2 for x >= 0: with s = sqrt(x) >= 0, s^2 + s < 4 iff
    s < (sqrt(17) - 1)/2, i.e. x < ((sqrt(17) - 1)/2)^2 = (9 - sqrt(17))/2."""
    c = _set(sqrt(xn + sqrt(xn)) < 2, xn)
    assert isinstance(c, sympy.StrictLessThan) and c.lhs == xn
    assert sympy.simplify(c.rhs - (9 - sqrt(17)) / 2) == 0


def test_empty_and_whole_sets():
    """x > 2 and x < -1 is empty; x > -1 holds on the whole of x > 0."""
    assert _set((x > 2) & (x < -1), x) is sympy.false
    assert _set(xp > -1, xp) is sympy.true


def test_undefined_inside_the_domain_is_not_decided():
    """1/(x - 1) > 0 is undefined at x = 1: no interval description is claimed."""
    assert decompose([1 / (xp - 1) > 0], xp, [], None) is None


def test_budget_spent_decides_nothing():
    """A zero time budget: None (the caller keeps the condition as it was)."""
    assert decompose([sqrt(11) / sqrt(3 * xp**2 - 2 * xp + 3) <= 1], xp, [], 0) is None


# -- properties ---------------------------------------------------------------------------------

_ROOTS = [Rational(-2), Rational(-1), Rational(0), Rational(1, 2), Rational(1), Rational(2),
          Rational(3)]
_OPS = [sympy.Lt, sympy.Le, sympy.Gt, sympy.Ge, sympy.Eq, sympy.Ne]


@st.composite
def _atom(draw):
    """k * prod(x - r) op 0 with rational roots (ties at rational points), or a radical
    atom sqrt(x^2 + 1) op (a x + b) through the rational points (0, 1), (3/4, 5/4)."""
    op = draw(st.sampled_from(_OPS))
    if draw(st.integers(0, 4)) == 0:
        a, b = draw(st.sampled_from([(0, 1), (Rational(1, 3), 1), (1, Rational(1, 2)),
                                     (-1, 2)]))
        return op(sqrt(x**2 + 1), a * x + b)
    rs = draw(st.lists(st.sampled_from(_ROOTS), min_size=1, max_size=3))
    k = draw(st.sampled_from([1, -1, 2]))
    e = k
    for r in rs:
        e = e * (x - r)
    return op(sympy.expand(e), 0)


@st.composite
def _condition(draw, depth=2):
    if depth == 0 or draw(st.booleans()):
        return draw(_atom())
    kind = draw(st.sampled_from([sympy.And, sympy.Or, sympy.Not]))
    if kind is sympy.Not:
        return sympy.Not(draw(_condition(depth - 1)))
    return kind(draw(_condition(depth - 1)), draw(_condition(depth - 1)))


_POINTS = _ROOTS + [Rational(3, 4), Rational(-3, 4), Rational(4, 3), Rational(-7, 5),
                    Rational(5, 2), Rational(10), Rational(-10), Rational(1, 7)]


@settings(max_examples=60, deadline=None)
@given(_condition(), st.sampled_from([[], [x > 0], [x >= -1, x < 3]]))
@example(sympy.Or(x**2 - 1 <= 0, sympy.Eq(x, 2)), [])
@example(sympy.Ge(sqrt(x**2 + 1), x / 3 + 1), [x > 0])
def test_described_set_equals_the_condition_at_every_tie(cond, domain):
    """At every root of the atoms (rational by construction) and at other rational points
    of the domain, the description holds exactly where the condition does."""
    if cond in (sympy.true, sympy.false):
        return
    out = decompose([cond], x, domain, None)
    assert out is not None
    cells, truths, dom = out
    simple = describe(cells, truths[0], dom)
    for q in _POINTS:
        if not all(bool(a.subs(x, q)) for a in domain):
            continue
        assert bool(cond.subs(x, q)) == bool(simple.subs(x, q)), (cond, simple, q)


@settings(max_examples=30, deadline=None)
@given(st.fractions(min_value=-5, max_value=5, max_denominator=6))
@example(Fraction(5, 2))
def test_irrational_endpoints_at_random_points(v):
    """x^3 - 3x + 1 has three irrational roots (a CRootOf each): the description of
    x^3 - 3x + 1 > 0 agrees with the condition at random rational points."""
    cond = x**3 - 3 * x + 1 > 0
    simple = _set(cond, x)
    q = Rational(v.numerator, v.denominator)
    assert bool(cond.subs(x, q)) == bool(simple.subs(x, q))
