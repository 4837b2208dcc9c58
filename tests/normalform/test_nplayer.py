"""Tests for symalign.normalform.nplayer: every Nash equilibrium of games with 3+ players, exactly.

Expected values come from hand derivations in the docstrings, from an independent brute-force
solver for 2x2x2 games written here from the definitions (closed forms per support, in
sympy with the quadratic formula), from the equilibrium counts stated in Gambit's example
files (copied from gambitproject/gambit, contrib/games and tests/test_games), from an
independent floating-point regret check written with numpy, and from pygambit when installed.
"""

from __future__ import annotations

import itertools
import os

import numpy as np
import pytest
import sympy

import symalign as sa
from symalign.core.errors import ResourceLimitError
from symalign.io.nfg import read_nfg
from symalign.normalform.equilibria import (
    best_responses,
    is_nash_equilibrium,
    nash_equilibria,
    nashconv,
)
from symalign.normalform.nplayer import NashComponent

DATA = os.path.join(os.path.dirname(__file__), "..", "data")
R = sympy.Rational


# -- independent checks --------------------------------------------------------------------------
def _float_regrets(game, profile) -> list[float]:
    """max_b u_i(b, sigma_-i) - u_i(sigma) per player, in numpy floats (independent code)."""
    arrays = [np.array(game.sympy_array()[i].tolist(), dtype=float) for i in range(game.n_players)]
    sig = [np.array([float(v) for v in s]) for s in profile.strategies]
    out = []
    for i, U in enumerate(arrays):
        dev = U
        for j in reversed(range(game.n_players)):
            if j != i:
                dev = np.tensordot(dev, sig[j], axes=([j], [0]))
        out.append(float(dev.max() - dev @ sig[i]))
    return out


def _check(game, ne):
    """Every listed profile: a distribution, float regret ~ 0, exact NashConv 0."""
    for sigma in ne:
        for s in sigma.strategies:
            assert all(float(v) >= -1e-12 for v in s)
            assert abs(sum(float(v) for v in s) - 1) < 1e-9
        assert max(_float_regrets(game, sigma)) < 1e-9
        assert nashconv(game, sigma) == 0
        assert is_nash_equilibrium(game, sigma)


class Degenerate(Exception):
    pass


