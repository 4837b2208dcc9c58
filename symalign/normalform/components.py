"""Equilibrium components of two-player games: maximal Nash subsets and connected components.

The Nash equilibria of a bimatrix game form a finite union of *maximal Nash subsets*, each a
product ``conv(X') x conv(Y')`` of the convex hulls of sets of extreme strategies such that
every pair in ``X' x Y'`` is an extreme equilibrium: the maximal bicliques of the bipartite
graph whose vertices are the extreme strategies of the two players and whose edges are the
extreme equilibria. Maximal Nash subsets that intersect lie in the same connected component,
and the components are the connected components of that graph (Avis, Rosenberg, Savani and
von Stengel 2010, Sec. 2 and 5; the output of ``lrsnash``). A degenerate game thus reports
segments and polytopes of equilibria, not just a list of vertices.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from symalign.core.game import Game
from symalign.normalform.equilibria import NashEquilibria, nash_equilibria

__all__ = ["NashSubset", "EquilibriumComponent", "EquilibriumComponents",
           "equilibrium_components"]

METHOD = ("maximal bicliques of the extreme-equilibrium graph (closed sets of common "
          "neighbours) and its connected components, over every extreme equilibrium from "
          "nash_equilibria (Avis, Rosenberg, Savani and von Stengel 2010)")


def _affine_dimension(points: tuple) -> int:
    if len(points) <= 1:
        return 0
    p0 = points[0]
    return sympy.Matrix([[a - b for a, b in zip(p, p0)] for p in points[1:]]).rank()


@dataclass(frozen=True)
class NashSubset:
    """A maximal Nash subset ``conv(row_vertices) x conv(column_vertices)``.

    Attributes
    ==========

    row_vertices, column_vertices : tuple of tuples of sympy.Rational
        The extreme strategies of player 0 and of player 1.
    dimension : int
        The dimension of the product of the two polytopes.

    """

    row_vertices: tuple
    column_vertices: tuple

    @property
    def dimension(self) -> int:
        """``dim conv(row_vertices) + dim conv(column_vertices)``."""
        return _affine_dimension(self.row_vertices) + _affine_dimension(self.column_vertices)


@dataclass(frozen=True)
class EquilibriumComponent:
    """A connected component of the Nash equilibria: a union of maximal Nash subsets.

    Attributes
    ==========

    subsets : tuple of NashSubset
    equilibria : tuple of MixedProfile
        The extreme equilibria in the component.

    """

    subsets: tuple
    equilibria: tuple = field(repr=False)

    @property
    def dimension(self) -> int:
        """The largest dimension of its maximal Nash subsets (0 for an isolated point)."""
        return max(s.dimension for s in self.subsets)

    @property
    def kind(self) -> str:
        """"isolated equilibrium", "segment", "union of segments" or "polytope"."""
        kind = {0: "isolated equilibrium", 1: "segment"}.get(self.dimension, "polytope")
        if self.dimension == 1 and len(self.subsets) > 1:
            kind = "union of segments"
        return kind

    def describe(self) -> str:
        """A one-line description: the kind and every maximal Nash subset."""
        kind = self.kind
        parts = []
        for s in self.subsets:
            rows = " | ".join("(" + ", ".join(map(str, v)) + ")" for v in s.row_vertices)
            cols = " | ".join("(" + ", ".join(map(str, v)) + ")" for v in s.column_vertices)
            parts.append(f"conv[{rows}] x conv[{cols}]")
        return f"{kind} of dimension {self.dimension}: " + "; ".join(parts)


@dataclass(frozen=True)
class EquilibriumComponents:
    """The components of a two-player game's Nash equilibria, and how they were computed.

    Iterating and ``len`` act on `components`.

    Attributes
    ==========

    components : tuple of EquilibriumComponent
        Ordered by their first extreme equilibrium (in the order of `nash_equilibria`).
    extreme : NashEquilibria
        Every extreme equilibrium.
    method : str


    Examples
    ========

    The prisoner's dilemma has one equilibrium, (D, D), so one component with one vertex:

    >>> import symalign as sa
    >>> c = sa.equilibrium_components(sa.games.prisoners_dilemma())
    >>> len(c), c.components[0].subsets[0].row_vertices
    (1, ((0, 1),))

    """

    components: tuple
    extreme: NashEquilibria = field(repr=False)
    method: str = field(default=METHOD, repr=False)

    def __iter__(self):
        return iter(self.components)

    def __len__(self) -> int:
        return len(self.components)

    def __getitem__(self, k):
        return self.components[k]


def _maximal_bicliques(edges: set, xs: list, ys: list) -> list[tuple[frozenset, frozenset]]:
    """Maximal bicliques ``(X', Y')`` of a bipartite graph, as the closed pairs: ``Y'`` the
    common neighbours of ``X'`` and ``X'`` those of ``Y'`` (both non-empty)."""
    nbr = {x: frozenset(y for y in ys if (x, y) in edges) for x in xs}
    closed = set()
    frontier = {nbr[x] for x in xs if nbr[x]}
    while frontier:
        closed |= frontier
        new = set()
        for a in frontier:
            for b in closed:
                c = a & b
                if c and c not in closed:
                    new.add(c)
        frontier = new
    out = []
    for Y in closed:
        X = frozenset(x for x in xs if Y <= nbr[x])
        # Y is closed: it is exactly the common neighbourhood of X
        if frozenset.intersection(*(nbr[x] for x in X)) == Y:
            out.append((X, Y))
    return out


