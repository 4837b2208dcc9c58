"""Tests for symalign.parametric.partition: the Nash equilibria of symbolic 2x2 games as an exact
partition of the parameter space (issue 14, point 6).

The oracle is the numeric `nash_equilibria` (exact vertex enumeration, itself tested against
the spec's worked examples) on the game substituted at the point: the region holding at the
point must list exactly its extreme equilibria, in its order, with the same payoffs.
"""

from fractions import Fraction

import pytest
import sympy
from hypothesis import example, given
from hypothesis import strategies as st

import symalign as sa
from symalign import games

pytest.importorskip("symalign.lp")

_CACHE: dict = {}


def _partition(key, game, assumptions=()):
    if key not in _CACHE:
        _CACHE[key] = sa.nash_equilibria(game, assumptions=list(assumptions))
    return _CACHE[key]


def _at(values, point):
    return tuple(tuple(sympy.cancel(v.subs(point)) for v in s) for s in values)


def _check(ne, game, point):
    holding = [r for r in ne.regions if r.condition.subs(point) is sympy.true]
    assert len(holding) == 1, f"{len(holding)} regions hold at {point}"
    region = holding[0]
    numeric = sa.nash_equilibria(game.subs(point))
    assert [_at(p.strategies, point) for p in region.profiles] == \
        [p.strategies for p in numeric.profiles]
    assert [tuple(sympy.cancel(v.subs(point)) for v in pay) for pay in region.payoffs] == \
        list(numeric.payoffs)
    # the merged list: the equilibria whose condition holds are the same set
    merged = {_at(e.profile.strategies, point) for e in ne if e.condition.subs(point)}
    assert merged == {p.strategies for p in numeric.profiles}


small = st.sampled_from([0, 1, 2])
q = st.fractions(min_value=-3, max_value=3, max_denominator=3)


@example([0, 0, 0, 0, 0, 0, 0, 0])   # everything tied: every profile is an equilibrium
@example([1, 0, 1, 0, 0, 1, 0, 1])   # row player indifferent everywhere
@example([2, 0, 0, 1, 1, 1, 0, 2])
@given(st.lists(small, min_size=8, max_size=8))
def test_generic_2x2_partition_matches_numeric_with_ties(values):
    g = games.symbolic_game((2, 2))
    syms = sorted(g.free_symbols, key=lambda s: s.name)
    _check(_partition("generic", g), g, dict(zip(syms, map(sympy.Integer, values))))


@given(st.lists(q, min_size=8, max_size=8))
def test_generic_2x2_partition_matches_numeric_at_rationals(values):
    g = games.symbolic_game((2, 2))
    syms = sorted(g.free_symbols, key=lambda s: s.name)
    point = {s: sympy.Rational(v.numerator, v.denominator) for s, v in zip(syms, values)}
    _check(_partition("generic", g), g, point)


def test_every_region_has_a_witness_in_it():
    g = games.symbolic_game((2, 2))
    ne = _partition("generic", g)
    assert ne.complete and len(ne.regions) == 81   # the 3^4 sign cells are all non-empty
    for r in ne.regions:
        assert r.decided and r.condition.subs(r.witness) is sympy.true
        _check(ne, g, r.witness)


x = sympy.Symbol("x")
BOS_X = sa.Game.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, 1]])


@example(Fraction(0))
@example(Fraction(-1))
@given(q)
def test_degenerate_value_x_0_is_not_missed(v):
    """[[x, 0], [0, 1]] against [[1, 0], [0, 1]]. Hand derivation: x > 0: (T, L), (B, R) and
    the mix with the row player at (1/2, 1/2) and the column player at (1/(x + 1),
    x/(x + 1)); x = 0: the row player is indifferent against L, so (p, L) is an equilibrium
    for p >= 1/2 and the extreme ones are (T, L), ((1/2, 1/2), L), (B, R); x < 0: B
    dominates, only (B, R). The generic enumeration before issue 14 missed ((1/2, 1/2), L)."""
    ne = _partition("bos_x", BOS_X)
    _check(ne, BOS_X, {x: sympy.Rational(v.numerator, v.denominator)})
    at0 = ne.region_at({x: 0})
    half = sympy.Rational(1, 2)
    assert [p.strategies for p in at0.profiles] == [((1, 0), (1, 0)), ((half, half), (1, 0)),
                                                    ((0, 1), (0, 1))]


def test_assumptions_prune_cells_and_conditions():
    """PD with T > R > P > S: D strictly dominates, one region, one equilibrium (D, D)."""
    T, R, P, S = sympy.symbols("T R P S")
    ne = sa.nash_equilibria(games.prisoners_dilemma(T, R, P, S), assumptions=[T > R, R > P, P > S])
    assert len(ne.regions) == 1 and ne.regions[0].condition is sympy.true
    assert [e.profile.strategies for e in ne] == [((0, 1), (0, 1))]


@given(st.lists(small, min_size=4, max_size=4))
def test_pd_family_partition_with_ties(values):
    T, R, P, S = sympy.symbols("T R P S")
    pd = games.prisoners_dilemma(T, R, P, S)
    _check(_partition("pd", pd), pd, dict(zip((T, R, P, S), map(sympy.Integer, values))))


def test_region_at_outside_the_assumptions_is_an_error():
    ne = sa.nash_equilibria(BOS_X, assumptions=[x > 0])
    with pytest.raises(sa.InvalidGameError, match="Argument 'point'"):
        ne.region_at({x: -1})


def test_larger_games_in_three_parameters_get_the_exact_partition():
    """2x3 games in three parameters: the exact partition of
    `symalign.parametric.sign_branching` (one or two parameters get that of
    `symalign.parametric.vertex_partition`). Hand derivation under y > 2, z < 0, w < 0: with
    p = P(row 0), the columns pay the column player p, p z + 1 - p and w (1 - p), so column 2
    is never a best response (it pays w (1 - p) <= 0, below column 0's p at p = 1). On the
    first two columns the game is a strict coordination game: the pure equilibria
    (row 0, column 0) and (row 1, column 1), and the mix where each player is indifferent:
    p = p z + 1 - p gives p = 1/(2 - z); y q = 1 - q gives q = 1/(y + 1). These three hold
    on the whole admissible space."""
    y, z, w = sympy.symbols("y z w")
    g = sa.Game.from_arrays([[y, 0, 1], [0, 1, 0]], [[1, z, 0], [0, 1, w]])
    ne = sa.nash_equilibria(g, assumptions=[y > 2, z < 0, w < 0])
    assert ne.complete and "branching" in ne.method and len(ne.regions) == 1
    assert ne.regions[0].condition is sympy.true
    def canon(profile):
        return tuple(tuple(sympy.cancel(v) for v in s) for s in profile)
    found = {canon(p.strategies) for p in ne.regions[0].profiles}
    assert found == {canon(p) for p in [((1, 0), (1, 0, 0)), ((0, 1), (0, 1, 0)),
                     ((1 / (2 - z), (1 - z) / (2 - z)), (1 / (y + 1), y / (y + 1), 0))]}