def brute_force_2x2x2(U):
    """All equilibria of a 2x2x2 game from the definitions, or Degenerate for a continuum.

    ``x_i`` is player i's probability of action 0, ``D_i = u_i(0, x_-i) - u_i(1, x_-i)``,
    bilinear in the other two. Player i plays 0 if D_i > 0, 1 if D_i < 0, anything if
    D_i = 0. For each of the 27 patterns (pure 0, pure 1 or mixed per player) solve the
    mixed players' equations D = 0 by hand: one mixed player needs D constant 0, and then
    the two pure players' conditions are linear in its probability t: a segment of such t
    in (0, 1) is a continuum (Degenerate), a single t an equilibrium; two mixed players give two linear equations; three give
    q = N0(r)/Q0(r), p = N1(r)/Q1(r) from D_0 = D_1 = 0 and a quadratic in r from D_2 = 0
    (roots by the quadratic formula).
    """
    def D(i, x):                     # x: the three probabilities (player i's unused)
        o = [j for j in range(3) if j != i]
        tot = 0
        for b, c in itertools.product((0, 1), repeat=2):
            w = (x[o[0]] if b == 0 else 1 - x[o[0]]) * (x[o[1]] if c == 0 else 1 - x[o[1]])
            prof0 = [None] * 3
            prof0[i], prof0[o[0]], prof0[o[1]] = 0, b, c
            prof1 = list(prof0)
            prof1[i] = 1
            tot += (U[i][tuple(prof0)] - U[i][tuple(prof1)]) * w
        return sympy.expand(tot)

    def ok(i, x, status):
        d = D(i, x)
        return d >= 0 if status == 0 else d <= 0

    out = set()
    syms = sympy.symbols("x0:3")
    for pattern in itertools.product((0, 1, "m"), repeat=3):
        mixed = [i for i in range(3) if pattern[i] == "m"]
        x = [sympy.Integer(1) if s == 0 else sympy.Integer(0) if s == 1 else syms[i]
             for i, s in enumerate(pattern)]
        sols = []
        if not mixed:
            sols = [x]
        elif len(mixed) == 1:
            if D(mixed[0], x) == 0:      # indifferent: the others' conditions, linear in t
                t = syms[mixed[0]]
                lo, hi = sympy.Integer(0), sympy.Integer(1)
                for i in range(3):
                    if i == mixed[0]:
                        continue
                    e = sympy.Poly(D(i, x) if pattern[i] == 0 else -D(i, x), t)  # need e >= 0
                    b, a = e.coeff_monomial(t), e.coeff_monomial(1)
                    if b == 0:
                        if a < 0:
                            lo, hi = sympy.Integer(1), sympy.Integer(0)
                    elif b > 0:
                        lo = max(lo, -a / b)
                    else:
                        hi = min(hi, -a / b)
                if lo < hi:
                    raise Degenerate             # a segment of equilibria
                if lo == hi and 0 < lo < 1:
                    y = list(x)
                    y[mixed[0]] = lo
                    sols = [y]
        elif len(mixed) == 2:
            j, k = mixed
            dj, dk = sympy.Poly(D(j, x), syms[k]), sympy.Poly(D(k, x), syms[j])
            if dj.degree() < 1 or dk.degree() < 1:
                if dj.as_expr() == 0 or dk.as_expr() == 0:
                    raise Degenerate
                continue
            y = list(x)
            y[k] = sympy.solve(dj.as_expr(), syms[k])[0]
            y[j] = sympy.solve(dk.as_expr(), syms[j])[0]
            sols = [y]
        else:
            p, q, r = syms
            d0 = sympy.Poly(D(0, x), q)          # b0(r) q + a0(r)
            d1 = sympy.Poly(D(1, x), p)
            Q0, N0 = d0.coeff_monomial(q), -d0.coeff_monomial(1)
            Q1, N1 = d1.coeff_monomial(p), -d1.coeff_monomial(1)
            d2 = D(2, x)
            cubic = sympy.expand(d2.subs({p: N1 / Q1, q: N0 / Q0}) * Q0 * Q1)
            cubic = sympy.Poly(sympy.cancel(cubic), r)
            if cubic.is_zero:
                raise Degenerate
            assert cubic.degree() <= 2
            a2, a1, a0 = ([0] * (3 - len(cubic.all_coeffs()))) + cubic.all_coeffs()
            if a2 == 0:
                roots = [] if a1 == 0 else [-a0 / a1]
            else:
                disc = a1 ** 2 - 4 * a2 * a0
                roots = [] if disc < 0 else [(-a1 + s * sympy.sqrt(disc)) / (2 * a2)
                                             for s in ((1,) if disc == 0 else (1, -1))]
            for rv in roots:
                q0, q1 = Q0.subs(r, rv), Q1.subs(r, rv)
                if sympy.simplify(q0) == 0 or sympy.simplify(q1) == 0:
                    if sympy.simplify(N0.subs(r, rv) if q0 == 0 else N1.subs(r, rv)) == 0:
                        raise Degenerate
                    continue
                sols.append([sympy.radsimp(N1.subs(r, rv) / q1),
                             sympy.radsimp(N0.subs(r, rv) / q0), rv])
        for y in sols:
            if any(not (0 < y[i] < 1) for i in mixed):
                continue
            if all(ok(i, y, pattern[i]) for i in range(3) if pattern[i] != "m"):
                out.add(tuple(v if v.is_Rational else sympy.radsimp(v) for v in y))
    return list(out)


def _same_number(a, b) -> bool:
    if abs(float(a) - float(b)) > 1e-9:
        return False
    return sympy.minimal_polynomial(sympy.sympify(a) - b, sympy.Symbol("z")) == sympy.Symbol("z")


# -- hand-derived games -----------------------------------------------------------------------
def party_game():
    """Each player chooses 0 (go to the party) or 1 (stay home, payoff 0); going pays +1 if
    both others go and -1 otherwise. With x_i = P(go), D_i = u_i(go) - u_i(home) =
    x_j x_k - (1 - x_j x_k) = 2 x_j x_k - 1.

    Pure: (go, go, go) (1 > 0) and (home, home, home) (0 > -1); every other pure profile
    has a goer facing a home-stayer (-1 < 0). One mixed player: D = 2 x_j x_k - 1 is +-1 at
    pure x_j, x_k, never 0. Two mixed (j, k) with x_l pure: D_j = 2 x_k x_l - 1 = 0 needs
    x_l = 1 and x_k = 1/2, likewise x_j = 1/2, but then D_l = 2/4 - 1 < 0 so l stays home,
    contradicting x_l = 1. Three mixed: 2qr = 2pr = 2pq = 1 gives p = q = r = 1/sqrt(2).
    So exactly three equilibria, one irrational, with payoffs (1,1,1), (0,0,0), (0,0,0).
    """
    def u(a):
        return tuple(0 if a[i] == 1 else (1 if all(a[j] == 0 for j in range(3) if j != i)
                                         else -1) for i in range(3))
    return sa.Game.from_function(u, (2, 2, 2))


