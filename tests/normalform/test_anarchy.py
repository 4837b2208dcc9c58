"""Tests for symalign.normalform.anarchy: price of anarchy / stability and the difference forms (spec §12)."""

import pytest
import sympy
from hypothesis import given, settings, strategies as st
from sympy import Rational as R

from symalign import games as G
from symalign.normalform.anarchy import (anarchy_gap, equilibrium_welfare_range, price_of_anarchy,
                              price_of_stability, stability_gap)
from symalign.core.errors import InvalidGameError, UndefinedMetricError
from symalign.core.game import Game

U = "undefined"

# §12 table: (game, class) -> (PoA, PoS, Delta_anarchy, Delta_stability), CS convention
TABLE = [
    (G.prisoners_dilemma, "pure", (2, 2, 2, 2)),
    (G.prisoners_dilemma, "mixed", (2, 2, 2, 2)),
    (G.prisoners_dilemma, "correlated", (2, 2, 2, 2)),
    (lambda: G.prisoners_dilemma(0, -1, -2, -3), "pure", (U, U, 2, 2)),
    (lambda: G.prisoners_dilemma(0, -1, -2, -3), "mixed", (U, U, 2, 2)),
    (lambda: G.prisoners_dilemma(0, -1, -2, -3), "correlated", (U, U, 2, 2)),
    (G.matching_pennies, "pure", (U, U, U, U)),
    (G.matching_pennies, "mixed", (U, U, 0, 0)),
    (G.matching_pennies, "correlated", (U, U, 0, 0)),
    (G.battle_of_the_sexes, "pure", (1, 1, 0, 0)),
    (G.battle_of_the_sexes, "mixed", (R(9, 4), 1, R(5, 3), 0)),
    (G.battle_of_the_sexes, "correlated", (R(9, 4), 1, R(5, 3), 0)),
    (G.coordination, "pure", (2, 1, 2, 0)),
    (G.coordination, "mixed", (3, 1, R(8, 3), 0)),
    (G.coordination, "correlated", (3, 1, R(8, 3), 0)),
    (G.stag_hunt, "pure", (5, 1, 16, 0)),
    (G.stag_hunt, "mixed", (R(100, 19), 1, R(81, 5), 0)),
    (G.stag_hunt, "correlated", (R(100, 19), 1, R(81, 5), 0)),
    (G.chicken, "pure", (R(4, 3), R(4, 3), 3, 3)),
    (G.chicken, "mixed", (R(4, 3), R(9, 7), 3, R(8, 3))),
    (G.chicken, "correlated", (R(5, 3), R(8, 7), R(24, 5), R(3, 2))),
]


def _value(f, *args, **kw):
    try:
        return f(*args, **kw)
    except UndefinedMetricError:
        return U


@pytest.mark.parametrize("make, cls, expected", TABLE)
def test_section_12_table(make, cls, expected):
    """§12 test vectors (CS convention; differences in brackets in the spec). The CE column's
    differences are OPT minus the §11 CE welfare range (e.g. Chicken: 12 - 36/5 = 24/5,
    12 - 21/2 = 3/2; BoS 3 - 4/3 = 5/3)."""
    if cls in ("correlated", "coarse"):
        pytest.importorskip("symalign.normalform.correlated")
    g = make()
    got = tuple(_value(f, g, cls) for f in (price_of_anarchy, price_of_stability, anarchy_gap,
                                            stability_gap))
    assert got == expected


def test_efficiency_convention():
    """Efficiency convention: PD(+) PoS = PoA = 1/2 (Wikipedia's value, §12); undefined when
    some outcome has negative welfare (PD(-)) or OPT <= 0."""
    pd = G.prisoners_dilemma()
    assert price_of_anarchy(pd, convention="efficiency") == R(1, 2)
    assert price_of_stability(pd, convention="efficiency") == R(1, 2)
    with pytest.raises(UndefinedMetricError, match="OPT > 0"):
        price_of_anarchy(G.prisoners_dilemma(0, -1, -2, -3), convention="efficiency")
    with pytest.raises(InvalidGameError):
        price_of_anarchy(pd, convention="ratio")
    with pytest.raises(InvalidGameError):
        price_of_anarchy(pd, equilibria="nash")


def test_pd_minus_ratio_refused():
    """§12: PD(-) would give the nonsense ratio (-2)/(-4) = 1/2 < 1; it must be undefined."""
    with pytest.raises(UndefinedMetricError, match="W > 0"):
        price_of_anarchy(G.prisoners_dilemma(0, -1, -2, -3), "pure")


def test_empty_pure_class_undefined():
    """§12: an empty pure-NE set makes the pure class undefined (MP)."""
    with pytest.raises(UndefinedMetricError, match="no pure Nash equilibrium"):
        anarchy_gap(G.matching_pennies(), "pure")


def _brute_pure_ne_welfare(g):
    Ua = g.sympy_array()
    n = g.n_players
    out = []
    for a in g.outcomes():
        if all(Ua[(i, *a)] >= Ua[(i, *(a[:i] + (b,) + a[i + 1:]))]
               for i in range(n) for b in range(g.shape[i])):
            out.append(sum(Ua[(i, *a)] for i in range(n)))
    return out


