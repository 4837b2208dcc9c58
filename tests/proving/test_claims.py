"""Tests for symalign.verify: identities, certificates, case splits, search and verify().

Expected values are hand derivations (in the docstrings) or exact re-checks by substitution;
a claim is never accepted because the code under test says so.
"""

from __future__ import annotations

import importlib
import json
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import Integer, Max, Min, Rational

import symalign as sa
from symalign.proving.testing import assert_no_float, games, rationals

# the module (``symalign.verify`` may also name the function once it is exported)
V = importlib.import_module("symalign.proving.claims")
certificates = importlib.import_module("symalign.proving.certificates")

x, y, z = sympy.symbols("x y z", real=True)
lam = sympy.Symbol("lam", positive=True)


# -- identities ---------------------------------------------------------------------------------

def test_identity_true_and_records():
    v = V.check_identity((x + y) ** 2, x**2 + 2 * x * y + y**2, name="square")
    assert (v.holds, v.method, v.name, v.expected) == (True, "identity", "square", True)
    assert v.ok and v.steps[0].holds is True and v.seconds >= 0
    assert_no_float(v.steps[0].statement)


def test_identity_false_gives_exact_refuting_point():
    """x*(y + z) - x*y = x*z is not identically zero; the refuting point must make it non-zero."""
    v = V.check_identity(x * (y + z), x * y)
    assert v.holds is False
    pt = v.counterexample
    assert (x * z).subs(pt) != 0
    assert all(val.is_Rational for val in pt.values())


def test_identity_nonzero_constant():
    assert V.check_identity(x + 1, x).holds is False


def test_identity_max_rewrite_lemmas():
    """max(a + c, b + c) = max(a, b) + c and max(l a, l b) = l max(a, b) for l > 0."""
    assert V.check_identity(Max(x + z, y + z), Max(x, y) + z).holds is True
    assert V.check_identity(Max(lam * x, lam * y), lam * Max(x, y)).holds is True
    assert V.check_identity(Max(2 * x, 2 * y), 2 * Max(x, y)).holds is True
    assert V.check_identity(Min(x + 3, y + 3), Min(x, y) + 3).holds is True


def test_identity_max_negative_scale_is_not_an_identity():
    """max(-x, -y) = -max(x, y) is false (it is -min): refuted at an exact point."""
    v = V.check_identity(Max(-x, -y), -Max(x, y))
    assert v.holds is False


def test_identity_uses_positivity_assumption():
    a = sympy.Symbol("a", real=True)
    assert V.check_identity(Max(a * x, a * y), a * Max(x, y), [a > 0]).holds is True


def test_identity_substitutes_equalities():
    assert V.check_identity(x + y, 3, [sympy.Eq(y, 3 - x)]).holds is True


def test_identity_abs():
    assert V.check_identity(sympy.Abs(x), Max(x, -x)).holds is True


# -- certificates --------------------------------------------------------------------------------

def test_check_certificate_hand_example():
    """x >= 1, y >= 2 => x + 2y >= 5: x + 2y - 5 = 1*(x - 1) + 2*(y - 2) + 0."""
    s = V.check_certificate(x + 2 * y >= 5, [x >= 1, y >= 2], [1, 2])
    assert s.holds is True and s.detail.slack == 0
    assert V.check_certificate(x + 2 * y >= 4, [x >= 1, y >= 2], [1, 2]).holds is True  # slack 1
    assert V.check_certificate(x + 2 * y >= 5, [x >= 1, y >= 2], [1, 2], slack=1).holds is False


@pytest.mark.parametrize("mults, reason", [
    ([1, -2], "negative"),
    ([1, 1], "not a constant"),
    ([Rational(1, 2), x], "not a rational"),
    ([1], "multipliers for"),
])
def test_check_certificate_rejects(mults, reason):
    s = V.check_certificate(x + 2 * y >= 5, [x >= 1, y >= 2], mults)
    assert s.holds is False and reason in s.how


def test_check_certificate_strict_goal():
    """x > 0 from x >= 1 (slack 1 > 0) is fine; x > 0 from x >= 0 is not."""
    assert V.check_certificate(x > 0, [x >= 1], [1]).holds is True
    assert V.check_certificate(x > 0, [x >= 0], [1]).holds is False
    assert V.check_certificate(x > 0, [x > 0], [1]).holds is True


def test_check_certificate_equality_hypothesis_takes_a_polynomial():
    """x*y <= ... : with x + y = 1 (Eq), goal 1 - x - y >= 0 is (-1)*(x + y - 1) + 0."""
    s = V.check_certificate(1 - x - y >= 0, [sympy.Eq(x + y, 1)], [-1])
    assert s.holds is True
    s = V.check_certificate(x * (1 - x - y) >= 0, [sympy.Eq(x + y, 1)], [-x])
    assert s.holds is True


def test_find_certificate_linear():
    c = V.find_certificate(3 * x + y >= 4, [x >= 1, y - x >= 0])
    assert c is not None
    assert V.check_certificate(c.goal, c.hypotheses, c.multipliers).holds is True
    assert_no_float(c)