def test_party_game_irrational_equilibrium():
    g = party_game()
    ne = nash_equilibria(g)
    assert ne.complete and ne.components == ()
    h = sympy.sqrt(2) / 2
    expected = {sa.MixedProfile.pure((2, 2, 2), (0, 0, 0)),
                sa.MixedProfile.pure((2, 2, 2), (1, 1, 1))}
    assert len(ne) == 3
    assert expected <= set(ne.profiles)
    (mixed,) = [s for s in ne if s not in expected]
    for s in mixed.strategies:
        assert sympy.simplify(s[0] - h) == 0 and sympy.simplify(s[1] - (1 - h)) == 0
    assert ne.payoffs[ne.profiles.index(mixed)] == (0, 0, 0)
    _check(g, ne)
    # exact numbers: print, LaTeX, float
    assert "sqrt(2)" in str(mixed.strategies[0][0])
    assert "\\sqrt{2}" in ne.latex()
    assert ne.as_floats()[ne.profiles.index(mixed)][0][0] == pytest.approx(0.7071067811865476)
    assert best_responses(g, 0, mixed) == (0, 1)


def test_component_of_equilibria_with_vertices():
    """Player 0's payoff is always 0; players 1 and 2 get 1 iff both play 0, whatever player
    0 does. So against (0, 0) and against (1, 1) every mixture of player 0 is an
    equilibrium ((1, 1): a single deviation of player 1 or 2 still earns 0): two segments
    with vertices at player 0's pure actions. Players 1 and 2 mixing: player 1's payoff
    difference is x_2 (playing 0 earns P(player 2 plays 0)), zero only at x_2 = 0 (pure):
    no other equilibria. Pure: the 4 vertices."""
    zero = [[[0, 0], [0, 0]], [[0, 0], [0, 0]]]
    both0 = [[[1, 0], [0, 0]], [[1, 0], [0, 0]]]
    g = sa.Game.from_arrays(zero, both0, both0)
    ne = nash_equilibria(g)
    assert ne.complete
    assert {c.support for c in ne.components} == {((0, 1), (0,), (0,)), ((0, 1), (1,), (1,))}
    for c in ne.components:
        assert isinstance(c, NashComponent) and c.nonempty is True and c.dimension == 1
        assert c.varying_players == (0,)
        assert set(c.vertices) <= set(ne.profiles)
        assert len(c.vertices) == 2
    assert set(ne.pure_profiles()) == {(a, b, b) for a in (0, 1) for b in (0, 1)}
    assert len(ne) == 4
    _check(g, ne)


def test_empty_continuum_is_not_reported():
    """Player 0 indifferent (payoff 0) again, but player 1 gets 1 iff player 0 and player 1
    play the same action, player 2 gets 1 iff it plays 0. Against players 1, 2 at (0, 0),
    player 0's indifference gives a segment of candidates, but player 1 then needs x_0 >= 1/2
    (payoff x_0 for action 0 vs 1 - x_0): only part of the segment, x_0 in [1/2, 1], is an
    equilibrium; its vertices are x_0 = 1/2 and x_0 = 1."""
    zero = [[[0, 0], [0, 0]], [[0, 0], [0, 0]]]
    u1 = [[[1 if a0 == a1 else 0 for _ in range(2)] for a1 in range(2)] for a0 in range(2)]
    u2 = [[[1 if a2 == 0 else 0 for a2 in range(2)] for _ in range(2)] for _ in range(2)]
    g = sa.Game.from_arrays(zero, u1, u2)
    ne = nash_equilibria(g)
    half = sa.MixedProfile([["1/2", "1/2"], [1, 0], [1, 0]])
    assert half in ne and sa.MixedProfile.pure((2, 2, 2), (0, 0, 0)) in ne
    (c,) = [c for c in ne.components if c.support == ((0, 1), (0,), (0,))]
    assert set(c.vertices) == {half, sa.MixedProfile.pure((2, 2, 2), (0, 0, 0))}
    _check(g, ne)