@settings(max_examples=30)
@given(st.integers(0, 10**6), st.sampled_from([(2, 2), (3, 3), (2, 2, 2)]),
       st.integers(-5, 5))
def test_pure_properties(seed, shape, shift):
    """Pure class on random games, against brute force: Delta_anarchy = OPT - min W(NE),
    Delta_stability = OPT - max W(NE), 0 <= Delta_stability <= Delta_anarchy; the difference
    forms are invariant under a per-player translation; when W_min > 0,
    PoA - 1 = Delta_anarchy / W_min (§12)."""
    g = G.random_game(shape, seed=seed, low=0, high=9)
    ws = _brute_pure_ne_welfare(g)
    if not ws:
        with pytest.raises(UndefinedMetricError):
            anarchy_gap(g)
        return
    from symalign.normalform.ca import max_welfare
    opt = max_welfare(g)
    assert anarchy_gap(g) == opt - min(ws)
    assert stability_gap(g) == opt - max(ws)
    assert 0 <= stability_gap(g) <= anarchy_gap(g)
    Ua = g.sympy_array()
    h = Game.from_arrays(*[Ua[i] + (shift if i == 0 else -2 * shift) for i in range(len(shape))])
    assert anarchy_gap(h) == anarchy_gap(g) and stability_gap(h) == stability_gap(g)
    if min(ws) > 0:
        assert price_of_anarchy(g) - 1 == anarchy_gap(g) / min(ws)
        assert price_of_anarchy(g) >= price_of_stability(g) >= 1


def test_equilibrium_welfare_range_record():
    """The record names the class, the method and the spec section; BoS mixed: worst 4/3 (the
    mixed NE), best 3, OPT 3."""
    r = equilibrium_welfare_range(G.battle_of_the_sexes(), "mixed")
    assert (r.worst, r.best, r.max_welfare, r.equilibria) == (R(4, 3), 3, 3, "mixed")
    assert "Koutsoupias & Papadimitriou (1999)" in r.source and r.method


def test_symbolic_pd():
    """A symbolic PD with T > R > P > S, P > 0 and 2R > T + S: the only pure NE is (D, D) with
    W = 2P, so PoA = PoS = OPT / 2P = R / P."""
    T, Rr, P, S = sympy.symbols("T R P S", positive=True)
    pd = G.prisoners_dilemma(T, Rr, P, S).assuming(
        T > Rr, Rr > P, P > S, T > P, T > S, Rr > S, 2 * Rr > T + S)
    val = price_of_anarchy(pd, "pure")
    assert sympy.simplify(val - Rr / P) == 0


@pytest.mark.parametrize("make, lo, hi", [
    (G.matching_pennies, 0, 0), (G.prisoners_dilemma, 2, 2),
    (G.battle_of_the_sexes, R(4, 3), 3), (G.coordination, R(4, 3), 4),
    (G.stag_hunt, R(19, 5), 20), (G.chicken, R(36, 5), R(21, 2)),
])
def test_ce_and_cce_welfare_ranges(make, lo, hi):
    """§11 test vectors: the CE welfare range, and the CCE range is the same in these games."""
    pytest.importorskip("symalign.normalform.correlated")
    for cls in ("correlated", "coarse"):
        r = equilibrium_welfare_range(make(), cls)
        assert (r.worst, r.best) == (lo, hi)


def test_symbolic_ratios_are_piecewise_where_their_definition_is_undecided():
    """The Prisoner's Dilemma family ``T > R > P > S``: the only pure NE is (D, D) with welfare
    2P, and OPT = max(2R, S + T). The CS price of anarchy OPT / 2P is defined iff P > 0; the
    efficiency ratio 2P / OPT iff OPT > 0 and min W = min(2P, S + T) >= 0 (by hand). Each
    closed form, at every integer point of the family in -3..3, equals the numeric ratio of
    the substituted game, and is nan exactly where the numeric ratio is undefined;
    ``strict=True`` raises instead."""
    import itertools
    import sympy
    import symalign as sa
    from symalign.core.errors import UndecidableError, UndefinedMetricError
    from symalign.normalform.anarchy import price_of_anarchy, price_of_stability
    T, R, P, S = sympy.symbols("T R P S", real=True)
    pd = sa.games.prisoners_dilemma(T, R, P, S).assuming(T > R, R > P, P > S)
    forms = {(f, conv): f(pd, convention=conv) for f in (price_of_anarchy, price_of_stability)
             for conv in ("cs", "efficiency")}
    checked = 0
    for t, r, p, s in itertools.product(range(-3, 4), repeat=4):
        if not t > r > p > s:
            continue
        point = {T: t, R: r, P: p, S: s}
        g = sa.games.prisoners_dilemma(t, r, p, s)
        for (f, conv), form in forms.items():
            value = form.subs(point)
            try:
                expected = f(g, convention=conv)
            except UndefinedMetricError:
                assert value is sympy.nan, (f.__name__, conv, point, value)
                continue
            opt, worst = max(2 * r, s + t), 2 * p
            assert expected == (sympy.Rational(opt, worst) if conv == "cs"
                                else sympy.Rational(worst, opt))
            assert value == expected, (f.__name__, conv, point, value)
            checked += 1
    assert checked > 20
    with pytest.raises(UndecidableError, match="price_of_anarchy"):
        price_of_anarchy(pd, strict=True)
