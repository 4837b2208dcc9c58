r"""The Nash bargaining solution is covariant under per-player positive affine maps.

.. math::

    \mathrm{NBS}(aF+b,\ a\odot d+b)=a\odot\mathrm{NBS}(F,d)+b\qquad(a_i>0),

Source: Nash (1950) (standard).

Method: lemma chain.

1. *identity*: on a frontier edge $x(t)=P+t(Q-P)$ of a two-player problem the Nash product
   $(x_0(t)-d_0)(x_1(t)-d_1)$ is a quadratic with stationary point
   $t^*=-\frac{(P_0-d_0)\Delta_1+(P_1-d_1)\Delta_0}{2\Delta_0\Delta_1}$; under
   $x_i\mapsto a_ix_i+b_i$ ($a_i>0$) $t^*$ is unchanged, so the maximiser maps covariantly
   (the product is multiplied by $a_0a_1>0$, so maximisers are preserved);
2. *exhaustive*: `symalign.normalform.nash_bargaining.nash_bargaining_solution` (convex hull, security threat
   point, which is itself covariant) on every two-player catalogue game and every map with
   $a\in\{(2,1),(1,3),(\tfrac12,2)\}$, $b\in\{(0,0),(1,-2)\}$: the transformed solution equals
   the mapped solution exactly, or both are undefined.
"""

from __future__ import annotations

import itertools

import sympy
from sympy import Rational

import symalign as sa
from symalign.normalform.nash_bargaining import nash_bargaining_solution
from symalign.proving.claims import check_identity, exhaustive
from symalign.proving.theorems import theorem

SCALES = ((2, 1), (1, 3), (Rational(1, 2), 2))
SHIFTS = ((0, 0), (1, -2))


def _t_star(P, Q, d):
    D = [Q[0] - P[0], Q[1] - P[1]]
    return -((P[0] - d[0]) * D[1] + (P[1] - d[1]) * D[0]) / (2 * D[0] * D[1])


def _mapped(g, a, b):
    U = g.sympy_array()
    return sa.Game([a[i] * U[i] + b[i] for i in range(2)], g.players, g.actions)


def _solution(g):
    try:
        return nash_bargaining_solution(g).point
    except sa.UndefinedMetricError:
        return None


def _covariant(item) -> bool:
    g, a, b = item
    x = _solution(g)
    y = _solution(_mapped(g, a, b))
    if x is None or y is None:
        return x is None and y is None
    return all(y[i] == a[i] * x[i] + b[i] for i in range(2))


@theorem(
    name="nash_bargaining_covariance",
    statement=r"\mathrm{NBS}(aF+b,\,a\odot d+b)=a\odot\mathrm{NBS}(F,d)+b"
              r"\ \text{for } a_i>0",
    source="Nash (1950), the bargaining problem",
    hypotheses=(r"a_i>0",),
    scope="generic shapes",
    covers="a generic frontier edge of a two-player problem; the library on named instances",
)
def proof():
    """The edge identity, then exhaustive covariance on the catalogue."""
    P = sympy.symbols("P_0 P_1", real=True)
    Q = sympy.symbols("Q_0 Q_1", real=True)
    d = sympy.symbols("d_0 d_1", real=True)
    a = sympy.symbols("a_0 a_1", positive=True)
    b = sympy.symbols("b_0 b_1", real=True)
    mapped = [[a[i] * v[i] + b[i] for i in range(2)] for v in (P, Q, d)]
    parts = [check_identity(_t_star(*mapped), _t_star(P, Q, d), [a[0] > 0, a[1] > 0],
                            name="t* is invariant under x_i -> a_i x_i + b_i")]
    t = sympy.Symbol("t", real=True)
    prod = sympy.expand((P[0] + t * (Q[0] - P[0]) - d[0]) * (P[1] + t * (Q[1] - P[1]) - d[1]))
    parts.append(check_identity(sympy.diff(prod, t).subs(t, _t_star(P, Q, d)), 0,
                                name="t* is the stationary point of the Nash product on the edge"))
    games = [f() for f, _ in sa.games.CATALOGUE.values()]
    items = [(g, s, sh) for g in games if g.n_players == 2 for s, sh in itertools.product(SCALES, SHIFTS)]
    parts.append(exhaustive(_covariant, items, name="NBS(aF + b) = a NBS(F) + b",
                            description="catalogue games x 6 positive affine maps"))
    return parts