# -- brute force on random 2x2x2 games ------------------------------------------------------
def test_random_2x2x2_against_brute_force():
    rng = np.random.default_rng(2024)
    compared = irrational = 0
    for _ in range(40):
        arrays = [rng.integers(-99, 100, (2, 2, 2)).tolist() for _ in range(3)]
        U = [np.array(a, dtype=object) for a in arrays]
        U = [{idx: sympy.Integer(int(A[idx])) for idx in itertools.product((0, 1), repeat=3)}
             for A in U]
        try:
            expected = brute_force_2x2x2(U)
        except Degenerate:
            continue
        g = sa.Game.from_arrays(*arrays)
        ne = nash_equilibria(g)
        assert ne.complete and not ne.components
        got = [tuple(s[0] for s in sigma.strategies) for sigma in ne]
        assert len(got) == len(expected), (arrays, got, expected)
        for e in expected:
            assert sum(all(_same_number(a, b) for a, b in zip(e, x)) for x in got) == 1, \
                (arrays, e, got)
        irrational += sum(not all(v.is_Rational for v in x) for x in got)
        compared += 1
        _check(g, ne)
    assert compared >= 30 and irrational >= 3


# -- Gambit's example files ----------------------------------------------------------------
@pytest.mark.parametrize("name, count, pure", [
    ("2x2x2.nfg", 9, 4),                       # McKelvey-McLennan: 9 NE, 2 totally mixed
    ("gambit_3x3x3.nfg", 5, 2),               # "five equilibria (two pure)"
    ("gambit_2x2x2x2.nfg", 3, None),          # "3 Nash equilibria"
    ("gambit_g2.nfg", 1, 0),                  # van der Laan et al.: no pure, one mixed
    ("gambit_g3.nfg", 5, 0),                  # van der Laan et al.: no pure, five mixed
    ("gambit_local_max_cut.nfg", 3, 2),       # 2 pure and the uniform mixed equilibrium
])
def test_gambit_example_counts(name, count, pure):
    g = read_nfg(os.path.join(DATA, name))
    ne = nash_equilibria(g)
    assert ne.complete and ne.components == ()
    assert len(ne) == count
    if pure is not None:
        assert len(ne.pure_profiles()) == pure
    _check(g, ne)


def test_mckelvey_mclennan_totally_mixed():
    """McKelvey & McLennan's 2x2x2 game (Gambit's 2x2x2.nfg): two totally mixed equilibria."""
    g = read_nfg(os.path.join(DATA, "2x2x2.nfg"))
    ne = nash_equilibria(g)
    full = [s for s in ne if all(v != 0 for d in s.strategies for v in d)]
    assert {tuple(d[0] for d in s.strategies) for s in full} == {
        (R(1, 2), R(2, 5), R(1, 4)), (R(2, 5), R(1, 2), R(1, 3))}


def test_van_der_laan_g3_irrational():
    """g3.nfg: five mixed equilibria of which three are irrational (one of degree 9)."""
    g = read_nfg(os.path.join(DATA, "gambit_g3.nfg"))
    ne = nash_equilibria(g)
    irr = [s for s in ne if not all(v.is_Rational for d in s.strategies for v in d)]
    assert len(irr) == 3
    assert any(v.has(sympy.CRootOf) for s in irr for d in s.strategies for v in d)
    for s in irr:
        for v in (v for d in s.strategies for v in d):
            float(v)
            sympy.latex(v)


def test_nau_continuum_is_kept():
    """2x2x2-nau.nfg (Nau et al. 2004): 3 pure, 2 incompletely mixed and a continuum of
    completely mixed equilibria. By hand (x_i = P(action 2 of player i)): player 2 is
    indifferent iff x_2 = 3/4 on the full support, and players 0 and 1 iff
    x_0 x_1 + 2 x_0 + 2 x_1 = 2, a hyperbola arc from (x_0, x_1) = (0, 1) to (1, 0):
    e.g. x_0 = 1/9 gives x_1 (2 + 1/9) = 2 - 2/9, x_1 = 16/19. The curve is kept as a
    component with its two endpoints (the incompletely mixed equilibria) as corners."""
    g = read_nfg(os.path.join(DATA, "2x2x2-nau.nfg"))
    ne = nash_equilibria(g)
    assert len(ne.pure_profiles()) == 3
    (full,) = [c for c in ne.components if c.support == ((0, 1), (0, 1), (0, 1))]
    assert full.nonempty is True and full.varying_players is None
    ends = {sa.MixedProfile([[1, 0], [0, 1], ["1/4", "3/4"]]),
            sa.MixedProfile([[0, 1], [1, 0], ["1/4", "3/4"]])}
    assert set(full.vertices) == ends and ends <= set(ne.profiles)
    x0, x1, x2 = (s[1] for s in full.sample.strategies)
    assert x2 == R(3, 4) and x0 * x1 + 2 * x0 + 2 * x1 == 2 and 0 < x0 < 1
    assert nashconv(g, full.sample) == 0
    assert ne.complete
    _check(g, ne)
    with pytest.raises(sa.SymalignError, match="continuum"):
        sa.price_of_anarchy(g, "mixed")


