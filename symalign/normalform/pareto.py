"""Pareto frontiers of the pure payoff set ``P`` and of its convex hull (standard Pareto efficiency).

The pure frontier is the set of efficient points of the finite set ``P = {u(a) : a in A}``,
each with every profile attaining it. The convex-hull frontier is the efficient part of
``conv P`` (the payoffs of correlated agreements): its efficient vertices and its efficient
facets, each with a strictly positive normal vector ``lambda`` (the implicit welfare
weights for which the facet is welfare-optimal, normalised to sum to 1).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import sympy
from sympy import Integer, Matrix, Rational

from symalign.engines.symbolic import decide
from symalign.core.errors import InvalidGameError, UndecidableError
from symalign.core.game import Game, assumptions_of, require_numeric

__all__ = [
    "ParetoPoint",
    "ParetoFace",
    "ConvexParetoFrontier",
    "pareto_frontier",
    "convex_pareto_frontier",
    "payoff_points",
    "dominates",
    "ImprovementWeights",
    "improvement_weights",
]

SOURCE = "standard Pareto efficiency"


@dataclass(frozen=True)
class ParetoPoint:
    """An efficient payoff vector of ``P`` with every pure profile attaining it (row-major order).

    Examples
    ========

    >>> from symalign.normalform.games import chicken
    >>> from symalign.normalform.pareto import pareto_frontier
    >>> pareto_frontier(chicken())[1]    # (6, 6) at (C, C)
    ParetoPoint(payoff=(6, 6), profiles=((0, 0),))

    """

    payoff: tuple
    profiles: tuple


@dataclass(frozen=True)
class ParetoFace:
    """An efficient facet of ``conv P``: its vertices, a strictly positive normal and the offset.

    Every point ``y`` of ``conv P`` satisfies ``normal . y <= offset``, with equality exactly on
    the facet; ``normal`` sums to 1, so it is the vector of welfare weights for which the facet is
    the optimal face.

    Examples
    ========

    >>> from symalign.normalform.games import bargaining_test
    >>> from symalign.normalform.pareto import convex_pareto_frontier
    >>> convex_pareto_frontier(bargaining_test()).facets[0]    # edge (0,2)-(3,1)
    ParetoFace(vertices=((0, 2), (3, 1)), normal=(1/4, 3/4), offset=3/2)

    """

    vertices: tuple
    normal: tuple
    offset: sympy.Expr


@dataclass(frozen=True)
class ConvexParetoFrontier:
    """The efficient part of ``conv P`` (standard Pareto efficiency).

    ``vertices`` are the efficient vertices of ``conv P`` (for two players the monotone chain
    ordered by increasing ``u_0``, i.e. decreasing ``u_1``; otherwise lexicographic order);
    ``facets`` the efficient facets with their positive normals (for two players the chain's
    edges, in order). ``dimension`` is the dimension of ``conv P``. For ``n >= 3`` players and a
    lower-dimensional ``conv P`` the facets of the frontier are not enumerated
    (``facets_complete`` is ``False``); the vertices are always complete.

    Examples
    ========

    >>> from symalign.normalform.games import chicken
    >>> from symalign.normalform.pareto import convex_pareto_frontier
    >>> F = convex_pareto_frontier(chicken())   # (2,7)-(6,6)-(7,2)
    >>> F.vertices, F.dimension, (7, 2) in F
    (((2, 7), (6, 6), (7, 2)), 2, True)

    """

    vertices: tuple
    facets: tuple
    dimension: int
    facets_complete: bool = True
    method: str = "exact monotone chain (2 players) / exact hyperplane enumeration"
    source: str = SOURCE

    def __contains__(self, point) -> bool:
        return tuple(sympy.sympify(x) for x in point) in self.vertices


def _undominated(points) -> list:
    """The exact numeric payoff vectors of ``points`` that no other one weakly dominates."""
    return [v for v in points
            if not any(all(a >= b for a, b in zip(w, v)) and w != v for w in points)]


def payoff_points(game: Game) -> dict:
    """The pure payoff set ``P`` as ``{payoff vector: profiles attaining it}`` in row-major order.

    Examples
    ========

    >>> from symalign.normalform.games import battle_of_the_sexes
    >>> from symalign.normalform.pareto import payoff_points
    >>> payoff_points(battle_of_the_sexes())[(0, 0)]
    ((0, 1), (1, 0))

    """
    U = game.sympy_array()
    pts: dict = {}
    for a in game.outcomes():
        v = tuple(U[(i, *a)] for i in range(game.n_players))
        pts.setdefault(v, []).append(a)
    return {k: tuple(v) for k, v in pts.items()}


def dominates(y: Sequence, x: Sequence, assumptions=()) -> bool:
    """``y`` dominates ``x``: ``y >= x`` componentwise and ``y != x`` (standard Pareto efficiency).

    Raises `UndecidableError` when symbolic entries leave it open.

    Examples
    ========

    >>> from symalign.normalform.pareto import dominates
    >>> dominates((2, 2), (1, 2)), dominates((2, 2), (2, 2)), dominates((3, 0), (2, 2))
    (True, False, False)

    """
    if len(y) != len(x):
        raise InvalidGameError(f"Argument 'y' has {len(y)} entries but 'x' has {len(x)}.")
    ge = [decide(sympy.Ge(a, b), assumptions) for a, b in zip(y, x)]
    if any(v is False for v in ge):
        return False
    ne = [decide(sympy.Ne(a, b), assumptions) for a, b in zip(y, x)]
    if all(v is True for v in ge):
        if any(v is True for v in ne):
            return True
        if all(v is False for v in ne):
            return False
    cond = sympy.And(*[sympy.Ge(a, b) for a, b in zip(y, x)],
                     sympy.Or(*[sympy.Ne(a, b) for a, b in zip(y, x)]))
    raise UndecidableError(cond, "whether one payoff vector dominates another")


def pareto_frontier(game: Game, *, assumptions=()) -> tuple[ParetoPoint, ...]:
    """The efficient points of the pure payoff set ``P``, with the profiles attaining them
    (docs/discussion/security-bargaining.rst, "Pareto frontiers").

    A payoff vector is efficient when no other vector of ``P`` dominates it. Points are ordered
    lexicographically by payoff vector (for two players: increasing ``u_0``, decreasing
    ``u_1``); profiles attaining a point are in row-major order. Symbolic games are decided
    under their assumptions (`UndecidableError` otherwise).

    Examples
    ========

    >>> from symalign.normalform.games import prisoners_dilemma, battle_of_the_sexes
    >>> from symalign.normalform.pareto import pareto_frontier
    >>> [p.payoff for p in pareto_frontier(prisoners_dilemma())]
    [(0, 3), (2, 2), (3, 0)]
    >>> pareto_frontier(battle_of_the_sexes())[0]
    ParetoPoint(payoff=(1, 2), profiles=((1, 1),))

    Parameters
    ==========

    game : Game
    assumptions : iterable of sympy relations, optional
        Added to ``game.assumptions`` for symbolic comparisons.

    Returns
    =======

    tuple of ParetoPoint

    """
    A = assumptions_of(game, assumptions)
    pts = payoff_points(game)
    keys = list(pts)
    out = []
    if game.is_numeric:
        out = sorted(_undominated(keys))
    else:
        for v in keys:
            if not any(dominates(w, v, A) for w in keys if w is not v):
                out.append(v)
        out.sort(key=lambda v: tuple(sympy.default_sort_key(x) for x in v))
    return tuple(ParetoPoint(v, pts[v]) for v in out)


# -- convex hull ---------------------------------------------------------------------------

def _normalise(lam):
    s = sum(lam, Integer(0))
    return tuple(Rational(x) / s for x in lam)


def _cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _chain_2d(points) -> tuple[tuple, tuple]:
    """Efficient vertices (increasing x) and edges of the convex hull of 2-d rational points."""
    pts = sorted(set(points))
    upper: list = []
    for p in reversed(pts):           # from the largest x down: upper hull, right to left
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    upper.reverse()                   # now left to right along the upper hull
    ymax = max(p[1] for p in pts)
    xmax = max(p[0] for p in pts)
    # B: highest point, rightmost among those; A: rightmost point, highest among those
    B = max(p for p in pts if p[1] == ymax)
    A = max((p for p in pts if p[0] == xmax), key=lambda p: p[1])
    if A == B:
        return (A,), ()
    i, j = upper.index(B), upper.index(A)
    chain = tuple(upper[i:j + 1])
    edges = []
    for p, q in zip(chain, chain[1:]):
        lam = _normalise((p[1] - q[1], q[0] - p[0]))
        edges.append(ParetoFace((p, q), lam, lam[0] * p[0] + lam[1] * p[1]))
    return chain, tuple(edges)


def _affine_dimension(points) -> int:
    if len(points) <= 1:
        return 0
    p0 = points[0]
    M = Matrix([[x - y for x, y in zip(p, p0)] for p in points[1:]])
    return M.rank()


def _efficient_vertex(p, points) -> bool:
    """``p`` in ``P`` is an efficient vertex of ``conv P``: some ``lambda >= 1`` makes it the
    unique maximiser of ``lambda . y`` over ``P`` (exact LP, verified by symalign.engines.lp)."""
    from symalign.engines.lp import solve_lp
    others = [q for q in points if q != p]
    if not others:
        return True
    n = len(p)
    # variables lambda (n) and t; maximise t subject to lambda.(q - p) + t <= 0, lambda_i >= 1;
    # p is the unique maximiser for a positive lambda iff the optimum is > 0 (cap t <= 1).
    A_ub = [[q[i] - p[i] for i in range(n)] + [Integer(1)] for q in others]
    b_ub = [Integer(0)] * len(others)
    A_ub += [[Integer(-1) if k == i else Integer(0) for k in range(n)] + [Integer(0)]
             for i in range(n)]
    b_ub += [Integer(-1)] * n
    A_ub.append([Integer(0)] * n + [Integer(1)])
    b_ub.append(Integer(1))
    res = solve_lp([Integer(0)] * n + [Integer(1)], A_ub, b_ub, maximize=True,
                   free=list(range(n + 1)))
    return res.status == "optimal" and res.value > 0


def convex_pareto_frontier(game: Game) -> ConvexParetoFrontier:
    """The efficient frontier of ``conv P``: vertices and facets with positive normals
    (docs/discussion/security-bargaining.rst, "Pareto frontiers").

    A point of ``conv P`` is efficient iff it maximises ``lambda . y`` for some strictly
    positive ``lambda`` (Arrow–Barankin–Blackwell; exact for polytopes). For two players the
    frontier is a monotone polygonal chain, returned in order of increasing ``u_0``; each edge
    carries its normal, the welfare weights making it optimal. For ``n >= 3`` the vertices are
    found by an exact LP (`symalign.engines.lp`) and the facets by exact hyperplane enumeration.

    Examples
    ========

    >>> from symalign.normalform.games import prisoners_dilemma, coordination
    >>> from symalign.normalform.pareto import convex_pareto_frontier
    >>> F = convex_pareto_frontier(prisoners_dilemma())   # (0,3)-(2,2)-(3,0)
    >>> F.vertices
    ((0, 3), (2, 2), (3, 0))
    >>> [(f.normal, f.offset) for f in F.facets]
    [((1/3, 2/3), 2), ((2/3, 1/3), 2)]
    >>> convex_pareto_frontier(coordination()).vertices
    ((2, 2),)

    Parameters
    ==========

    game : Game
        A game with numeric payoffs.

    Returns
    =======

    ConvexParetoFrontier

    Raises
    ======

    InvalidGameError
        If the game has symbolic payoffs.

    """
    require_numeric(game, "convex_pareto_frontier")
    key = "convex_pareto_frontier"
    if key in game._cache:
        return game._cache[key]
    pts = list(payoff_points(game))
    n = game.n_players
    dim = _affine_dimension(pts)
    if n == 1:
        best = max(pts)
        res = ConvexParetoFrontier((best,), (ParetoFace((best,), (Integer(1),), best[0]),), dim)
    elif n == 2:
        chain, edges = _chain_2d(pts)
        res = ConvexParetoFrontier(chain, edges, dim, method="exact monotone chain")
    else:
        res = _frontier_nd(pts, n, dim)
    game._cache[key] = res
    return res


def _frontier_nd(pts, n, dim) -> ConvexParetoFrontier:
    pure_eff = _undominated(pts)
    verts = tuple(sorted(v for v in pure_eff if _efficient_vertex(v, pts)))
    facets = []
    if dim == n:
        seen = set()
        for S in itertools.combinations(verts, n):
            M = Matrix([[x - y for x, y in zip(p, S[0])] for p in S[1:]])
            ns = M.nullspace()
            if len(ns) != 1:
                continue
            lam = list(ns[0])
            if all(x < 0 for x in lam):
                lam = [-x for x in lam]
            if not all(x > 0 for x in lam):
                continue
            c = sum((a * b for a, b in zip(lam, S[0])), Integer(0))
            vals = [sum((a * b for a, b in zip(lam, q)), Integer(0)) for q in pts]
            if any(v > c for v in vals):
                continue
            on = tuple(sorted(v for v in verts
                              if sum((a * b for a, b in zip(lam, v)), Integer(0)) == c))
            if on in seen:
                continue
            seen.add(on)
            lamn = _normalise(lam)
            facets.append(ParetoFace(on, lamn, c / sum(lam, Integer(0))))
        facets.sort(key=lambda f: f.vertices)
    return ConvexParetoFrontier(verts, tuple(facets), dim, facets_complete=(dim == n or len(verts) == 1),
                                method="exact LP (symalign.engines.lp) for vertices, exact hyperplane "
                                       "enumeration for facets")


@dataclass(frozen=True)
class ImprovementWeights:
    """The welfare weights under which a change of outcome is a welfare gain.

    Attributes
    ==========

    gain : tuple of sympy.Rational
        ``u(after) - u(before)``, player by player.
    is_pareto_improvement : bool
        Nobody loses and somebody gains.
    gainers : tuple of int
        The players who gain.
    vertices : tuple of tuples of sympy.Rational
        The vertices of ``{w in simplex : w . gain >= 0}``, the weights under which the
        change is a weak welfare gain (empty when there are none). The gain is strict at
        ``w`` in this set exactly when ``w . gain > 0``.
    method : str


    Examples
    ========

    In the prisoner's dilemma (T, R, P, S = 3, 2, 1, 0) the move from (C, C) to (D, C) gains
    player 0 one unit and costs player 1 two, so it is a welfare gain exactly when
    ``w_0 >= 2 w_1``, i.e. ``w_0 >= 2/3`` on the simplex:

    >>> import symalign as sa
    >>> w = sa.improvement_weights(sa.games.prisoners_dilemma(), ("C", "C"), ("D", "C"))
    >>> w.gain, w.is_pareto_improvement, w.vertices
    ((1, -2), False, ((1, 0), (2/3, 1/3)))

    """

    gain: tuple
    is_pareto_improvement: bool
    gainers: tuple
    vertices: tuple
    method: str = "vertices of {w >= 0, sum w = 1, w . gain >= 0}, exactly"


def improvement_weights(game: Game, before, after) -> ImprovementWeights:
    """The welfare weights ``w`` (on the simplex) under which ``after`` is a welfare gain
    over ``before``.

    The weighted welfare ``W_w = sum_i w_i u_i`` rises when ``w . (u(after) - u(before))``
    is positive. For a Pareto improvement this holds for every weighting that puts some
    weight on a player who gains, and ``>= 0`` for all weightings, which is why Pareto
    improvements are welfare improvements whatever the (non-negative) weights
    (Sourbut, Hammond and Wood, "Cooperation and Alignment in Delegation Games: You Need
    Both!", 2024, footnote on welfare weights). For any other change the weights form a
    smaller polytope, whose vertices are the unit vectors of players who do not lose and,
    for each gainer ``i`` and loser ``j``, the point of the edge ``e_i e_j`` where
    ``w_i g_i + w_j g_j = 0``.

    Examples
    ========

    >>> import symalign as sa
    >>> pd = sa.games.prisoners_dilemma()
    >>> r = sa.improvement_weights(pd, ("D", "D"), ("C", "C"))     # (1, 1) -> (2, 2)
    >>> r.is_pareto_improvement, r.vertices
    (True, ((1, 0), (0, 1)))
    >>> r = sa.improvement_weights(pd, ("C", "C"), ("D", "C"))     # (2, 2) -> (3, 0)
    >>> r.gain, r.vertices          # player 0 must weigh at least 2/3
    ((1, -2), ((1, 0), (2/3, 1/3)))

    Parameters
    ==========

    game : Game
        A numeric game.
    before, after : profiles (pure, mixed or correlated)

    Returns
    =======

    ImprovementWeights

    """
    from symalign.core.profiles import expected_payoffs
    require_numeric(game, "improvement_weights")
    g = tuple(b - a for a, b in zip(expected_payoffs(game, before),
                                   expected_payoffs(game, after)))
    n = len(g)
    gainers = tuple(i for i in range(n) if g[i] > 0)
    losers = [j for j in range(n) if g[j] < 0]
    unit = [tuple(Integer(1) if k == i else Integer(0) for k in range(n))
            for i in range(n) if g[i] >= 0]
    edge = []
    for i in gainers:
        for j in losers:
            w = [Integer(0)] * n
            w[i] = -g[j] / (g[i] - g[j])
            w[j] = g[i] / (g[i] - g[j])
            edge.append(tuple(w))
    return ImprovementWeights(g, bool(gainers) and not losers, gainers,
                              tuple(unit) + tuple(edge))
