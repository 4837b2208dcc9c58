"""Tests of symalign.experiments.rounded: the rounded games of the paper's experiments and their
exact verdicts by ball arithmetic.

Every expectation comes from an independent path: numpy float64 formulas written here, or the
library's exact sympy records (`symalign.delegation.bounds`, `alignment`, `capability`,
`estimation`) on the same rational game.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy

pytest.importorskip("flint")

from symalign.delegation.alignment import collective_alignment, individual_alignments  # noqa: E402
from symalign.delegation.capability import pure_epsilon_nash_equilibria  # noqa: E402
from symalign.delegation.estimation import played_set  # noqa: E402
from symalign.experiments import rounded as R  # noqa: E402


def _unit(v):
    c = v - v.mean()
    return c / np.linalg.norm(c)


@pytest.mark.parametrize("n,N,ia,ca", [(2, 4, [0.3, 0.8], 0.6), (3, 12, [0, 1, 0.5], 0.0),
                                       (2, 9, [1, 1], 1.0), (4, 30, [0.1, 0.2, 0.9, 0.5], 0.25)])
def test_float_construction_hits_the_targets(n, N, ia, ca):
    """IA_i = 1 - ||nu_i - nu'_i|| / 2 and CA = 1 - sum_i (m_i / M) ||nu_i - mu|| (EPIC),
    computed here from the definitions, equal the targets up to float rounding."""
    rng = np.random.default_rng(7)
    A, B = R.float_construction(rng, N, n, ia, ca)
    nus = np.array([_unit(a) for a in A])
    m = np.array([np.linalg.norm(a - a.mean()) for a in A])
    mu = (m[:, None] * nus).sum(axis=0) / m.sum()
    got_ca = 1 - sum(m[i] / m.sum() * np.linalg.norm(nus[i] - mu) for i in range(n))
    assert got_ca == pytest.approx(ca, abs=1e-9)
    for i in range(n):
        assert 1 - np.linalg.norm(nus[i] - _unit(B[i])) / 2 == pytest.approx(ia[i], abs=1e-9)
        assert abs(A[i].mean()) <= 1 and abs(B[i].mean()) <= 1     # shifts in [-1, 1]


def _game(seed, shape, ia, ca, ic):
    rng = np.random.default_rng(seed)
    n, N = len(shape), int(np.prod(shape))
    for _ in range(200):
        P, A = R.float_construction(rng, N, n, ia, ca)
        U, Uh = R.round_payoffs(A), R.round_payoffs(P)
        refs = R.reference_welfares(U.reshape((n,) + shape), ic)
        if refs is not None:
            return U, Uh, refs
    raise AssertionError("no game with a pure NE")


CASES = [  # (seed, shape, ia, ca, ic, cc)
    (1, (2, 2), [0.3, 0.7], 0.5, Fraction(9, 10), Fraction(1, 2)),
    (2, (3, 3), [0.9, 0.9], 0.9, Fraction(1, 2), Fraction(9, 10)),
    (3, (2, 3, 2), [0, 0.5, 1], 0.2, Fraction(0), Fraction(0)),
    (4, (3, 3), [1, 1], 1.0, Fraction(1), Fraction(1)),       # CA = 1: Prop B is exactly 0
    (5, (3, 2), [0, 0], 0.0, Fraction(3, 4), Fraction(1, 4)),
    (6, (4, 3), [0.5, 0.2], 0.7, Fraction(1, 3), Fraction(2, 3)),
]


@pytest.mark.parametrize("seed,shape,ia,ca,ic,cc", CASES)
def test_sets_values_and_verdicts_match_the_library(seed, shape, ia, ca, ic, cc):
    U, Uh, refs = _game(seed, shape, ia, ca, ic)
    n = len(shape)
    dg = R.delegation_game(U, Uh, shape)
    eps = 1 - sympy.Rational(ic.numerator, ic.denominator)
    # pure NE and eps-NE: integer masks against the library's exact enumeration
    for e, mask in ((0, R.pure_eps_ne_mask(U.reshape((n,) + shape), Fraction(1))),
                    (eps, R.pure_eps_ne_mask(U.reshape((n,) + shape), ic))):
        assert [tuple(map(int, a)) for a in np.argwhere(mask)] == list(
            pure_epsilon_nash_equilibria(dg.agents, e))
    # the CC window (or its fallback)
    c = sympy.Rational(cc.numerator, cc.denominator)
    played, _ = R.played_indices(*refs, cc)
    assert [tuple(int(x) for x in np.unravel_index(k, shape)) for k in played] == list(
        played_set(dg.agents, c, eps))
    # Form P and Prop B: values (as balls) and exact verdicts
    qd, p_ok, b_ok, fallback = R.decide(U, Uh, played, cc, ic, refs, shape)
    P, B = R.library_bounds(U, Uh, played, cc, ic, shape)
    assert not fallback
    assert sympy.Rational(qd["regret_p"].numerator, qd["regret_p"].denominator) == P.regret
    assert qd["value_p"].overlaps(_arb(P.value))
    assert qd["value_b"].overlaps(_arb(B.value))
    assert (p_ok, b_ok) == (bool(P.holds), bool(B.holds))
    for ball, exact in zip(qd["ia"], individual_alignments(dg)):
        assert ball.overlaps(_arb(exact))
    assert qd["ca_hat"].overlaps(_arb(collective_alignment(dg, "principals")))


def _arb(x):
    """A ball around a sympy value from 60 correct digits (radius 1e-50)."""
    import flint
    v = sympy.N(x, 60)
    return flint.arb(str(v)) + flint.arb(0, 1e-50)


def test_common_interest_principals_give_exactly_zero_prop_b():
    """Principals that are one utility up to shifts: CA_hat = 1, so Prop B's bound and the
    ideal regret are both exactly 0 (0 <= 0 holds) — decided without a fallback."""
    rng = np.random.default_rng(0)
    base = rng.integers(-10**6, 10**6, size=9)
    Uh = np.array([base, base + 12345])
    U = rng.integers(-10**6, 10**6, size=(2, 9))
    U[0] = U[0].reshape(3, 3).max(axis=0, keepdims=True).repeat(3, 0).reshape(-1)  # a pure NE
    refs = R.reference_welfares(U.reshape(2, 3, 3), Fraction(1))
    assert refs is not None
    played, _ = R.played_indices(*refs, Fraction(1))
    qd, _, b_ok, fallback = R.decide(U, Uh, played, Fraction(1), Fraction(1), refs, (3, 3))
    assert qd["margin_b"].is_zero() and b_ok and not fallback
    assert qd["regret_b"] == 0


def test_relaxed_equilibria_use_the_tolerance():
    """With tolerance 1/10 the reference set is the pure 1/10-NE: u_i(a) >= lo + 9/10 (hi - lo)
    for every i (checked here by brute force)."""
    rng = np.random.default_rng(3)
    U = rng.integers(-100, 100, size=(2, 3, 3))
    mask = R.pure_eps_ne_mask(U, Fraction(9, 10))
    for a in np.ndindex(3, 3):
        ok = True
        for i in range(2):
            line = [U[(i,) + a[:i] + (b,) + a[i + 1:]] for b in range(3)]
            lo, hi = min(line), max(line)
            ok &= 10 * (U[(i,) + a] - lo) >= 9 * (hi - lo)
        assert mask[a] == ok
    refs = R.reference_welfares(U, Fraction(1), Fraction(1, 10))
    if refs is not None:
        W = U.sum(axis=0).reshape(-1)
        assert refs[2] == min(W[k] for k in np.flatnonzero(mask.reshape(-1)))


def test_gram_refuses_payoffs_that_could_overflow():
    U = np.full((2, 4), 2**40, dtype=np.int64)
    with pytest.raises(OverflowError):
        R.gram(U)