# -- budgets ------------------------------------------------------------------------------------
def test_support_budget():
    rng = np.random.default_rng(0)
    g = sa.Game.from_arrays(*[rng.integers(0, 9, (3, 3, 3)).tolist() for _ in range(3)])
    with sa.limits(max_cases=5), pytest.raises(ResourceLimitError, match="max_cases"):
        nash_equilibria(g)
    with sa.limits(timeout=0), pytest.raises(ResourceLimitError, match="timeout"):
        nash_equilibria(g)


def test_anarchy_uses_exact_welfare():
    """Party game: equilibrium welfares 3 (all go), 0 (all home), 0 (mixed): OPT = 3 at
    (go, go, go); PoS = 3/3 = 1, and the anarchy gap OPT - W_min = 3."""
    g = party_game()
    assert sa.price_of_stability(g, "mixed") == 1
    assert sa.anarchy_gap(g, "mixed") == 3


# -- pygambit cross-check -------------------------------------------------------------------
@pytest.mark.parametrize("name", ["2x2x2.nfg", "gambit_g3.nfg", "gambit_3x3x3.nfg"])
def test_pygambit_cross_check(name):
    """Every equilibrium pygambit's enumpoly finds (floats) is one of ours. With pygambit
    16.7.0 it finds 9 of 9 on 2x2x2.nfg but only 4 of the 5 on g3.nfg and on 3x3x3.nfg
    (whose titles say five equilibria): symalign finds every one it finds, and more."""
    pytest.importorskip("pygambit")
    from symalign.normalform.crosscheck import gambit_equilibria
    g = read_nfg(os.path.join(DATA, name))
    ours = nash_equilibria(g).as_floats()
    theirs = gambit_equilibria(g, method="enumpoly")
    assert len(theirs) <= len(ours)
    for eq in theirs:
        assert any(all(abs(a - b) < 1e-6 for s, t in zip(eq, o) for a, b in zip(s, t))
                   for o in ours)


def test_threat_point_at_an_irrational_equilibrium():
    """The party game's mixed equilibrium pays 0 to everyone (staying home pays 0 and each
    player is indifferent), so as a threat profile it gives d = (0, 0, 0) exactly."""
    g = party_game()
    ne = nash_equilibria(g)
    (mixed,) = [s for s in ne if not s.is_pure()]
    assert sa.threat_point(g, threat_profile=mixed) == (0, 0, 0)
    g3 = read_nfg(os.path.join(DATA, "gambit_3x3x3.nfg"))
    ne3 = nash_equilibria(g3)
    for s, u in zip(ne3.profiles, ne3.payoffs):
        assert sa.threat_point(g3, threat_profile=s) == u


def test_localizing_sets_at_equilibria_of_three_players():
    """Party game: welfare 3 at (go, go, go), 0 at (home, home, home) and at the mixed
    equilibrium (everyone indifferent with payoff 0): best-ne is the first, worst-ne the
    other two."""
    from symalign.normalform.localized_metrics import localizing_set
    g = party_game()
    best = localizing_set(g, "best-ne", kind="mixed")
    assert best.profiles == (sa.MixedProfile.pure((2, 2, 2), (0, 0, 0)),)
    worst = localizing_set(g, "worst-ne", kind="mixed")
    assert len(worst.profiles) == 2
    assert sa.MixedProfile.pure((2, 2, 2), (1, 1, 1)) in worst.profiles