def test_find_certificate_none_when_false():
    assert V.find_certificate(x >= 2, [x >= 1]) is None


def test_find_certificate_products():
    """M >= a, M >= b, 0 <= p <= 1  =>  M - p a - (1 - p) b = p (M - a) + (1 - p)(M - b) >= 0."""
    M, a, b, p = sympy.symbols("M a b p", real=True)
    goal = M - p * a - (1 - p) * b >= 0
    hyps = [M >= a, M >= b, p >= 0, 1 - p >= 0]
    assert V.find_certificate(goal, hyps) is None  # not linear
    c = V.find_certificate(goal, hyps, products=True)
    assert c is not None and V.check_certificate(c.goal, c.hypotheses, c.multipliers).holds


def test_find_certificate_scipy_fallback(monkeypatch):
    """The HiGHS-guided exact recovery finds the same kind of certificate without symalign.engines.lp."""
    monkeypatch.setattr(certificates, "_USE_EXACT_LP", False)
    c = V.find_certificate(3 * x + y >= 4, [x >= 1, y - x >= 0])
    assert c is not None and V.check_certificate(c.goal, c.hypotheses, c.multipliers).holds


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(0, 4), min_size=3, max_size=3), st.integers(0, 3),
       st.lists(st.integers(-3, 3), min_size=6, max_size=6))
def test_find_certificate_finds_planted_certificates(lams, slack, coeffs):
    """goal := sum lam_k h_k + slack is provable from the h_k >= 0; the found one re-checks."""
    hs = [coeffs[0] * x + coeffs[1] * y + 1, coeffs[2] * y + coeffs[3] * z - 2,
          coeffs[4] * z + coeffs[5] * x]
    goal = sympy.expand(sum(lk * h for lk, h in zip(lams, hs)) + slack)
    c = V.find_certificate(goal >= 0, [h >= 0 for h in hs])
    assert c is not None
    assert V.check_certificate(goal >= 0, c.hypotheses, c.multipliers).holds is True


def test_find_counterexample_exact():
    pt = V.find_counterexample(x >= y, [x >= 0, y >= 0, x + y <= 1])
    assert pt is not None and pt[x] < pt[y] and pt[x] >= 0 and pt[x] + pt[y] <= 1


# -- piecewise-linear claims ---------------------------------------------------------------------

def test_piecewise_alpha_nonpositive_full_split():
    """alpha <= 0 on the generic 2x2 game: 4 argmax cases for OPT and 4 per player max: 64."""
    g = V.generic_game((2, 2))
    with V.raw_maxima():
        claim = sa.alpha(g) <= 0
    v = V.prove_piecewise_linear(claim, split="all")
    assert v.holds is True and v.steps[0].detail["cases"] == 64
    for _, cert in v.steps[0].detail["certificates"]:
        assert V.check_certificate(cert.goal, cert.hypotheses, cert.multipliers).holds


def test_piecewise_refutes_with_a_checked_counterexample():
    a, b = sympy.symbols("a b", real=True)
    v = V.prove_piecewise_linear(Max(a, b) <= a)
    assert v.holds is False
    assert (Max(a, b) <= a).subs(v.counterexample) is sympy.false


def test_piecewise_tampered_certificate_fails():
    g = V.generic_game((2, 2))
    with V.raw_maxima():
        claim = sa.max_welfare(g) <= sa.utopia_welfare(g)
    v = V.prove_piecewise_linear(claim)
    _, cert = v.steps[0].detail["certificates"][0]
    mults = list(cert.multipliers)
    k = next(i for i, m in enumerate(mults) if m != 0)
    mults[k] += 1
    assert V.check_certificate(cert.goal, cert.hypotheses, mults).holds is False


def test_piecewise_undecided_never_guesses():
    """A true but non-linear claim ((M - 1)^2 >= 0 with M a maximum) is left undecided."""
    claim = Max(x, y) ** 2 + 1 >= 2 * Max(x, y)
    assert claim not in (sympy.true, sympy.false)
    v = V.prove_piecewise_linear(claim)
    assert v.holds is None and v.counterexample is None


# -- exhaustive, sampled, refute_by_search, lemma_chain ------------------------------------------

def test_exhaustive_true_false_undecided():
    assert V.exhaustive(lambda n: n >= 0, range(5)).holds is True
    v = V.exhaustive(lambda n: n < 3, range(5))
    assert v.holds is False and v.counterexample == 3
    assert V.exhaustive(lambda n: x > n, range(3)).holds is None


def test_sampled_never_proves():
    assert V.sampled(lambda r: r * r >= 0, rationals(), max_examples=30).holds is None
    v = V.sampled(lambda r: r < 5, rationals(), max_examples=200)
    assert v.holds is False and v.counterexample >= 5 and v.method == "sampled"


