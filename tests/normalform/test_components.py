"""Tests for symalign.normalform.components: maximal Nash subsets and connected components.

Expected values come from hand-derived degenerate games (derivations in the docstrings) and
from ``lrsnash``: its extreme equilibria, grouped here by an independent union-find over the
pairs (two extreme equilibria sharing a strategy of either player lie in one component), and
on 6x6 to 10x10 degenerate games the maximal Nash subsets against a brute-force enumeration
of the maximal bicliques of lrsnash's equilibria.
"""

from __future__ import annotations

import itertools
import shutil

import numpy as np
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


def _degenerate_game(seed, m, n, kind):
    """A degenerate ``m x n`` game: ``"dup"`` copies the rows and columns of a random 2..4 x
    2..4 game with payoffs 0..3 (so the players can split weight between identical actions:
    continua of equilibria), ``"ties"`` draws every payoff from {0, 1}."""
    rng = np.random.default_rng(seed)
    if kind == "dup":
        k, c = int(rng.integers(2, 5)), int(rng.integers(2, 5))
        A0, B0 = rng.integers(0, 4, (k, c)), rng.integers(0, 4, (k, c))
        rows = rng.permutation(list(range(k)) + rng.integers(0, k, m - k).tolist())
        cols = rng.permutation(list(range(c)) + rng.integers(0, c, n - c).tolist())
        A, B = A0[rows][:, cols], B0[rows][:, cols]
    else:
        A, B = rng.integers(0, 2, (m, n)), rng.integers(0, 2, (m, n))
    return sa.Game.from_arrays(A.tolist(), B.tolist())


def _brute_force_bicliques(edges, xs, ys):
    """Every maximal biclique of the bipartite graph, by brute force over the subsets of the
    smaller side: ``(X', Y')`` is maximal iff ``Y'`` is the set of common neighbours of
    ``X'``, non-empty, and ``X'`` that of ``Y'`` (Avis, Rosenberg, Savani and von Stengel
    2010, Sec. 5: the maximal Nash subsets are the maximal cliques of compatible extreme
    equilibria). Returns None when the smaller side has more than 14 vertices."""
    swap = len(xs) > len(ys)
    if swap:
        xs, ys, edges = ys, xs, {(y, x) for x, y in edges}
    if len(xs) > 14:
        return None
    nbr = {x: {y for y in ys if (x, y) in edges} for x in xs}
    out = set()
    for r in range(1, len(xs) + 1):
        for X in itertools.combinations(xs, r):
            Y = set.intersection(*(nbr[x] for x in X))
            if Y and {x for x in xs if nbr[x] >= Y} == set(X):
                out.add((frozenset(Y), frozenset(X)) if swap else (frozenset(X), frozenset(Y)))
    return out


def _check_against_lrsnash(g):
    """The components of ``g`` against lrsnash's extreme equilibria: every one appears in
    exactly one component and in some maximal Nash subset; each subset is a clique of
    lrsnash equilibria that no other lrsnash vertex extends, and its barycentre is an
    equilibrium; the subsets are all the maximal bicliques (brute force, when small
    enough); the components are lrsnash's equilibria grouped by shared strategies."""
    lrs = set(lrsnash_equilibria(g))
    comps = sa.equilibrium_components(g)
    seen = [e for c in comps for e in c.equilibria]
    assert len(seen) == len(set(seen)) and set(seen) == lrs
    assert {frozenset(c.equilibria) for c in comps} == _lrs_components(g)
    edges = {tuple(e.strategies) for e in lrs}
    xs = sorted({x for x, _ in edges})
    ys = sorted({y for _, y in edges})
    got = set()
    for c in comps:
        mine = {tuple(e.strategies) for e in c.equilibria}
        for s in c.subsets:
            X, Y = set(s.row_vertices), set(s.column_vertices)
            assert {(x, y) for x in X for y in Y} <= mine          # a clique, in this component
            assert not any(all((x, y) in edges for y in Y) for x in xs if x not in X)
            assert not any(all((x, y) in edges for x in X) for y in ys if y not in Y)
            centre = [[sum(v[a] for v in S) / len(S) for a in range(len(next(iter(S))))]
                      for S in (X, Y)]
            assert sa.is_nash_equilibrium(g, centre)
            got.add((frozenset(X), frozenset(Y)))
    assert edges == {(x, y) for X, Y in got for x in X for y in Y}    # every vertex covered
    brute = _brute_force_bicliques(edges, xs, ys)
    if brute is not None:
        assert got == brute
    return comps, brute is not None


@pytest.mark.skipif(not HAVE_LRS, reason="lrsnash (apt-get install lrslib) is not installed")
@pytest.mark.parametrize("kind,m,n,seed", [
    ("dup", 6, 6, 0), ("dup", 8, 8, 0), ("dup", 10, 10, 0), ("dup", 10, 10, 2), ("dup", 7, 9, 4),
    ("dup", 10, 6, 5), ("ties", 6, 6, 0), ("ties", 8, 8, 1), ("ties", 10, 10, 0),
    ("ties", 9, 7, 3),
])
def test_larger_degenerate_games_against_lrsnash(kind, m, n, seed):
    """6x6 to 10x10 games with continua of equilibria (some lrsnash component has several
    extreme equilibria); the games with copied actions are small enough for the brute-force
    biclique enumeration."""
    g = _degenerate_game(seed, m, n, kind)
    _, brute = _check_against_lrsnash(g)
    assert brute or kind == "ties"
    assert max(len(c) for c in _lrs_components(g)) > 1


@pytest.mark.skipif(not HAVE_LRS, reason="lrsnash (apt-get install lrslib) is not installed")
@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 10**6), m=st.integers(6, 10), n=st.integers(6, 10),
       kind=st.sampled_from(["dup", "ties"]))
@example(seed=1, m=10, n=10, kind="dup")
def test_degenerate_games_against_lrsnash(seed, m, n, kind):
    _check_against_lrsnash(_degenerate_game(seed, m, n, kind))