def test_random_games_contain_every_pure_equilibrium():
    """Every pure equilibrium (found by the independent pure check) is listed, every listed
    profile passes the float regret check, on small-integer games where ties (degenerate
    supports, continua) are frequent, including players with a single action."""
    rng = np.random.default_rng(7)
    shapes = [(2, 2, 2), (2, 3, 2), (1, 2, 3), (3, 2, 2), (2, 2, 2, 2), (2, 1, 2, 2)]
    for trial in range(24):
        shape = shapes[trial % len(shapes)]
        g = sa.Game.from_arrays(*[rng.integers(-2, 3, shape).tolist() for _ in shape])
        ne = nash_equilibria(g)
        pure = set(sa.pure_nash_equilibria(g))
        listed = set(ne.pure_profiles())
        assert pure <= listed, (shape, pure, listed)     # a pure profile is its own support
        _check(g, ne)
        for c in ne.components:
            assert c.nonempty is not False


def test_without_python_flint_a_clear_error(monkeypatch):
    """python-flint is optional (the flint extra, binary wheels): without it, mixed
    equilibria of 3+ players raise MissingDependencyError naming it; two players still work."""
    import sys

    from symalign.engines import polynomial_systems as ps
    monkeypatch.setitem(sys.modules, "flint", None)
    monkeypatch.setattr(ps, "flint", None)
    with pytest.raises(sa.MissingDependencyError, match="python-flint"):
        nash_equilibria(party_game())
    assert len(nash_equilibria(sa.games.matching_pennies())) == 1


def test_report_lists_irrational_equilibria_of_three_players():
    """A report of the party game lists its three equilibria, the irrational one exactly."""
    r = sa.analyze(party_game())
    eqs = r["nash_equilibria"]
    assert len(eqs.strategies) == 3 and eqs.complete and "sqrt(2)" in str(eqs)


# -- Gambit's 5x4x3 example (issue 15: did not finish in 15 minutes before the relaxation) ------
#: pygambit 16.7's enumpoly_solve on contrib/games/5x4x3.nfg (an independent implementation,
#: run once on 2026-12-04; its gnm_solve found only the first): three equilibria, as the
#: probabilities of every action, to 6 decimals
GAMBIT_5X4X3 = [
    [[1.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.377066, 0.622934, 0.0], [0.004839, 0.995161, 0.0]],
    [[0.280292, 0.0, 0.540839, 0.0, 0.178869], [0.0, 0.561476, 0.0, 0.438524],
     [0.0, 0.756645, 0.243355]],
    [[0.0, 0.0, 0.5868, 0.0, 0.4132], [0.0, 0.384283, 0.0, 0.615717], [0.0, 0.0, 1.0]],
]


def test_gambit_5x4x3():
    """Gambit's "Three person random 5x4x3 game" (contrib/games/5x4x3.nfg, payoffs with three
    decimals): exactly the three equilibria pygambit's enumpoly finds (values above), one of
    them irrational (in Q(sqrt(15340640549569))), each with exact regret 0."""
    g = read_nfg(os.path.join(DATA, "gambit_5x4x3.nfg"))
    ne = nash_equilibria(g)
    assert ne.complete and ne.components == () and ne.note is None
    assert len(ne) == 3
    for expected in GAMBIT_5X4X3:
        assert sum(all(abs(float(v) - e) < 2e-6 for s, t in zip(sigma.strategies, expected)
                       for v, e in zip(s, t)) for sigma in ne) == 1
    irr = [s for s in ne if not all(v.is_Rational for d in s.strategies for v in d)]
    assert len(irr) == 1
    _check(g, ne)


def test_time_budget_gives_an_incomplete_result():
    """With settings.equilibrium_seconds = 0 no support is examined: no equilibrium, and the
    result says it is not complete, naming the setting; the welfare range refuses it."""
    g = party_game()
    with sa.limits(equilibrium_seconds=0):
        ne = nash_equilibria(g)
        assert not ne.complete and len(ne) == 0
        assert "equilibrium_seconds" in ne.note and "27 of 27" in ne.note
        with pytest.raises(ResourceLimitError, match="equilibrium_seconds"):
            sa.price_of_anarchy(g, "mixed")
    assert nash_equilibria(g).note is None


# -- the reference case: a random 2x2x2 integer game where enumpoly misses one ------------
#: found by a seeded search (numpy default_rng(seed).integers(-5, 6, (2, 2, 2)) for each of
#: the three players, seeds 0-199): seed 17, where pygambit 16.7's enumpoly_solve returned 2 of
#: the 3 equilibria, missing the irrational fully mixed one, which gnm_solve found
ENUMPOLY_MISSES = [
    [[[3, 4], [-4, -4]], [[0, 1], [3, -1]]],
    [[[-5, -3], [0, -1]], [[5, -1], [2, 1]]],
    [[[-4, 3], [-5, -5]], [[1, -3], [-1, 1]]],
]