def test_refute_by_search_cannot_prove():
    v = V.refute_by_search(lambda n: n >= 0, range(5))
    assert v.holds is None
    v = V.refute_by_search(lambda g: sa.alpha(g) == 0,
                           [sa.games.coordination(), sa.games.chicken()])
    assert v.holds is False and v.counterexample == sa.games.chicken()


def test_lemma_chain():
    good = V.check_identity(x - x, 0, name="a")
    bad = V.check_identity(x, 0, name="b")
    assert V.lemma_chain([good, good], name="c", claim="c").holds is True
    assert V.lemma_chain([good, bad], name="c", claim="c").holds is None


# -- verify() -------------------------------------------------------------------------------------

def test_verify_proves_alignment_inequality_for_2x3():
    v = V.verify(lambda g: sa.max_welfare(g) <= sa.utopia_welfare(g), (2, 3))
    assert v.holds is True and v.method == "certificate"


def test_verify_refutes_alpha_zero_with_an_exact_game():
    v = V.verify(lambda g: sympy.Eq(sa.alpha(g), 0), (2, 2))
    assert v.holds is False
    cx = v.counterexample
    assert isinstance(cx, sa.Game) and cx.is_numeric and sa.alpha(cx) != 0


def test_verify_identity_translation():
    b = sympy.Symbol("b", real=True)

    def conj(g):
        U = g.sympy_array()
        return sympy.Eq(sa.alpha(sa.Game([U[0] + b, U[1]])), sa.alpha(g))

    v = V.verify(conj, (2, 2))
    assert v.holds is True and v.method == "identity"


def test_verify_with_assumptions():
    """If (0, 0) is best for both players then alpha >= 0 (so alpha = 0)."""
    g = V.generic_game((2, 2))
    U = g.sympy_array()
    hyps = [U[(i, 0, 0)] >= U[(i, *b)] for i in range(2) for b in g.outcomes() if b != (0, 0)]
    v = V.verify(lambda h: sa.alpha(h) >= 0, (2, 2), assumptions=hyps)
    assert v.holds is True


def test_verify_finite_family_is_exhaustive():
    fam = [sa.games.prisoners_dilemma(), sa.games.chicken(), sa.games.matching_pennies()]
    v = V.verify(lambda g: sa.alpha(g) == -2, fam)
    assert v.method == "exhaustive" and v.holds is True


def test_verify_bad_method():
    with pytest.raises(ValueError):
        V.verify(lambda g: True, (2, 2), method="magic")


def test_verification_json_and_no_floats():
    v = V.verify(lambda g: sa.alpha(g) <= 0, (2, 2), name="alpha")
    d = v.to_dict()
    json.dumps(d)
    assert {"name", "statement", "method", "expected", "holds", "seconds"} <= set(d)
    assert_no_float(v.steps)


@settings(max_examples=15, deadline=None)
@given(games(n_players=2, max_actions=2))
def test_generic_proof_agrees_with_numeric_games(g):
    """The proved inequality alpha <= 0 holds on drawn numeric games (exact ==, no tolerance)."""
    assert sa.alpha(g) <= 0
    assert Fraction(int(sa.alpha(g).p), int(sa.alpha(g).q)) <= 0
    assert sa.alpha(g) == sa.max_welfare(g) - sa.utopia_welfare(g)
    assert Integer(0) >= sa.alpha(g)


def test_verify_symbolic_family_with_assumptions():
    """PD with T > R > P > S (spec §3.4): alpha <= 0 is proved; alpha = 2R - 2T needs 2R > T + S.

    Without it, alpha = max(2R, T + S) - 2T, so T + S > 2R gives alpha = S - T != 2R - 2T; the
    refuting game must satisfy the assumptions.
    """
    T, R, P, S = sympy.symbols("T R P S", real=True)
    pd = sa.games.prisoners_dilemma(T, R, P, S).assuming(T > R, R > P, P > S)
    assert V.verify(lambda g: sa.alpha(g) <= 0, pd).holds is True
    v = V.verify(lambda g: sympy.Eq(sa.alpha(g), 2 * R - 2 * T), pd)
    assert v.holds is False
    cx = v.counterexample
    t, r, p, s = (cx.payoff(0, ("D", "C")), cx.payoff(0, ("C", "C")), cx.payoff(0, ("D", "D")),
                  cx.payoff(0, ("C", "D")))
    assert t > r > p > s and t + s > 2 * r
    assert sa.alpha(cx) != 2 * r - 2 * t
    assert V.verify(lambda g: sympy.Eq(sa.alpha(g), 2 * R - 2 * T),
                    pd.assuming(2 * R > T + S)).holds is True


def test_prove_piecewise_linear_claim_builder():
    v = V.prove_piecewise_linear(lambda g: sa.max_welfare(g) <= sa.utopia_welfare(g), (2, 2),
                                 split="all")
    assert v.holds is True and v.steps[0].detail["cases"] == 64
    with pytest.raises(TypeError):
        V.prove_piecewise_linear(lambda g: True)
