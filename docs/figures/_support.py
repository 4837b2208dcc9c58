"""Exact helpers shared by the figure scripts (run by the docs build and by ``docs/test_docs_figures.py``).

The figures use symalign wherever it has the function. Where a module has not landed in this
version of symalign, the quantity is computed here from its definition, exactly,
with sympy; each helper names the source it implements. Floats appear only at the very end,
when values are handed to matplotlib.
"""

from __future__ import annotations

import itertools

import sympy
from sympy import Rational, sqrt

import symalign as sa


def pyplot():
    """matplotlib.pyplot, imported when a figure is drawn (the exact data needs only symalign).

    Without matplotlib this raises ImportError naming it and the extra that installs it.
    """
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise ImportError("drawing the docs figures needs matplotlib: "
                          "python -m pip install -e '.[plot]'") from exc
    return plt


def library(name: str):
    """``symalign.NAME`` if this version exports it, else ``None``."""
    return getattr(sa, name, None) if name in sa.__all__ else None


# -- normal-form games ---------------------------------------------------------------------------

def payoff_vectors(game) -> dict[tuple, tuple]:
    """``{profile: (u_0(a), ..., u_{n-1}(a))}`` for every pure profile, in row-major order."""
    return {a: tuple(game.payoff(i, a) for i in range(game.n_players)) for a in game.outcomes()}


def pure_pareto_points(game) -> list[tuple]:
    """The efficient points of the finite set of pure payoff vectors (standard Pareto efficiency), sorted."""
    pts = sorted(set(payoff_vectors(game).values()))

    def dominated(x):
        return any(all(yi >= xi for yi, xi in zip(y, x)) and y != x for y in pts)

    return [x for x in pts if not dominated(x)]


def hull_frontier_2d(points: list[tuple]) -> list[tuple]:
    """Vertices, in order of increasing ``u_0``, of the Pareto frontier of ``conv(points)`` for
    two players (standard Pareto efficiency): the upper-right chain of the convex hull, kept where it is strictly
    decreasing."""
    pts = sorted(set(points))
    # upper hull by the monotone chain algorithm, exact arithmetic
    hull: list[tuple] = []
    for p in pts:
        while len(hull) >= 2:
            (x1, y1), (x2, y2) = hull[-2], hull[-1]
            if (x2 - x1) * (p[1] - y1) - (y2 - y1) * (p[0] - x1) >= 0:
                hull.pop()
            else:
                break
        hull.append(p)
    # efficient part: from the highest point to the right-most point, strictly decreasing
    top = max(hull, key=lambda q: (q[1], q[0]))
    chain = hull[hull.index(top):]
    return [q for k, q in enumerate(chain) if k == 0 or q[1] < chain[k - 1][1]]


# -- delegation games (Sourbut, Hammond & Wood (2024)) ---------------------------------------------

def epic_standardise(u) -> tuple[sympy.Expr, sympy.Expr, sympy.Matrix]:
    """EPIC shift, magnitude and standardised vector ``(c, m, nu)`` of a utility vector
    (Gleave et al. (2021); docs/discussion/delegation.rst, "Standardisation"):
    ``c`` the mean, ``m`` the Euclidean norm of ``u - c``, ``nu = (u - c)/m`` (0 if ``m = 0``)."""
    u = sympy.Matrix(u)
    c = sum(u) / len(u)
    centred = u - c * sympy.ones(len(u), 1)
    m = sympy.sqrt(sum(x**2 for x in centred))
    nu = centred * 0 if m == 0 else centred / m
    return sympy.nsimplify(c), sympy.radsimp(m), nu.applyfunc(sympy.radsimp)


def epic_distance(nu_hat, nu) -> sympy.Expr:
    """``d = ||nu_hat - nu||_2 / 2`` (Gleave et al. (2021), EPIC)."""
    diff = sympy.Matrix(nu_hat) - sympy.Matrix(nu)
    return sympy.sqrt(sympy.expand(sum(x**2 for x in diff))) / 2


EPIC_CONSTANTS = {"K_m": sqrt(2), "K_d": 2}
MAX_CONSTANTS = {"K_m": 2, "K_d": 1}


def form_a_bound(wr, misalignment, m, m_hat, K_m, K_d):
    """Form A with the optimal ratio ``R`` and the cap (docs/discussion/delegation.rst, Form A):

    ``min( min_{R in {0} ∪ {r_i}} R*WR + 2 K_d sum_i m_hat_i d_i + K_m sum_i m_i |r_i - R|,
    K_m sum_i m_hat_i )``, where ``misalignment = sum_i m_hat_i d_i`` (total misalignment).
    """
    r = [mh / mi for mh, mi in zip(m_hat, m)]
    candidates = [R * wr + 2 * K_d * misalignment + K_m * sum(mi * abs(ri - R)
                                                             for mi, ri in zip(m, r))
                  for R in [0, *r]]
    return sympy.Min(*candidates, K_m * sum(m_hat))


def ia_target_agent(nu_hat, xi, delta):
    """The agent vector at EPIC distance exactly ``delta`` from ``nu_hat``
    (symalign's exact construction, docs/discussion/delegation.rst):
    ``(1 - 2 delta^2) nu_hat + 2 delta sqrt(1 - delta^2) xi`` with ``xi`` a unit mean-zero vector
    orthogonal to ``nu_hat``."""
    return (1 - 2 * delta**2) * sympy.Matrix(nu_hat) + 2 * delta * sqrt(1 - delta**2) * sympy.Matrix(xi)


def argmax_set(values) -> list[int]:
    """Every index attaining the maximum, compared exactly."""
    best = values[0]
    for v in values[1:]:
        if sympy.simplify(v - best) > 0:
            best = v
    return [k for k, v in enumerate(values) if sympy.simplify(v - best) == 0]


def grid(start, stop, steps: int) -> list[sympy.Expr]:
    """``steps + 1`` equally spaced exact values from ``start`` to ``stop``."""
    start, stop = sympy.sympify(start), sympy.sympify(stop)
    return [start + (stop - start) * Rational(k, steps) for k in range(steps + 1)]


__all__ = [name for name in dir() if not name.startswith("_") and name not in
           {"annotations", "itertools", "sympy", "Rational", "sqrt", "sa"}]