def test_enumpoly_misses_an_irrational_equilibrium():
    """The game ENUMPOLY_MISSES (U_i[a_0][a_1][a_2]). With x, y, z the probabilities of
    action 0 of players 0, 1, 2, the gains D_i = u_i(0, .) - u_i(1, .) are, from the arrays,

        D_0 = 3yz + 3y(1-z) - 7(1-y)z - 3(1-y)(1-z) = 6y - 4z + 4yz - 3,
        D_1 = -5xz - 2x(1-z) + 3(1-x)z - 2(1-x)(1-z) = 5z - 8xz - 2,
        D_2 = -7xy + 0 + 4(1-x)y - 2(1-x)(1-y) = 2x + 6y - 13xy - 2.

    Fully mixed: D_1 = 0 gives z = 2/(5 - 8x), D_2 = 0 gives y = (2 - 2x)/(6 - 13x), and
    D_0 = 0 times (5 - 8x)(6 - 13x) is 6(2-2x)(5-8x) - 8(6-13x) + 8(2-2x) - 3(5-8x)(6-13x)
    = -216x^2 + 271x - 62 = 0: x = (271 -+ sqrt 19873)/432. The + root (0.954) gives
    z = 2/(5 - 7.63) < 0; the - root gives x = 0.3010, y = 0.6698, z = 0.7716, all in (0, 1).
    Partially mixed / pure (brute_force_2x2x2 of this file goes through every pattern):
    x = 0 with y, z mixed needs D_1 = 5z - 2 = 0 and D_2 = 6y - 2 = 0: (0, 1/3, 2/5), where
    D_0 = 2 - 8/5 + 8/15 - 3 < 0 (player 0 plays 1, as x = 0 says); and (0, 0, 0), where
    D_0 = -3, D_1 = -2, D_2 = -2 are all negative. (Player 2 is indifferent at x = 1,
    y = 0, where D_2 = 2 - 2 = 0, but there D_0 = -4z - 3 < 0 contradicts x = 1: no
    continuum.) Three equilibria; pygambit's enumpoly
    (16.7) finds only the two rational ones, gnm all three."""
    g = sa.Game.from_arrays(*ENUMPOLY_MISSES)
    ne = nash_equilibria(g)
    assert ne.complete and not ne.components and len(ne) == 3
    s = sympy.sqrt(19873)
    expected = [((271 - s) / 432, (135 + s) / 412, (1 + s) / 184), (0, R(1, 3), R(2, 5)),
                (0, 0, 0)]
    U = [{idx: sympy.Integer(A[idx[0]][idx[1]][idx[2]])
          for idx in itertools.product((0, 1), repeat=3)} for A in ENUMPOLY_MISSES]
    brute = brute_force_2x2x2(U)
    got = [tuple(st[0] for st in sigma.strategies) for sigma in ne]
    for e in expected:
        assert sum(all(_same_number(a, b) for a, b in zip(e, x)) for x in got) == 1, (e, got)
        assert sum(all(_same_number(a, b) for a, b in zip(e, x)) for x in brute) == 1
    assert len(brute) == 3
    # the fully mixed root solves the quadratic 216 x^2 - 271 x + 62 = 0
    x = expected[0][0]
    assert sympy.expand(216 * x ** 2 - 271 * x + 62) == 0
    _check(g, ne)


@pytest.mark.parametrize("method", ["enumpoly", "gnm"])
def test_enumpoly_misses_against_pygambit(method):
    """Every equilibrium pygambit finds on ENUMPOLY_MISSES is one of symalign's three (its
    enumpoly found 2 with pygambit 16.7.0, missing the irrational one; gnm found 3)."""
    pytest.importorskip("pygambit")
    from symalign.normalform.crosscheck import gambit_equilibria
    g = sa.Game.from_arrays(*ENUMPOLY_MISSES)
    ours = nash_equilibria(g).as_floats()
    theirs = gambit_equilibria(g, method=method)
    assert 1 <= len(theirs) <= len(ours) == 3
    for eq in theirs:
        assert any(all(abs(a - b) < 1e-6 for s, t in zip(eq, o) for a, b in zip(s, t))
                   for o in ours)