def equilibrium_components(game: Game) -> EquilibriumComponents:
    """The maximal Nash subsets of a two-player game and the connected components they form.

    Every Nash equilibrium lies in a maximal Nash subset ``conv(X') x conv(Y')`` (sets of
    extreme strategies, every pair an extreme equilibrium); subsets that share a point form
    one connected component (Avis, Rosenberg, Savani and von Stengel 2010, Sec. 2). A
    non-degenerate game has only isolated equilibria; a degenerate one may have segments and
    polytopes.

    Examples
    ========

    >>> import symalign as sa
    >>> # player 1 is indifferent, so (T, any y) is a segment of equilibria
    >>> g = sa.Game.from_arrays([[1, 1], [0, 0]], [[0, 0], [0, 0]])
    >>> c = sa.equilibrium_components(g)
    >>> len(c), c[0].dimension
    (1, 1)
    >>> print(c[0].describe())
    segment of dimension 1: conv[(1, 0)] x conv[(1, 0) | (0, 1)]
    >>> [k.dimension for k in sa.equilibrium_components(sa.games.battle_of_the_sexes())]
    [0, 0, 0]

    Parameters
    ==========

    game : Game
        A numeric two-player game.

    Returns
    =======

    EquilibriumComponents

    """
    ne = nash_equilibria(game)
    xs: list = []
    ys: list = []
    edges = set()
    for sigma in ne.profiles:
        x, y = sigma.strategies
        if x not in xs:
            xs.append(x)
        if y not in ys:
            ys.append(y)
        edges.add((x, y))
    # connected components of the bipartite graph, by union-find
    parent: dict = {}

    def find(v):
        while parent.setdefault(v, v) != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for x, y in edges:
        parent[find(("x", x))] = find(("y", y))
    bicliques = _maximal_bicliques(edges, xs, ys)
    comps: dict = {}
    order: list = []
    for sigma in ne.profiles:
        r = find(("x", sigma.strategies[0]))
        if r not in comps:
            comps[r] = []
            order.append(r)
        comps[r].append(sigma)
    out = []
    for r in order:
        subsets = [NashSubset(tuple(x for x in xs if x in X), tuple(y for y in ys if y in Y))
                   for X, Y in bicliques if find(("x", next(iter(X)))) == r]
        subsets.sort(key=lambda s: (xs.index(s.row_vertices[0]), ys.index(s.column_vertices[0])))
        out.append(EquilibriumComponent(tuple(subsets), tuple(comps[r])))
    return EquilibriumComponents(tuple(out), ne)
