"""The Kalai–Smorodinsky bargaining solution, exact (Kalai & Smorodinsky (1975))."""

from __future__ import annotations

from dataclasses import dataclass

import sympy
from sympy import Integer

from symalign.core.errors import UndefinedMetricError
from symalign.core.game import Game
from symalign.normalform.bargaining import _numeric, threat_point
from symalign.normalform.feasible_set import _F_d_2d, _max_coordinate

__all__ = ["kalai_smorodinsky", "KalaiSmorodinskySolution"]


# -- Kalai–Smorodinsky ---------------------------------------------------------------------

@dataclass(frozen=True)
class KalaiSmorodinskySolution:
    """The Kalai–Smorodinsky point ``d + t* (I - d)`` with its ideal point ``I`` (Kalai & Smorodinsky (1975)).

    Examples
    ========

    >>> from symalign.normalform.games import battle_of_the_sexes
    >>> from symalign.normalform.kalai_smorodinsky import kalai_smorodinsky
    >>> ks = kalai_smorodinsky(battle_of_the_sexes(), (0, 0))
    >>> ks.point, ks.ideal, ks.t
    ((3/2, 3/2), (2, 2), 3/4)

    """

    point: tuple
    ideal: tuple
    t: sympy.Expr
    threat: tuple
    method: str = ""
    source: str = "Kalai & Smorodinsky (1975)"


def kalai_smorodinsky(game: Game, threat="security", *, threat_profile=None
                      ) -> KalaiSmorodinskySolution:
    """The Kalai–Smorodinsky solution on the comprehensive individually rational set
    (Kalai & Smorodinsky (1975)).

    ``B_d = {x >= d : x <= y for some y in conv P}``; ``I_i = max_{x in B_d} x_i``;
    ``KS = d + t* (I - d)`` with ``t*`` the largest ``t`` keeping the point in ``B_d``.
    Undefined if ``B_d`` is empty or ``I_i = d_i`` for some ``i``. Exact: closed forms for two
    players, exact LPs (`symalign.engines.lp`) for ``n >= 3``.

    Examples
    ========

    >>> from symalign.normalform.games import bargaining_test, prisoners_dilemma
    >>> from symalign.normalform.kalai_smorodinsky import kalai_smorodinsky
    >>> ks = kalai_smorodinsky(bargaining_test(), (0, 0))   # differs from the NBS (3, 1)
    >>> ks.ideal, ks.point
    ((4, 2), (12/5, 6/5))
    >>> kalai_smorodinsky(prisoners_dilemma(), (1, 1)).ideal
    (5/2, 5/2)

    Raises
    ======

    UndefinedMetricError
        If ``B_d`` is empty or some ``I_i = d_i``.

    """
    _numeric(game, "kalai_smorodinsky")
    d = tuple(threat_point(game, threat, threat_profile=threat_profile))
    from symalign.normalform.pareto import convex_pareto_frontier, payoff_points
    points = list(payoff_points(game))
    n = game.n_players
    if n == 2:
        Fd = _F_d_2d(points, d)
        if not Fd:
            raise UndefinedMetricError("kalai_smorodinsky", f"B_d is empty: no point of conv P "
                                       f"weakly dominates the threat point {d}")
        ideal = tuple(max(p[k] for p in Fd) for k in range(2))
    else:
        ideal = tuple(_max_coordinate(points, d, k) for k in range(n))
        if any(m is None for m in ideal):
            raise UndefinedMetricError("kalai_smorodinsky", f"B_d is empty: no point of conv P "
                                       f"weakly dominates the threat point {d}")
    for i, (a, b) in enumerate(zip(ideal, d)):
        if a == b:
            raise UndefinedMetricError("kalai_smorodinsky", f"degenerate: player {i}'s ideal "
                                       f"payoff equals the threat point, I_{i} = d_{i} = {a}")
    r = tuple(a - b for a, b in zip(ideal, d))
    if n == 2:
        F = convex_pareto_frontier(game)
        halfspaces = [((Integer(1), Integer(0)), max(p[0] for p in points)),
                      ((Integer(0), Integer(1)), max(p[1] for p in points))]
        halfspaces += [(f.normal, f.offset) for f in F.facets]
        t = min((c - sum((l * x for l, x in zip(lam, d)), Integer(0)))
                / sum((l * x for l, x in zip(lam, r)), Integer(0)) for lam, c in halfspaces)
        method = "exact: the ray meets the comprehensive hull's frontier"
    else:
        from symalign.engines.lp import solve_lp
        m = len(points)
        # variables mu (m) and t; maximise t s.t. d + t r <= sum mu p, sum mu = 1
        A_ub = [[-p[i] for p in points] + [r[i]] for i in range(n)]
        b_ub = [-x for x in d]
        res = solve_lp([Integer(0)] * m + [Integer(1)], A_ub, b_ub,
                       A_eq=[[Integer(1)] * m + [Integer(0)]], b_eq=[Integer(1)],
                       maximize=True)
        t = res.value
        method = "exact LP (symalign.engines.lp)"
    point = tuple(a + t * b for a, b in zip(d, r))
    return KalaiSmorodinskySolution(point, ideal, t, d, method=method)