# -- a hard time budget: large systems in a child process that the budget stops ------------------
def _hang_on_large_systems(monkeypatch, tmp_path, seconds: float):
    """Solve systems of 3 or more unknowns (here: only ENUMPOLY_MISSES's fully mixed support)
    in the child process, and make them hang for ``seconds`` first, wherever they run (in the
    child, or in-process when the fix is missing); each hanging process writes its pid."""
    import multiprocessing
    import time

    from symalign.engines import polynomial_systems, worker
    from symalign.normalform import nplayer
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("the monkeypatched solver reaches the child only by fork")
    original = polynomial_systems.real_solutions

    def hang(polys, nvars, **kw):
        if nvars >= 3:
            (tmp_path / f"pid{os.getpid()}").write_text("")
            time.sleep(seconds)
        return original(polys, nvars, **kw)

    monkeypatch.setattr(polynomial_systems, "real_solutions", hang)
    monkeypatch.setattr(nplayer, "real_solutions", hang)
    monkeypatch.setattr(nplayer, "WORKER_MIN_UNKNOWNS", 3)
    monkeypatch.setattr(worker, "_context", lambda: multiprocessing.get_context("fork"))


def _reaped(tmp_path) -> bool:
    import multiprocessing
    pids = [int(p.name[3:]) for p in tmp_path.glob("pid*")]
    assert pids and os.getpid() not in pids, "the system was not solved in a child process"
    for pid in pids:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        return False
    return multiprocessing.active_children() == []


def test_a_hanging_system_is_stopped_by_the_budget(monkeypatch, tmp_path):
    """ENUMPOLY_MISSES has three equilibria (test_enumpoly_misses_an_irrational_equilibrium):
    (0, 0, 0) and (0, 1/3, 2/5), whose supports have at most 2 unknowns, and an irrational
    fully mixed one, the only support with 3 unknowns. When that system hangs (for 30 s, far
    past the budget of 2 s), the child solving it is killed when the budget runs out: the
    result has the two others, complete=False, and a note naming the setting, the undecided
    support and its size; the child is reaped. (Without the child process the call would
    wait out the 30 s and then report all three, complete.)"""
    _hang_on_large_systems(monkeypatch, tmp_path, 30)
    g = sa.Game.from_arrays(*ENUMPOLY_MISSES)
    with sa.limits(equilibrium_seconds=2):
        ne = nash_equilibria(g)
    assert not ne.complete and len(ne) == 2
    got = sorted(tuple(st[0] for st in sigma.strategies) for sigma in ne)
    assert got == [(0, 0, 0), (0, R(1, 3), R(2, 5))]
    assert "symalign.settings.equilibrium_seconds" in ne.note
    assert "support ((0, 1), (0, 1), (0, 1)) (3 unknowns), which is left undecided" in ne.note
    assert _reaped(tmp_path)


def test_a_hanging_system_is_stopped_by_the_timeout(monkeypatch, tmp_path):
    """The same hanging system under settings.timeout = 2 (and no equilibrium budget) raises
    ResourceLimitError naming ``timeout``, as every other use of the timeout does; the child
    is reaped."""
    _hang_on_large_systems(monkeypatch, tmp_path, 30)
    g = sa.Game.from_arrays(*ENUMPOLY_MISSES)
    with sa.limits(equilibrium_seconds=None, timeout=2), \
            pytest.raises(ResourceLimitError, match="timeout"):
        nash_equilibria(g)
    assert _reaped(tmp_path)


def test_systems_solved_in_a_child_process_give_the_same_equilibria(monkeypatch, tmp_path):
    """With the child process used for every system of 3 or more unknowns (and no hang), the
    irrational fully mixed equilibrium of ENUMPOLY_MISSES comes back from the child intact:
    x = (271 - sqrt 19873)/432 (derived in test_enumpoly_misses_an_irrational_equilibrium)."""
    _hang_on_large_systems(monkeypatch, tmp_path, 0)
    ne = nash_equilibria(sa.Game.from_arrays(*ENUMPOLY_MISSES))
    assert ne.complete and len(ne) == 3
    xs = [sigma.strategies[0][0] for sigma in ne]
    assert sum(_same_number(x, (271 - sympy.sqrt(19873)) / 432) for x in xs) == 1
    assert _reaped(tmp_path)
    _check(sa.Game.from_arrays(*ENUMPOLY_MISSES), ne)
