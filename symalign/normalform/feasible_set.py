"""The individually rational feasible set ``F_d`` of a bargaining problem, exactly: two-dimensional
hull geometry and coordinate maxima by exact LP."""

from __future__ import annotations

from sympy import Integer

__all__ = []


# -- two-dimensional exact geometry ---------------------------------------------------------

def _cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _hull_2d(points) -> list:
    """Convex hull vertices in counter-clockwise order (1 or 2 points for degenerate hulls)."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts
    lower: list = []
    for p in pts:
        while len(lower) >= 2 and _cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list = []
    for p in reversed(pts):
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    hull = lower[:-1] + upper[:-1]
    return hull if len(hull) >= 2 else pts[:1]


def _clip(poly: list, k: int, dk) -> list:
    """Clip a convex polygon (vertex list) to the half-plane ``x_k >= dk``, exactly."""
    if not poly:
        return []
    if len(poly) == 1:
        return poly if poly[0][k] >= dk else []
    out = []
    m = len(poly)
    for idx in range(m):
        p, q = poly[idx], poly[(idx + 1) % m]
        pin, qin = p[k] >= dk, q[k] >= dk
        if pin:
            out.append(p)
        if pin != qin:
            t = (dk - p[k]) / (q[k] - p[k])
            out.append(tuple(a + t * (b - a) for a, b in zip(p, q)))
    return _hull_2d(out)


def _F_d_2d(points, d) -> list:
    poly = _hull_2d(points)
    for k in range(2):
        poly = _clip(poly, k, d[k])
    return sorted(poly)


# -- n-dimensional exact LPs ---------------------------------------------------------------

def _max_coordinate(points, d, k):
    """``max {y_k : y in conv P, y >= d}`` by an exact LP, or None if infeasible."""
    from symalign.engines.lp import solve_lp
    m, n = len(points), len(d)
    A_ub = [[-p[i] for p in points] for i in range(n)]
    b_ub = [-x for x in d]
    res = solve_lp([p[k] for p in points], A_ub, b_ub, A_eq=[[Integer(1)] * m],
                   b_eq=[Integer(1)], maximize=True)
    if res.status != "optimal":
        return None
    return res.value
