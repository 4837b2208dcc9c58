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


# -- algebraic threat points -----------------------------------------------------------------

def _exact_sign(e) -> int:
    """The exact sign of a closed real algebraic number (rational fast path)."""
    import sympy
    e = sympy.sympify(e)
    if e.is_Rational:
        return (e.p > 0) - (e.p < 0)
    from symalign.engines.algebraic import sign
    return sign(e, "the sign of an algebraic number in the bargaining problem")


def _rational_near(x, width):
    """A rational ``q`` with ``|x - q| <= width``, the bound checked by exact signs."""
    import sympy
    x = sympy.sympify(x)
    if x.is_Rational:
        return x
    digits = 15
    while True:
        q = sympy.Rational(str(sympy.N(x, digits)))
        if _exact_sign(x - q - width) <= 0 and _exact_sign(x - q + width) >= 0:
            return q
        digits *= 2


def threat_slack_sign(points, d, *, rounds: int = 6):
    """The exact sign of ``t* = max_{y in conv P} min_i (y_i - d_i)`` for an algebraic ``d``.

    ``t* > 0`` iff some feasible agreement is strictly above ``d``; ``t* < 0`` iff ``F_d`` is
    empty. By LP duality ``t* = min_{lambda in simplex} (max_p lambda . p - lambda . d)``,
    and ``t*`` is 1-Lipschitz in ``d`` (sup norm). So the exact LP at a rational ``q`` with
    ``|d - q| <= delta`` decides the sign whenever ``|t*(q)| > delta``; otherwise its optimal
    ``lambda`` and agreement ``y`` are tried as exact certificates at ``d`` itself
    (``max_p lambda . p - lambda . d < 0`` or ``= 0``; ``y > d``), and ``delta`` shrinks.

    Returns ``(sign, lam)``: sign 1 or -1, or 0 meaning ``t* <= 0`` with ``lam`` a certificate
    that ``lam . y <= lam . d`` for every ``y`` in ``conv P`` (so ``t*`` is 0 exactly when
    ``F_d`` is not empty). Raises `UndecidableError` when ``rounds`` refinements do not decide.
    """
    import sympy
    from symalign.core.errors import UndecidableError
    from symalign.engines.lp import solve_lp
    m, n = len(points), len(d)
    for r in range(rounds):
        delta = sympy.Rational(1, 2 ** (16 + 24 * r))
        q = [_rational_near(x, delta) for x in d]
        A_ub = [[-p[i] for p in points] + [Integer(1)] for i in range(n)]
        res = solve_lp([Integer(0)] * m + [Integer(1)], A_ub, [-x for x in q],
                       A_eq=[[Integer(1)] * m + [Integer(0)]], b_eq=[Integer(1)],
                       maximize=True, free=[m])
        t = res.value
        if t > delta:
            return 1, None
        if t < -delta:
            return -1, None
        lam = [abs(v) for v in res.y_ub]
        total = sum(lam, Integer(0))
        lam = [v / total for v in lam]
        top = max(sum((a * b for a, b in zip(lam, p)), Integer(0)) for p in points)
        s = _exact_sign(top - sum((a * b for a, b in zip(lam, d)), Integer(0)))
        if s < 0:
            return -1, None
        if s == 0:
            return 0, tuple(lam)
        y = [sum((mu * p[i] for mu, p in zip(res.x[:m], points)), Integer(0)) for i in range(n)]
        if all(_exact_sign(a - b) > 0 for a, b in zip(y, d)):
            return 1, None
    raise UndecidableError(sympy.Gt(sympy.Symbol("t_star"), 0),
                           "whether a feasible agreement lies strictly above the algebraic "
                           f"threat point {tuple(d)} (max min_i (y_i - d_i) is within "
                           f"{delta} of 0)")
