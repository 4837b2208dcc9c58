"""Tests for symalign.normalform.components: maximal Nash subsets and connected components.

Expected values come from hand-derived degenerate games (derivations in the docstrings) and
from ``lrsnash``: its extreme equilibria, grouped here by an independent union-find over the
pairs (two extreme equilibria sharing a strategy of either player lie in one component).
"""

from __future__ import annotations

import shutil

import pytest
import sympy
from hypothesis import example, given, settings
from hypothesis import strategies as st

import symalign as sa
from symalign.normalform.crosscheck import lrsnash_equilibria

HAVE_LRS = shutil.which("lrsnash") is not None
half = sympy.Rational(1, 2)


def test_three_segments_in_one_component():
    """A = (1,0; 0,1), B = (1,1; 0,0): the column player's payoff depends only on the row,
    so she is always indifferent; the row player plays T when y_L >= 1/2 and B when
    y_L <= 1/2. The equilibria are {T} x {y_L in [1/2, 1]}, {B} x {y_L in [0, 1/2]} and
    (any x) x {y_L = 1/2}: three segments (the maximal Nash subsets) meeting at
    (T, 1/2) and (B, 1/2), one connected component with four extreme equilibria."""
    g = sa.Game.from_arrays([[1, 0], [0, 1]], [[1, 1], [0, 0]])
    comps = sa.equilibrium_components(g)
    assert len(comps) == 1
    (c,) = comps
    assert len(c.equilibria) == 4 and c.dimension == 1
    T, B, L, R, H = (1, 0), (0, 1), (1, 0), (0, 1), (half, half)
    got = {(frozenset(s.row_vertices), frozenset(s.column_vertices)) for s in c.subsets}
    assert got == {(frozenset({T}), frozenset({L, H})), (frozenset({B}), frozenset({H, R})),
                   (frozenset({T, B}), frozenset({H}))}
    assert all(s.dimension == 1 for s in c.subsets)


def test_isolated_point_and_segment():
    """A = (2,0,0; 0,1,1), B = (2,0,0; 0,1,1). (T, L) is strict: isolated. Against x = B
    the column player is indifferent between C and R (payoff 1 each, L gives 0) and the row
    player's B earns 1 > 0 against any y on {C, R}: {B} x conv{C, R} is a segment. A mixed
    x with x_T = p > 0 gives the column player 2p on L and 1-p on C and R; equilibria with
    both players mixing need 2p = 1-p (p = 1/3) and the row player indifferent: 2 y_L =
    1 - y_L, y_L = 1/3, so ((1/3, 2/3), y) with y_L = 1/3, y_C + y_R = 2/3: the segment
    between ((1/3,2/3),(1/3,2/3,0)) and ((1/3,2/3),(1/3,0,2/3)), a second component."""
    g = sa.Game.from_arrays([[2, 0, 0], [0, 1, 1]], [[2, 0, 0], [0, 1, 1]])
    comps = sa.equilibrium_components(g)
    dims = sorted((len(c.equilibria), c.dimension) for c in comps)
    assert dims == [(1, 0), (2, 1), (2, 1)]
    third = sympy.Rational(1, 3)
    mixed = next(c for c in comps if any(s.row_vertices == ((third, 2 * third),)
                                         for s in c.subsets))
    assert set(mixed.subsets[0].column_vertices) == {(third, 2 * third, 0), (third, 0, 2 * third)}


def _lrs_components(g):
    """Components of lrsnash's extreme equilibria by union-find on shared strategies."""
    eqs = lrsnash_equilibria(g)
    parent = {}

    def find(v):
        while parent.setdefault(v, v) != v:
            v = parent[v]
        return v

    for s in eqs:
        x, y = s.strategies
        parent[find(("x", x))] = find(("y", y))
    groups = {}
    for s in eqs:
        groups.setdefault(find(("x", s.strategies[0])), set()).add(s)
    return {frozenset(v) for v in groups.values()}


@pytest.mark.skipif(not HAVE_LRS, reason="lrsnash (apt-get install lrslib) is not installed")
@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10**6), m=st.integers(1, 5), n=st.integers(1, 5))
@example(seed=12, m=4, n=4)
def test_against_lrsnash(seed, m, n):
    g = sa.games.random_game((m, n), seed=seed, low=0, high=2)     # degenerate on purpose
    comps = sa.equilibrium_components(g)
    assert {frozenset(c.equilibria) for c in comps} == _lrs_components(g)
    for c in comps:
        # every pair of a maximal Nash subset is an extreme equilibrium, and each extreme
        # equilibrium of the component lies in some subset
        pairs = {(s0, s1) for s in c.subsets for s0 in s.row_vertices for s1 in s.column_vertices}
        assert pairs == {tuple(e.strategies) for e in c.equilibria} | pairs
        assert {tuple(e.strategies) for e in c.equilibria} <= pairs
        for s0, s1 in pairs:
            assert sa.MixedProfile([list(s0), list(s1)]) in c.equilibria
